import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { MediaType } from '../../schemas/index.js';
import { VerbaliError } from '../errors.js';
import { detectMediaType } from './media-type.js';

/** An input read into memory, identified by the hash of its bytes. */
export interface LoadedSource {
  /** As given by the caller (command line), `-` for stdin. */
  file: string;
  bytes: Buffer;
  /** The size in bytes, kept: pdf.js takes the bytes' buffer for itself (no copy), after which `bytes` is empty. */
  size: number;
  sha256: string;
  mediaType: MediaType;
}

/** Inputs larger than this are refused before being read (a scan of 200 MB is not a verbale). */
export const MAX_INPUT_BYTES = 512 * 1024 * 1024;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Wrap bytes already in memory (stdin, tests) as a source. */
export function sourceFromBytes(file: string, bytes: Buffer, mediaType?: MediaType): LoadedSource {
  if (bytes.length === 0) throw new VerbaliError('E_INPUT_EMPTY', 'the file is empty (0 bytes)', { file });
  return { file, bytes, size: bytes.length, sha256: sha256Hex(bytes), mediaType: mediaType ?? detectMediaType(file, bytes) };
}

/** Read, hash and type an input file. Errors name the file and the reason. */
export async function readSource(file: string): Promise<LoadedSource> {
  let size: number;
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new VerbaliError('E_INPUT_TYPE', 'is a folder, not a file', { file });
    size = info.size;
  } catch (error) {
    if (error instanceof VerbaliError) throw error;
    throw ioError(file, error);
  }
  if (size > MAX_INPUT_BYTES) {
    throw new VerbaliError('E_INPUT_TOO_LARGE', `the file is ${size} bytes, over the ${MAX_INPUT_BYTES}-byte limit`, { file });
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw ioError(file, error);
  }
  return sourceFromBytes(file, bytes);
}

/** A file-system error as a VerbaliError with the reason a person can act on. */
export function ioError(file: string, error: unknown): VerbaliError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new VerbaliError('E_INPUT_MISSING', 'no such file', { file, cause: error });
  if (code === 'EACCES' || code === 'EPERM') {
    return new VerbaliError('E_INPUT_UNREADABLE', 'permission denied: check the file mode', { file, cause: error });
  }
  if (code === 'ELOOP') return new VerbaliError('E_INPUT_UNREADABLE', 'symbolic link loop', { file, cause: error });
  return new VerbaliError('E_INPUT_UNREADABLE', `cannot read: ${(error as Error).message}`, { file, cause: error });
}

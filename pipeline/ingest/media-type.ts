import { extname } from 'node:path';
import type { MediaType } from '../../schemas/index.js';
import { VerbaliError } from '../errors.js';

/** File extensions verbali reads, and what each promises. */
const BY_EXTENSION: Readonly<Record<string, MediaType>> = {
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
  '.txt': 'text/plain',
  '.md': 'text/markdown',
};

/** True when the path's extension is one verbali reads (used by discovery). */
export function isSupportedPath(path: string): boolean {
  return extname(path).toLowerCase() in BY_EXTENSION;
}

/** The media type the bytes themselves declare, from their magic number; null for text or unknown. */
export function sniffMediaType(bytes: Uint8Array): MediaType | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x49, 0x49, 0x2a, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2a)) return 'image/tiff';
  return null;
}

/**
 * The media type of an input: the extension says what the file should be, the
 * bytes must agree. A PDF renamed `.png` is refused rather than guessed at, so
 * a mislabelled file is noticed by the person who runs the batch.
 */
export function detectMediaType(file: string, bytes: Uint8Array): MediaType {
  const ext = extname(file).toLowerCase();
  const declared = BY_EXTENSION[ext];
  const sniffed = sniffMediaType(bytes);
  if (!declared) {
    throw new VerbaliError(
      'E_INPUT_TYPE',
      `unsupported file type "${ext || '(no extension)'}": verbali reads .pdf, .png, .jpg, .tif, .txt and .md`,
      { file },
    );
  }
  const isText = declared === 'text/plain' || declared === 'text/markdown';
  if (isText ? sniffed !== null : sniffed !== declared) {
    throw new VerbaliError(
      'E_INPUT_TYPE',
      `content does not match the extension ${ext}: the bytes look like ${sniffed ?? 'neither PDF nor image'}; rename or re-export the file`,
      { file },
    );
  }
  return declared;
}

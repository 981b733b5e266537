import { randomInt } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { VerbaliError } from '../errors.js';

/** A failure to write into the output folder: the folder's fault (a full disk, permissions), not the input's. */
export function outputError(path: string, error: unknown): VerbaliError {
  if (error instanceof VerbaliError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOSPC' || code === 'EDQUOT'
      ? 'the disk is full: free some space and run again (nothing half-written was left)'
      : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? 'the output folder is not writable: check its permissions'
        : (error as Error)?.message ?? String(error);
  return new VerbaliError('E_OUTPUT', `cannot write ${path}: ${why}`, { cause: error });
}

/**
 * Write a record's files so that each appears whole or not at all, and a
 * failure changes none of them: every file goes to a temp file beside it
 * (`<file>.<number>`, which the next run sweeps after a crash), fsynced; only
 * when all are written are they renamed into place, the last one (the record)
 * last. write-file-atomic does this for one file; a record and its Markdown
 * need the writing of both to succeed before either is renamed. Any error is
 * `E_OUTPUT`, with the temp files removed.
 */
export async function writeTogether(files: readonly { path: string; data: string }[]): Promise<void> {
  const temps: string[] = [];
  let current = files[0]?.path ?? '';
  try {
    for (const { path, data } of files) {
      current = path;
      const temp = `${path}.${randomInt(1e9)}`;
      temps.push(temp);
      const handle = await open(temp, 'wx');
      try {
        await handle.writeFile(data);
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
    for (const [i, { path }] of files.entries()) {
      current = path;
      await rename(temps[i] as string, path);
    }
    await syncFolder(dirname(current));
  } catch (error) {
    await Promise.all(temps.map((t) => rm(t, { force: true })));
    throw outputError(current, error);
  }
}

/** fsync a folder so the renames in it survive a power cut. */
async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

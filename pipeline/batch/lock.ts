import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { VerbaliError } from '../errors.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One run at a time per output folder: an exclusive lock file holding the
 * owner's pid. A lock whose process is gone (killed, crashed) is stale and
 * taken over; a live one makes the second run refuse with `E_LOCKED`.
 * Returns the release function.
 */
export function acquireLock(path: string): () => void {
  mkdirSync(dirname(path), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
      closeSync(fd);
      return () => {
        try {
          unlinkSync(path);
        } catch {
          // already gone: nothing to release
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let owner: { pid?: number; host?: string; since?: string } = {};
      try {
        owner = JSON.parse(readFileSync(path, 'utf8')) as typeof owner;
      } catch {
        // a lock half-written by a killed run is stale
      }
      if (owner.pid && owner.host === hostname() && alive(owner.pid)) {
        throw new VerbaliError('E_LOCKED', `another verbali run (pid ${owner.pid}, since ${owner.since}) is writing to this folder; wait for it to finish`, {
          file: dirname(dirname(path)),
        });
      }
      unlinkSync(path); // stale: its owner is gone
    }
  }
  throw new VerbaliError('E_LOCKED', 'could not take the output folder lock', { file: dirname(dirname(path)) });
}

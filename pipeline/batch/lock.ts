import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { z } from 'zod';
import { VerbaliError } from '../errors.js';

/** What a lock file says about its owner. */
const Owner = z.object({
  host: z.string(),
  pid: z.number().int(),
  /** The owner process's start time as the kernel counts it (`/proc/PID/stat`, field 22), so a reused pid is not mistaken for the owner; null off Linux. */
  started: z.string().nullable(),
  /** When the run began (for people). */
  since: z.string(),
  /** Makes every lock's content unique, so "the lock I judged stale" is one exact text. */
  token: z.string(),
});
type Owner = z.infer<typeof Owner>;

/** A process's start time from /proc (Linux), or null where there is none. */
function startTimeOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The owner is gone: on this host, its pid is dead or now belongs to another process. Another host's owner is never judged from here. */
function gone(owner: Owner): boolean {
  if (owner.host !== hostname()) return false;
  if (!alive(owner.pid)) return true;
  const started = startTimeOf(owner.pid);
  return owner.started !== null && started !== null && started !== owner.started;
}

function read(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function parse(text: string): Owner | null {
  try {
    return Owner.parse(JSON.parse(text));
  } catch {
    return null;
  }
}

/** Write `text` to a temp file beside `path` (whole, before anyone can see it) and return its name. */
function tempWith(path: string, text: string): string {
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temp, text, { flag: 'wx' });
  return temp;
}

/** Create `path` holding `text` only if it does not exist: a hard link of a complete temp file, so nobody reads it half-written. */
function createExclusive(path: string, text: string): boolean {
  const temp = tempWith(path, text);
  try {
    linkSync(temp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(temp);
  }
}

/**
 * Replace `path`, whose content was `seen`, with `text`: only if it still
 * holds `seen`, and only one process for a given `seen`. The right to replace
 * is a claim file named after `seen`, created exclusively; the replacement is
 * a rename over the lock, so the lock never disappears for a third process to
 * create meanwhile. A claim whose owner died in the middle is itself replaced
 * the same way.
 */
function replace(path: string, seen: string, text: string): boolean {
  const claim = `${path}.claim-${Buffer.from(parse(seen)?.token ?? seen.slice(0, 24)).toString('hex').slice(0, 32)}`;
  if (!createExclusive(claim, text)) {
    const other = read(claim);
    if (other === null) return false;
    const claimant = parse(other);
    if (claimant && !gone(claimant)) return false;
    if (!replace(claim, other, text)) return false;
  }
  try {
    if (read(path) !== seen) return false;
    renameSync(tempWith(path, text), path);
    return true;
  } finally {
    unlinkSync(claim);
  }
}

/**
 * One run at a time per output folder: `OUT/.verbali/lock` names the owner's
 * host, pid and process start time. A lock whose owner is gone from this host
 * (killed, crashed, its pid reused) is stale and taken over atomically. A
 * live owner, or any owner on another host (a folder shared over the network),
 * makes the run refuse with `E_LOCKED`; `force` (`--force-unlock`) takes the
 * lock regardless. Returns the release function.
 */
export function acquireLock(path: string, options: { force?: boolean } = {}): () => void {
  mkdirSync(dirname(path), { recursive: true });
  const mine: Owner = { host: hostname(), pid: process.pid, started: startTimeOf(process.pid), since: new Date().toISOString(), token: randomBytes(8).toString('hex') };
  const text = JSON.stringify(mine);
  const folder = dirname(dirname(path));
  for (let attempt = 0; attempt < 5; attempt++) {
    if (createExclusive(path, text)) return () => release(path, text);
    const seen = read(path);
    if (seen === null) continue;
    const owner = parse(seen);
    if (owner && !options.force && !gone(owner)) {
      const where = owner.host === hostname() ? `pid ${owner.pid}` : `host ${owner.host}, pid ${owner.pid}`;
      const what = owner.host === hostname() ? 'wait for it to finish' : 'if that run is gone, rerun with --force-unlock';
      throw new VerbaliError('E_LOCKED', `another verbali run (${where}, since ${owner.since}) is writing to this folder; ${what}`, { file: folder });
    }
    // Stale (or unreadable: a lock is never half-written, so that is not a live owner's), or forced.
    if (replace(path, seen, text)) return () => release(path, text);
  }
  throw new VerbaliError('E_LOCKED', 'could not take the output folder lock: other runs keep taking it; try again', { file: folder });
}

/** Remove the lock if it is still ours (`--force-unlock` elsewhere may have taken it). */
function release(path: string, text: string): void {
  try {
    if (read(path) === text) unlinkSync(path);
  } catch {
    // already gone: nothing to release
  }
}

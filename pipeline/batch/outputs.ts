import { createHash, randomInt } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { RECORD_SCHEMA_ID, type VerbaleRecord } from '../../schemas/index.js';
import { wordsSidecar } from '../emit/index.js';
import { VerbaliError } from '../errors.js';
import type { RunResult } from '../run.js';
import { VERSION } from '../version.js';

/*
 * What an output folder holds per input, and the one way it is written,
 * shared by the local batch (`run --out`) and the queue's workers so both
 * write the same files the same way: `<name>.json`, `<name>.md` and, for
 * OCR'd inputs, the word boxes `<name>.words.jsonl`, all whole or none
 * (`writeTogether`).
 */

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
 * Write files so that each appears whole or not at all, and a failure
 * changes none of them: every file goes to a temp file beside it
 * (`<file>.<number>`, which the next run sweeps after a crash), fsynced; only
 * when all are written are they renamed into place, the last one (the record)
 * last. write-file-atomic does this for one file; a record and its Markdown
 * need the writing of both to succeed before either is renamed. Any error is
 * `E_OUTPUT`, with the temp files removed. `sync: false` skips the fsyncs,
 * for files made again at will (the review site): still whole or absent.
 */
export async function writeTogether(files: readonly { path: string; data: string | Uint8Array }[], { sync = true } = {}): Promise<void> {
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
        if (sync) await handle.sync();
      } finally {
        await handle.close();
      }
    }
    for (const [i, { path }] of files.entries()) {
      current = path;
      await rename(temps[i] as string, path);
    }
    if (sync) await syncFolder(dirname(current));
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

/**
 * Write an input's record and Markdown into `out` as `<name>.json` and
 * `<name>.md`, and the word boxes of its OCR'd pages as
 * `<name>.words.jsonl`, together (`writeTogether`). `aliases`, other paths of
 * the same bytes, go into the record's `source.aliases`. A record without
 * word boxes (a text input) removes a sidecar left by an earlier run, so no
 * stale boxes stay beside it.
 */
export async function writeRecordFiles(out: string, name: string, result: RunResult, aliases: readonly string[] = []): Promise<void> {
  const record = withAliases(result.record, aliases);
  const sidecar = join(out, `${name}.words.jsonl`);
  await writeTogether([
    { path: join(out, `${name}.md`), data: result.markdown },
    ...(result.words.length > 0 ? [{ path: sidecar, data: wordsSidecar(record, result.words) }] : []),
    { path: join(out, `${name}.json`), data: recordJson(record) },
  ]);
  if (result.words.length > 0) return;
  try {
    await rm(sidecar, { force: true });
  } catch (error) {
    throw outputError(sidecar, error);
  }
}

/**
 * A record written into `out`, if it is there and whole: it parses as JSON,
 * is a record of this schema (of `sha256`'s bytes, when given) and has its
 * Markdown beside it; else null. Not a full validation: records are written
 * whole or not at all, and a rerun over 1,000 inputs stays fast.
 */
export function readWrittenRecord(out: string, name: string, sha256?: string): VerbaleRecord | null {
  try {
    const record = JSON.parse(readFileSync(join(out, `${name}.json`), 'utf8')) as VerbaleRecord;
    if (record?.schema !== RECORD_SCHEMA_ID || (sha256 !== undefined && record.id !== `sha256:${sha256}`)) return null;
    return existsSync(join(out, `${name}.md`)) ? record : null;
  } catch {
    return null;
  }
}

/**
 * Add other paths of the same bytes to a written record's `source.aliases`,
 * replacing the record whole. `record` is the record as read, if the caller
 * has it. A record that is not there (or not whole) is `E_OUTPUT`.
 */
export async function addRecordAliases(out: string, name: string, files: readonly string[], record?: VerbaleRecord): Promise<void> {
  const path = join(out, `${name}.json`);
  const current = record ?? readWrittenRecord(out, name);
  if (!current) throw new VerbaliError('E_OUTPUT', `cannot add aliases to ${path}: the record is missing or damaged; process the input again`);
  const updated = withAliases(current, files);
  if (updated === current) return;
  await writeTogether([{ path, data: recordJson(updated) }]);
}

/** The record with `files` among its aliases (never its own `source.file`); the same object when nothing is new. */
function withAliases(record: VerbaleRecord, files: readonly string[]): VerbaleRecord {
  const known = record.source.aliases ?? [];
  const fresh = files.filter((f) => f !== record.source.file && !known.includes(f));
  if (fresh.length === 0) return record;
  return { ...record, source: { ...record.source, aliases: [...new Set([...known, ...fresh])] } };
}

function recordJson(record: VerbaleRecord): string {
  return `${JSON.stringify(record, null, 2)}\n`;
}

/**
 * The output names an input may take, in order of preference: `<name>` from
 * its file name (`verbale.pdf` → `verbale`), then `verbale.pdf`, then
 * `verbale-<hash8>`; the last, `verbale-<hash16>`, is taken when all are owned.
 */
export function outputNameCandidates(file: string, key: string): [string, string, string, string] {
  const safe = (s: string) => s.replace(/[^\p{L}\p{N}._-]+/gu, '_') || 'input';
  const base = safe(basename(file, extname(file)));
  return [base, safe(basename(file)), `${base}-${key.slice(0, 8)}`, `${base}-${key.slice(0, 16)}`];
}

/** What changes a record besides the input: verbali's version and the user's dictionaries (by content). */
export function outputOptionsKey(dictionaries: readonly string[]): string {
  const dicts = dictionaries.map((f) => {
    try {
      return sha256(readFileSync(f, 'utf8'));
    } catch {
      return `missing:${f}`;
    }
  });
  return JSON.stringify({ version: VERSION, dicts });
}

/** An input's key: the hash of its bytes' hash and the options key. Hex, so it is also a valid queue job id. */
export function inputKey(sourceSha256: string, optionsKey: string): string {
  return sha256(`${sourceSha256}\n${optionsKey}`);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

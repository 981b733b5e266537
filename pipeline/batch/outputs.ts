import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { VerbaleRecord } from '../../schemas/index.js';
import type { RunResult } from '../run.js';
import { VERSION } from '../version.js';

/**
 * What an output folder holds per input, shared by the local batch and the
 * queue's workers so both write the same files: `<name>.json` and `<name>.md`,
 * each written atomically (a reader never sees half a file) and fsynced.
 */
export async function writeRecordFiles(out: string, name: string, result: RunResult): Promise<void> {
  await writeFileAtomic(join(out, `${name}.md`), result.markdown, { fsync: true });
  await writeFileAtomic(join(out, `${name}.json`), `${JSON.stringify(result.record, null, 2)}\n`, { fsync: true });
}

/** Add other paths of the same bytes to a written record's `source.aliases`, atomically. */
export function addRecordAliases(out: string, name: string, files: readonly string[]): void {
  const path = join(out, `${name}.json`);
  const record = VerbaleRecord.parse(JSON.parse(readFileSync(path, 'utf8')));
  const aliases = [...new Set([...(record.source.aliases ?? []), ...files])].filter((f) => f !== record.source.file);
  writeFileAtomic.sync(path, `${JSON.stringify({ ...record, source: { ...record.source, aliases } }, null, 2)}\n`, { fsync: true });
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

import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import pLimit from 'p-limit';
import writeFileAtomic from 'write-file-atomic';
import { VerbaleRecord, type WordsPage } from '../../schemas/index.js';
import { wordsSidecar } from '../emit/index.js';
import { asVerbaliError, type VerbaliError } from '../errors.js';
import { discoverInputs, type LoadedSource, readSource } from '../ingest/index.js';
import { imageDir, pageImageName } from '../review/page-image-key.js';
import { createPipeline, type Pipeline, type RunOptions, runPipeline } from '../run.js';
import { VERSION } from '../version.js';
import { acquireLock } from './lock.js';
import { type StateEntry, StateJournal } from './state.js';

/** Options of a batch run into an output folder. */
export interface BatchOptions {
  out: string;
  /** Redo inputs the journal says are done. Default false. */
  force?: boolean;
  run?: RunOptions;
}

/** What happened to one input. */
export type Outcome =
  | { status: 'processed'; file: string; name: string; pages: number }
  | { status: 'skipped'; file: string; name: string; pages: number; reason: 'done' | 'duplicate' }
  | { status: 'failed'; file: string; error: VerbaliError };

/** Callbacks of a batch run. */
export interface BatchHooks {
  /** An input was found (before it is read). */
  onDiscovered?: (file: string) => void;
  /** An input is done: processed, skipped or failed. */
  onOutcome?: (o: Outcome) => void;
}

/** The end-of-run summary, also written to `OUT/summary.json`. */
export interface Summary {
  processed: number;
  skipped: number;
  failed: { file: string; code: string; reason: string }[];
  pages: number;
  durationMs: number;
  pagesPerMinute: number;
  filesPerMinute: number;
}

/**
 * Run many inputs into `OUT`: discovery streamed, each input keyed by the
 * hash of its bytes plus the pipeline version and output-changing options, so
 * a rerun skips what is done (renamed and moved files included) and a crash
 * loses nothing. Files are written atomically, the journal fsynced after each,
 * and one run at a time holds the folder. `hooks` hear every input found and
 * every outcome (for progress displays and logs).
 */
export async function runBatch(inputs: readonly string[], options: BatchOptions, hooks: BatchHooks = {}): Promise<Summary> {
  const onOutcome = hooks.onOutcome ?? (() => undefined);
  const started = Date.now();
  const stateDir = join(options.out, '.verbali');
  mkdirSync(stateDir, { recursive: true });
  const release = acquireLock(join(stateDir, 'lock'));
  sweepTempFiles(options.out);
  const pipeline = createPipeline(options.run);
  const journal = new StateJournal(join(stateDir, 'state.jsonl'));
  const optionsKey = outputOptionsKey(pipeline);
  const claimed = new Map<string, string>();
  const inFlight = new Map<string, Promise<StateEntry | null>>();
  const limit = pLimit(Math.max(2, pipeline.options.jobs));
  const summary: Summary = { processed: 0, skipped: 0, failed: [], pages: 0, durationMs: 0, pagesPerMinute: 0, filesPerMinute: 0 };
  const report = (o: Outcome) => {
    if (o.status === 'processed') {
      summary.processed++;
      summary.pages += o.pages;
    } else if (o.status === 'skipped') summary.skipped++;
    else summary.failed.push({ file: o.file, code: o.error.code, reason: o.error.message });
    onOutcome(o);
  };

  const one = async (file: string): Promise<void> => {
    let source: LoadedSource;
    try {
      source = await readSource(file);
    } catch (error) {
      report({ status: 'failed', file, error: asVerbaliError(error, file) });
      return;
    }
    const key = sha256(`${source.sha256}\n${optionsKey}`);
    // The same bytes under two names in one run: processed once, the second waits and becomes an alias.
    const pending = inFlight.get(key);
    if (pending) {
      const entry = await pending;
      if (entry) report({ status: 'skipped', file, name: addAlias(entry, file), pages: entry.pages, reason: 'duplicate' });
      else report({ status: 'failed', file, error: asVerbaliError(new Error('the same content failed under another name'), file) });
      return;
    }
    const done = journal.get(key);
    if (done && !options.force) {
      report({ status: 'skipped', file, name: addAlias(done, file), pages: done.pages, reason: 'done' });
      return;
    }
    const work = (async (): Promise<StateEntry | null> => {
      try {
        const { record, markdown, words, previews } = await runPipeline(source, {}, pipeline);
        const name = outputName(file, key, done);
        await writePreviews(options.out, record, words, previews);
        await writeFileAtomic(join(options.out, `${name}.md`), markdown, { fsync: true });
        await writeWordsSidecar(join(options.out, `${name}.words.jsonl`), record, words);
        await writeFileAtomic(join(options.out, `${name}.json`), `${JSON.stringify(record, null, 2)}\n`, { fsync: true });
        const entry: StateEntry = { key, sha256: source.sha256, paths: [file], name, pages: record.source.pages.length, at: new Date().toISOString() };
        journal.record(entry);
        report({ status: 'processed', file, name, pages: entry.pages });
        return entry;
      } catch (error) {
        report({ status: 'failed', file, error: asVerbaliError(error, file) });
        return null;
      }
    })();
    inFlight.set(key, work);
    await work;
  };

  /** Record another path for bytes already done: rewrite the record's aliases, atomically. */
  function addAlias(entry: StateEntry, file: string): string {
    if (entry.paths.includes(file)) return entry.name;
    const path = join(options.out, `${entry.name}.json`);
    const record = VerbaleRecord.parse(JSON.parse(readFileSync(path, 'utf8')));
    const aliases = [...new Set([...(record.source.aliases ?? []), file])];
    writeFileAtomic.sync(path, `${JSON.stringify({ ...record, source: { ...record.source, aliases } }, null, 2)}\n`, { fsync: true });
    const updated = { ...entry, paths: [...entry.paths, file], at: new Date().toISOString() };
    journal.record(updated);
    Object.assign(entry, updated);
    return entry.name;
  }

  /**
   * `<name>` from the input's file name (`verbale.pdf` → `verbale`); when another
   * input owns it, `verbale.pdf`, then `verbale-<hash8>`. An input changed in
   * place keeps its name.
   */
  function outputName(file: string, key: string, previous: StateEntry | undefined): string {
    if (previous) return previous.name;
    const safe = (s: string) => s.replace(/[^\p{L}\p{N}._-]+/gu, '_') || 'input';
    const base = safe(basename(file, extname(file)));
    for (const name of [base, safe(basename(file)), `${base}-${key.slice(0, 8)}`]) {
      const owner = claimed.get(name) ?? journal.ownerOf(name);
      if (!owner || owner === key || journal.get(owner)?.paths.includes(file)) {
        claimed.set(name, key);
        return name;
      }
    }
    return `${base}-${key.slice(0, 16)}`;
  }

  try {
    const running = new Set<Promise<void>>();
    for await (const found of discoverInputs(inputs)) {
      if (found.kind === 'error') {
        report({ status: 'failed', file: found.path, error: found.error });
        continue;
      }
      hooks.onDiscovered?.(found.path);
      const task = limit(() => one(found.path));
      running.add(task);
      void task.finally(() => running.delete(task));
      // Back-pressure on discovery: never more than a few inputs queued per worker.
      if (running.size >= pipeline.options.jobs * 4) await Promise.race(running);
    }
    await Promise.all(running);
  } finally {
    await pipeline.close();
    summary.durationMs = Date.now() - started;
    const minutes = summary.durationMs / 60_000;
    summary.pagesPerMinute = minutes > 0 ? Math.round((summary.pages / minutes) * 10) / 10 : 0;
    summary.filesPerMinute = minutes > 0 ? Math.round(((summary.processed + summary.skipped) / minutes) * 10) / 10 : 0;
    await writeFileAtomic(join(options.out, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`, { fsync: true }).catch(() => undefined);
    release();
  }
  return summary;
}

/** Temp files a killed run left (write-file-atomic names them `<file>.<number>`): never a record, so removed. */
function sweepTempFiles(out: string): void {
  for (const name of readdirSync(out)) {
    if (/\.(json|jsonl|md)\.\d+$/.test(name)) rmSync(join(out, name), { force: true });
  }
}

/** The word boxes beside the record (`<name>.words.jsonl`); removed when the record has none, so no stale boxes stay. */
async function writeWordsSidecar(path: string, record: VerbaleRecord, words: WordsPage[]): Promise<void> {
  if (words.length === 0) {
    rmSync(path, { force: true });
    return;
  }
  await writeFileAtomic(path, wordsSidecar(record, words), { fsync: true });
}

/** Page previews made while the page was OCR'd (`--review`), into the review site's image cache. */
async function writePreviews(out: string, record: VerbaleRecord, words: WordsPage[], previews: Map<number, Buffer>): Promise<void> {
  if (previews.size === 0) return;
  mkdirSync(imageDir(out), { recursive: true });
  for (const page of words) {
    const jpeg = previews.get(page.n);
    // A cache the site can draw again from the source: not fsynced.
    if (jpeg) await writeFileAtomic(join(imageDir(out), pageImageName(record.source.sha256, page.n, page)), jpeg, { fsync: false });
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** What changes a record besides the input: verbali's version and the user's dictionaries (by content). */
function outputOptionsKey(pipeline: Pipeline): string {
  const dicts = pipeline.options.dictionaries.map((f) => {
    try {
      return sha256(readFileSync(f, 'utf8'));
    } catch {
      return `missing:${f}`;
    }
  });
  return JSON.stringify({ version: VERSION, dicts });
}


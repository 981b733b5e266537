import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { asVerbaliError, VerbaliError } from '../errors.js';
import { discoverInputs, type LoadedSource, readSource } from '../ingest/index.js';
import { imageDir, pageImageName } from '../review/page-image-key.js';
import { createPipeline, type RunOptions, type RunResult, runPipeline } from '../run.js';
import { acquireLock } from './lock.js';
import { addRecordAliases, inputKey, outputError, outputNameCandidates, outputOptionsKey, readWrittenRecord, writeRecordFiles, writeTogether } from './outputs.js';
import { type StateEntry, StateJournal } from './state.js';

/** Options of a batch run into an output folder. */
export interface BatchOptions {
  out: string;
  /** Redo inputs the journal says are done. Default false. */
  force?: boolean;
  /** Take the output folder's lock even from a live owner or another host. Default false. */
  forceUnlock?: boolean;
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

/** Faults after which no input can be processed right: the batch stops and says so once (exit 3). */
const STOPS_THE_BATCH = new Set(['E_MISSING_DEP']);

/**
 * Run many inputs into `OUT`: discovery streamed, each input keyed by the
 * hash of its bytes plus the pipeline version and output-changing options, so
 * a rerun skips what is done (renamed and moved files included) and a crash
 * loses nothing. Before skipping, the journal's word is checked against the
 * disk: a record deleted or damaged since is redone. Files are written
 * atomically, the journal fsynced after each, and one run at a time holds the
 * folder. Resources are checked before any input is read; each document runs
 * under its deadline. `hooks` hear every input found and every outcome.
 */
export async function runBatch(inputs: readonly string[], options: BatchOptions, hooks: BatchHooks = {}): Promise<Summary> {
  const onOutcome = hooks.onOutcome ?? (() => undefined);
  const started = Date.now();
  const stateDir = join(options.out, '.verbali');
  try {
    mkdirSync(stateDir, { recursive: true });
  } catch (error) {
    throw outputError(options.out, error);
  }
  const release = acquireLock(join(stateDir, 'lock'), { force: Boolean(options.forceUnlock) });
  const pipeline = createPipeline(options.run);
  const summary: Summary = { processed: 0, skipped: 0, failed: [], pages: 0, durationMs: 0, pagesPerMinute: 0, filesPerMinute: 0 };
  try {
    sweepTempFiles(options.out);
    pipeline.preflight();
    const journal = new StateJournal(join(stateDir, 'state.jsonl'));
    const optionsKey = outputOptionsKey(pipeline.options.dictionaries);
    const claimed = new Map<string, string>();
    const inFlight = new Map<string, { file: string; work: Promise<StateEntry | null> }>();
    const limit = pLimit(Math.max(2, pipeline.options.jobs));
    let stop: VerbaliError | null = null;
    const report = (o: Outcome) => {
      if (o.status === 'processed') {
        summary.processed++;
        summary.pages += o.pages;
      } else if (o.status === 'skipped') summary.skipped++;
      else summary.failed.push({ file: o.file, code: o.error.code, reason: o.error.message });
      onOutcome(o);
    };
    const fail = (file: string, error: unknown) => {
      const e = asVerbaliError(error, file);
      if (STOPS_THE_BATCH.has(e.code)) stop ??= e;
      else report({ status: 'failed', file, error: e });
    };

    // Inputs claim their bytes in the order they are listed (reading them runs in parallel): of the same bytes under
    // two names the first listed is processed and the other is its alias or its E_DUPLICATE, whichever is read first.
    let lastTurn: Promise<void> = Promise.resolve();
    const takeTurn = () => {
      const ready = lastTurn;
      let done!: () => void;
      const released = new Promise<void>((resolve) => {
        done = resolve;
      });
      // A turn ends after the turns before it: an input that fails to read at once cannot let a later one claim first.
      lastTurn = Promise.all([ready, released]).then(() => undefined);
      return { ready, done };
    };

    const one = async (file: string): Promise<void> => {
      if (stop) return;
      const turn = takeTurn();
      try {
        let source: LoadedSource;
        try {
          source = await readSource(file);
        } catch (error) {
          fail(file, error);
          return;
        }
        await turn.ready;
        const key = inputKey(source.sha256, optionsKey);
        // The same bytes under two names in one run: processed once, the second waits and becomes an alias.
        const pending = inFlight.get(key);
        if (pending) {
          turn.done();
          const entry = await pending.work;
          if (entry && (await aliasIntact(entry, file))) report({ status: 'skipped', file, name: entry.name, pages: entry.pages, reason: 'duplicate' });
          else report({ status: 'failed', file, error: new VerbaliError('E_DUPLICATE', `the same bytes as ${pending.file}, which failed: see its reason`, { file }) });
          return;
        }
        const done = journal.get(key);
        if (done && !options.force && (await aliasIntact(done, file))) {
          report({ status: 'skipped', file, name: done.name, pages: done.pages, reason: 'done' });
          return;
        }
        const work = (async (): Promise<StateEntry | null> => {
          try {
            const result = await runPipeline(source, {}, pipeline);
            const name = outputName(file, key, done);
            // Paths the journal already knew for these bytes stay listed when a damaged record is redone.
            const aliases = (done?.paths ?? []).filter((p) => p !== file);
            await writePreviews(options.out, result);
            await writeRecordFiles(options.out, name, result, aliases);
            const pages = result.record.source.pages.length;
            const entry: StateEntry = { key, sha256: source.sha256, paths: [file, ...aliases], name, pages, at: new Date().toISOString() };
            journal.record(entry);
            report({ status: 'processed', file, name, pages: entry.pages });
            return entry;
          } catch (error) {
            fail(file, error);
            return null;
          }
        })();
        inFlight.set(key, { file, work });
        turn.done();
        await work;
      } finally {
        turn.done();
      }
    };

    /**
     * The journal's entry is trusted only if its record is on disk and whole
     * (it parses as JSON, is a record of this schema and names the same
     * sha256, its Markdown beside it); then `file` is added to its aliases if
     * new. False means: redo the input. Not a full validation: records are
     * written whole or not at all, and a rerun over 1,000 inputs stays fast.
     */
    async function aliasIntact(entry: StateEntry, file: string): Promise<boolean> {
      const record = readWrittenRecord(options.out, entry.name, entry.sha256);
      if (!record) return false;
      if (entry.paths.includes(file)) return true;
      await addRecordAliases(options.out, entry.name, [file], record);
      const updated = { ...entry, paths: [...entry.paths, file], at: new Date().toISOString() };
      journal.record(updated);
      Object.assign(entry, updated);
      return true;
    }

    /**
     * `<name>` from the input's file name (`verbale.pdf` → `verbale`); when another
     * input owns it, `verbale.pdf`, then `verbale-<hash8>`. An input changed in
     * place keeps its name.
     */
    function outputName(file: string, key: string, previous: StateEntry | undefined): string {
      if (previous) return previous.name;
      const [base, withExtension, short, long] = outputNameCandidates(file, key);
      for (const name of [base, withExtension, short]) {
        const owner = claimed.get(name) ?? journal.ownerOf(name);
        if (!owner || owner === key || journal.get(owner)?.paths.includes(file)) {
          claimed.set(name, key);
          return name;
        }
      }
      return long;
    }

    const running = new Set<Promise<void>>();
    for await (const found of discoverInputs(inputs)) {
      if (stop) break;
      if (found.kind === 'error') {
        report({ status: 'failed', file: found.path, error: found.error });
        continue;
      }
      hooks.onDiscovered?.(found.path);
      // `one` handles its own failures: a task never rejects, so none is left unhandled.
      const task = limit(() => one(found.path)).catch((error: unknown) => fail(found.path, error));
      running.add(task);
      task.finally(() => running.delete(task)).catch(() => undefined);
      // Back-pressure on discovery: never more than a few inputs queued per worker.
      if (running.size >= pipeline.options.jobs * 4) await Promise.race(running);
    }
    await Promise.all(running);
    if (stop) throw stop;
  } finally {
    await pipeline.close();
    summary.durationMs = Date.now() - started;
    const minutes = summary.durationMs / 60_000;
    summary.pagesPerMinute = minutes > 0 ? Math.round((summary.pages / minutes) * 10) / 10 : 0;
    summary.filesPerMinute = minutes > 0 ? Math.round(((summary.processed + summary.skipped) / minutes) * 10) / 10 : 0;
    await writeTogether([{ path: join(options.out, 'summary.json'), data: `${JSON.stringify(summary, null, 2)}\n` }]).catch(() => undefined);
    release();
  }
  return summary;
}

/** Temp files a killed run left (`writeTogether` names them `<file>.<number>`): never a record, so removed. */
function sweepTempFiles(out: string): void {
  for (const name of readdirSync(out)) {
    if (/\.(json|jsonl|md)\.\d+$/.test(name)) rmSync(join(out, name), { force: true });
  }
}

/** Page previews made while the page was OCR'd (`--review`), into the review site's image cache. */
async function writePreviews(out: string, { record, words, previews }: RunResult): Promise<void> {
  if (previews.size === 0) return;
  mkdirSync(imageDir(out), { recursive: true });
  const files = words.flatMap((page) => {
    const jpeg = previews.get(page.n);
    return jpeg ? [{ path: join(imageDir(out), pageImageName(record.source.sha256, page.n, page)), data: jpeg }] : [];
  });
  // A cache the site can draw again from the source: not fsynced.
  await writeTogether(files, { sync: false });
}

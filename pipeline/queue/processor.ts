/**
 * The queue's sandboxed processor: BullMQ runs this file in a child process
 * of each worker (one per job at a time), so OCR never blocks the worker's
 * event loop, which keeps renewing the job's lock. It runs the same pipeline
 * as `verbali run` and writes the same files, atomically, into the worker's
 * output folder. Set up by the worker through the environment (worker.ts).
 */
import { readFile } from 'node:fs/promises';
import { type SandboxedJob, UnrecoverableError, WaitingError } from 'bullmq';
import type { Redis } from 'ioredis';
import { addRecordAliases, writeRecordFiles } from '../batch/index.js';
import { asVerbaliError, stackOf, VerbaliError, type VerbaliErrorCode } from '../errors.js';
import { ioError, type LoadedSource, sourceFromBytes } from '../ingest/index.js';
import { createPipeline, type Pipeline, type RunOptions, type RunResult, readPageText, recordFromPages, runPipeline } from '../run.js';
import { VERSION } from '../version.js';
import { AliasJob, DocumentJob, type DocumentResult, type JobName, PageJob, type PageResult, pageFromResult, pageToResult } from './jobs.js';
import { Registry } from './registry.js';
import { connectRedis, HAND_BACK, PROCESSOR_ENV } from './settings.js';

/**
 * Failures that the same job meets again on any machine, so no retry: bad
 * input (its bytes), a bug in verbali (`E_INTERNAL`, `E_SCHEMA`: the same
 * bytes and version fail the same way; the reason says it is a bug), a names
 * dictionary that does not parse, a job this worker cannot take. Anything
 * else is retried: a file missing or unreadable on a share that blinked
 * (`E_INPUT_MISSING`, `E_INPUT_UNREADABLE`), a page or document deadline
 * passed on a loaded machine (`E_TIMEOUT`), OCR that failed (`E_OCR`), a full
 * output disk (`E_OUTPUT`), resources missing on this machine (`E_MISSING_DEP`).
 */
const PERMANENT: ReadonlySet<VerbaliErrorCode> = new Set([
  'E_INPUT_TYPE',
  'E_INPUT_EMPTY',
  'E_INPUT_ENCODING',
  'E_INPUT_PDF',
  'E_ENCRYPTED',
  'E_INPUT_TOO_LARGE',
  'E_INPUT_IMAGE',
  'E_SCHEMA',
  'E_INTERNAL',
  'E_DICT',
  'E_USAGE',
]);

// The worker is gone (SIGKILLed): stop at once. Its jobs go to another worker after the
// stall interval, and finishing here would only write the same files twice.
process.once('disconnect', () => process.exit(1));

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new VerbaliError('E_USAGE', `the queue processor runs inside \`verbali queue worker\` (${name} is not set)`);
  return value;
};

let redis: Redis | undefined;
function registry(): Registry {
  redis ??= connectRedis(env(PROCESSOR_ENV.redis), 'worker');
  return new Registry(redis, env(PROCESSOR_ENV.queue));
}

// One pipeline per set of dictionaries, kept for the life of the child: dictionaries load once, OCR workers start once.
const pipelines = new Map<string, Pipeline>();
function pipelineFor(dictionaries: readonly string[]): Pipeline {
  const key = JSON.stringify(dictionaries);
  let pipeline = pipelines.get(key);
  if (!pipeline) {
    pipeline = createPipeline({ ...processorRunOptions(), dictionaries: [...dictionaries] });
    // verbali's resources and these dictionaries, checked before the job's input is read (E_MISSING_DEP, E_DICT).
    pipeline.preflight();
    pipelines.set(key, pipeline);
  }
  return pipeline;
}

/** The worker's run options (OCR workers, deadlines), handed down through the environment. */
function processorRunOptions(): RunOptions {
  const number = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);
  return {
    jobs: number(PROCESSOR_ENV.jobs) ?? 1,
    ...(number(PROCESSOR_ENV.pageTimeoutMs) ? { pageTimeoutMs: number(PROCESSOR_ENV.pageTimeoutMs) } : {}),
    ...(number(PROCESSOR_ENV.documentTimeoutMs) ? { documentTimeoutMs: number(PROCESSOR_ENV.documentTimeoutMs) } : {}),
  };
}

// The last input read, kept for the page jobs that follow it: a child taking page after page of
// one long scan reads and hashes the file once, not once a page (a 200 MB scan on a network share).
let lastInput: { path: string; sha256: string; bytes: Buffer; mediaType: LoadedSource['mediaType'] } | undefined;

/** The job's input, checked to be the bytes that were queued; `keep` it for the next page job. */
async function loadSource(job: { file: string; path: string; sha256: string; version: string }, keep = false): Promise<LoadedSource> {
  if (job.version !== VERSION) {
    throw new VerbaliError('E_USAGE', `queued by verbali ${job.version}, but this worker runs ${VERSION}: run workers of the version that queued`, { file: job.file });
  }
  if (lastInput?.path !== job.path || lastInput.sha256 !== job.sha256) {
    let bytes: Buffer;
    try {
      bytes = await readFile(job.path);
    } catch (error) {
      throw ioError(job.file, error);
    }
    const source = sourceFromBytes(job.file, bytes);
    if (source.sha256 !== job.sha256) {
      throw new VerbaliError('E_USAGE', 'the file changed since it was queued: queue it again (`verbali queue add`)', { file: job.file });
    }
    if (!keep) {
      lastInput = undefined;
      return source;
    }
    lastInput = { path: job.path, sha256: job.sha256, bytes, mediaType: source.mediaType };
  }
  // Shared, not copied: pages are read in reader threads, which get a copy of the bytes, so the kept ones stay whole.
  const { bytes, mediaType } = lastInput;
  if (!keep) lastInput = undefined;
  return { file: job.file, bytes, size: bytes.length, sha256: job.sha256, mediaType };
}

/** Write the record as a local run does, aliases included, then mark it done. */
async function finish(data: DocumentJob, result: RunResult): Promise<DocumentResult> {
  const out = env(PROCESSOR_ENV.out);
  const reg = registry();
  const aliases = async () => (await reg.paths(data.key)).filter((p) => p !== data.file);
  const before = await aliases();
  await writeRecordFiles(out, data.name, result, before);
  await reg.markDone(data.key, data.name);
  // A path added while this was written found the key not yet done: read the paths again.
  const after = await aliases();
  if (after.length > before.length) await addRecordAliases(out, data.name, after);
  return { name: data.name, pages: result.record.source.pages.length };
}

/**
 * One job's work. `signal` aborts at hand-back: the run stops as at its
 * deadline, its reader and OCR threads terminated, so the child is free at once.
 */
async function work(job: SandboxedJob, signal: AbortSignal | undefined): Promise<DocumentResult | PageResult | null> {
  switch (job.name as JobName) {
    case 'document': {
      const data = DocumentJob.parse(job.data);
      const pipeline = pipelineFor(data.dictionaries);
      const source = await loadSource(data);
      let done = 0;
      const result = await runPipeline(source, {}, pipeline, {
        ...(signal ? { signal } : {}),
        onPage: () => {
          job.updateProgress({ pages: ++done }).catch(() => undefined);
        },
      });
      return finish(data, result);
    }
    case 'page': {
      const data = PageJob.parse(job.data);
      const pipeline = pipelineFor([]);
      const page = await readPageText(await loadSource(data, true), data.n, pipeline, signal ? { signal } : {});
      return pageToResult(page, page.method === 'ocr' ? pipeline.ocr().engine : undefined);
    }
    case 'assemble': {
      const data = DocumentJob.parse(job.data);
      const values = Object.values(await job.getChildrenValues<PageResult>());
      const pages = values.map((v) => pageFromResult(v, data.file)).sort((a, b) => a.n - b.n);
      if (pages.length !== data.pages) throw new VerbaliError('E_OCR', `${pages.length} of ${data.pages} pages came back from their page jobs`, { file: data.file });
      await job.updateProgress({ pages: pages.length });
      const engine = values.find((v) => v.engine)?.engine ?? '';
      return finish(data, recordFromPages(await loadSource(data), pages, pipelineFor(data.dictionaries), () => engine));
    }
    case 'alias': {
      const data = AliasJob.parse(job.data);
      const reg = registry();
      if (await reg.done(data.key)) await addRecordAliases(env(PROCESSOR_ENV.out), data.name, (await reg.paths(data.key)).slice(1));
      return null;
    }
    default:
      throw new VerbaliError('E_USAGE', `unknown job '${job.name}': is this queue shared with another program?`);
  }
}

/**
 * The processor BullMQ calls. Errors leave as BullMQ expects them: bad input
 * and bugs as `UnrecoverableError` (failed once, with its reason and code;
 * a bug's stack is the job's stack trace), the rest as plain errors (retried
 * with backoff); a job handed back at shutdown as `WaitingError`.
 */
export default async function processor(job: SandboxedJob, _token?: string, signal?: AbortSignal): Promise<DocumentResult | PageResult | null> {
  const handedBack = new Promise<never>((_, reject) => {
    const onAbort = () => reject(signal?.reason === HAND_BACK ? new WaitingError() : new Error(`cancelled: ${String(signal?.reason)}`));
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
  handedBack.catch(() => undefined);
  try {
    return await Promise.race([work(job, signal), handedBack]);
  } catch (error) {
    if (error instanceof WaitingError) throw error;
    const file = typeof job.data?.file === 'string' ? (job.data.file as string) : undefined;
    const e = asVerbaliError(error, file);
    const failure = PERMANENT.has(e.code) ? new UnrecoverableError(e.describe()) : new Error(e.describe());
    failure.stack = stackOf(e);
    throw failure;
  }
}

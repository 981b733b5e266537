import { resolve } from 'node:path';
import { FlowProducer, Queue } from 'bullmq';
import { inputKey, outputOptionsKey } from '../batch/index.js';
import { asVerbaliError, type VerbaliError } from '../errors.js';
import { discoverInputs, type LoadedSource, readSource } from '../ingest/index.js';
import { createPipeline } from '../run.js';
import { VERSION } from '../version.js';
import type { AliasJob, DocumentJob, JobName, PageJob } from './jobs.js';
import { Registry } from './registry.js';
import { connectRedis, DEFAULT_QUEUE, ensureRedis, JOB_OPTIONS, PAGE_JOB_OPTIONS } from './settings.js';

/** Options of `queue add`. */
export interface AddOptions {
  redis: string;
  /** Default `verbali`. */
  queue?: string;
  /** Extra names dictionaries (paths every worker can read). */
  dictionaries?: string[];
  /** PDFs of more pages than this are split into page jobs. Default 8. */
  splitPages?: number;
  /** Queue again inputs already done. Default false. */
  force?: boolean;
}

/** What happened to one input. */
export type Queued =
  | { status: 'queued'; file: string; id: string; name: string; pageJobs: number }
  | { status: 'skipped'; file: string; id: string; name: string; reason: 'done' | 'queued' | 'failed' | 'alias' }
  | { status: 'failed'; file: string; error: VerbaliError };

/**
 * Enqueue every input found under `inputs` (files and folders, as `run`
 * finds them). Each job's id is the input key (sha256 of the bytes, the
 * version and the dictionaries: hex, no `:`), so the same bytes added twice,
 * from one machine or several, are one job, and inputs already done are
 * skipped. A PDF of more than `splitPages` pages becomes a flow: one job per
 * page and a parent that assembles the record. An input that cannot be read
 * here is reported and not queued (it has no key).
 */
export async function addToQueue(inputs: readonly string[], options: AddOptions, onQueued: (q: Queued) => void = () => undefined): Promise<Queued[]> {
  const queueName = options.queue ?? DEFAULT_QUEUE;
  const splitPages = options.splitPages ?? 8;
  const dictionaries = (options.dictionaries ?? []).map((f) => resolve(f));
  const redis = connectRedis(options.redis, 'client');
  const queue = new Queue(queueName, { connection: redis });
  const flows = new FlowProducer({ connection: redis });
  // Connection errors reach the caller through the failing command (E_MISSING_DEP), not as console noise.
  queue.on('error', () => undefined);
  flows.on('error', () => undefined);
  const registry = new Registry(redis, queueName);
  // PDFs are opened to count their pages in a reader thread, as a run reads them: one that pdf.js cannot open in time is ended, never waited for.
  const pipeline = createPipeline({ jobs: 1 });
  const optionsKey = outputOptionsKey(dictionaries);
  const outcomes: Queued[] = [];
  const report = (q: Queued) => {
    outcomes.push(q);
    onQueued(q);
  };
  try {
    await ensureRedis(redis, options.redis);
    for await (const found of discoverInputs(inputs)) {
      if (found.kind === 'error') {
        report({ status: 'failed', file: found.path, error: found.error });
        continue;
      }
      const file = found.path;
      let source: LoadedSource;
      try {
        source = await readSource(file);
      } catch (error) {
        report({ status: 'failed', file, error: asVerbaliError(error, file) });
        continue;
      }
      const key = inputKey(source.sha256, optionsKey);
      const { name, newPath, paths } = await registry.claim(key, file);
      const doneAs = await registry.done(key);
      if (paths > 1 && newPath) {
        // The same bytes under another path: one record, this path among its aliases.
        // The job writing it reads the paths when it writes; once written, an alias job adds the path.
        if (doneAs) await queue.add('alias' satisfies JobName, { key, name } satisfies AliasJob, { ...JOB_OPTIONS, jobId: `${key}-alias-${paths}` });
        report({ status: 'skipped', file, id: key, name, reason: 'alias' });
        continue;
      }
      if (doneAs && !options.force) {
        report({ status: 'skipped', file, id: key, name, reason: 'done' });
        continue;
      }
      const state = await queue.getJobState(key);
      if (state !== 'unknown') {
        if (!options.force || state === 'active' || state === 'waiting-children') {
          report({ status: 'skipped', file, id: key, name, reason: state === 'failed' ? 'failed' : 'queued' });
          continue;
        }
        await queue.remove(key, { removeChildren: true });
      }
      if (options.force) await registry.forget(key);
      const job: DocumentJob = { file, path: resolve(file), sha256: source.sha256, key, name, dictionaries, version: VERSION };
      const pages = source.mediaType === 'application/pdf' ? await pipeline.readers().pdfPageCount(source).catch(() => 0) : 0;
      if (pages > splitPages) {
        await flows.add({
          name: 'assemble' satisfies JobName,
          queueName,
          data: { ...job, pages } satisfies DocumentJob,
          opts: { ...JOB_OPTIONS, jobId: key },
          children: Array.from({ length: pages }, (_, i) => ({
            name: 'page' satisfies JobName,
            queueName,
            data: { file, path: job.path, sha256: job.sha256, version: VERSION, n: i + 1, of: pages } satisfies PageJob,
            opts: { ...PAGE_JOB_OPTIONS, jobId: `${key}-p${i + 1}` },
          })),
        });
      } else {
        // A PDF that pdf.js cannot open is queued whole: the worker fails it with its reason, where the queue shows it.
        await queue.add('document' satisfies JobName, job, { ...JOB_OPTIONS, jobId: key });
      }
      report({ status: 'queued', file, id: key, name, pageJobs: pages > splitPages ? pages : 0 });
    }
  } finally {
    await Promise.allSettled([flows.close(), queue.close(), pipeline.close()]);
    redis.disconnect();
  }
  return outcomes;
}

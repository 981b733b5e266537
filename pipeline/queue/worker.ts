import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Job, Worker } from 'bullmq';
import { outputError } from '../batch/index.js';
import { createPipeline, type RunOptions } from '../run.js';
import { connectRedis, DEFAULT_QUEUE, DEFAULT_TIMINGS, ensureRedis, HAND_BACK, PROCESSOR_ENV, type WorkerTimings, workerSettings } from './settings.js';

/** Options of `queue worker`. */
export interface QueueWorkerOptions extends Partial<WorkerTimings> {
  redis: string;
  /** The shared output folder (the same on every machine). */
  out: string;
  /** Default `verbali`. */
  queue?: string;
  /** Jobs at once, each in its own child process. Default 1. */
  concurrency?: number;
  /** OCR workers in each child. Default 1: parallelism comes from concurrency. */
  ocrJobs?: number;
  /** Deadlines of a page's steps and of a document (or a page job), as `run`'s `--page-timeout` and `--doc-timeout`. Default: `run`'s. */
  run?: Pick<RunOptions, 'pageTimeoutMs' | 'documentTimeoutMs'>;
}

/** What a worker tells whoever watches it. */
export type WorkerEvent =
  | { kind: 'active'; id: string; name: string; file: string }
  | { kind: 'completed'; id: string; name: string; file: string }
  | { kind: 'failed'; id: string; name: string; file: string; reason: string; final: boolean }
  | { kind: 'handed-back'; id: string; name: string; file: string };

/** A running worker. */
export interface QueueWorker {
  /**
   * Stop taking jobs, let the current ones finish for up to `graceMs`, then
   * hand back those still running (straight to waiting, no attempt counted, for
   * another worker to take) and exit.
   */
  stop(graceMs: number): Promise<void>;
  /** Resolves when the worker has closed (after `stop`). */
  closed: Promise<void>;
}

const processorFile = fileURLToPath(new URL('./processor.js', import.meta.url));

/**
 * A BullMQ worker on the queue, processing in child processes (`processor.ts`)
 * and writing records into `out`. Checks verbali's resources and connects
 * before returning (fails with E_MISSING_DEP when either is missing, E_OUTPUT
 * when `out` cannot be made).
 */
export async function startQueueWorker(options: QueueWorkerOptions, onEvent: (e: WorkerEvent) => void = () => undefined): Promise<QueueWorker> {
  // As `run` does: a broken installation is one clear error (E_MISSING_DEP, exit 3) before any job is taken, not a failure blamed on every job.
  const pipeline = createPipeline();
  try {
    pipeline.preflight();
  } finally {
    await pipeline.close();
  }
  try {
    mkdirSync(options.out, { recursive: true });
  } catch (error) {
    throw outputError(options.out, error);
  }
  const connection = connectRedis(options.redis, 'worker');
  await ensureRedis(connection, options.redis);
  const queueName = options.queue ?? DEFAULT_QUEUE;
  const timings = { ...DEFAULT_TIMINGS, ...definedOnly(options) };
  const worker = new Worker(queueName, processorFile, {
    connection,
    concurrency: options.concurrency ?? 1,
    ...workerSettings(timings),
    // Child processes, not threads: a crash or an out-of-memory page takes down one child, never the worker.
    useWorkerThreads: false,
    workerForkOptions: {
      env: {
        ...process.env,
        [PROCESSOR_ENV.out]: resolve(options.out),
        [PROCESSOR_ENV.redis]: options.redis,
        [PROCESSOR_ENV.queue]: queueName,
        [PROCESSOR_ENV.jobs]: String(options.ocrJobs ?? 1),
        [PROCESSOR_ENV.pageTimeoutMs]: String(options.run?.pageTimeoutMs ?? ''),
        [PROCESSOR_ENV.documentTimeoutMs]: String(options.run?.documentTimeoutMs ?? ''),
      },
    },
  });
  const active = new Map<string, Job>();
  // What a person reads: the input, and for a page job its page (`file: page 3`, as errors say it).
  const file = (job: Job) => {
    const data = job.data as { file?: string; n?: number };
    return `${data.file ?? job.id}${job.name === 'page' ? `: page ${data.n}` : ''}`;
  };
  worker.on('active', (job) => {
    active.set(job.id as string, job);
    onEvent({ kind: 'active', id: job.id as string, name: job.name, file: file(job) });
  });
  worker.on('completed', (job) => {
    active.delete(job.id as string);
    onEvent({ kind: 'completed', id: job.id as string, name: job.name, file: file(job) });
  });
  worker.on('failed', (job, error) => {
    if (!job) return;
    active.delete(job.id as string);
    const final = job.attemptsMade >= (job.opts.attempts ?? 1) || error.name === 'UnrecoverableError';
    onEvent({ kind: 'failed', id: job.id as string, name: job.name, file: file(job), reason: error.message, final });
  });
  // Connection trouble is retried by ioredis; lost locks are BullMQ's to recover. Neither ends the worker.
  worker.on('error', () => undefined);
  await worker.waitUntilReady();

  let closing: Promise<void> | undefined;
  const stop = (graceMs: number) => {
    closing ??= (async () => {
      const finished = worker.close();
      let timer: NodeJS.Timeout | undefined;
      const late = await Promise.race([finished.then(() => false), new Promise<boolean>((r) => (timer = setTimeout(() => r(true), graceMs)))]);
      clearTimeout(timer);
      if (late) {
        // Hand back: the job goes to waiting under its lock token, then its child stops; the
        // processor answers with WaitingError, so BullMQ neither fails it nor counts an attempt.
        for (const job of active.values()) {
          await job.moveToWait(job.token).catch(() => undefined);
          onEvent({ kind: 'handed-back', id: job.id as string, name: job.name, file: file(job) });
        }
        worker.cancelAllJobs(HAND_BACK);
        await finished;
      }
      connection.disconnect();
    })();
    return closing;
  };
  return { stop, closed: new Promise((resolve) => worker.once('closed', () => resolve())) };
}

function definedOnly(options: Partial<WorkerTimings>): Partial<WorkerTimings> {
  return Object.fromEntries(Object.entries({ lockDurationMs: options.lockDurationMs, stalledIntervalMs: options.stalledIntervalMs }).filter(([, v]) => v !== undefined));
}

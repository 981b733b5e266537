import type { JobsOptions, WorkerOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { VerbaliError } from '../errors.js';

/** The queue's default name: one queue per archive, with one output folder. */
export const DEFAULT_QUEUE = 'verbali';

/** What a worker tells its processors (environment variables of the child processes). */
export const PROCESSOR_ENV = {
  out: 'VERBALI_QUEUE_OUT',
  redis: 'VERBALI_QUEUE_REDIS',
  queue: 'VERBALI_QUEUE_NAME',
  jobs: 'VERBALI_QUEUE_OCR_JOBS',
  pageTimeoutMs: 'VERBALI_QUEUE_PAGE_TIMEOUT_MS',
  documentTimeoutMs: 'VERBALI_QUEUE_DOC_TIMEOUT_MS',
} as const;

/** The reason a worker gives its processors when it hands their jobs back at shutdown. */
export const HAND_BACK = 'verbali:hand-back';

/** Timings of a worker that can be changed from the command line (tests shorten them). */
export interface WorkerTimings {
  /**
   * How long a job's lock lasts without renewal (ms). Default 2 minutes. The
   * processor runs in a child process, so the worker's own event loop renews
   * the lock every half of this whatever OCR is doing; the length only bounds
   * how long a job of a killed worker waits before another takes it, and
   * absorbs a machine so loaded (or a Redis so slow) that renewals run late.
   */
  lockDurationMs: number;
  /** How often a worker looks for jobs whose lock has expired (ms). Default 30 s, BullMQ's own. */
  stalledIntervalMs: number;
}

export const DEFAULT_TIMINGS: WorkerTimings = { lockDurationMs: 120_000, stalledIntervalMs: 30_000 };

/** The Worker settings that hold for long CPU-bound jobs, each with why. */
export function workerSettings(timings: WorkerTimings): Pick<WorkerOptions, 'lockDuration' | 'stalledInterval' | 'maxStalledCount'> {
  return {
    lockDuration: timings.lockDurationMs,
    stalledInterval: timings.stalledIntervalMs,
    // A job stalls when its worker dies (SIGKILL, OOM, a machine reboot). Once is an
    // accident worth recovering, twice may be; a third time the job itself is likely
    // what kills workers (a page that exhausts memory), so it fails instead of taking
    // down worker after worker. BullMQ's default, 1, gives up after a single reboot.
    maxStalledCount: 3,
  };
}

/**
 * Options of every job, each with why. Bad input is never retried: the
 * processor throws `UnrecoverableError` for it, which overrides `attempts`.
 */
export const JOB_OPTIONS: JobsOptions = {
  // Transient failures (an OCR timeout on a loaded machine, a shared folder that
  // blinked, a tesseract.js worker that crashed) deserve two more tries...
  attempts: 3,
  // ...spaced out (30 s, then 60 s), so a remounting share or a restarting machine is back.
  backoff: { type: 'exponential', delay: 30_000 },
  // Finished jobs are kept a week so `queue status` shows them and a re-add within that
  // time is a visible duplicate; bounded in count so Redis does not grow with the archive
  // (verbali keeps its own small record of what is done, so dedup outlives them).
  removeOnComplete: { age: 7 * 24 * 3600, count: 50_000 },
  // Failures wait longer for a person to read them, bounded too.
  removeOnFail: { age: 30 * 24 * 3600, count: 50_000 },
};

/** A page job's options: like any job's, but its result lives on in its parent, so it is dropped once done. */
export const PAGE_JOB_OPTIONS: JobsOptions = {
  ...JOB_OPTIONS,
  removeOnComplete: true,
  // A page that cannot be read fails its document: the parent fails with the reason, never waits forever.
  failParentOnFailure: true,
};

/**
 * An ioredis connection. Workers wait for Redis forever (BullMQ requires
 * `maxRetriesPerRequest: null` for workers: a command must not fail because
 * Redis restarted); the short-lived commands (`queue add`, `queue status`)
 * give up after a few tries with an error naming the URL, rather than hang.
 */
export function connectRedis(url: string, role: 'worker' | 'client'): Redis {
  const options =
    role === 'worker'
      ? { maxRetriesPerRequest: null }
      : { maxRetriesPerRequest: 2, connectTimeout: 5_000, retryStrategy: (times: number) => (times > 3 ? null : 200 * times) };
  let redis: Redis;
  try {
    redis = new Redis(url, { ...options, lazyConnect: false });
  } catch (error) {
    throw new VerbaliError('E_USAGE', `not a Redis URL: ${url} (expected e.g. redis://127.0.0.1:6379)`, { cause: error });
  }
  // Without a listener ioredis prints every failed reconnect; the failing command carries the reason.
  redis.on('error', () => undefined);
  return redis;
}

/** Wait for Redis to answer (5 s at most: a worker waits for Redis forever only once it has started), or fail with what to do. */
export async function ensureRedis(redis: Redis, url: string, timeoutMs = 5_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      redis.ping(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
      }),
    ]);
  } catch (error) {
    redis.disconnect();
    throw new VerbaliError('E_MISSING_DEP', `Redis does not answer at ${url}: start it (e.g. \`redis-server --port 6379\`, see README) or check --redis`, {
      cause: error,
    });
  } finally {
    clearTimeout(timer);
  }
}

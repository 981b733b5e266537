import { Queue } from 'bullmq';
import { connectRedis, DEFAULT_QUEUE, ensureRedis } from './settings.js';

/** A failed job, as `queue status` lists it. */
export interface FailedJob {
  id: string;
  /** `document`, `assemble`, `page` or `alias`. */
  kind: string;
  file: string;
  /** `file: page N: reason (CODE)`, as the worker wrote it. */
  reason: string;
  attempts: number;
  failedAt: string | null;
}

/** A job being worked on. */
export interface ActiveJob {
  id: string;
  kind: string;
  file: string;
  /** The page, for a page job. */
  page: number | null;
  /** Pages done so far, when the job reports them. */
  pages: number | null;
  since: string | null;
}

/** The state of a queue. */
export interface QueueStatus {
  queue: string;
  counts: { waiting: number; active: number; completed: number; failed: number; delayed: number; 'waiting-children': number };
  active: ActiveJob[];
  failed: FailedJob[];
}

const iso = (ms: number | undefined) => (ms ? new Date(ms).toISOString() : null);

/** Counts by state, the jobs being worked on and every failure with its reason (at most `limit` of each). */
export async function queueStatus(options: { redis: string; queue?: string; limit?: number }): Promise<QueueStatus> {
  const name = options.queue ?? DEFAULT_QUEUE;
  const limit = options.limit ?? 1000;
  const redis = connectRedis(options.redis, 'client');
  const queue = new Queue(name, { connection: redis });
  queue.on('error', () => undefined);
  try {
    await ensureRedis(redis, options.redis);
    const c = await queue.getJobCounts('waiting', 'active', 'completed', 'failed', 'delayed', 'waiting-children');
    const file = (data: unknown, id: string) => String((data as { file?: string } | undefined)?.file ?? id);
    const active = (await queue.getJobs(['active'], 0, limit - 1, true)).map((j) => ({
      id: String(j.id),
      kind: j.name,
      file: file(j.data, String(j.id)),
      page: j.name === 'page' ? Number((j.data as { n?: number }).n) : null,
      pages: typeof j.progress === 'object' && j.progress && 'pages' in j.progress ? Number((j.progress as { pages: number }).pages) : null,
      since: iso(j.processedOn),
    }));
    const failed = (await queue.getJobs(['failed'], 0, limit - 1, true)).map((j) => ({
      id: String(j.id),
      kind: j.name,
      file: file(j.data, String(j.id)),
      reason: j.failedReason,
      attempts: j.attemptsMade,
      failedAt: iso(j.finishedOn),
    }));
    return {
      queue: name,
      counts: {
        waiting: c.waiting ?? 0,
        active: c.active ?? 0,
        completed: c.completed ?? 0,
        failed: c.failed ?? 0,
        delayed: c.delayed ?? 0,
        'waiting-children': c['waiting-children'] ?? 0,
      },
      active,
      failed,
    };
  } finally {
    await queue.close().catch(() => undefined);
    redis.disconnect();
  }
}

/** The status for a person: counts on one line, then the jobs at work and the failures. */
export function describeStatus(s: QueueStatus): string {
  const c = s.counts;
  let text = `queue ${s.queue}: ${c.waiting} waiting, ${c.active} active, ${c.completed} completed, ${c.failed} failed, ${c.delayed} delayed (retry pending), ${c['waiting-children']} waiting for their pages\n`;
  for (const a of s.active) text += `  active   ${a.file}${a.page === null ? '' : `: page ${a.page}`}${a.pages === null ? '' : `, ${a.pages} pages read`}\n`;
  for (const f of s.failed) text += `  failed   ${f.reason} [${f.kind}, ${f.attempts} attempt${f.attempts === 1 ? '' : 's'}]\n`;
  return text;
}

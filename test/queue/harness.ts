import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GlobalFonts, loadImage, PDFDocument, type SKRSContext2D } from '@napi-rs/canvas';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { Registry } from '../../pipeline/queue/index.js';
import { CLI, fixture, ROOT, runCli, sample } from '../helpers.js';

/**
 * The Redis the queue tests run against: `VERBALI_TEST_REDIS` (a URL), which
 * `.ci/run` sets after starting Debian's redis-server on loopback. Without it the
 * tests fail, never skip.
 */
export function testRedis(): string {
  const url = process.env.VERBALI_TEST_REDIS;
  if (!url) throw new Error('VERBALI_TEST_REDIS is not set: the queue tests need a Redis; run them as .ci/run does (bash .ci/redis.sh start prints the URL)');
  return url;
}

/** A fresh queue name per test, and its removal afterwards. Each test asks first, so each fails without Redis. */
export function freshQueue(): { name: string; drop: () => Promise<void> } {
  testRedis();
  const name = `test-${randomUUID().slice(0, 8)}`;
  return {
    name,
    drop: async () => {
      const redis = new Redis(testRedis(), { maxRetriesPerRequest: null });
      const queue = new Queue(name, { connection: redis });
      await queue.obliterate({ force: true });
      await new Registry(redis, name).clear();
      await queue.close();
      redis.disconnect();
    },
  };
}

/** `verbali queue …` through the built CLI. */
export const queueCli = (args: string[]) => runCli(['queue', ...args, '--redis', testRedis()]);

export interface RunningWorker {
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** A `verbali queue worker` process, as a user would start it (`nodeArgs` and `env` load stand-ins that fail on purpose). */
export function startWorker(queue: string, out: string, extra: string[] = [], options: { nodeArgs?: string[]; env?: NodeJS.ProcessEnv } = {}): RunningWorker {
  // NODE_ENV=test (vitest's) shortens BullMQ's sandbox answers to 0.5 s: workers run as in production.
  const { NODE_ENV: _, ...env } = { ...process.env, ...options.env };
  const args = [...(options.nodeArgs ?? []), CLI, 'queue', 'worker', '--redis', testRedis(), '--queue', queue, '--out', out, ...extra];
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString('utf8');
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  return { child, stderr: () => stderr, exited };
}

export interface Status {
  counts: Record<'waiting' | 'active' | 'completed' | 'failed' | 'delayed' | 'waiting-children', number>;
  active: { id: string; kind: string; file: string }[];
  failed: { id: string; kind: string; file: string; reason: string; attempts: number }[];
}

/** The stack trace BullMQ keeps for a failed job. */
export async function stackOf(queue: string, id: string): Promise<string> {
  const redis = new Redis(testRedis(), { maxRetriesPerRequest: null });
  const q = new Queue(queue, { connection: redis });
  try {
    return (await q.getJob(id))?.stacktrace?.join('\n') ?? '';
  } finally {
    await q.close();
    redis.disconnect();
  }
}

export async function status(queue: string): Promise<Status> {
  const r = await queueCli(['status', '--queue', queue, '--json']);
  if (r.code !== 0) throw new Error(`queue status failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Status;
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 240_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Wait until no job of the queue is waiting, active, delayed or waiting for pages. */
export const drained = (queue: string) =>
  waitFor(`queue ${queue} to drain`, async () => {
    const s = await status(queue);
    const c = s.counts;
    return c.waiting + c.active + c.delayed + c['waiting-children'] === 0 && s;
  });

/** The files of an output folder (records and Markdown; the local run's summary and state left out), by name. */
export function outputs(dir: string): Map<string, string> {
  return new Map(
    readdirSync(dir)
      .filter((f) => /\.(json|md)$/.test(f) && f !== 'summary.json')
      .sort()
      .map((f) => [f, readFileSync(join(dir, f), 'utf8')]),
  );
}

/**
 * A batch with distinct output names (where two inputs want one name, a local run names them in
 * the order they finish, the queue in the order they are added): OCR texts, a born-digital PDF, a JPEG scan, reviewed Markdown, and one input twice. */
export function batchFiles(): Record<string, Buffer | string> {
  const files: Record<string, Buffer | string> = {};
  for (const d of readdirSync(fixture('segment'), { withFileTypes: true }).filter((e) => e.isDirectory())) {
    files[`testi/${d.name}.txt`] = readFileSync(fixture('segment', d.name, 'input.ocr.txt'));
  }
  files['pdf/consiglio.pdf'] = readFileSync(sample('consiglio-castione-2023-03-28.pdf'));
  files['scansioni/clusone-1987.jpg'] = readFileSync(sample('giunta-clusone-1987-04-22.jpg'));
  files['md/riveduto.md'] = '## 1) Approvazione del bilancio\n\n**SINDACO (Mario Rossi):** illustra il bilancio.\n\n> Con voti favorevoli n. 7, contrari n. 2, il Consiglio approva.\n';
  const first = Object.keys(files)[0] as string;
  files['zz-copie/copia.txt'] = files[first] as Buffer;
  return files;
}

const DEJAVU = '/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf';

/**
 * A `pages`-page verbale as a PDF: text pages with a text layer (the segment
 * fixtures' texts, in turn) and, every tenth page, a scanned page (the JPEG
 * sample drawn as an image), which needs OCR.
 */
export async function longPdf(pages: number): Promise<Buffer> {
  if (!existsSync(DEJAVU)) execFileSync('apt-get', ['install', '-y', '-qq', 'fonts-dejavu-core'], { stdio: 'inherit' });
  GlobalFonts.registerFromPath(DEJAVU, 'TestSerif');
  const lines = readdirSync(fixture('segment'), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .flatMap((d) => readFileSync(fixture('segment', d.name, 'input.txt'), 'utf8').split('\n'))
    .flatMap((l) => (l.length > 90 ? (l.match(/.{1,90}(\s|$)/g) ?? [l]) : [l]));
  const scan = await loadImage(readFileSync(sample('giunta-clusone-1987-04-22.jpg')));
  const pdf = new PDFDocument({ title: 'verbale lungo', creator: 'verbali test/queue' });
  const perPage = 46;
  for (let n = 1, at = 0; n <= pages; n++) {
    // beginPage is typed with the DOM's context; it is Skia's, as canvases are.
    const ctx = pdf.beginPage(595, 842) as unknown as SKRSContext2D;
    if (n % 10 === 0) {
      ctx.drawImage(scan, 0, 0, 595, 842);
    } else {
      ctx.fillStyle = '#000';
      ctx.font = '10px TestSerif';
      for (let i = 0; i < perPage; i++, at++) ctx.fillText(lines[at % lines.length] as string, 56, 60 + i * 15.5);
      ctx.fillText(`pag. ${n} di ${pages}`, 280, 810);
    }
    pdf.endPage();
  }
  return pdf.close();
}

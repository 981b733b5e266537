/**
 * bench/queue: the queue mode's throughput and overhead.
 *   npm run bench:queue            (COPIES=N: the scan batch holds N copies of each of its two scans; default 8)
 * Runs the same batches on this machine: a local `verbali run --out` (--jobs 2,
 * timed from start to exit, as the nightly job runs it); one `queue worker`
 * (--concurrency 2) started with the batch and stopped after it ("cold": its
 * start-up counted, as the local run's is); and, as in production where workers
 * run all the time, one running worker (--concurrency 2) and two (--concurrency 1
 * each, as two one-core machines would), timed from `queue add` to the last
 * record ("warm"). Prints wall time, pages/min and CPU time (user + sys of the
 * whole process trees), and the queue's overhead against the local run.
 * Batches: scanned pages (OCR), and many short OCR texts (where a job's fixed
 * cost shows). Uses VERBALI_TEST_REDIS or VERBALI_REDIS when set, else starts
 * a throwaway redis-server (.ci/redis.sh).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../pipeline/assets.js';
import { addToQueue, queueStatus, Registry } from '../pipeline/queue/index.js';
import { connectRedis } from '../pipeline/queue/settings.js';

const root = packageRoot();
const CLI = join(root, 'dist/pipeline/cli.js');
const GNU_TIME = '/usr/bin/time';
if (!existsSync(GNU_TIME)) execFileSync('apt-get', ['install', '-y', '-qq', 'time'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });

let started = false;
const redis =
  process.env.VERBALI_TEST_REDIS ??
  process.env.VERBALI_REDIS ??
  (() => {
    started = true;
    return execFileSync('bash', [join(root, '.ci/redis.sh'), 'start'], { encoding: 'utf8' }).trim();
  })();

interface Run {
  seconds: number;
  cpuSeconds: number;
}

/** A process under GNU time; resolves with its CPU seconds (user + sys, waited-for children included) when it exits. */
function timed(args: string[], env: NodeJS.ProcessEnv = {}): { kill: () => void; done: Promise<number> } {
  const report = join(mkdtempSync(join(tmpdir(), 'bench-queue-')), 'cpu');
  const child = spawn(GNU_TIME, ['-f', '%U %S', '-o', report, process.execPath, CLI, ...args], { env: { ...process.env, ...env }, stdio: 'ignore' });
  const done = new Promise<number>((resolve, reject) =>
    child.on('close', (code) => {
      const [user, sys] = readFileSync(report, 'utf8').trim().split('\n').pop()?.split(' ').map(Number) ?? [];
      if (user === undefined || sys === undefined) reject(new Error(`no CPU time (exit ${code})`));
      else resolve(user + sys);
    }),
  );
  // SIGTERM to GNU time would end time itself, not the worker: signal its one child, the node process.
  const kill = () => execFileSync('pkill', ['-TERM', '-P', String(child.pid)]);
  return { kill, done };
}

async function local(inputs: string): Promise<Run> {
  const out = mkdtempSync(join(tmpdir(), 'bench-queue-local-'));
  const start = performance.now();
  const cpuSeconds = await timed(['run', inputs, '--out', out, '--jobs', '2', '--quiet']).done;
  return { seconds: (performance.now() - start) / 1000, cpuSeconds };
}

/** CPU seconds (user + sys) used so far by a process and every live descendant (/proc, clock ticks of 1/100 s). */
function treeCpuSeconds(root: number): number {
  const table = new Map<number, { ppid: number; ticks: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // After the name: state ppid … utime (14th field of the line) stime (15th).
      table.set(Number(entry), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // the process ended while we looked
    }
  }
  let ticks = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop() as number;
    ticks += table.get(pid)?.ticks ?? 0;
    for (const [child, { ppid }] of table) if (ppid === pid) stack.push(child);
  }
  return ticks / 100;
}

async function drain(queue: string, jobs: number): Promise<void> {
  for (;;) {
    const s = await queueStatus({ redis, queue, limit: 1 });
    if (s.counts.completed + s.counts.failed >= jobs) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The batch through `processes` running workers, as in production, where workers run all the
 * time: they are started and warmed first (one OCR job per child, so each has loaded its
 * dictionaries and started tesseract.js), then timed from \`queue add\` to the last record.
 * CPU is the workers' whole process trees over that time.
 */
async function queued(inputs: string, processes: number, concurrency: number): Promise<Run> {
  const queue = `bench-${process.pid}-${processes}x${concurrency}-${Date.now()}`;
  const out = mkdtempSync(join(tmpdir(), 'bench-queue-out-'));
  const workers = Array.from({ length: processes }, () =>
    spawn(process.execPath, [CLI, 'queue', 'worker', '--redis', redis, '--queue', queue, '--out', out, '--concurrency', String(concurrency), '--quiet'], {
      env: { ...process.env, NODE_ENV: '' },
      stdio: 'ignore',
    }),
  );
  const warm = mkdtempSync(join(tmpdir(), 'bench-queue-warm-'));
  const jpg = readFileSync(join(root, 'samples/giunta-clusone-1987-04-22.jpg'));
  for (let i = 0; i < processes * concurrency; i++) writeFileSync(join(warm, `warm-${i}.jpg`), Buffer.concat([jpg, Buffer.alloc(10 + i)]));
  await addToQueue([warm], { redis, queue });
  await drain(queue, processes * concurrency);

  const cpu = () => workers.reduce((sum, w) => sum + treeCpuSeconds(w.pid as number), 0);
  const cpuBefore = cpu();
  const start = performance.now();
  const added = await addToQueue([inputs], { redis, queue });
  await drain(queue, processes * concurrency + added.filter((a) => a.status === 'queued').length);
  const seconds = (performance.now() - start) / 1000;
  const cpuSeconds = cpu() - cpuBefore;

  for (const w of workers) w.kill('SIGTERM');
  await Promise.all(workers.map((w) => new Promise((r) => w.on('close', r))));
  const connection = connectRedis(redis, 'client');
  await new Registry(connection, queue).clear();
  connection.disconnect();
  return { seconds, cpuSeconds };
}

/** The batch through `processes` workers started with it and stopped after (start-up included, as a local run's is), CPU by GNU time. */
async function queuedCold(inputs: string, processes: number, concurrency: number): Promise<Run> {
  const queue = `bench-${process.pid}-cold-${processes}x${concurrency}-${Date.now()}`;
  const out = mkdtempSync(join(tmpdir(), 'bench-queue-out-'));
  const start = performance.now();
  const workers = Array.from({ length: processes }, () =>
    timed(['queue', 'worker', '--redis', redis, '--queue', queue, '--out', out, '--concurrency', String(concurrency), '--quiet'], { NODE_ENV: '' }),
  );
  const added = await addToQueue([inputs], { redis, queue });
  await drain(queue, added.filter((a) => a.status === 'queued').length);
  const seconds = (performance.now() - start) / 1000;
  for (const w of workers) w.kill();
  const cpu = await Promise.all(workers.map((w) => w.done));
  const connection = connectRedis(redis, 'client');
  await new Registry(connection, queue).clear();
  connection.disconnect();
  return { seconds, cpuSeconds: cpu.reduce((a, b) => a + b, 0) };
}

/**
 * Scanned pages: the 3-page scan sample and the typewritten JPEG, each COPIES times (default 8; a byte apart,
 * so each is its own job). A batch of a few documents measures mostly its tail: the last 3-page document one
 * worker reads while the other has nothing left (with 3 copies, 5 of the queue's 26 s).
 */
const COPIES = Number(process.env.COPIES ?? 8);
function scanBatch(): { dir: string; pages: number; inputs: number } {
  const dir = mkdtempSync(join(tmpdir(), 'bench-queue-scans-'));
  const pdf = readFileSync(join(root, 'samples/consiglio-castione-2023-03-28.scan.pdf'));
  const jpg = readFileSync(join(root, 'samples/giunta-clusone-1987-04-22.jpg'));
  for (let i = 0; i < COPIES; i++) {
    writeFileSync(join(dir, `scan-${i}.pdf`), Buffer.concat([pdf, Buffer.from('\n'.repeat(i))]));
    writeFileSync(join(dir, `foto-${i}.jpg`), Buffer.concat([jpg, Buffer.alloc(i)]));
  }
  return { dir, pages: COPIES * 3 + COPIES, inputs: 2 * COPIES };
}

/** 100 OCR texts of one page or a few (our fixtures, each made unique). */
function textBatch(): { dir: string; pages: number; inputs: number } {
  const dir = mkdtempSync(join(tmpdir(), 'bench-queue-texts-'));
  const fixtures = readdirSync(join(root, 'test/fixtures/segment'), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => readFileSync(join(root, 'test/fixtures/segment', d.name, 'input.ocr.txt'), 'utf8'));
  let pages = 0;
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < 100; i++) {
    const text = `${fixtures[i % fixtures.length]}\n\nProtocollo n. ${i + 1}.\n`;
    pages += text.split('\f').length;
    writeFileSync(join(dir, `verbale-${String(i).padStart(3, '0')}.txt`), text);
  }
  return { dir, pages, inputs: 100 };
}

const row = (label: string, r: Run, pages: number, base?: Run) =>
  console.log(
    label.padEnd(34),
    r.seconds.toFixed(1).padStart(8),
    ((pages / r.seconds) * 60).toFixed(1).padStart(10),
    r.cpuSeconds.toFixed(1).padStart(8),
    base ? `${(((r.seconds - base.seconds) / base.seconds) * 100).toFixed(1)}%`.padStart(11) : ''.padStart(11),
    base ? `${(((r.cpuSeconds - base.cpuSeconds) / base.cpuSeconds) * 100).toFixed(1)}%`.padStart(11) : '',
  );

try {
  console.log(`machine: ${(await import('node:os')).availableParallelism()} cores; Redis ${redis}; wall times measured under whatever load the machine has`);
  for (const batch of [scanBatch(), textBatch()]) {
    const name = batch.dir.includes('scans') ? `scans: ${batch.inputs} inputs, ${batch.pages} OCR pages` : `texts: ${batch.inputs} inputs, ${batch.pages} pages`;
    console.log(`\n${name}`);
    console.log('run'.padEnd(34), 'wall s'.padStart(8), 'pages/min'.padStart(10), 'CPU s'.padStart(8), 'wall vs run'.padStart(11), 'CPU vs run'.padStart(11));
    const base = await local(batch.dir);
    row('local run --jobs 2', base, batch.pages);
    row('queue, cold: 1 worker x 2', await queuedCold(batch.dir, 1, 2), batch.pages, base);
    row('queue, warm: 1 worker x 2', await queued(batch.dir, 1, 2), batch.pages, base);
    row('queue, warm: 2 workers x 1', await queued(batch.dir, 2, 1), batch.pages, base);
  }
} finally {
  if (started) execFileSync('bash', [join(root, '.ci/redis.sh'), 'stop']);
}

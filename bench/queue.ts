/**
 * bench/queue: the queue mode's throughput and overhead.
 *   npm run bench:queue
 * Runs the same batches three ways on this machine: a local `verbali run --out`
 * (--jobs 2), one `queue worker` process (--concurrency 2), and two worker
 * processes (--concurrency 1 each, as two one-core machines would). Prints wall
 * time, pages/min and the CPU time of each whole process tree (GNU time: user +
 * sys, children included), and the queue's overhead against the local run.
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

async function queued(inputs: string, processes: number, concurrency: number): Promise<Run> {
  const queue = `bench-${process.pid}-${processes}x${concurrency}-${Date.now()}`;
  const out = mkdtempSync(join(tmpdir(), 'bench-queue-out-'));
  const start = performance.now();
  // Workers start with the clock running, as a local run's start-up is in its time.
  const workers = Array.from({ length: processes }, () =>
    timed(['queue', 'worker', '--redis', redis, '--queue', queue, '--out', out, '--concurrency', String(concurrency), '--quiet'], { NODE_ENV: '' }),
  );
  const added = await addToQueue([inputs], { redis, queue });
  const jobs = added.filter((a) => a.status === 'queued').length;
  for (;;) {
    const s = await queueStatus({ redis, queue, limit: 1 });
    if (s.counts.completed + s.counts.failed >= jobs) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const seconds = (performance.now() - start) / 1000;
  for (const w of workers) w.kill();
  const cpu = await Promise.all(workers.map((w) => w.done));
  const connection = connectRedis(redis, 'client');
  await new Registry(connection, queue).clear();
  connection.disconnect();
  return { seconds, cpuSeconds: cpu.reduce((a, b) => a + b, 0) };
}

/** Scanned pages: the 3-page scan sample and the typewritten JPEG, each three times (a byte apart, so each is its own job). */
function scanBatch(): { dir: string; pages: number } {
  const dir = mkdtempSync(join(tmpdir(), 'bench-queue-scans-'));
  const pdf = readFileSync(join(root, 'samples/consiglio-castione-2023-03-28.scan.pdf'));
  const jpg = readFileSync(join(root, 'samples/giunta-clusone-1987-04-22.jpg'));
  for (let i = 0; i < 3; i++) {
    writeFileSync(join(dir, `scan-${i}.pdf`), Buffer.concat([pdf, Buffer.from('\n'.repeat(i))]));
    writeFileSync(join(dir, `foto-${i}.jpg`), Buffer.concat([jpg, Buffer.alloc(i)]));
  }
  return { dir, pages: 3 * 3 + 3 };
}

/** 100 OCR texts of one page or a few (our fixtures, each made unique). */
function textBatch(): { dir: string; pages: number } {
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
  return { dir, pages };
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
    const name = batch.dir.includes('scans') ? `scans: 6 inputs, ${batch.pages} OCR pages` : `texts: 100 inputs, ${batch.pages} pages`;
    console.log(`\n${name}`);
    console.log('run'.padEnd(34), 'wall s'.padStart(8), 'pages/min'.padStart(10), 'CPU s'.padStart(8), 'wall vs run'.padStart(11), 'CPU vs run'.padStart(11));
    const base = await local(batch.dir);
    row('local run --jobs 2', base, batch.pages);
    row('queue: 1 worker, concurrency 2', await queued(batch.dir, 1, 2), batch.pages, base);
    row('queue: 2 workers, concurrency 1', await queued(batch.dir, 2, 1), batch.pages, base);
  }
} finally {
  if (started) execFileSync('bash', [join(root, '.ci/redis.sh'), 'stop']);
}

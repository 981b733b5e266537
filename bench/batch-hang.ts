/**
 * bench/batch-hang: the regression of issue 11, run as a nightly job would.
 *   npm run bench:hang            (RUNS=50 by default)
 * Runs `verbali run DIR --out OUT` on the two scans that hung verbali 38639b6
 * (test/fixtures/batch-hang) RUNS times, each into a fresh OUT, and prints each
 * run's wall and CPU time (GNU time), whether it finished with exit 0 and two
 * records, and the totals. A run still going after GUARD_S seconds (default
 * 600) is killed and counted as hung.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../pipeline/assets.js';

const root = packageRoot();
const CLI = join(root, 'dist/pipeline/cli.js');
const RUNS = Number(process.env.RUNS ?? 50);
const GUARD_S = Number(process.env.GUARD_S ?? 600);
const GNU_TIME = '/usr/bin/time';

const work = mkdtempSync(join(tmpdir(), 'bench-hang-'));
const inputs = join(work, 'inputs');
mkdirSync(inputs);
for (const name of ['a-notice-colour-300dpi.pdf', 'b-ccitt-landscape-300dpi.pdf']) copyFileSync(join(root, 'test/fixtures/batch-hang', name), join(inputs, name));

interface Run {
  code: number | null;
  seconds: number;
  cpuSeconds: number | null;
  records: number;
  hung: boolean;
}

function once(out: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const timing = join(out, '..', `${Date.now()}.time`);
    const timed = existsSync(GNU_TIME);
    const [cmd, args] = timed
      ? [GNU_TIME, ['-f', '%U %S', '-o', timing, process.execPath, CLI, 'run', inputs, '--out', out, '--quiet']]
      : [process.execPath, [CLI, 'run', inputs, '--out', out, '--quiet']];
    const start = performance.now();
    const child = spawn(cmd, args, { stdio: 'ignore' });
    let hung = false;
    const guard = setTimeout(() => {
      hung = true;
      child.kill('SIGKILL');
    }, GUARD_S * 1000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(guard);
      let cpuSeconds: number | null = null;
      if (timed && existsSync(timing)) {
        const [user, sys] = readFileSync(timing, 'utf8').trim().split('\n').pop()?.split(' ').map(Number) ?? [];
        if (user !== undefined && sys !== undefined) cpuSeconds = user + sys;
        rmSync(timing, { force: true });
      }
      const records = existsSync(out) ? readdirSync(out).filter((f) => f.endsWith('.json') && f !== 'summary.json').length : 0;
      resolve({ code, seconds: (performance.now() - start) / 1000, cpuSeconds, records, hung });
    });
  });
}

console.log(`${RUNS} batch runs of the two batch-hang scans (each killed after ${GUARD_S} s if still going)`);
console.log('run'.padStart(4), 'exit'.padStart(5), 'records'.padStart(8), 'wall s'.padStart(8), 'CPU s'.padStart(7));
const runs: Run[] = [];
const started = performance.now();
for (let i = 1; i <= RUNS; i++) {
  const out = join(work, `out-${i}`);
  const run = await once(out);
  runs.push(run);
  rmSync(out, { recursive: true, force: true });
  const exit = run.hung ? 'HUNG' : String(run.code);
  console.log(String(i).padStart(4), exit.padStart(5), String(run.records).padStart(8), run.seconds.toFixed(1).padStart(8), (run.cpuSeconds?.toFixed(1) ?? '-').padStart(7));
}
const total = (performance.now() - started) / 1000;
const finished = runs.filter((r) => !r.hung && r.code === 0 && r.records === 2).length;
const cpu = runs.reduce((s, r) => s + (r.cpuSeconds ?? 0), 0);
const sorted = runs.map((r) => r.seconds).sort((a, b) => a - b);
console.log(`finished with exit 0 and 2 records: ${finished} of ${RUNS}; hung: ${runs.filter((r) => r.hung).length}`);
console.log(`all ${RUNS} runs: ${total.toFixed(0)} s wall (median run ${sorted[Math.floor(sorted.length / 2)]?.toFixed(1)} s, slowest ${sorted.at(-1)?.toFixed(1)} s), ${cpu.toFixed(0)} s CPU`);
rmSync(work, { recursive: true, force: true });
process.exitCode = finished === RUNS ? 0 : 1;

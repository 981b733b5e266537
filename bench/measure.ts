import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** What a measured command did: wall time, peak memory of its whole process tree, its output. */
export interface Measured {
  seconds: number;
  /** CPU time (user + system) of the command and every process it waited for, threads included; null without GNU time. */
  cpuSeconds: number | null;
  peakRssMb: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

function processTable(): Map<number, { ppid: number; rssKb: number }> {
  const table = new Map<number, { ppid: number; rssKb: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${entry}/status`, 'utf8'));
      table.set(Number(entry), { ppid, rssKb: rss ? Number(rss[1]) : 0 });
    } catch {
      // the process ended while we looked
    }
  }
  return table;
}

/** Resident memory of a process and all its descendants, in kB. */
function treeRssKb(root: number): number {
  const table = processTable();
  const children = new Map<number, number[]>();
  for (const [pid, { ppid }] of table) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  let total = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop() as number;
    total += table.get(pid)?.rssKb ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

const GNU_TIME = '/usr/bin/time';

/**
 * Run a command, sampling the resident memory of its whole process tree every
 * 50 ms (parallel tesseract processes count together, as they would on the
 * machine), and time it. Under GNU time when it is installed, whose maximum
 * RSS (kept by the kernel) catches a peak that falls between two samples,
 * as a short run's last moments can.
 */
export function measure(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const report = existsSync(GNU_TIME) ? join(mkdtempSync(join(tmpdir(), 'measure-')), 'maxrss') : null;
    const [cmd, argv] = report ? [GNU_TIME, ['-f', '%M %U %S', '-o', report, command, ...args]] : [command, args];
    const child = spawn(cmd, argv, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    let peak = 0;
    const timer = setInterval(() => {
      if (child.pid) peak = Math.max(peak, treeRssKb(child.pid));
    }, 50);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(timer);
      let cpuSeconds: number | null = null;
      if (report) {
        // The last line is "%M %U %S": kB, user and system seconds (a line before it says so when the command failed).
        const [kb, user, system] = (readFileSync(report, 'utf8').trim().split('\n').pop() ?? '').split(' ').map(Number);
        peak = Math.max(peak, kb || 0);
        cpuSeconds = (user ?? 0) + (system ?? 0);
        rmSync(dirname(report), { recursive: true, force: true });
      }
      resolve({
        seconds: (performance.now() - start) / 1000,
        cpuSeconds,
        peakRssMb: Math.round(peak / 1024),
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}

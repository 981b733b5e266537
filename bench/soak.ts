/**
 * bench/soak: a nightly job's worst night, outside CI.
 *   npm run bench:soak           (INPUTS=1000 KILLS=10 SEED=11 by default)
 * Writes INPUTS mixed inputs (OCR texts, born-digital PDFs, JPEG scans, the
 * same bytes under a second name, and bad files of five kinds), then runs
 * `verbali run DIR --out OUT` and SIGKILLs it KILLS times at random moments
 * (seeded: after a random number of new records, so mid-batch), restarting it each time, and lets a last run finish. Then checks:
 * exactly one valid record per good input (every good path named once, as the
 * record's file or an alias), one named failure per bad input (with the code
 * it must have), nothing half-written. Prints the counts and the wall time;
 * exits 1 if any check fails.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { packageRoot } from '../pipeline/assets.js';
import { VerbaleRecord } from '../schemas/index.js';

const root = packageRoot();
const CLI = join(root, 'dist/pipeline/cli.js');
const INPUTS = Number(process.env.INPUTS ?? 1000);
const KILLS = Number(process.env.KILLS ?? 10);
let seed = Number(process.env.SEED ?? 11);
const random = () => {
  seed = (seed * 16807) % 2147483647;
  return seed / 2147483647;
};

const work = mkdtempSync(join(tmpdir(), 'bench-soak-'));
const dir = join(work, 'in');
const out = join(work, 'out');
const good: string[] = [];
const bad = new Map<string, string>();
const put = (rel: string, data: Buffer | string, code?: string) => {
  const path = join(dir, rel);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, data);
  if (code) bad.set(path, code);
  else good.push(path);
};

// Bad inputs, each bad for one reason and each with bytes of its own (10 of each kind per 1,000).
const badEach = Math.max(1, Math.round(INPUTS / 100));
const goodPdf = readFileSync(join(root, 'samples/consiglio-castione-2023-03-28.pdf'));
for (let i = 0; i < badEach; i++) {
  put(`zz-bad/corrupt-${i}.pdf`, `%PDF-1.4\nnot a PDF body, number ${i}\n%%EOF\n`, 'E_INPUT_PDF');
  put(`zz-bad/empty-${i}.txt`, '', 'E_INPUT_EMPTY');
  put(`zz-bad/latin1-${i}.txt`, Buffer.from(`VERBALE n. ${i}\nLa citt\xe0 \xe8 rappresentata.\n`, 'latin1'), 'E_INPUT_ENCODING');
  put(`zz-bad/wrong-extension-${i}.png`, Buffer.concat([goodPdf, Buffer.from(`\n% ${i}\n`)]), 'E_INPUT_TYPE');
  put(`zz-bad/broken-${i}.png`, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(`bad ${i}`)]), 'E_INPUT_IMAGE');
}
// Scans (OCR), born-digital PDFs (text layer), the same bytes under a second name, and OCR texts for the rest.
const scan = readFileSync(join(root, 'samples/giunta-clusone-1987-04-22.jpg'));
const scans = Math.max(1, Math.round(INPUTS / 80));
for (let i = 0; i < scans; i++) put(`scansioni/giunta-${i}.jpg`, Buffer.concat([scan, Buffer.from([i & 255, i >> 8])]));
const pdfs = Math.round(INPUTS / 25);
for (let i = 0; i < pdfs; i++) put(`pdf/consiglio-${i}.pdf`, Buffer.concat([goodPdf, Buffer.from(`\n% soak ${i}\n`)]));
const texts = readdirSync(join(root, 'test/fixtures/segment'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => readFileSync(join(root, 'test/fixtures/segment', d.name, 'input.ocr.txt'), 'utf8'));
const copies = Math.round(INPUTS / 100);
const textCount = INPUTS - bad.size - scans - pdfs - copies;
for (let i = 0; i < textCount; i++) put(`testi/${String(Math.floor(i / 100))}/verbale-${i}.txt`, `${texts[i % texts.length]}\n\nProtocollo n. ${i + 1}.\n`);
for (let i = 0; i < copies; i++) {
  const from = join(dir, `testi/0/verbale-${i}.txt`);
  const to = join(dir, `copie/verbale-${i}-copia.txt`);
  mkdirSync(join(to, '..'), { recursive: true });
  copyFileSync(from, to);
  good.push(to);
}
console.log(`${good.length + bad.size} inputs: ${textCount} OCR texts, ${pdfs} born-digital PDFs, ${scans} JPEG scans, ${copies} second names of texts, ${bad.size} bad files`);

const recordCount = () => (existsSync(out) ? readdirSync(out).filter((f) => f.endsWith('.json') && f !== 'summary.json').length : 0);

/**
 * One run of the CLI. With `killAfter`, it is SIGKILLed once it has written that
 * many more records (so kills land mid-batch, between and during writes, on
 * texts, PDFs and scans alike), or after 10 minutes if it gets no further.
 */
function run(killAfter: number | null): Promise<{ code: number | null; signal: string | null; seconds: number }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const before = recordCount();
    const child = spawn(process.execPath, [CLI, 'run', dir, '--out', out, '--quiet'], { stdio: 'ignore' });
    const kill = () => child.kill('SIGKILL');
    const cap = killAfter === null ? undefined : setTimeout(kill, 600_000);
    const poll = killAfter === null ? undefined : setInterval(() => recordCount() - before >= killAfter && kill(), 100);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(cap);
      clearInterval(poll);
      resolve({ code, signal, seconds: (performance.now() - start) / 1000 });
    });
  });
}

const started = performance.now();
for (let k = 1; k <= KILLS; k++) {
  // Spread over the batch: on average a tenth of it between two kills.
  const after = 1 + Math.floor(random() * (2 * (good.length - copies)) / (KILLS + 1));
  const r = await run(after);
  const how = r.signal === 'SIGKILL' ? `SIGKILL after ${after} more records (${r.seconds.toFixed(1)} s)` : `ended by itself (exit ${r.code}) before its SIGKILL`;
  console.log(`run ${k}: ${how}; ${recordCount()} records so far`);
}
const last = await run(null);
const seconds = (performance.now() - started) / 1000;

// The checks.
const problems: string[] = [];
const names = readdirSync(out);
const named = new Map<string, number>();
let records = 0;
for (const f of names.filter((n) => n.endsWith('.json') && n !== 'summary.json')) {
  const parsed = VerbaleRecord.safeParse(JSON.parse(readFileSync(join(out, f), 'utf8')));
  if (!parsed.success) {
    problems.push(`${f} is not a valid record`);
    continue;
  }
  records++;
  for (const p of [parsed.data.source.file, ...(parsed.data.source.aliases ?? [])]) named.set(p, (named.get(p) ?? 0) + 1);
  if (!names.includes(f.replace(/\.json$/, '.md'))) problems.push(`${f} has no Markdown beside it`);
}
for (const p of good) if (named.get(p) !== 1) problems.push(`${p} is named by ${named.get(p) ?? 0} records`);
for (const p of bad.keys()) if (named.has(p)) problems.push(`bad input ${p} has a record`);
const temps = names.filter((n) => /\.(json|md)\.\d+$/.test(n));
if (temps.length) problems.push(`${temps.length} temp files left`);
const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { processed: number; skipped: number; failed: { file: string; code: string }[] };
const failures = new Map(summary.failed.map((f) => [f.file, f.code]));
for (const [p, code] of bad) if (failures.get(p) !== code) problems.push(`${basename(p)}: expected ${code}, got ${failures.get(p) ?? 'no failure'}`);
if (summary.failed.length !== bad.size) problems.push(`${summary.failed.length} failures named for ${bad.size} bad inputs`);

console.log(`last run: exit ${last.code}; ${summary.processed} processed, ${summary.skipped} skipped, ${summary.failed.length} failed`);
console.log(`records: ${records} valid, naming ${[...named.values()].reduce((a, b) => a + b, 0)} paths for ${good.length} good inputs; failures named: ${failures.size} for ${bad.size} bad inputs`);
console.log(`${KILLS} SIGKILLs and restarts, then a full run: ${seconds.toFixed(0)} s wall in all (measured under load)`);
console.log(problems.length ? `PROBLEMS (${problems.length}):\n  ${problems.slice(0, 20).join('\n  ')}` : 'all checks passed');
rmSync(work, { recursive: true, force: true });
process.exitCode = problems.length || last.code !== 2 ? 1 : 0;

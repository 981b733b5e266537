/**
 * bench/batch: batch throughput and memory of `verbali run DIR --out OUT`.
 *   npm run bench:batch
 * For 10, 200 and 1,000 OCR-text inputs (our fixtures, each made unique), prints
 * files/min and the peak RSS of the whole run (medians of three runs for 10 and 200), then the time of a second run
 * over the same inputs (all skipped) as a share of the first; for 200 inputs,
 * also the run with V8's default heap growth (the CLI caps it); then the same
 * for the tests' mixed corpus (texts, Markdown, a born-digital PDF, a JPEG
 * scan, duplicates: test/batch/corpus.ts).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../pipeline/assets.js';
import { SEED } from '../test/helpers.js';
import { measure } from './measure.js';

const root = packageRoot();
const CLI = join(root, 'dist/pipeline/cli.js');
const fixtures = readdirSync(join(root, 'test/fixtures/segment'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => readFileSync(join(root, 'test/fixtures/segment', d.name, 'input.ocr.txt'), 'utf8'));
fixtures.push(readFileSync(SEED, 'utf8'));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

console.log('inputs'.padStart(6), 'first run s'.padStart(12), 'files/min'.padStart(10), 'peak RSS MB'.padStart(12), 'rerun s'.padStart(8), 'rerun/first'.padStart(12));
for (const count of [10, 200, 1000]) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-batch-'));
  const inputs = join(dir, 'in');
  mkdirSync(inputs);
  for (let i = 0; i < count; i++) {
    const text = `${fixtures[i % fixtures.length]}\n\nProtocollo n. ${i + 1}.\n`;
    writeFileSync(join(inputs, `verbale-${String(i).padStart(4, '0')}.txt`), text);
  }
  // A short run's peak moves with the moment V8 collects: the median of three fresh runs (one for 1,000 inputs).
  const runs = count <= 200 ? 3 : 1;
  const firsts = [];
  let out = '';
  for (let r = 0; r < runs; r++) {
    out = join(dir, `out-${r}`);
    firsts.push(await measure(process.execPath, [CLI, 'run', inputs, '--out', out, '--quiet']));
  }
  const first = { seconds: median(firsts.map((m) => m.seconds)), peakRssMb: median(firsts.map((m) => m.peakRssMb)), code: Math.max(...firsts.map((m) => m.code ?? 1)) };
  const again = await measure(process.execPath, [CLI, 'run', inputs, '--out', out, '--quiet']);
  const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
  if (first.code !== 0 || summary.skipped !== count) console.log(`  unexpected: exit ${first.code}, second run skipped ${summary.skipped}`);
  console.log(
    String(count).padStart(6),
    first.seconds.toFixed(2).padStart(12),
    ((count / first.seconds) * 60).toFixed(0).padStart(10),
    String(first.peakRssMb).padStart(12),
    again.seconds.toFixed(2).padStart(8),
    `${((again.seconds / first.seconds) * 100).toFixed(1)}%`.padStart(12),
    runs > 1 ? `  (peaks ${firsts.map((m) => m.peakRssMb).join(', ')} MB)` : '',
  );
  if (count === 200) {
    // The same inputs with V8's own heap growth (the CLI caps it unless node is given the flag): the trade, measured.
    const plain = [];
    for (let r = 0; r < runs; r++) {
      plain.push(await measure(process.execPath, ['--heap-growing-percent=0', CLI, 'run', inputs, '--out', join(dir, `out-default-heap-${r}`), '--quiet']));
    }
    const seconds = median(plain.map((m) => m.seconds));
    console.log(
      `   (200 inputs with V8's default heap growth, median of ${runs}: ${seconds.toFixed(2)} s, ${((count / seconds) * 60).toFixed(0)} files/min, peak RSS ${median(plain.map((m) => m.peakRssMb))} MB)`,
    );
  }
  rmSync(dir, { recursive: true, force: true });
}

{
  const { makeCorpus } = await import('../test/batch/corpus.js');
  const dir = mkdtempSync(join(tmpdir(), 'bench-batch-'));
  const corpus = makeCorpus(join(dir, 'in'), { scan: true });
  const out = join(dir, 'out');
  const first = await measure(process.execPath, [CLI, 'run', corpus.dir, '--out', out, '--quiet']);
  const again = await measure(process.execPath, [CLI, 'run', corpus.dir, '--out', out, '--quiet']);
  console.log(
    `mixed corpus, ${corpus.good.length} inputs (${corpus.distinct} distinct, one JPEG scan): first run ${first.seconds.toFixed(2)} s, peak RSS ${first.peakRssMb} MB; rerun ${again.seconds.toFixed(2)} s = ${((again.seconds / first.seconds) * 100).toFixed(1)}% of the first (target < 10%)`,
  );
  rmSync(dir, { recursive: true, force: true });
}

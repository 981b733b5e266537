/**
 * bench/ocr-builds: `verbali ocr` of this build and of another, in the same run, on
 * the make-scan.sh scans of the real corpus (bench:accuracy's, from its cache or
 * made; one PDF per document by img2pdf), CER of each against the
 * document's text layer, typography folded (`foldPrint`), and the errors in
 * reading order (`localErrors`). For OCR changes whose effect a dev set of
 * our own cannot settle (how far to straighten a page, how to turn it).
 *   npm run bench:ocr-builds -- --baseline DIR               (DIR: another checkout, built)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { packageRoot } from '../pipeline/assets.js';
import { corpusPdfs, scannedPages } from './accuracy-scans.js';
import { CACHE, CORPUS } from './accuracy-sets.js';
import { cer, foldPrint, localErrors } from './metrics.js';

const args = process.argv.slice(2);
const baselineAt = args.indexOf('--baseline');
if (baselineAt === -1) throw new Error('usage: npm run bench:ocr-builds -- --baseline DIR (a built checkout)');
const builds = [
  ['baseline', join(resolve(args[baselineAt + 1] as string), 'dist/pipeline/cli.js')],
  ['this build', join(packageRoot(), 'dist/pipeline/cli.js')],
] as const;
const tmp = mkdtempSync(join(tmpdir(), 'ocr-builds-'));

console.log(`verbali ocr --jobs 2, ${builds.map(([n, cli]) => `${n}: ${cli}`).join('; ')}`);
console.log('document'.padEnd(40), ...builds.map(([n]) => `${n}: CER, errors in reading order`.padStart(44)));
const totals = builds.map(() => ({ errors: 0, local: 0 }));
let refChars = 0;
for (const [n, doc] of corpusPdfs(CORPUS).entries()) {
  const pdf = join(tmp, `${n}.pdf`);
  execFileSync('img2pdf', ['-o', pdf, ...(await scannedPages(doc, join(CORPUS, 'make-scan.sh'), join(CACHE, 'scans')))]);
  const truth = foldPrint(readFileSync(doc.gold, 'utf8').replace(/\f/g, '\n'));
  const cells = builds.map(([, cli], i) => {
    const text = foldPrint(execFileSync(process.execPath, [cli, 'ocr', pdf, '--jobs', '2', '-q'], { encoding: 'utf8', maxBuffer: 64 << 20 }).replace(/\f/g, '\n'));
    const local = localErrors(text, truth);
    const rate = cer(text, truth);
    const total = totals[i] as (typeof totals)[number];
    total.errors += rate * local.refChars; // the edit distance: both rates are over the same normalised reference
    total.local += local.chars;
    if (i === 0) refChars += local.refChars;
    return `${(rate * 100).toFixed(2)}%, ${local.chars}`.padStart(44);
  });
  console.log(shortName(doc.name).padEnd(40), ...cells);
}
console.log(
  'all documents'.padEnd(40),
  ...totals.map((t) => `${((t.errors / refChars) * 100).toFixed(3)}%, ${t.local}`.padStart(44)),
  `(${refChars} characters)`,
);

/** A long name as its start and its end (documents of one source share a long start). */
function shortName(name: string): string {
  return name.length <= 40 ? name : `${name.slice(0, 18)}…${name.slice(-21)}`;
}

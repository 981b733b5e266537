/**
 * The OCR dev set: pages whose text we hold, each read by verbali and by the
 * native tesseract CLI with the same model, compared page by page.
 * - photocopies (JPEG files): our four segment fixtures and the typewritten
 *   sample in serif, sans and typewriter faces at 200-300 dpi, skewed 0-3.5°
 *   (samples/make-samples.mjs --ocr-dev-set); the CLI reads the JPEG itself;
 * - image-only PDFs of the kinds scanners write (make-samples.mjs --ocr-pdf-set):
 *   a colour letter as a 300 dpi colour JPEG, 1-bit CCITT G4 pages under
 *   /Rotate 270 and 90, 200 dpi grey typewritten pages with uneven ink and
 *   speckle, skewed pages, pages whose image is stored turned and drawn
 *   upright by its matrix; the CLI reads pdftoppm's 300 dpi renders, as
 *   OCRmyPDF would. Texts: our samples and, when ../shared/corpus is beside
 *   the clone, pages of real verbali (gold texts).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../pipeline/assets.js';
import { cer, normalise } from './metrics.js';
import { CACHE, nativeText, render300 } from './native.js';

const root = packageRoot();
const CLI = join(root, 'dist/pipeline/cli.js');
const MAKE = join(root, 'samples/make-samples.mjs');
const CORPUS = join(root, '../shared/corpus');
/** The kinds make-samples.mjs --ocr-pdf-set deals out, in turn (their file names start with them). */
const PDF_KINDS = ['colour-jpeg-300', 'ccitt-g4-rotate', 'typewritten-200', 'skewed-300', 'transform-250'];

/** One page's figures: characters of its text, and each reader's character errors. */
export interface PageScore {
  page: string;
  kind: string;
  chars: number;
  verbali: number;
  native: number;
}

/** Texts of the PDF kinds, in the order make-samples.mjs deals its kinds out; corpus pages where present. */
function pdfTexts(): string[] {
  const corpus = (rel: string, fallback: string) => (existsSync(join(CORPUS, rel)) ? join(CORPUS, rel) : join(root, fallback));
  return [
    join(root, 'samples/consiglio-castione-2023-03-28.txt'),
    corpus('extra/b1d77f08262aed36c55f02ffd02be134947b92cefda280e47a10758f266def43.gold.txt', 'test/fixtures/segment/consiglio-numerato/input.txt'),
    join(root, 'samples/giunta-clusone-1987-04-22.txt'),
    corpus('real/seduta-consiglio-circoscrizionale-povo-di-martedi-27-maggio-2025__02__27-05-2025-verbale-2bn-2b5-povo.gold.txt', 'test/fixtures/segment/assemblea-sindaci/input.txt'),
    corpus('extra/287e29f0c21cbbf345b4983853f526c0f02ec9f5397d1b592590ab3a9a5c85be.gold.txt', 'test/fixtures/segment/unione-ibrida/input.txt'),
    corpus('extra/8f9c4106e53246803599e3923c89580c47b394093205b433777c17f7be822aa6.gold.txt', 'test/fixtures/segment/giunta-1987/input.txt'),
  ];
}

function jpegTexts(): string[] {
  const fixtures = readdirSync(join(root, 'test/fixtures/segment'), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => join(root, 'test/fixtures/segment', d.name, 'input.txt'));
  return [...fixtures, join(root, 'samples/giunta-clusone-1987-04-22.txt')];
}

/** The dev set's folder, generated once per version of the generator and of the texts. */
export function devSetFolder(): string {
  const jpegs = jpegTexts();
  const pdfs = pdfTexts();
  const hash = createHash('sha256');
  for (const f of [MAKE, ...jpegs, ...pdfs]) hash.update(f).update(readFileSync(f));
  const dir = join(CACHE, `dev-set-${hash.digest('hex').slice(0, 12)}`);
  if (existsSync(dir)) return dir;
  const tmp = `${dir}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  execFileSync(process.execPath, [MAKE, '--ocr-dev-set', tmp, ...jpegs], { stdio: 'inherit' });
  execFileSync(process.execPath, [MAKE, '--ocr-pdf-set', tmp, ...pdfs], { stdio: 'inherit' });
  renameSync(tmp, dir);
  return dir;
}

const verbaliPages = (file: string) =>
  execFileSync(process.execPath, [CLI, 'ocr', file, '--jobs', '2'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\f');

/** Every page of the dev set, read by both. */
export function scoreDevSet(dir: string, tessdata: string): PageScore[] {
  const scores: PageScore[] = [];
  const edits = (text: string, truth: string) => Math.round(cer(text, truth) * normalise(truth).length);
  const files = readdirSync(dir).sort();
  for (const file of files.filter((f) => f.endsWith('.jpg'))) {
    const truth = readFileSync(join(dir, file.replace(/\.jpg$/, '.txt')), 'utf8');
    const page = file.replace(/\.jpg$/, '');
    scores.push({ page, kind: 'photocopy JPEG file', chars: normalise(truth).length, verbali: edits(verbaliPages(join(dir, file))[0] ?? '', truth), native: edits(nativeText(join(dir, file), tessdata), truth) });
  }
  for (const file of files.filter((f) => f.endsWith('.pdf'))) {
    const name = file.replace(/\.pdf$/, '');
    const ours = verbaliPages(join(dir, file));
    const renders = render300(join(dir, file), join(dir, `${name}.renders`));
    renders.forEach((render, i) => {
      const truthFile = join(dir, `${name}-${i + 1}.txt`);
      if (!existsSync(truthFile)) return;
      const truth = readFileSync(truthFile, 'utf8');
      const kind = PDF_KINDS.find((k) => name.startsWith(k)) ?? name;
      scores.push({ page: `${name.slice(0, 40)}-${i + 1}`, kind, chars: normalise(truth).length, verbali: edits(ours[i] ?? '', truth), native: edits(nativeText(render, tessdata), truth) });
    });
  }
  return scores;
}

/** The per-page table and the totals the criteria read. */
export function printScores(title: string, scores: PageScore[]): void {
  const pct = (e: number, c: number) => `${((e / c) * 100).toFixed(2)}%`;
  console.log(`\n${title}`);
  console.log('page'.padEnd(46), 'chars'.padStart(6), 'verbali'.padStart(15), 'native'.padStart(15), 'diff (points)'.padStart(14));
  let worst = Number.NEGATIVE_INFINITY;
  for (const s of scores) {
    const diff = ((s.verbali - s.native) / s.chars) * 100;
    worst = Math.max(worst, diff);
    const cell = (e: number) => `${e} ${pct(e, s.chars)}`.padStart(15);
    console.log(s.page.padEnd(46), String(s.chars).padStart(6), cell(s.verbali), cell(s.native), `${diff > 0 ? '+' : ''}${diff.toFixed(2)}`.padStart(14));
  }
  const sum = scores.reduce((t, s) => ({ chars: t.chars + s.chars, verbali: t.verbali + s.verbali, native: t.native + s.native }), { chars: 0, verbali: 0, native: 0 });
  const better = scores.filter((s) => s.verbali < s.native).length;
  const worse = scores.filter((s) => s.verbali > s.native).length;
  console.log(
    `summed over ${scores.length} pages, ${sum.chars} characters: verbali CER ${pct(sum.verbali, sum.chars)} (${sum.verbali} edits), native ${pct(sum.native, sum.chars)} (${sum.native} edits); verbali better on ${better} pages, worse on ${worse}, equal on ${scores.length - better - worse}; largest excess on one page ${worst.toFixed(2)} points (target ≤ 0.10)`,
  );
  console.log(`kinds: ${[...new Set(scores.map((s) => s.kind))].join(', ')}`);
}

/**
 * The OCR step of bench/accuracy's sets: the native tesseract CLI on one page
 * image, text and word boxes (TSV) from one recognition, cached beside the
 * image. Installs the Debian tools when missing (CI is a clean machine).
 */
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { OcrWord, PageEvidence } from '../pipeline/clean/index.js';
import { imageDpi } from '../pipeline/ingest/image.js';
import { capPixels, cropGrey, decodeToGrey, type GreyImage, toPng } from '../pipeline/ingest/index.js';
import { detectSkew, rotateSmall } from '../pipeline/ocr/deskew.js';
import { RECOGNIZE_DEFAULTS } from '../pipeline/ocr/index.js';
import { layOutText } from '../pipeline/ocr/lay-out.js';
import { eraseLeaderDots } from '../pipeline/ocr/leader-dots.js';
import { restoreLineOrder } from '../pipeline/ocr/line-order.js';
import { addListBullets, BULLET_PIXELS } from '../pipeline/ocr/list-bullets.js';
import { findLostLines, insertLines, readAgain } from '../pipeline/ocr/lost-lines.js';
import { wordsFromTsv } from '../pipeline/ocr/pool.js';
import { attachStrayMarks } from '../pipeline/ocr/stray-marks.js';
import { sameModelTessdata } from './native.js';

const run = promisify(execFile);

/** Debian packages the sets need, by the file that proves each is there. */
const NEEDED: Record<string, string> = {
  '/usr/bin/tesseract': 'tesseract-ocr',
  '/usr/share/tesseract-ocr/5/tessdata/ita.traineddata': 'tesseract-ocr-ita',
  '/usr/bin/pdftoppm': 'poppler-utils',
  '/usr/bin/pdfimages': 'poppler-utils',
  '/usr/bin/img2pdf': 'img2pdf',
  '/usr/bin/convert-im6.q16': 'imagemagick',
  '/usr/share/fonts/opentype/urw-base35/NimbusMonoPS-Regular.otf': 'fonts-urw-base35',
  '/usr/share/fonts/truetype/liberation/LiberationMono-Regular.ttf': 'fonts-liberation',
};

export function installTools(): void {
  const missing = [...new Set(Object.entries(NEEDED).filter(([file]) => !existsSync(file)).map(([, pkg]) => pkg))];
  if (missing.length === 0) return;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env });
}

/** One OCR'd page: its text and the evidence the clean stage can read. */
export interface OcrPage {
  text: string;
  evidence: PageEvidence;
}

/**
 * How the sets are read: as verbali's OCR stage reads a page (pipeline/ocr/recognize-page.ts and pool.ts),
 * so the clean stage is scored on what it really receives: the page straightened when its skew is
 * `minSkewDegrees` or more (with verbali's own detectSkew and rotateSmall: PSM 4 on a page turned 2° reads
 * lines into each other, CER 3% → 40%), then one column of text (PSM 4), the Italian model verbali ships
 * (`4.0.0_best_int` from @tesseract.js-data/ita, not Debian's), no inverted-text pass, the page's own dpi.
 * The engine is the CLI, not tesseract.js: the same model on the same pixels (bench:ocr measures the two).
 */
const TESSDATA = sameModelTessdata();
const tesseractArgs = (psm: number) => ['--tessdata-dir', TESSDATA, '-l', 'ita', '--psm', String(psm), '-c', 'tessedit_do_invert=0'];
const ARGS = tesseractArgs(4);
/**
 * The cache key of the reading: the arguments, the size cap and the model's digest, so output read another
 * way (the PSM 3 and Debian-model reads of earlier sessions, cached as `IMAGE.txt`) is never taken for it.
 * Each page's file name adds the straightening it was read with (`.s-2.2`), measured anew on every run:
 * a change to `detectSkew` or `minSkewDegrees` re-reads exactly the pages it turns differently.
 */
const KEY = createHash('sha256')
  .update(ARGS.join(' ').replace(TESSDATA, ''))
  .update(`at most ${RECOGNIZE_DEFAULTS.maxPixels} pixels`)
  .update(readFileSync(join(TESSDATA, 'ita.traineddata')))
  .digest('hex')
  .slice(0, 12);

/**
 * The cached OCR of `image` read straightened by `skew` degrees, without extension: `p-000.ocr-KEY.s0.6`;
 * `.l` after it when leader dots were erased (a page without them reads as before, under its old name).
 */
const ocrBase = (image: string, skew: number, leaders = false) => `${image.replace(/\.[a-z]+$/, '')}.ocr-${KEY}.s${skew}${leaders ? '.l' : ''}`;

/** Forget the cached OCR of `image` (its pixels changed), however it was straightened. */
export function forgetOcr(image: string): void {
  const dir = dirname(image);
  const prefix = basename(ocrBase(image, 0)).replace(/s0$/, 's');
  for (const f of readdirSync(dir)) if (f.startsWith(prefix) && /\.(txt|tsv)$/.test(f)) rmSync(join(dir, f), { force: true });
}

/** How the OCR read a page image: its size as scanned, the turn it was straightened by, the factor it was scaled by. */
export interface PageRead {
  width: number;
  height: number;
  skew: number;
  scale: number;
}

/**
 * `image` read as verbali reads a page (`ARGS`; one thread: the bench runs two
 * pages at once), cached beside it as `.ocr-KEY.sSKEW.txt` and `.tsv`. The
 * text is the TSV's words by line (as tesseract's own text has them, to the
 * character, on every page of the sets), less the words `leaveOut` names
 * (asked once a page, with how the page was read, for the test of a word).
 */
export async function tesseractPage(image: string, leaveOut?: (read: PageRead) => (box: OcrWord['bbox']) => boolean): Promise<OcrPage & { leftOut: number }> {
  const page = await asRead(image);
  const base = ocrBase(image, page.skew, page.leaders);
  if (!existsSync(`${base}.txt`) || !existsSync(`${base}.tsv`)) {
    const input = page.pixels ? `${base}.png` : image;
    if (page.pixels) writeFileSync(input, await page.pixels());
    // Outputs by parameter, not by the `txt tsv` config files: those live in Debian's tessdata, not in TESSDATA.
    await run('nice', ['-n', '10', 'tesseract', input, base, ...ARGS, '-c', 'tessedit_create_txt=1', '-c', 'tessedit_create_tsv=1'], {
      env: { ...process.env, OMP_THREAD_LIMIT: '1' },
    });
    if (input !== image) rmSync(input);
  }
  const lines = linesOfTsv(readFileSync(`${base}.tsv`, 'utf8'));
  const out = leaveOut?.(page.read);
  const kept = out ? lines.map((line) => line.filter((w) => !out(w.bbox))) : lines;
  const leftOut = lines.flat().length - kept.flat().length;
  const text = kept
    .filter((line, i) => line.length > 0 || (lines[i] as OcrWord[]).length === 0)
    .map((line) => line.map((w) => w.text).join(' '))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  // Its lines put in printed order and laid out by its word boxes, as the OCR stage hands a page to the clean stage,
  // with the lines its layout left out read again alone, and the list bullets it left out found in the page as read.
  const seen = await page.seen();
  // Lost to the layout analysis, that is: covered by none of the words it read, those left out here included.
  const lost = findLostLines(lines.flat(), seen, page.frame);
  const again = (await Promise.all(lost.map((l) => tesseractLine(page, base, l.region)))).map((line) => (out ? line.filter((w) => !out(w.bbox)) : line));
  const found = insertLines({ text, words: kept.flat(), confidence: 0 }, again.filter(readAgain));
  const bulleted = addListBullets(attachStrayMarks(found), seen, page.frame);
  const read = restoreLineOrder(bulleted);
  return { text: layOutText(read.text, read.words).replace(/\n+$/, ''), evidence: { method: 'ocr', words: read.words }, leftOut };
}

/**
 * One line of the page read again alone, as `OcrPool.recognizeLine` does: the rectangle `region` of the page as
 * read, as a block (PSM 6); its words in the page's pixels. Cached beside the page's reading.
 */
async function tesseractLine(page: Awaited<ReturnType<typeof asRead>>, base: string, region: OcrWord['bbox']): Promise<OcrWord[]> {
  const name = `${base}.line-${region.x0}-${region.y0}-${region.x1}-${region.y1}`;
  if (!existsSync(`${name}.tsv`)) {
    const strip = cropGrey(await page.grey(), region.x0, region.y0, region.x1, region.y1);
    writeFileSync(`${name}.png`, await toPng(strip, page.dpi));
    await run('nice', ['-n', '10', 'tesseract', `${name}.png`, name, ...tesseractArgs(6), '-c', 'tessedit_create_tsv=1'], { env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
    rmSync(`${name}.png`);
  }
  return wordsFromTsv(readFileSync(`${name}.tsv`, 'utf8')).map((w) => ({
    ...w,
    bbox: { x0: w.bbox.x0 + region.x0, y0: w.bbox.y0 + region.y0, x1: w.bbox.x1 + region.x0, y1: w.bbox.y1 + region.y0 },
  }));
}

/** The words of a tesseract TSV by line, in its order; an empty line between paragraphs, as its text output has. */
function linesOfTsv(tsv: string): OcrWord[][] {
  const lines: OcrWord[][] = [];
  let line = '';
  let paragraph = '';
  for (const row of tsv.split('\n')) {
    const cells = row.split('\t');
    const [word] = wordsFromTsv(row);
    if (!word) continue;
    const [para, at] = [cells.slice(2, 4).join('.'), cells.slice(2, 5).join('.')];
    if (at !== line) {
      if (paragraph !== '' && para !== paragraph) lines.push([]);
      lines.push([]);
      [line, paragraph] = [at, para];
    }
    (lines[lines.length - 1] as OcrWord[]).push(word);
  }
  return lines;
}

/**
 * The page as verbali hands it to tesseract: the straightening applied (0 below `minSkewDegrees`) and,
 * unless `image` itself goes as it is, its pixels: a grey PNG (carrying its dpi) of the page capped,
 * its leader dots erased (`eraseLeaderDots`) and turned straight. verbali has tesseract.js turn a skewed page in its worker (Leptonica); the CLI has no
 * such option, so the page is turned here (bilinear): the same text to 0-1 characters a page (docs/benchmarks.md).
 */
async function asRead(image: string): Promise<{
  skew: number;
  leaders: boolean;
  read: PageRead;
  pixels: (() => Promise<Buffer>) | null;
  /** The pixels tesseract read, and their size (the frame its boxes are in). */
  seen: () => Promise<GreyImage>;
  frame: { width: number; height: number };
  /** The page in grey as tesseract read it, whole, and its resolution. */
  grey: () => Promise<GreyImage>;
  dpi: number;
}> {
  const bytes = readFileSync(image);
  const full = await decodeToGrey(bytes);
  const capped = capPixels(full, RECOGNIZE_DEFAULTS.maxPixels);
  const detected = detectSkew(capped);
  const skew = Math.abs(detected) < RECOGNIZE_DEFAULTS.minSkewDegrees ? 0 : detected;
  const { image: grey, rows } = eraseLeaderDots(capped);
  const read = { width: full.width, height: full.height, skew, scale: grey.width / full.width };
  // A small copy for the list bullets, turned as tesseract reads the page (as the OCR stage looks at a JPEG's preview).
  const seen = async () => rotateSmall(capPixels(grey, BULLET_PIXELS), skew);
  const frame = { width: grey.width, height: grey.height };
  const dpi = Math.round(((imageDpi(bytes, 'image/jpeg') ?? 300) * grey.width) / full.width);
  const straight = async () => (skew === 0 ? grey : rotateSmall(grey, skew));
  if (skew === 0 && grey === full) return { skew, leaders: false, read, pixels: null, seen, frame, grey: straight, dpi };
  return { skew, leaders: rows > 0, read, pixels: async () => toPng(await straight(), dpi), seen, frame, grey: straight, dpi };
}

/**
 * bench/accuracy's scans of real verbali: every PDF of a corpus folder that has
 * its born-digital text (`NAME.gold.txt`, pdftotext -layout) beside it is made
 * into an image-only scan by the corpus's own `make-scan.sh` (300 dpi, 0.6°,
 * Gaussian noise, JPEG), and each page image is read by the tesseract CLI.
 * Scans and OCR are cached under `bench/.cache/` (gitignored) and remade when
 * missing or when the PDF changed; `--fresh` remakes them all.
 */

import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import pLimit from 'p-limit';
import { type OcrPage, tesseractPage } from './accuracy-ocr.js';
import { centreIn, pdfPictures, picturesAsRead } from './accuracy-pictures.js';

const run = promisify(execFile);

/** What make-scan.sh does to a page, read from the script: `pdftoppm -r DPI`, then `convert -rotate DEGREES`. */
function scanTurn(makeScan: string): { dpi: number; turned: number } {
  const script = readFileSync(makeScan, 'utf8').replace(/^#.*$/gm, '');
  const dpi = /pdftoppm[^\n]*-r (\d+)/.exec(script)?.[1];
  const turned = /convert[^\n]*-rotate (-?[\d.]+)/.exec(script)?.[1];
  if (!dpi || !turned) throw new Error(`${makeScan}: no 'pdftoppm -r' or 'convert -rotate' found, cannot place the pictures of a page`);
  return { dpi: Number(dpi), turned: Number(turned) };
}

/** A document of an OCR set: its OCR pages and the text those pages show. */
export interface OcrDocument {
  name: string;
  /** The text printed on each page, in order. */
  truth: string[];
  pages: OcrPage[];
  /** Words the OCR read inside the pictures of the page (`accuracy-pictures.ts`), left out of `pages`. */
  leftOut?: number;
}

/**
 * The PDFs under `dir` (one level of sub-folders too) with a `.gold.txt` beside
 * them, sorted by name. With `makeGold`, a PDF without one gets its text layer
 * by `pdftotext -layout` into the cache (a held-out folder may not ship them).
 */
export function corpusPdfs(dir: string, options: { makeGold?: string } = {}): { name: string; pdf: string; gold: string }[] {
  const found: { name: string; pdf: string; gold: string }[] = [];
  const visit = (folder: string, depth: number) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory() && depth < 1) visit(path, depth + 1);
      if (!entry.name.endsWith('.pdf')) continue;
      const name = basename(path, '.pdf');
      let gold = path.replace(/\.pdf$/, '.gold.txt');
      if (!existsSync(gold) && options.makeGold) {
        mkdirSync(options.makeGold, { recursive: true });
        gold = join(options.makeGold, `${name}.gold.txt`);
        if (!existsSync(gold)) execFileSync('pdftotext', ['-layout', path, gold]);
      }
      if (existsSync(gold)) found.push({ name, pdf: path, gold });
    }
  };
  visit(dir, 0);
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Development and held-out halves: documents in name order, alternately. Rules
 * and the confusion costs are tuned on the first only.
 */
export function splitHalves<T>(items: readonly T[]): { dev: T[]; heldOut: T[] } {
  return { dev: items.filter((_, i) => i % 2 === 0), heldOut: items.filter((_, i) => i % 2 === 1) };
}

/** Where a document's scan and its OCR are cached under `cache`. */
export const documentFolder = (cache: string, name: string): string => join(cache, name.slice(0, 80));

/** A document's scanned page JPEGs (make-scan.sh), from `cache`, made when missing or stale. */
export function scannedPages(doc: { name: string; pdf: string }, makeScan: string, cache: string, fresh = false): Promise<string[]> {
  return scanPages(doc.pdf, makeScan, documentFolder(cache, doc.name), fresh);
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Scan `pdf` with make-scan.sh into `folder` and split it into page JPEGs, unless the cache is current. */
async function scanPages(pdf: string, makeScan: string, folder: string, fresh: boolean): Promise<string[]> {
  const stamp = join(folder, 'source.sha256');
  const digest = sha256(pdf);
  if (fresh || !existsSync(stamp) || readFileSync(stamp, 'utf8') !== digest) {
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    const scan = join(folder, 'scan.pdf');
    await run('bash', [makeScan, pdf, scan], { maxBuffer: 16 << 20 });
    // The scan's pages are JPEGs: take them out as they are, no second rendering.
    await run('pdfimages', ['-j', scan, join(folder, 'p')]);
    rmSync(scan);
    writeFileSync(stamp, digest);
  }
  return readdirSync(folder)
    .filter((f) => /^p-\d+\.jpg$/.test(f))
    .sort()
    .map((f) => join(folder, f));
}

/** Scan and OCR every document (two pages at a time), or read them from the cache. */
export async function scannedCorpus(
  docs: readonly { name: string; pdf: string; gold: string }[],
  makeScan: string,
  cache: string,
  options: { fresh?: boolean; withPictures?: boolean; log?: (line: string) => void } = {},
): Promise<OcrDocument[]> {
  const limit = pLimit(2);
  const out: OcrDocument[] = [];
  const turn = options.withPictures ? undefined : scanTurn(makeScan);
  for (const doc of docs) {
    const images = await scannedPages(doc, makeScan, cache, options.fresh ?? false);
    const truth = readFileSync(doc.gold, 'utf8').split('\f');
    if (truth[truth.length - 1]?.trim() === '') truth.pop();
    if (truth.length !== images.length) throw new Error(`${doc.name}: ${truth.length} text pages but ${images.length} scanned pages`);
    const pictures = options.withPictures ? undefined : pdfPictures(doc.pdf);
    const read = await Promise.all(
      images.map((image, i) =>
        limit(() => {
          const page = pictures?.[i];
          if (!turn || !page || page.pictures.length === 0) return tesseractPage(image);
          return tesseractPage(image, (at) => {
            const areas = picturesAsRead(page, { ...turn, imageWidth: at.width, imageHeight: at.height, straightened: at.skew, scale: at.scale });
            return (box) => centreIn(areas, box);
          });
        }),
      ),
    );
    const leftOut = read.reduce((n, p) => n + p.leftOut, 0);
    options.log?.(`  ${doc.name.slice(0, 60)}: ${read.length} pages${leftOut ? `, ${leftOut} words read in pictures left out` : ''}`);
    out.push({ name: doc.name, truth, pages: read.map(({ text, evidence }) => ({ text, evidence })), leftOut });
  }
  return out;
}

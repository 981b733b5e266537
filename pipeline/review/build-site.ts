import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../assets.js';
import { acquireLock } from '../batch/lock.js';
import { writeTogether } from '../batch/outputs.js';
import { VerbaliError } from '../errors.js';
import { ReaderPool } from '../ingest/index.js';
import { indexPage } from './index-page.js';
import { imageDir, reviewDir } from './page-image-key.js';
import { type DocImages, pageImages } from './page-images.js';
import { type ReviewDoc, readOutputFolder } from './read-output.js';
import { recordPage, wordsScript } from './record-page.js';
import { STYLE } from './style.js';

/** What a build of the review site did. */
export interface ReviewSummary {
  /** The site's folder (`OUT/review`); open `index.html` in it. */
  dir: string;
  records: number;
  pages: number;
  /** Page images drawn from the sources in this build, and found already made. */
  imagesRendered: number;
  imagesReused: number;
  /** Files of the folder not shown, and records whose pages have no image, each with the reason. */
  problems: { file: string; reason: string }[];
  durationMs: number;
}

/** Options of a site build. */
export interface ReviewOptions {
  /** Told after each record, for a progress display. */
  onRecord?: (name: string, done: number, total: number) => void;
}

/** A page of a source that gives no image within this long is left without one (as `run`'s default page deadline). */
const PAGE_TIMEOUT_MS = 180_000;

/** The browser script, compiled from `pipeline/review/client/` by `npm run build`. */
function clientScript(): string {
  const path = join(packageRoot(), 'dist/pipeline/review/client/review.js');
  if (!existsSync(path)) throw new VerbaliError('E_MISSING_DEP', `the review site's script ${path} is missing: run \`npm run build\``);
  return readFileSync(path, 'utf8').replace(/^\/\/# sourceMappingURL=.*$/m, '');
}

/**
 * The static review site of an output folder, in `OUT/review/`: `index.html`
 * (every record), `records/<name>.html` (each record's pages beside their
 * text), `data/<name>/<page>.js` (word boxes, loaded as a page comes into
 * view), `img/` (page previews) and `assets/`. Built from the records, their
 * word-box sidecars and the sources alone: nothing is OCR'd again, and page
 * images already made are reused. It works from `file://`: no server, no
 * network. Holds the folder's lock, so it never races a batch.
 */
export async function buildReviewSite(out: string, options: ReviewOptions = {}): Promise<ReviewSummary> {
  const started = Date.now();
  if (!existsSync(out) || !statSync(out).isDirectory()) throw new VerbaliError('E_INPUT_MISSING', 'no such output folder', { file: out });
  const release = acquireLock(join(out, '.verbali', 'lock'));
  let readers: ReaderPool | undefined;
  try {
    const dir = reviewDir(out);
    for (const sub of ['assets', 'records', 'data', 'img']) mkdirSync(join(dir, sub), { recursive: true });
    // Atomic, so a page is never half-written, but not fsynced: the site is made again from the records at will.
    const write = (path: string, text: string) => writeTogether([{ path: join(dir, path), data: text }], { sync: false });
    await write('assets/review.css', STYLE);
    await write('assets/review.js', clientScript());

    const { docs, skipped } = readOutputFolder(out);
    const problems = [...skipped];
    const summary: ReviewSummary = { dir, records: docs.length, pages: 0, imagesRendered: 0, imagesReused: 0, problems, durationMs: 0 };
    const usedImages = new Set<string>();
    // Sources are read as a run reads them: in reader threads, each page under a deadline.
    readers = new ReaderPool({ size: 1, pageTimeoutMs: PAGE_TIMEOUT_MS });
    for (const [i, doc] of docs.entries()) {
      const images = await pageImages(out, doc, readers);
      if (images.missing) problems.push({ file: `${doc.name}.json`, reason: images.missing });
      for (const image of images.pages.values()) usedImages.add(image.file);
      summary.imagesRendered += images.rendered;
      summary.imagesReused += images.pages.size - images.rendered;
      summary.pages += doc.record.source.pages.length;
      await writeWords(dir, doc, images);
      await write(`records/${doc.name}.html`, recordPage(doc, images));
      options.onRecord?.(doc.name, i + 1, docs.length);
    }
    await write('index.html', indexPage(docs, problems));
    prune(dir, docs, usedImages);
    summary.durationMs = Date.now() - started;
    return summary;
  } finally {
    await readers?.close();
    release();
  }
}

/**
 * Each OCR'd page's words as a script the record page loads when the page
 * comes into view (`VR.words(n, …)`: a script, because a page opened from
 * file:// may not fetch files): boxes in the pixels of the image OCR read,
 * confidence, clean offsets, and the word as OCR read it (0: as in the clean text).
 */
async function writeWords(dir: string, doc: ReviewDoc, images: DocImages): Promise<void> {
  const { raw, clean } = doc.record.text;
  rmSync(join(dir, 'data', doc.name), { recursive: true, force: true });
  for (const [n, page] of doc.words) {
    if (!images.pages.has(n)) continue;
    // The OCR reading only where it differs from the clean text (a removed or corrected word): a third smaller.
    const words = page.words.map(([x0, y0, x1, y1, conf, rs, re, cs, ce]) => {
      const read = raw.slice(rs, re);
      return [x0, y0, x1, y1, Math.round(conf), cs, ce, cs >= 0 && clean.slice(cs, ce) === read ? 0 : read];
    });
    const body = JSON.stringify({ w: page.width, h: page.height, words }).replace(/</g, '\\u003c');
    mkdirSync(join(dir, 'data', doc.name), { recursive: true });
    await writeTogether([{ path: join(dir, wordsScript(doc.name, n)), data: `VR.words(${n},${body});\n` }], { sync: false });
  }
}

/** Remove what no record needs any more: pages of records gone, their word files, and unused page images. */
function prune(dir: string, docs: readonly ReviewDoc[], usedImages: ReadonlySet<string>): void {
  const names = new Set(docs.map((d) => d.name));
  for (const file of readdirSync(join(dir, 'records'))) {
    if (!names.has(file.replace(/\.html$/, ''))) rmSync(join(dir, 'records', file), { force: true });
  }
  for (const folder of readdirSync(join(dir, 'data'))) {
    if (!names.has(folder)) rmSync(join(dir, 'data', folder), { recursive: true, force: true });
  }
  const img = imageDir(join(dir, '..'));
  for (const file of readdirSync(img)) {
    if (!usedImages.has(file)) rmSync(join(img, file), { force: true });
  }
}

/**
 * bench/list-bullets: what finding the list bullets and the lost lines tesseract left out costs the OCR stage,
 * and what it finds.
 *   npm run bench:bullets
 * Reads the scans bench:accuracy made and read (`bench/.cache/accuracy/scans/`, run bench:accuracy first), and
 * for every page times `addListBullets` and `findLostLines` on the page capped as the OCR stage looks at it
 * (`BULLET_PIXELS`; the capping, which the OCR stage does only for a page it decoded itself, is timed apart), best
 * of three.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../pipeline/assets.js';
import { capPixels, decodeToGrey } from '../pipeline/ingest/index.js';
import { addListBullets, BULLET, BULLET_PIXELS } from '../pipeline/ocr/list-bullets.js';
import { findLostLines } from '../pipeline/ocr/lost-lines.js';
import { wordsFromTsv } from '../pipeline/ocr/pool.js';

const cache = join(packageRoot(), 'bench', '.cache', 'accuracy', 'scans');
if (!existsSync(cache)) throw new Error(`${cache}: no scans read yet; run npm run bench:accuracy first`);
let pages = 0;
let found = 0;
let find = 0;
let cap = 0;
let lost = 0;
let seek = 0;
for (const doc of readdirSync(cache)) {
  const dir = join(cache, doc);
  for (const image of readdirSync(dir).filter((f) => /^p-\d+\.jpg$/.test(f))) {
    const tsv = readdirSync(dir).find((f) => f.startsWith(image.replace('.jpg', '.ocr-')) && f.endsWith('.s0.tsv'));
    if (!tsv) continue; // a page read straightened: its boxes are in another frame than the JPEG's
    const full = await decodeToGrey(readFileSync(join(dir, image)));
    const words = wordsFromTsv(readFileSync(join(dir, tsv), 'utf8'));
    const text = readFileSync(join(dir, tsv.replace(/\.tsv$/, '.txt')), 'utf8');
    let t = performance.now();
    const small = capPixels(full, BULLET_PIXELS);
    cap += performance.now() - t;
    let best = Number.POSITIVE_INFINITY;
    let read = { text, words, confidence: 0 };
    for (let round = 0; round < 3; round++) {
      t = performance.now();
      read = addListBullets({ text, words, confidence: 0 }, small, full);
      best = Math.min(best, performance.now() - t);
    }
    find += best;
    found += read.words.filter((w) => w.text === BULLET).length;
    best = Number.POSITIVE_INFINITY;
    for (let round = 0; round < 3; round++) {
      t = performance.now();
      const lines = findLostLines(words, small, full);
      best = Math.min(best, performance.now() - t);
      if (round === 0) lost += lines.length;
    }
    seek += best;
    pages++;
  }
}
console.log(`list bullets on ${pages} scanned pages of bench:accuracy: ${found} found`);
console.log(`  addListBullets ${(find / pages).toFixed(1)} ms a page (best of 3); capping the page to ${BULLET_PIXELS / 1e6} MP first ${(cap / pages).toFixed(1)} ms a page`);
console.log(`lines of print tesseract's layout left out: ${lost} found; findLostLines ${(seek / pages).toFixed(1)} ms a page (best of 3)`);

/**
 * bench/speed: the text stages' speed on long documents.
 *   npm run bench:speed
 * Builds a 300-page OCR text from the seed verbale and our fixtures (pages
 * joined with form feeds), then times cleaning (MB/s) and segmentation
 * (seconds for the 300 pages), each best of three.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../pipeline/assets.js';
import { cleanText, createCleanContext } from '../pipeline/clean/index.js';
import { nameKey } from '../pipeline/clean/names-dictionary.js';
import { createSegmentContext, segmentMinutes } from '../pipeline/segment/index.js';
import { SEED } from '../test/helpers.js';

const root = packageRoot();
const sources = readdirSync(join(root, 'test/fixtures/segment'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => readFileSync(join(root, 'test/fixtures/segment', d.name, 'input.ocr.txt'), 'utf8'));
sources.unshift(readFileSync(SEED, 'utf8'));
// Cut the texts into pages of about 45 lines, then repeat to 300 pages.
const pages: string[] = [];
for (const text of sources) {
  const lines = text.replace(/\f/g, '\n').split('\n');
  for (let i = 0; i < lines.length; i += 45) pages.push(lines.slice(i, i + 45).join('\n'));
}
const doc = Array.from({ length: 300 }, (_, i) => pages[i % pages.length]).join('\f');
/** Best of three, in seconds: wall time, and the CPU time of that run (the machine is shared: CPU time is what load does not inflate). */
const best = (f: () => void) => {
  let min = Number.POSITIVE_INFINITY;
  let cpu = 0;
  for (let i = 0; i < 3; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    f();
    const wall = performance.now() - t;
    if (wall < min) {
      const used = process.cpuUsage(c);
      min = wall;
      cpu = (used.user + used.system) / 1000;
    }
  }
  return { wall: min / 1000, cpu: cpu / 1000 };
};

const cleanCtx = createCleanContext();
const segCtx = createSegmentContext((printed) => cleanCtx.names.comuniByKey.get(nameKey(printed)) ?? null);
const mb = Buffer.byteLength(doc) / 1e6;
let clean = '';
const cleanSeconds = best(() => {
  clean = cleanText(doc, {}, cleanCtx).clean;
});
let items = 0;
const segmentSeconds = best(() => {
  items = segmentMinutes(clean, {}, segCtx).structure.agenda.length;
});
console.log(`300-page OCR text: ${mb.toFixed(2)} MB, ${doc.split('\n').length} lines`);
console.log(`clean:   ${cleanSeconds.wall.toFixed(2)} s = ${(mb / cleanSeconds.wall).toFixed(2)} MB/s (target ≥ 1 MB/s); CPU ${cleanSeconds.cpu.toFixed(2)} s = ${(mb / cleanSeconds.cpu).toFixed(2)} MB/s`);
console.log(`segment: ${segmentSeconds.wall.toFixed(2)} s for 300 pages, ${items} agenda items (target < 2 s); CPU ${segmentSeconds.cpu.toFixed(2)} s`);

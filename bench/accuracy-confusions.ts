/**
 * Measure how tesseract confuses glyphs, on the development half of
 * bench/accuracy's OCR sets and typewritten pages of our own verbali (never
 * the held-out half), and write `dictionaries/ocr-confusions.json`:
 *   npm run bench:confusions  (-- --only scans|typewritten: one set only)
 * Each page's reading is aligned with its text word by word, then character by
 * character inside the words that differ. A run of differing characters of at
 * most two a side is one confusion (`rn` printed for `m`); longer runs count
 * character by character. The chance of a confusion is how often it happened
 * over how often its page side was there to be misread, in the set where it
 * is likeliest (scans of clean print rarely err, worn type often: a pooled
 * rate would hide the habit); its cost is that chance on a log scale where 1
 * (a plain edit) is 1 in 100,000, floored at 0.1.
 * Letters are compared in lower case: case is the clean rules' business.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../pipeline/assets.js';
import { loadOcrSets } from './accuracy-sets.js';
import { alignChars, alignWords } from './align.js';
import { normalise } from './metrics.js';

/** Chance of a confusion whose cost is a plain edit's. */
const PLAIN_CHANCE = 1e-5;
const MIN_COST = 0.1;
/** A confusion seen fewer times than this is noise of the sample, not a habit of the engine. */
const MIN_SEEN = 3;

const only = process.argv.includes('--only') ? (process.argv[process.argv.indexOf('--only') + 1] as 'scans' | 'typewritten') : undefined;
const sets = (await loadOcrSets({ only, training: true, log: (l) => console.error(l) })).filter((s) => s.development);
const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
/**
 * Per kind of page (scans of print, typewritten sheets): confusions seen, chances to make them, characters
 * read. The typewritten pages of our verbali pool with the development half's: one habit, measured on more
 * pages (the most a kind errs is taken below; a kind per set would take the most of two small samples).
 */
const kinds = [...new Set(sets.map((s) => s.kind))];
const tallies = kinds.map(() => ({ seen: new Map<string, number>(), chances: new Map<string, number>(), positions: 0 }));

for (const set of sets) {
  const tally = tallies[kinds.indexOf(set.kind)] as (typeof tallies)[number];
  const { seen, chances } = tally;
  for (const doc of set.documents) {
    doc.pages.forEach((page, p) => {
      const tokens = (t: string) => normalise(t).toLowerCase().split(' ').filter(Boolean);
      for (const stretch of alignWords(tokens(doc.truth[p] ?? ''), tokens(page.text))) {
        for (const word of stretch.truth) {
          const chars = [...word];
          tally.positions += chars.length;
          chars.forEach((c, i) => {
            count(chances, c);
            if (i > 0) count(chances, `${chars[i - 1]}${c}`);
          });
        }
        if (stretch.equal) continue;
        // Only word-for-word readings (a split or a glued word at most): anything else is layout, not glyphs.
        const t = stretch.truth.join(' ');
        const o = stretch.ocr.join(' ');
        if (stretch.truth.length === 0 || stretch.truth.length > 3 || Math.abs(stretch.truth.length - stretch.ocr.length) > 1) continue;
        if (o.length < t.length * 0.6 || o.length > t.length * 1.6) continue;
        let run = { ocr: '', truth: '' };
        const close = () => {
          if (run.ocr === '' && run.truth === '') return;
          if ([...run.ocr].length <= 2 && [...run.truth].length <= 2) count(seen, `${run.ocr}\u0000${run.truth}`);
          run = { ocr: '', truth: '' };
        };
        const steps = alignChars(t, o);
        for (const step of steps) {
          if (step.ocr === step.truth) {
            close();
            continue;
          }
          run.ocr += step.ocr;
          run.truth += step.truth;
          if ([...run.ocr].length > 2 || [...run.truth].length > 2) {
            // Too long for one confusion: count it step by step instead.
            run = { ocr: '', truth: '' };
            count(seen, `${step.ocr}\u0000${step.truth}`);
          }
        }
        close();
      }
    });
  }
}

const pairs: [string, string, number, number][] = [];
const keys = new Set(tallies.flatMap((t) => [...t.seen.keys()]));
for (const key of keys) {
  const [ocr, truth] = key.split('\u0000') as [string, string];
  const n = tallies.reduce((sum, t) => sum + (t.seen.get(key) ?? 0), 0);
  // Spaces are the split and glued words' business, not a glyph's.
  if (n < MIN_SEEN || ocr.includes(' ') || truth.includes(' ')) continue;
  // The chance where the engine makes it most: worn type is not clean print, and a pooled rate would hide the habit.
  const chance = Math.max(...tallies.map((t) => (t.seen.get(key) ?? 0) / (truth === '' ? t.positions : (t.chances.get(truth) ?? Number.POSITIVE_INFINITY))));
  if (chance < PLAIN_CHANCE) continue;
  const cost = Math.max(MIN_COST, Math.log10(chance) / Math.log10(PLAIN_CHANCE));
  pairs.push([ocr, truth, Number(cost.toFixed(3)), n]);
}
pairs.sort((a, b) => a[2] - b[2] || b[3] - a[3]);
const data = {
  $comment:
    'How tesseract misreads glyphs: [printed, on the page, cost, times seen], measured by bench/accuracy-confusions.ts on the development half of bench/accuracy (scans of ../shared/corpus made by its make-scan.sh, and typewritten pages of their text) and typewritten pages of our own verbali (bench/corpus/own). Cost 1 = a plain edit (1 in 100,000); lower = a habit of the engine.',
  measuredOn: `${sets.map((s) => s.name).join(' + ')}: ${sets.reduce((n, s) => n + s.documents.reduce((k, d) => k + d.pages.length, 0), 0)} pages`,
  plainCost: 1,
  plainChance: PLAIN_CHANCE,
  pairs,
};
writeFileSync(join(packageRoot(), 'dictionaries/ocr-confusions.json'), `${JSON.stringify(data, null, 1).replace(/\n {2,}/g, ' ').replace(/\n \]/g, ']')}\n`);
console.log(`${pairs.length} confusions from ${tallies.reduce((n, t) => n + t.positions, 0)} characters; cheapest:`);
for (const [o, t, c, n] of pairs.slice(0, 40)) console.log(`  ${JSON.stringify(o)} for ${JSON.stringify(t)}: cost ${c} (${n}×)`);

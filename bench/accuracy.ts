/**
 * bench/accuracy: how much the clean stage repairs, and what it breaks.
 *   npm run bench:accuracy
 * Dev set: verbali we wrote (test/fixtures/segment/*: the text and its OCR-damaged
 * version), our own scans OCR'd by the native tesseract CLI (samples/), and a slice
 * of the real seed verbale corrected by hand (bench/accuracy/seed-slice.*).
 * Prints CER and WER before and after cleaning per document, over-corrections
 * (words the OCR got right that cleaning changed), changes made to correct Italian
 * we did not write (Debian manpages-it, installed if missing) and to a born-digital
 * PDF's text layer, and the cleaning speed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../pipeline/assets.js';
import { cleanText, createCleanContext } from '../pipeline/clean/index.js';
import { readPages, readSource } from '../pipeline/ingest/index.js';
import { cer, wer } from './metrics.js';
import { matchedWords, words } from './words.js';

const root = packageRoot();
const ctx = createCleanContext();
const read = (...p: string[]) => readFileSync(join(root, ...p), 'utf8');
const pct = (x: number) => `${(x * 100).toFixed(2)}%`.padStart(7);

const dev: { name: string; raw: string; truth: string }[] = [];
for (const c of readdirSync(join(root, 'test/fixtures/segment'), { withFileTypes: true }).filter((d) => d.isDirectory())) {
  dev.push({ name: `${c.name} (damaged)`, raw: read('test/fixtures/segment', c.name, 'input.ocr.txt'), truth: read('test/fixtures/segment', c.name, 'input.txt') });
}
dev.push({ name: 'castione scan (tesseract CLI)', raw: read('samples/consiglio-castione-2023-03-28.ocr.txt'), truth: read('samples/consiglio-castione-2023-03-28.txt') });
dev.push({ name: 'clusone 1987 typewritten (tesseract CLI)', raw: read('samples/giunta-clusone-1987-04-22.ocr.txt'), truth: read('test/fixtures/segment/giunta-1987/input.txt') });
dev.push({ name: 'seed slice (hand-corrected)', raw: read('bench/accuracy/seed-slice.ocr.txt'), truth: read('bench/accuracy/seed-slice.truth.txt') });

console.log('document'.padEnd(44), '  CER before', ' CER after', ' WER before', ' WER after', ' words', ' over-corrections');
let sum = { before: 0, after: 0, chars: 0, words: 0, over: 0, werBefore: 0, werAfter: 0 };
const overList: string[] = [];
for (const d of dev) {
  const { clean, corrections } = cleanText(d.raw, {}, ctx);
  const rawWords = words(d.raw);
  const truthWords = words(d.truth).map((w) => w.w);
  const right = matchedWords(rawWords.map((w) => w.w), truthWords);
  let over = 0;
  for (const c of corrections) {
    if (c.rule === 'layout') continue;
    const hit = rawWords.findIndex((w) => w.start <= c.rawOffset && c.rawOffset < w.end);
    if (hit !== -1 && right.has(hit)) {
      over++;
      overList.push(`${d.name}: ${c.from} → ${c.to} (${c.ruleId})`);
    }
  }
  const before = cer(d.raw, d.truth);
  const after = cer(clean, d.truth);
  const wb = wer(d.raw, d.truth);
  const wa = wer(clean, d.truth);
  const chars = d.truth.length;
  sum = { before: sum.before + before * chars, after: sum.after + after * chars, chars: sum.chars + chars, words: sum.words + truthWords.length, over: sum.over + over, werBefore: sum.werBefore + wb * truthWords.length, werAfter: sum.werAfter + wa * truthWords.length };
  console.log(d.name.padEnd(44), pct(before).padStart(11), pct(after).padStart(10), pct(wb).padStart(11), pct(wa).padStart(10), String(truthWords.length).padStart(6), String(over).padStart(6));
}
const cerBefore = sum.before / sum.chars;
const cerAfter = sum.after / sum.chars;
console.log('ALL'.padEnd(44), pct(cerBefore).padStart(11), pct(cerAfter).padStart(10), pct(sum.werBefore / sum.words).padStart(11), pct(sum.werAfter / sum.words).padStart(10), String(sum.words).padStart(6), String(sum.over).padStart(6));
console.log(`CER after / CER before: ${((cerAfter / cerBefore) * 100).toFixed(1)}% (target ≤ 25%)`);
console.log(`over-corrections: ${sum.over} in ${sum.words} words = ${((sum.over / sum.words) * 2000).toFixed(2)} per 2,000 words (target ≤ 1)`);
for (const o of overList) console.log(`  over-correction: ${o}`);

// Correct Italian we did not write: every change is a false positive.
async function correctTexts(): Promise<{ name: string; text: string }[]> {
  if (!existsSync('/usr/share/man/it/man1')) execFileSync('apt-get', ['install', '-y', '-qq', 'manpages-it'], { stdio: 'inherit' });
  const dir = '/usr/share/man/it/man1';
  const pages = readdirSync(dir).filter((f) => f.endsWith('.gz')).sort();
  let man = '';
  for (const f of pages) {
    const rendered = execFileSync('sh', ['-c', `zcat "${join(dir, f)}" | groff -k -man -Tutf8 -P-cbou 2>/dev/null`], { maxBuffer: 64 << 20 }).toString('utf8');
    // Italian paragraphs only: untranslated English passages are not the test.
    man += rendered
      .split(/\n\s*\n/)
      .filter((p) => (p.match(/\b(il|la|di|che|è|per|non|un|una|del|della|sono|le|gli|questo|questa)\b/g) ?? []).length >= 3)
      .join('\n\n');
    man += '\n\n';
  }
  const pdf = await readSource(join(root, 'samples/consiglio-castione-2023-03-28.pdf'));
  let layer = '';
  for await (const p of readPages(pdf)) if (p.kind === 'text') layer += `${p.text}\f`;
  return [
    { name: `manpages-it (${pages.length} pages, Italian paragraphs)`, text: man },
    { name: 'born-digital PDF text layer (samples/)', text: layer },
  ];
}

for (const { name, text } of await correctTexts()) {
  const { corrections } = cleanText(text, {}, ctx);
  // A changed word: its letters differ. Spacing and punctuation (a stray `|`, `l' impatto`) change no word.
  const letters = (s: string) => s.replace(/[^\p{L}]/gu, '');
  const changed = corrections.filter((c) => c.rule !== 'layout' && letters(c.from) !== letters(c.to));
  const n = words(text).length;
  console.log(`${name}: ${n} words, ${changed.length} changed = ${((changed.length / n) * 2000).toFixed(2)} per 2,000 words (target < 1)`);
  const byRule = new Map<string, number>();
  for (const c of changed) byRule.set(`${c.ruleId}: ${c.from} → ${c.to}`, (byRule.get(`${c.ruleId}: ${c.from} → ${c.to}`) ?? 0) + 1);
  for (const [k, v] of [...byRule].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  ${v}× ${k}`);
}

// Speed: the dev set's raw text repeated to 4 MB.
const unit = dev.map((d) => d.raw).join('\f');
const big = unit.repeat(Math.ceil(4_000_000 / unit.length));
const t0 = performance.now();
cleanText(big, {}, ctx);
const seconds = (performance.now() - t0) / 1000;
const mb = Buffer.byteLength(big) / 1e6;
console.log(`clean speed: ${mb.toFixed(1)} MB in ${seconds.toFixed(2)} s = ${(mb / seconds).toFixed(2)} MB/s (target ≥ 1)`);

/**
 * bench/accuracy: how much of the OCR damage the clean stage repairs, and
 * what it breaks.
 *   npm run bench:accuracy                  (all sets; scans and OCR from the cache, made when missing)
 *   npm run bench:accuracy -- --fresh       (scan and OCR everything again)
 *   npm run bench:accuracy -- --corpus DIR  (also a held-out folder of PDFs, scored the same way)
 *   npm run bench:accuracy -- --verbose     (the words each OCR set still gets wrong, and what cleaning broke)
 *   npm run bench:accuracy -- --no-fold     (OCR sets scored without `foldPrint`: quotes, dashes, bullets, ligatures as they are)
 *   npm run bench:accuracy -- --with-pictures (the scans' words read inside pictures kept: see accuracy-pictures.ts)
 *   npm run bench:accuracy -- --baseline DIR (also another build's clean stage on the same sets, e.g. main's:
 *                                            `git archive main | tar -x -C DIR`, node_modules linked, `npx tsc` in DIR)
 * 1. OCR sets (bench/accuracy-sets.ts), each in a development and a held-out
 *    half: the corpus's PDFs scanned by its make-scan.sh, and their text typed
 *    again at 200 dpi, all read by the tesseract CLI. Per set, CER and WER
 *    of the raw OCR and of the cleaned text (the repairing rules: no page
 *    furniture or hyphenation, which the printed text does not undo) against
 *    the printed text; then the same counting only errors in reading order
 *    (stretches of at most 3 words: `localErrors`), since a table OCR read
 *    column by column is layout analysis's business, not a cleaner's.
 *    Cleaned with tesseract's word boxes, as `verbali run` does, and from the
 *    text alone, as `verbali clean` does.
 * 2. The earlier dev set: our fixtures damaged, our sample scans, a
 *    hand-corrected slice of the real seed verbale.
 * 3. Correct text: the corpus's born-digital texts (`.gold.txt`) as
 *    `verbali clean` reads them (as OCR output), Debian's Italian manpages,
 *    our born-digital PDF's text layer: every changed word is a false change.
 * 4. Cleaning speed (best of three rounds, wall and CPU time).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { packageRoot } from '../pipeline/assets.js';
import { type CleanInput, cleanText, createCleanContext } from '../pipeline/clean/index.js';
import { correctTexts } from './accuracy-correct.js';
import { corpusPdfs } from './accuracy-scans.js';
import { CORPUS, loadOcrSets } from './accuracy-sets.js';
import { alignWords } from './align.js';
import { ERROR_CLASSES, ErrorTally } from './error-classes.js';
import { cer, foldPrint, layoutWords, localErrors, normalise, wer } from './metrics.js';
import { matchedWords, words } from './words.js';

const root = packageRoot();
const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const extraCorpus = args.includes('--corpus') ? args[args.indexOf('--corpus') + 1] : undefined;
const baselineDir = args.includes('--baseline') ? args[args.indexOf('--baseline') + 1] : undefined;
const ctx = createCleanContext();
/** Another build's clean stage, scored on the same sets in the same run. */
const baseline = baselineDir ? ((await import(join(resolve(baselineDir), 'dist/pipeline/clean/index.js'))) as typeof import('../pipeline/clean/index.js')) : undefined;
const baselineCtx = baseline?.createCleanContext();
/** The scans' words read inside pictures kept, as scored before (`accuracy-pictures.ts`). */
const withPictures = args.includes('--with-pictures');
/** Typography folded in every text compared (`foldPrint`), unless `--no-fold`: how the sets were scored before. */
const fold = args.includes('--no-fold') ? (t: string) => t : foldPrint;
const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
const col = (s: string | number, n: number) => String(s).padStart(n);

/** Error totals of one set, summed over documents: all text, and in reading order only (`localErrors`). */
class Tally {
  words = 0;
  /** [raw, clean] errors and reference sizes. */
  cer = [0, 0];
  cerRef = [0, 0];
  wer = [0, 0];
  werRef = [0, 0];
  localCer = [0, 0];
  localWer = [0, 0];
  add(raw: string, clean: string, truth: string, truthClean: string) {
    // The clean text compared in reading order on the words the raw reading was: a region the OCR read out of
    // order (a table read by columns, a row of marks read as forty letters) is left out of both, however cleaned.
    const layout = truthClean === truth ? layoutWords(raw, truth) : undefined;
    [
      [raw, truth],
      [clean, truthClean],
    ].forEach(([hyp, ref], i) => {
      const local = localErrors(hyp as string, ref as string, 3, layout);
      this.cer[i] = (this.cer[i] as number) + cer(hyp as string, ref as string) * local.refChars;
      this.wer[i] = (this.wer[i] as number) + wer(hyp as string, ref as string) * local.refWords;
      this.cerRef[i] = (this.cerRef[i] as number) + local.refChars;
      this.werRef[i] = (this.werRef[i] as number) + local.refWords;
      this.localCer[i] = (this.localCer[i] as number) + local.chars;
      this.localWer[i] = (this.localWer[i] as number) + local.words;
    });
    this.words += normalise(truth).split(' ').length;
  }
  row(name: string): string {
    const rate = (errors: number[], i: number, ref: number[]) => (errors[i] as number) / Math.max(1, ref[i] as number);
    const cells: string[] = [];
    let met = true;
    let worse = false;
    for (const [errors, ref] of [
      [this.cer, this.cerRef],
      [this.wer, this.werRef],
      [this.localCer, this.cerRef],
      [this.localWer, this.werRef],
    ] as const) {
      const before = rate(errors, 0, ref);
      const after = rate(errors, 1, ref);
      cells.push(`${col(pct(before), 8)}${col(pct(after), 8)}${col(before ? `${((after / before) * 100).toFixed(0)}%` : '-', 5)}`);
      met &&= after <= before * 0.5;
      worse ||= after > before;
    }
    return `${name.padEnd(46)}${col(this.words, 7)}${cells.join(' |')}  ${met ? 'met' : worse ? 'WORSE' : 'short'}`;
  }
}

const header = `${' '.repeat(53)}${'CER'.padEnd(22)}|${'WER'.padEnd(22)}|${'CER in reading order'.padEnd(22)}|${'WER in reading order'.padEnd(21)}\n${'set'.padEnd(46)}${col('words', 7)}${`${col('raw', 8)}${col('clean', 8)}${col('ratio', 5)}`.repeat(4)}  ≤ 50%`;

/**
 * The rules that repair damage: all but layout. Taking out running headers and
 * joining hyphenated words are choices of presentation the printed text does
 * not make, so the cleaned text is scored without them, against the text as
 * printed (they are tested on their own, and counted in section 3).
 */
const REPAIRS = { rules: ['noise', 'glyph', 'accent', 'lexical', 'names'] as ('noise' | 'glyph' | 'accent' | 'lexical' | 'names')[] };

// 1. OCR sets.
console.log(
  `1. OCR sets: our scans of ../shared/corpus and typewritten pages of their text, read by the tesseract CLI as verbali reads a page (straightened, PSM 4, its model); ${fold === foldPrint ? 'quotes, dashes, bullets and ligatures folded in every text (foldPrint)' : 'no typography folded (--no-fold)'}; ${withPictures ? 'words read inside pictures kept (--with-pictures)' : 'words read inside pictures left out'}`,
);
const sets = await loadOcrSets({ fresh: args.includes('--fresh'), withPictures, extraCorpus, log: (l) => console.error(l) });
console.log(header);
const broken: string[] = [];
const classes: { name: string; raw: ErrorTally; clean: ErrorTally }[] = [];
for (const set of sets) {
  const withBoxes = new Tally();
  const textOnly = new Tally();
  const before = new Tally();
  const byClass = { name: set.name, raw: new ErrorTally(), clean: new ErrorTally() };
  classes.push(byClass);
  for (const doc of set.documents) {
    const raw = doc.pages.map((p) => p.text).join('\f');
    const truth = fold(doc.truth.join('\f'));
    const input: CleanInput = { text: raw, pages: doc.pages.map((p) => p.evidence) };
    const clean = cleanText(input, REPAIRS, ctx);
    const [rawF, cleanF] = [fold(raw), fold(clean.clean)];
    withBoxes.add(rawF, cleanF, truth, truth);
    byClass.raw.add(rawF, truth);
    byClass.clean.add(cleanF, truth);
    textOnly.add(rawF, fold(cleanText(raw, REPAIRS, ctx).clean), truth, truth);
    if (baseline) before.add(rawF, fold(baseline.cleanText(input, REPAIRS, baselineCtx).clean), truth, truth);
    if (verbose) broken.push(...overCorrections(`${set.name} ${doc.name.slice(0, 12)}`, raw, truth, clean.corrections));
  }
  const pages = set.documents.reduce((n, d) => n + d.pages.length, 0);
  const leftOut = set.documents.reduce((n, d) => n + (d.leftOut ?? 0), 0);
  console.log(withBoxes.row(`${set.name}, ${set.documents.length} docs ${pages} pp`));
  if (leftOut) console.log(`  (${leftOut} words read inside pictures, which the text layer has no text for, left out of raw and clean alike)`);
  console.log(textOnly.row('  the same, text only (verbali clean)'));
  if (baseline) console.log(before.row(`  baseline ${baselineDir}, with boxes`));
}
if (verbose) for (const b of broken) console.log(`  broke: ${b}`);

// 1b. What is left, by kind (bench/error-classes.ts): characters in error per 100 of the reference, raw → clean (with boxes).
console.log('\n1b. errors by class, character errors per 100 characters of the reference, raw → clean (with word boxes)');
console.log(`${'class'.padEnd(20)}${classes.map((c) => c.name.replace(/^(corpus|typewritten) (scans|pages) \((development|held-out)\)$/, (_, a, __, h) => `${a === 'corpus' ? 'scans' : 'typed'} ${h === 'development' ? 'dev' : 'held'}`).padStart(17)).join('')}`);
for (const k of [...ERROR_CLASSES, 'all' as const]) {
  const cell = (t: ErrorTally) => ((k === 'all' ? t.total : (t.chars.get(k) as number)) / Math.max(1, t.refChars)) * 100;
  console.log(`${k.padEnd(20)}${classes.map((c) => `${cell(c.raw).toFixed(2)} → ${cell(c.clean).toFixed(2)}`.padStart(17)).join('')}`);
}
if (verbose) {
  for (const c of classes) {
    console.log(`  ${c.name}, left after cleaning:`);
    for (const k of ERROR_CLASSES) if (k !== 'reading order') console.log(`    ${k}: ${(c.clean.examples.get(k) as string[]).join(' | ')}`);
  }
}

/** Corrections that changed a word the OCR had right (the word is in the truth at that place). */
function overCorrections(name: string, raw: string, truth: string, corrections: ReturnType<typeof cleanText>['corrections']): string[] {
  const rawWords = words(raw);
  const right = matchedWords(
    rawWords.map((w) => w.w),
    words(truth).map((w) => w.w),
  );
  const out: string[] = [];
  for (const c of corrections) {
    if (c.rule === 'layout') continue;
    const hit = rawWords.findIndex((w) => w.start <= c.rawOffset && c.rawOffset < w.end);
    if (hit !== -1 && right.has(hit)) out.push(`${name}: ${JSON.stringify(c.from)} → ${JSON.stringify(c.to)} (${c.ruleId})`);
  }
  return out;
}

// 2. The earlier dev set.
console.log('\n2. Earlier dev set: our fixtures damaged, our sample scans, the seed slice');
const read = (...p: string[]) => readFileSync(join(root, ...p), 'utf8');
const dev: { name: string; raw: string; truth: string }[] = [];
for (const c of readdirSync(join(root, 'test/fixtures/segment'), { withFileTypes: true }).filter((d) => d.isDirectory())) {
  dev.push({ name: `${c.name} (damaged)`, raw: read('test/fixtures/segment', c.name, 'input.ocr.txt'), truth: read('test/fixtures/segment', c.name, 'input.txt') });
}
dev.push({ name: 'castione scan (tesseract CLI)', raw: read('samples/consiglio-castione-2023-03-28.ocr.txt'), truth: read('samples/consiglio-castione-2023-03-28.txt') });
dev.push({ name: 'clusone 1987 typewritten (tesseract CLI)', raw: read('samples/giunta-clusone-1987-04-22.ocr.txt'), truth: read('test/fixtures/segment/giunta-1987/input.txt') });
dev.push({ name: 'seed slice (hand-corrected)', raw: read('bench/accuracy/seed-slice.ocr.txt'), truth: read('bench/accuracy/seed-slice.truth.txt') });
console.log(header);
let seedCer = 0;
for (const d of dev) {
  const t = new Tally();
  const clean = cleanText(d.raw, {}, ctx).clean;
  t.add(d.raw, clean, d.truth, d.truth);
  console.log(t.row(d.name));
  if (d.name.startsWith('seed')) seedCer = cer(clean, d.truth);
  if (verbose) for (const s of alignWords(normalise(d.truth).split(' '), normalise(clean).split(' '))) if (!s.equal) console.log(`    ${s.truth.join(' ')} ⇒ ${s.ocr.join(' ')}`);
}
console.log(`seed slice after cleaning: CER ${pct(seedCer)} (target ≤ 0.10%)`);

// 3. Correct text: every change to a word is a false change.
console.log('\n3. Correct text through the clean stage (a changed word: its letters differ; layout = page furniture and hyphenation, not counted)');
const letters = (s: string) => s.replace(/[^\p{L}]/gu, '');
const golds = corpusPdfs(CORPUS).map((d) => ({ name: d.name, text: readFileSync(d.gold, 'utf8') }));
let goldWords = 0;
let goldChanged = 0;
let goldEdits = 0;
const goldList = new Map<string, number>();
for (const g of golds) {
  const { corrections } = cleanText(g.text, {}, createCleanContext({}, g.text));
  const edits = corrections.filter((c) => c.rule !== 'layout');
  const changed = edits.filter((c) => letters(c.from) !== letters(c.to));
  goldWords += words(g.text).length;
  goldChanged += changed.length;
  goldEdits += edits.length;
  for (const c of edits) {
    const k = `${c.ruleId}: ${JSON.stringify(c.from)} → ${JSON.stringify(c.to)}`;
    goldList.set(k, (goldList.get(k) ?? 0) + 1);
  }
}
console.log(`corpus .gold.txt as \`verbali clean\` reads them (${golds.length} documents): ${goldWords} words, ${goldChanged} changed = ${((goldChanged / goldWords) * 2000).toFixed(2)} per 2,000 words (target ≤ 1); all non-layout edits incl. spacing and punctuation: ${goldEdits} = ${((goldEdits / goldWords) * 2000).toFixed(2)} per 2,000`);
for (const [k, v] of [...goldList].sort((a, b) => b[1] - a[1])) console.log(`  ${v}× ${k}`);
for (const { name, text, pages } of await correctTexts()) {
  const { corrections } = cleanText({ text, pages }, {}, ctx);
  const changed = corrections.filter((c) => c.rule !== 'layout' && letters(c.from) !== letters(c.to));
  const n = words(text).length;
  console.log(`${name}: ${n} words, ${changed.length} changed = ${((changed.length / n) * 2000).toFixed(2)} per 2,000 words (target ≤ 1)`);
  const byRule = new Map<string, number>();
  for (const c of changed) byRule.set(`${c.ruleId}: ${c.from} → ${c.to}`, (byRule.get(`${c.ruleId}: ${c.from} → ${c.to}`) ?? 0) + 1);
  for (const [k, v] of [...byRule].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  ${v}× ${k}`);
}

// 4. Speed: every OCR document cleaned from its text alone, one by one (a text repeated would repeat its words, and a
// repeated word is left alone); best of three rounds, as bench/speed times it, with the CPU time of that round (the
// machine may be shared: CPU time is what load inflates least). The rounds share the context as a batch does. With
// --baseline, the other build's rounds alternate with these, so both meet the same load.
type Clean = typeof cleanText;
const timed = (clean: Clean, context: typeof ctx) => {
  let bytes = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (const set of sets) {
    for (const doc of set.documents) {
      const raw = doc.pages.map((p) => p.text).join('\f');
      bytes += Buffer.byteLength(raw);
      clean(raw, {}, context);
    }
  }
  const used = process.cpuUsage(c0);
  return { bytes, wall: (performance.now() - t0) / 1000, cpu: (used.user + used.system) / 1e6 };
};
const rounds: ReturnType<typeof timed>[] = [];
const baselineRounds: ReturnType<typeof timed>[] = [];
for (let round = 0; round < 3; round++) {
  rounds.push(timed(cleanText, ctx));
  if (baseline && baselineCtx) baselineRounds.push(timed(baseline.cleanText, baselineCtx));
}
const speed = (name: string, all: ReturnType<typeof timed>[]) => {
  const fastest = all.reduce((a, b) => (b.wall < a.wall ? b : a));
  const mb = fastest.bytes / 1e6;
  return `${name}: ${mb.toFixed(2)} MB of OCR text, best of 3 rounds: ${fastest.wall.toFixed(2)} s = ${(mb / fastest.wall).toFixed(2)} MB/s (measured under load; target ≥ 1); CPU ${fastest.cpu.toFixed(2)} s = ${(mb / fastest.cpu).toFixed(2)} MB/s`;
};
console.log(`\n4. ${speed('clean speed', rounds)}`);
if (baselineRounds.length) console.log(`   ${speed(`baseline ${baselineDir}`, baselineRounds)}`);

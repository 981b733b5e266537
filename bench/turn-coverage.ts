/**
 * bench/turn-coverage: how much of a transcript's speech the record gives to nobody.
 *   npm run bench:turns -- FILE... [--baseline DIR]
 * For each file (a verbatim transcript: speaker headings over the speeches), the record's turns (in items and
 * before the agenda) are laid over its clean text; from the first speech on, every stretch of over 300
 * characters in no turn is counted (item headings and votes are such stretches too: the figure is a floor for
 * a transcript read well, not zero). `--baseline DIR` also runs another build (`npx tsc` in DIR) on the same files.
 */
import { join, resolve } from 'node:path';
import { packageRoot } from '../pipeline/assets.js';
import type { VerbaleRecord } from '../schemas/index.js';

const args = process.argv.slice(2);
const baselineDir = args.includes('--baseline') ? args[args.indexOf('--baseline') + 1] : undefined;
const files = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--baseline');
if (files.length === 0) throw new Error('usage: bench:turns -- FILE... [--baseline DIR]');

/** A stretch this long outside every turn is speech left out, or structure between speeches. */
const MIN_GAP = 300;

/** Characters from `from` (the first turn's start) on that no turn covers, in stretches over MIN_GAP, and how many stretches. */
function uncovered(record: VerbaleRecord, start?: number): { chars: number; stretches: number; from: number; length: number } {
  const text = record.text.clean;
  const spans = [...(record.turnsBeforeAgenda ?? []), ...record.agenda.flatMap((item) => item.turns)].flatMap((t) => (t.span ? [t.span] : []));
  const from = start ?? Math.min(...spans.map((s) => s.start));
  const covered = new Uint8Array(text.length);
  for (const s of spans) covered.fill(1, s.start, s.end);
  let chars = 0;
  let stretches = 0;
  for (let i = from; i < text.length; ) {
    if (covered[i] || !/\S/u.test(text[i] as string)) {
      i++;
      continue;
    }
    let j = i;
    while (j < text.length && !covered[j]) j++;
    if (j - i > MIN_GAP) {
      chars += j - i;
      stretches++;
    }
    i = j;
  }
  return { chars, stretches, from, length: text.length };
}

/** The records one build (its `dist/`, built) makes of the files. */
async function records(build: string): Promise<VerbaleRecord[]> {
  const run = (await import(join(resolve(build), 'dist/pipeline/run.js'))) as typeof import('../pipeline/run.js');
  const pipeline = run.createPipeline();
  try {
    const out: VerbaleRecord[] = [];
    for (const f of files) out.push((await run.runPipeline(f, {}, pipeline)).record);
    return out;
  } finally {
    await pipeline.close();
  }
}

const ours = await records(packageRoot());
const theirs = baselineDir ? await records(baselineDir) : [];
console.log(`speech in no turn, from the first speech on (stretches over ${MIN_GAP} characters)${baselineDir ? `; baseline ${baselineDir}` : ''}`);
files.forEach((f, i) => {
  const mine = uncovered(ours[i] as VerbaleRecord);
  const show = (u: ReturnType<typeof uncovered>) => `${u.chars} characters in ${u.stretches} stretches, of ${u.length}`;
  console.log(`${f}\n  this build: ${show(mine)}`);
  // The baseline counted from the same place, so both figures cover the same text.
  const base = theirs[i];
  if (base) console.log(`  baseline:   ${show(uncovered(base, mine.from))}`);
});

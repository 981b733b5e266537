import type { CleanContext } from '../context.js';
import type { Edit } from '../edits.js';
import { edit, isLetter, letterRuns, lettersBefore } from './match.js';
import { known } from './token-words.js';

/**
 * Inclusive endings written with a slash (`Consigliere/i`, `alle/ai`, `elette/i`), the slash read as a letter
 * (`Consigliereli`), as a letter beside it (`Consiglierel/i`, `consiglierei/i`, `Consigliere/li`), repaired
 * where the document prints the form, or where both endings make words of the lexicon.
 */
export function slashedFormEdits(text: string, ctx: CleanContext): Edit[] {
  const printed = printedForms(text, ctx);
  const taken = new Set(printed.map((e) => e.start));
  return [...printed, ...inflectedForms(text, ctx).filter((e) => !taken.has(e.start))];
}

/** Whole token: no letter, figure or slash either side. */
const wholeToken = (text: string, start: number, end: number) => !/[\p{L}\p{N}/]/u.test(text[start - 1] ?? ' ') && !/[\p{L}\p{N}/]/u.test(text[end] ?? ' ');

/**
 * `Consiglierel/i`, `Consigliere/li`, `Consigliereli` → `Consigliere/i`: a form with a slash the same document
 * prints, its slash read as one of `slashReadAs` (or as that and the slash). The damaged token is no lexicon
 * word (`consiglierei` is one: left).
 */
function printedForms(text: string, ctx: CleanContext): Edit[] {
  const counts = new Map<string, { a: string; b: string; n: number }>();
  // Anchored on the slash (rare in prose), the letters either side by hand.
  for (let at = text.indexOf('/'); at !== -1; at = text.indexOf('/', at + 1)) {
    const a = lettersBefore(text, at);
    let end = at + 1;
    while (end - at - 1 < 4 && isLetter(text[end])) end++;
    const b = text.slice(at + 1, end);
    if (a.length < 2 || b.length < 1 || b.length > 3 || text[at - a.length - 1] === '/' || text[end] === '/' || isLetter(text[end])) continue;
    const form = `${a}/${b}`;
    counts.set(form, { a, b, n: (counts.get(form)?.n ?? 0) + 1 });
  }
  // Each damaged reading to the form printed most often that it may be (a damaged form is printed too, less often).
  const printed = new Map<string, { form: string; n: number }>();
  for (const [form, { a, b, n }] of counts) {
    for (const read of ctx.data.wordBreaks.slashReadAs) {
      for (const variant of [`${a}${read}${b}`, `${a}${read}/${b}`, `${a}/${read}${b}`]) {
        if (variant === form || (printed.get(variant)?.n ?? 0) >= n) continue;
        printed.set(variant, { form, n });
      }
    }
  }
  const out: Edit[] = [];
  for (const [variant, to] of printed) {
    if (to.n <= (counts.get(variant)?.n ?? 0) || (/^\p{L}+$/u.test(variant) && known(variant.toLowerCase(), ctx))) continue;
    for (let at = text.indexOf(variant); at !== -1; at = text.indexOf(variant, at + 1)) {
      if (wholeToken(text, at, at + variant.length)) out.push(edit('lexical', at, at + variant.length, to.form, 'lexical/slashed-form', 0.8));
    }
  }
  return out;
}

/** The endings an inclusive form offers after its slash (`elette/i`, `Consigliera/e`, `il/la` is a word's pair). */
const ENDINGS = 'aeio';

/** `a` and its other ending `b` are two words of the lexicon, one a vowel's change from the other. */
function inflectionPair(a: string, b: string, ctx: CleanContext): boolean {
  const lower = a.toLowerCase();
  if (lower.length < 4 || !ENDINGS.includes(lower.at(-1) as string)) return false;
  const other = lower.slice(0, -1) + b.toLowerCase();
  return other !== lower && known(lower, ctx) && known(other, ctx);
}

/**
 * A form the document does not print again, read with its slash damaged: `proclamatel/i`, `consiglierei/i`
 * (the slash beside a letter read from it), `singoleli` (the slash read as a letter, lowercase only: a name like
 * `Vitali` is no `vita/i`) → `proclamate/i`, `singole/i`, where the word and its other ending (`proclamate`,
 * `proclamati`) are both words of the lexicon and the reading is none.
 */
function inflectedForms(text: string, ctx: CleanContext): Edit[] {
  const { slashReadAs, slashBesideReadAs } = ctx.data.wordBreaks;
  const out: Edit[] = [];
  // A letter read beside the slash: `proclamatel/i`.
  for (let at = text.indexOf('/'); at !== -1; at = text.indexOf('/', at + 1)) {
    const read = text[at - 1] as string;
    const b = text[at + 1] as string;
    if (!slashBesideReadAs.includes(read) || !ENDINGS.includes(b) || isLetter(text[at + 2])) continue;
    const a = lettersBefore(text, at - 1);
    const start = at - 1 - a.length;
    if (!wholeToken(text, start, at + 2) || !inflectionPair(a, b, ctx)) continue;
    out.push(edit('lexical', start, at + 2, `${a}/${b}`, 'lexical/slashed-form', 0.75));
  }
  // The slash read as a letter: `singoleli`.
  for (const run of letterRuns(text)) {
    const w = run.word;
    if (w.length < 6 || w !== w.toLowerCase() || !wholeToken(text, run.index, run.end)) continue;
    const read = w.at(-2) as string;
    const b = w.at(-1) as string;
    if (!slashReadAs.includes(read) || !ENDINGS.includes(b) || known(w, ctx)) continue;
    const a = w.slice(0, -2);
    if (inflectionPair(a, b, ctx)) out.push(edit('lexical', run.index, run.end, `${a}/${b}`, 'lexical/slashed-form', 0.7));
  }
  return out;
}

import { distance } from 'fastest-levenshtein';
import { alignWords, type WordStretch } from './align.js';

/**
 * Text as compared for error rates: one space between words, page breaks as
 * spaces, one apostrophe, and no table rules (`|` is layout, not text).
 */
export function normalise(text: string): string {
  return text.replace(/\|/g, ' ').replace(/[\f\s]+/g, ' ').replace(/[’‘`´]/g, "'").trim();
}

/** Print the OCR model cannot write, and its stand-ins (`foldPrint`). */
const FOLDS: [RegExp, string][] = [
  // Ligatures: one glyph on the page, two letters in a text layer's extraction (`ﬁrma`); NFKC splits them.
  [/[\uFB00-\uFB06]/g, ''],
  // Double quotes of every style, as `normalise` does single ones: a style, not a reading.
  [/[“”„‟«»]/g, '"'],
  // Dashes: the model has `-` and `—` but no en dash, and prints either for any.
  [/[‐‑‒–—―]/g, '-'],
  [/…/g, '...'],
  // List bullets: the model has none, and prints `*` for most; a bullet lost or read as a letter still counts.
  [/[•●▪◦‣∙]/g, '*'],
  // A middle dot opening a line is a text layer's bullet (a deliberation's `· che in data …`); inside a line it is a dot.
  [/(^|\n)([ \t]*)·(?=[ \t])/g, '$1$2*'],
];

/**
 * Reference and reading alike, before they are compared by bench/accuracy:
 * typography the engine cannot tell apart or cannot write at all (the Italian
 * LSTM model's character set has no en dash, ellipsis or bullet) written one
 * way, so neither a raw nor a cleaned text is counted wrong for it.
 */
export function foldPrint(text: string): string {
  let out = text;
  for (const [re, to] of FOLDS) out = to === '' ? out.replace(re, (c) => c.normalize('NFKC')) : out.replace(re, to);
  return out;
}

/** Character error rate: edit distance over the reference's length. */
export function cer(hypothesis: string, reference: string): number {
  const ref = normalise(reference);
  return ref.length ? distance(normalise(hypothesis), ref) / ref.length : 0;
}

/** Word error rate: edit distance over words (each word mapped to one character). */
export function wer(hypothesis: string, reference: string): number {
  const codes = new Map<string, string>();
  const encode = (t: string) =>
    normalise(t)
      .split(' ')
      .filter(Boolean)
      .map((w) => {
        if (!codes.has(w)) codes.set(w, String.fromCodePoint(0x4e00 + codes.size));
        return codes.get(w);
      })
      .join('');
  const ref = encode(reference);
  return ref.length ? distance(encode(hypothesis), ref) / ref.length : 0;
}

/**
 * Errors in reading order only: words aligned (longest common subsequence),
 * and each stretch that differs by at most `reach` words a side counted, by
 * characters and by words. Longer stretches are text the OCR read in another
 * order (a table read column by column, a block moved): layout analysis, not
 * damage a text cleaner can repair. `layout` names reference words (by index)
 * to leave out as well: a cleaned text is compared on the words its raw
 * reading was (`layoutWords` of the raw), so a region the OCR garbled is
 * counted for neither, however the cleaner repaired it.
 */
export function localErrors(hypothesis: string, reference: string, reach = 3, layout: ReadonlySet<number> = new Set()): { chars: number; words: number; refChars: number; refWords: number } {
  const ref = normalise(reference).split(' ').filter(Boolean);
  const hyp = normalise(hypothesis).split(' ').filter(Boolean);
  let chars = 0;
  let words = 0;
  for (const { stretch: s, at } of positioned(alignWords(ref, hyp))) {
    if (s.equal || s.truth.length > reach || s.ocr.length > reach) continue;
    if (s.truth.length > 0 ? s.truth.some((_, k) => layout.has(at + k)) : layout.has(at - 0.5) || (layout.has(at - 1) && layout.has(at))) continue;
    const t = s.truth.join(' ');
    const o = s.ocr.join(' ');
    // A word added or lost takes its space with it.
    chars += distance(t, o) + (t === '' || o === '' ? 1 : 0);
    words += Math.max(s.truth.length, s.ocr.length);
  }
  return { chars, words, refChars: normalise(reference).length, refWords: ref.length };
}

/**
 * The reference words (by index) that a reading has in stretches longer than `reach` words a side: read in
 * another order; a long run of words the reference lacks (a logo read as text) is marked between the words it
 * stands between (index - 0.5).
 */
export function layoutWords(hypothesis: string, reference: string, reach = 3): Set<number> {
  const ref = normalise(reference).split(' ').filter(Boolean);
  const out = new Set<number>();
  for (const { stretch: s, at } of positioned(alignWords(ref, normalise(hypothesis).split(' ').filter(Boolean)))) {
    if (s.equal || (s.truth.length <= reach && s.ocr.length <= reach)) continue;
    if (s.truth.length === 0) out.add(at - 0.5);
    for (let k = 0; k < s.truth.length; k++) out.add(at + k);
  }
  return out;
}

/** Each stretch with the index of its first reference word. */
function* positioned(stretches: readonly WordStretch[]): Generator<{ stretch: WordStretch; at: number }> {
  let at = 0;
  for (const stretch of stretches) {
    yield { stretch, at };
    at += stretch.truth.length;
  }
}

import type { CleanContext } from '../context.js';
import type { Edit } from '../edits.js';
import { edit, letterRuns } from './match.js';
import { known, ocrWords } from './token-words.js';

/**
 * A capital read small where the small letter is the capital drawn smaller
 * (`c`, `o`, `s`, `v` … in `scaledCapitals.letters`): on worn type only the
 * height tells them apart, and tesseract often guesses wrong (`sindaco`,
 * `consiglio` for `Sindaco`, `Consiglio`). The document is the evidence: a
 * word it prints with a capital at least `minCapitalised` times, and in
 * small letters at most `maxSmallShare` as often, takes its capital back
 * where it is read small, when that reading is in doubt: a name no lexicon
 * knows (`bellini` beside `Bellini`), or a word tesseract read small with less
 * than `maxConfidence` everywhere it did. Print that writes a word both ways
 * (`il consiglio`, `Il Consiglio`) is common: a confident small reading, or
 * text with no OCR behind it, is left as read.
 */
export function scaledCapitalEdits(text: string, ctx: CleanContext): Edit[] {
  const cfg = ctx.data.scaledCapitals;
  const title = new Map<string, number>();
  const small = new Map<string, { n: number; at: number[] }>();
  for (const run of letterRuns(text)) {
    const w = run.word;
    if (w.length < cfg.minLength || !cfg.letters.includes(w[0]?.toLowerCase() as string)) continue;
    // Letters after a dot or glued to other letters (`D.Lgs`, a run split by an accent) are no word of their own here.
    if (/[\p{L}.]/u.test(text[run.index - 1] ?? ' ')) continue;
    const rest = w.slice(1);
    if (rest !== rest.toLowerCase()) continue;
    const lower = w.toLowerCase();
    if (w === lower) {
      const s = small.get(lower) ?? { n: 0, at: [] };
      s.n++;
      s.at.push(run.index);
      small.set(lower, s);
    } else title.set(lower, (title.get(lower) ?? 0) + 1);
  }
  // The best confidence each word read in small letters had, where the pages were OCR'd.
  const confidence = new Map<string, number>();
  for (const w of ocrWords(ctx)) {
    for (const word of w.text.match(/\p{Ll}+/gu) ?? []) if (small.has(word)) confidence.set(word, Math.max(confidence.get(word) ?? 0, w.confidence));
  }
  const out: Edit[] = [];
  for (const [lower, { n, at }] of small) {
    const capitals = title.get(lower) ?? 0;
    if (capitals < cfg.minCapitalised || n > cfg.maxSmallShare * capitals) continue;
    if (known(lower, ctx) && (confidence.get(lower) ?? 100) >= cfg.maxConfidence) continue;
    const to = `${lower[0]?.toUpperCase()}${lower.slice(1)}`;
    for (const i of at) out.push(edit('glyph', i, i + lower.length, to, 'glyph/scaled-capital', 0.7));
  }
  return out;
}

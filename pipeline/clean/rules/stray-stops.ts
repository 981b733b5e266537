import type { CleanContext } from '../context.js';
import type { Edit } from '../edits.js';
import { lowerAbbreviations } from '../rules-data.js';
import { edit, isLetter, lettersBefore, matchesWhere } from './match.js';

/**
 * A full stop OCR set inside a sentence (`ai. sensi`, `il. progetto`,
 * `debiti. commerciali`): a speck or a worn comma read after a word, with a
 * word in lower case going on after it. The stop goes when the word before
 * it never ends an Italian sentence (an article, a preposition, a
 * conjunction: `strayStop.neverEnd`), or is a word of the lexicon of
 * `strayStop.minWordLength` letters or more, and the word after it is one
 * too; never after an abbreviation the rules know or a short word that may be
 * one (`prot. n`, `lett. b`, `tot. di`), nor after a list's letter (`a. la
 * delibera` opening its line). At a line's end the stop goes only after a
 * word no sentence ends on (`la.` / `deliberazione`).
 */
const isWordOrElision = (w: string, ctx: CleanContext) => ctx.lexicon.isWord(w) || ctx.data.elisions.includes(w);

export function strayStopEdits(text: string, ctx: CleanContext): Edit[] {
  const cfg = ctx.data.noise.strayStop;
  const abbreviations = lowerAbbreviations(ctx.data);
  const out: Edit[] = [];
  // Anchored on the stop and the word after it, on its line or the next; the words either side are read by hand.
  for (const m of matchesWhere(text, /\.(?:[ \t]+|[ \t]*\n[ \t\n]*)(\p{L}+)/gu, (m) => isLetter(text[m.index - 1]))) {
    const word = lettersBefore(text, m.index);
    const start = m.index - word.length;
    // `D.lgs. n`, `s.m.i. e`: letters after a dot are an abbreviation's; `Consigliere/i.` ends a sentence.
    if (text[start - 1] === '.' || text[start - 1] === '/' || abbreviations.includes(`${word.toLowerCase()}.`)) continue;
    const lower = word.toLowerCase();
    const next = m[1] as string;
    // At a line's end, only after a word no sentence ends on (`di.` / `Alle`), however the next line opens.
    if (m[0].includes('\n')) {
      if (lower.length < 2 || !cfg.neverEnd.includes(lower) || !isWordOrElision(next.toLowerCase(), ctx)) continue;
      out.push(edit('noise', m.index, m.index + 1, '', 'noise/stray-stop', 0.8));
      continue;
    }
    if (next !== next.toLowerCase()) continue;
    const lineStart = start === 0 || /[\n\f][ \t]*$/.test(text.slice(Math.max(0, start - 8), start));
    const never = cfg.neverEnd.includes(lower) && !(lower.length === 1 && lineStart);
    const long = lower.length >= cfg.minWordLength && ctx.lexicon.isWord(lower);
    if (!never && !long) continue;
    // The word after it, or an elided one (`dell'ospitalità`).
    if (!isWordOrElision(next, ctx)) continue;
    out.push(edit('noise', m.index, m.index + 1, '', 'noise/stray-stop', 0.8));
  }
  return out;
}

import type { CleanContext } from '../context.js';
import type { Edit } from '../edits.js';
import { lowerAbbreviations } from '../rules-data.js';
import { applyCase, caseOf, edit, isDigit, letterRuns } from './match.js';
import { documentWords, known } from './token-words.js';
import { LOST_LETTERS } from './word-breaks.js';

const VOWELS = 'aeiouàèéìòóù';

/**
 * A word's last letter faded to its foot and read as a full stop or a colon
 * (`degl.`, `FERRANT.`, `TERM:` on a worn typescript). Abbreviations end so
 * too (`Dott.`, `prot.`): the mark is read as a letter only where the
 * letters before it are nothing the lexicon lists (its frequencies, taken
 * from running text, list the abbreviations writers use) nor an abbreviation
 * the rules know, and end on a consonant (an Italian name the lexicon lacks
 * ends on a vowel: `Manci.`), and exactly one letter in its place makes a word: a frequent one of the
 * lexicon (`lostLetterMinLog10`), or one the document prints again
 * (`FERRANTE` in the attendance list). `de.` stays: `del` and `dei` both fit.
 */
export function endMarkEdits(text: string, ctx: CleanContext): Edit[] {
  const cfg = ctx.data.wordBreaks;
  const candidates: { index: number; end: number; word: string }[] = [];
  for (const run of letterRuns(text)) {
    const mark = text[run.end];
    if ((mark !== '.' && mark !== ':') || run.word.length < cfg.endMarkMinLength) continue;
    // A word of its own: not inside a code, an abbreviation's dots or an elision; the mark ends it.
    const before = text[run.index - 1];
    if (before !== undefined && (isDigit(before) || ".'’:/-".includes(before))) continue;
    const after = text[run.end + 1];
    if (after !== undefined && !/[\s,;)]/u.test(after)) continue;
    candidates.push({ index: run.index, end: run.end + 1, word: run.word });
  }
  if (candidates.length === 0) return [];
  const doc = documentWords(text, ctx);
  const abbreviations = lowerAbbreviations(ctx.data);
  const out: Edit[] = [];
  for (const { index, end, word } of candidates) {
    const lower = word.toLowerCase();
    // Running text writes its abbreviations often enough for the lexicon's frequencies to list them (`prot`, `segr`).
    if (ctx.lexicon.get(lower) || abbreviations.some((a) => a.startsWith(lower))) continue;
    // Italian words and names end on a vowel: one the lexicon lacks (`Manci.`) is a name, not a cut word.
    if (VOWELS.includes(lower.at(-1) as string)) continue;
    const words = LOST_LETTERS.map((l) => `${lower}${l}`).filter(
      (w) => (known(w, ctx) && ctx.lexicon.freq(w) >= cfg.lostLetterMinLog10) || (doc.count.get(w) ?? 0) >= ctx.data.confusionModel.documentMinCount,
    );
    if (words.length !== 1) continue;
    const shape = caseOf(word);
    out.push(edit('lexical', index, end, applyCase(words[0] as string, shape === 'mixed' ? 'lower' : shape), 'lexical/lost-letter', 0.75));
  }
  return out;
}

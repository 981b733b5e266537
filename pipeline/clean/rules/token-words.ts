import type { CleanContext } from '../context.js';
import type { OcrWord } from '../evidence.js';
import { isLetter, letterRuns } from './match.js';

/*
 * What a token is, for the confusion model: its case shape, and whether it is
 * plausible as it stands (the lexicon knows it, it is a comune, or the same
 * document prints it again), with the document's own words counted once.
 */

/** A token worth a look: two letters, or three characters or more, mostly letters, a letter first (`1COMUNE` is a figure glued to a word); a marked token is letters and its marks. */
export function readable(token: string, marked: boolean): boolean {
  if (token.length < 2 || !isLetter(token[0]) || (token.length === 2 && !isLetter(token[1]))) return false;
  if (marked) return true;
  const letters = lettersOf(token).length;
  return letters >= token.length - 2 && letters >= 2;
}

/** What the document prints: counts of each word by its lower-case form, and of its capitalised printings. */
export interface DocumentWords {
  total: number;
  /** The highest confidence tesseract read each word with (lower case), where the pages were OCR'd. */
  confidence: Map<string, number>;
  count: Map<string, number>;
  capitalised: Map<string, number>;
  /** Words printed capitalised at least `documentMinCount` times (lower case). */
  names: string[];
  /** The share of the OCR's words of four letters or more it read in doubt (0 without boxes): how damaged the reading is. */
  damage: number;
  /** Whether the pages were OCR'd, on enough words to tell, and read with little doubt (damage at most `damageFrom`). */
  cleanReading: boolean;
}

export function documentWords(text: string, ctx: CleanContext): DocumentWords {
  const count = new Map<string, number>();
  const capitalised = new Map<string, number>();
  let total = 0;
  // Letters after a dot, or after an initial and its dot, are part of an abbreviation (`D.Lgs`, `D. Lgs`), not a word of their own.
  // (As the look-behind this was first written with had it, the letters after such a run's first still count: `gs` of `D.Lgs`.)
  for (const run of letterRuns(text)) {
    const word = abbreviationLetters(text, run.index) ? run.word.slice(1) : run.word;
    if (word === '') continue;
    total++;
    const lower = word.toLowerCase();
    count.set(lower, (count.get(lower) ?? 0) + 1);
    if (word !== lower) capitalised.set(lower, (capitalised.get(lower) ?? 0) + 1);
  }
  const names = [...capitalised].filter(([w, n]) => n >= ctx.data.confusionModel.documentMinCount && w.length >= 3).map(([w]) => w);
  // The highest confidence each word was read with; and how damaged the reading is, by the engine's own doubt: the
  // share of its words of four letters or more read under `doubtedConfidence`. A text with no OCR behind it says
  // nothing of either (its unknown words may be a trade's terms).
  const confidence = new Map<string, number>();
  let words = 0;
  let doubted = 0;
  for (const w of ocrWords(ctx)) {
    for (const word of w.text.toLowerCase().match(/\p{L}+/gu) ?? []) confidence.set(word, Math.max(confidence.get(word) ?? 0, w.confidence));
    if (!/\p{L}{4}/u.test(w.text)) continue;
    words++;
    if (w.confidence < ctx.data.confusionModel.doubtedConfidence) doubted++;
  }
  // Too few words tell nothing of the reading: one misread word in a line is not a worn page.
  const measured = words >= ctx.data.confusionModel.damageMinWords;
  const damage = measured ? doubted / words : 0;
  return { total, count, capitalised, names, confidence, damage, cleanReading: measured && damage <= ctx.data.confusionModel.damageFrom };
}

/** The words tesseract read on the document's OCR'd pages (none for a text layer or a text without boxes). */
export function* ocrWords(ctx: CleanContext): Generator<OcrWord> {
  for (const page of ctx.pages ?? []) if (page.method !== 'text-layer') yield* page.words ?? [];
}

/** Letters at `index` follow a dot, or an initial and its dot (`D.Lgs`, `D. Lgs`). */
function abbreviationLetters(text: string, index: number): boolean {
  return text[index - 1] === '.' || (text[index - 1] === ' ' && text[index - 2] === '.' && isLetter(text[index - 3]) && !isLetter(text[index - 4]));
}

/** A token's letters, digits and bars aside (most tokens are letters only: then the token itself). */
export function lettersOf(token: string): string {
  let all = true;
  for (let i = 0; i < token.length && all; i++) all = isLetter(token[i]);
  return all ? token : [...token].filter((c) => LETTER.test(c)).join('');
}
const LETTER = /\p{L}/u;

export type Shape = 'lower' | 'title' | 'upper';

/** The case of a token's letters (digits and bars aside): `M1CHELE` is upper case. */
export function shapeOf(token: string): Shape | null {
  const letters = lettersOf(token);
  if (letters === letters.toLowerCase()) return 'lower';
  if (letters.length > 1 && letters === letters.toUpperCase()) return 'upper';
  const first = letters[0] as string;
  if (first !== first.toLowerCase() && letters.slice(1) === letters.slice(1).toLowerCase()) return 'title';
  // Capitals with one or two small letters among them (`FERRAnTE`, `uRBANO`): worn capitals read small.
  // Shorter, such a mix is an acronym's (`CdA`, `UdC`).
  return mixedCapitals(letters) ? 'upper' : null;
}

/** Five letters or more, all capitals but one or two. */
export function mixedCapitals(letters: string): boolean {
  if (letters.length < 5) return false;
  let small = 0;
  for (const c of letters) if (c !== c.toUpperCase()) small++;
  return small > 0 && small <= 2;
}

/** Ligatures a PDF's text carries (`ﬁrma`) are letters, not damage. */
export const lowerOf = (token: string) => token.toLowerCase().normalize('NFKC');

/** A real word or name as it stands: the lexicon knows it, it is a comune, or the document prints it again. */
export function plausible(lower: string, shape: Shape, doc: DocumentWords, ctx: CleanContext): boolean {
  const info = ctx.lexicon.get(lower);
  const cfg = ctx.data.confusionModel;
  if (known(lower, ctx) || (info?.proper && shape !== 'lower')) return true;
  // Another inflection of a frequent word (`rottamazioni` beside `rottamazione`): a form the lexicon lacks, not damage.
  if (lower.length >= 7 && /[aeio]$/.test(lower) && ['a', 'e', 'i', 'o'].some((v) => known(lower.slice(0, -1) + v, ctx) && ctx.lexicon.freq(lower.slice(0, -1) + v) >= cfg.inflectionLog10)) return true;
  if (shape !== 'lower' && ctx.names.comuniByKey.has(lower.toUpperCase())) return true;
  return (doc.count.get(lower) ?? 0) >= (shape === 'lower' ? cfg.repeatedLowerCount : cfg.repeatedNameCount);
}

/** A form the lexicon knows: Hunspell's, or one running text shows often. */
export function known(lower: string, ctx: CleanContext): boolean {
  const info = ctx.lexicon.get(lower);
  return !!info && (info.word || (info.freq ?? -9) >= ctx.data.confusionModel.commonUnlistedLog10);
}

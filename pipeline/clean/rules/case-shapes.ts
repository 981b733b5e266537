import type { CleanContext } from '../context.js';
import type { Edit } from '../edits.js';
import { edit, type LetterRun, letterRuns } from './match.js';

/*
 * Words read with letters of both cases. Print writes a word in capitals, in
 * small letters or capitalised, and mixes them only in a few acronyms (`CdA`,
 * `SpA`: `mixedCase.printed`). A capital opening a word is its own
 * (`Consiglio`), never the odd one out.
 */

/**
 * Letters whose capital is their small letter enlarged (`c`/`C`, `o`/`O`,
 * `s`/`S`, `v`/`V` … `caseAmbiguousLetters`): OCR of worn type reads them at
 * either height. A word in capitals with such small letters in it
 * (`cOMUNALE`) is in capitals; a small word with such capitals inside
 * (`soCietà`) is small, when the lexicon knows it so.
 */
export function caseShapeEdits(text: string, ctx: CleanContext): Edit[] {
  const out: Edit[] = [...loneCapitals(text, ctx)];
  const ambiguous = ctx.data.caseAmbiguousLetters;
  for (const { index, word } of mixedRuns(text)) {
    if (!knownAs(word, ctx)) continue;
    const { small, capitals } = cases(word);
    let to: string | null = null;
    if (small.every((c) => ambiguous.includes(c)) && small.length < word.length / 2) to = word.toUpperCase();
    else if (capitals.every((c) => ambiguous.includes(c.toLowerCase())) && capitals.length < word.length / 2) to = word[0] + word.slice(1).toLowerCase();
    if (to && to !== word) out.push(edit('glyph', index, index + word.length, to, 'glyph/case-shape', 0.85));
  }
  return out;
}

/**
 * A one-letter word read as its capital inside a sentence (`i soci stessi O altri enti`, `dal relatore O, in sua
 * assenza, …` for `o`): a letter whose capital is its small letter enlarged, between a small word and a small
 * word or a comma. After a word that names a label (`lettera O`, `zona O`: `letterLabels`) it is one.
 */
function loneCapitals(text: string, ctx: CleanContext): Edit[] {
  const out: Edit[] = [];
  // Anchored on the space and the capital; the word before read by hand (a look-behind first is tried at every position).
  for (const m of text.matchAll(/ (\p{Lu})(?=,? \p{Ll})/gu)) {
    const letter = (m[1] as string).toLowerCase();
    if (!ctx.data.caseAmbiguousLetters.includes(letter) || !ctx.data.oneLetterWords.includes(letter)) continue;
    const before = /(?<![\p{L}\d'’.])(\p{Ll}{2,})$/u.exec(text.slice(Math.max(0, m.index - 30), m.index))?.[1];
    if (!before || ctx.data.letterLabels.includes(before)) continue;
    out.push(edit('glyph', m.index + 1, m.index + 2, letter, 'glyph/lone-capital', 0.85));
  }
  return out;
}

/**
 * One letter of the other case, any letter, where a faint or heavy strike
 * changed its size (`BIAnCHI`, `fABBRI`, `cHe`): the word takes the case of
 * all its other letters, when it stands on its own. Run after the confusion model, which reads such a
 * word as damaged and may find more wrong in it (`FERRAnTE`); what is left
 * mixed is only a case. Only when the document does not print the word so
 * again, and the lexicon knows it, or the document prints it in the case it
 * is given back (a name in an attendance list), or it is
 * `mixedCase.capitalsMinLength` capitals or more with one small letter
 * (shorter, a mix is an acronym's, as `shapeOf` reads it too).
 */
export function oddCaseEdits(text: string, ctx: CleanContext): Edit[] {
  const mixed = mixedRuns(text);
  if (mixed.length === 0) return [];
  const printed = new Map<string, number>();
  for (const { word } of letterRuns(text)) printed.set(word, (printed.get(word) ?? 0) + 1);
  const out: Edit[] = [];
  for (const { index, end, word } of mixed) {
    if (ctx.data.mixedCase.printed.includes(word) || (printed.get(word) ?? 0) > 1) continue;
    // A word on its own: glued to a mark (`saraI'poverta`), its pieces are the word-break rules' to read first.
    if (GLUE.includes(text[index - 1] ?? ' ') || GLUE.includes(text[end] ?? ' ')) continue;
    const { small, capitals } = cases(word);
    let to: string | null = null;
    if (small.length === 1 && word.length - small.length >= 2) to = word.toUpperCase();
    else if (capitals.length === 1 && small.length >= 2 && word[0] === word[0]?.toLowerCase()) to = word.toLowerCase();
    if (!to) continue;
    const long = to === word.toUpperCase() && word.length >= ctx.data.mixedCase.capitalsMinLength;
    if (!knownAs(to, ctx) && !printed.has(to) && !long) continue;
    out.push(edit('glyph', index, index + word.length, to, 'glyph/odd-case', 0.8));
  }
  return out;
}

const GLUE = "'’‘`.-/_*+";

/** Runs of three letters or more whose case is mixed, acronyms printed so aside. */
function mixedRuns(text: string): LetterRun[] {
  const out: LetterRun[] = [];
  for (const run of letterRuns(text)) if (run.word.length >= 3 && mixedCase(run.word)) out.push(run);
  return out;
}

const knownAs = (word: string, ctx: CleanContext) => {
  const lower = word.toLowerCase();
  return ctx.lexicon.isWord(lower) || Boolean(ctx.lexicon.get(lower)?.proper);
};

/** A word's small letters, and its capitals after the first letter. */
function cases(word: string): { small: string[]; capitals: string[] } {
  return { small: [...word].filter((c) => c !== c.toUpperCase()), capitals: [...word.slice(1)].filter((c) => c !== c.toLowerCase()) };
}

/**
 * A word with small letters and a capital after its first letter, or a small
 * letter before capitals (`mONICA`). ASCII is read without a copy.
 */
function mixedCase(word: string): boolean {
  let lower = false;
  let upper = false;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 97 && c <= 122) lower = true;
    else if (c >= 65 && c <= 90) upper ||= i > 0;
    else if (c > 127) return word.slice(1) !== word.slice(1).toLowerCase() && word !== word.toUpperCase();
    if (lower && upper) return true;
  }
  return false;
}

import { APOS, APOS_CHARS, type CleanContext } from '../context.js';
import type { Edit } from '../edits.js';
import { accentedForms } from './glyph.js';
import { applyCase, caseOf, edit, elidedAt, isDigit, letterRuns, matches } from './match.js';

/**
 * Accent rules: final accents OCR lost. A bare form that is not an Italian word
 * gets the accented form the lexicon knows (`poverta` → `povertà`); a bare form
 * that is a word too (`e`/`è`, `pero`/`però`) changes only on a context rule or
 * a strong frequency margin, never on a guess.
 */
export function accentEdits(text: string, ctx: CleanContext): Edit[] {
  const out: Edit[] = [];
  // Whether a word has an accented form, once per word of the document (most words repeat, few have one).
  const hasAccented = new Map<string, boolean>();
  for (const m of letterRuns(text)) {
    const { word } = m;
    if (!/[aeiouAEIOU]$/.test(word) || (word.length < 2 && word !== 'e' && word !== 'E')) continue;
    const end = m.index + word.length;
    // Not next to digits, not an elided form (`dell'Assemblea`), not a typewriter accent (`citta'`: the apostrophe is the accent).
    if (isDigit(text[m.index - 1]) || isDigit(text[end]) || elidedAt(text, end) || APOS_CHARS.includes(text[end] ?? '\0')) continue;
    if (word !== 'e' && word !== 'E') {
      let has = hasAccented.get(word);
      if (has === undefined) {
        has = ctx.lexicon.hasAccentedForm(word.toLowerCase());
        hasAccented.set(word, has);
      }
      if (!has) continue;
    }
    const replaced = word === 'e' || word === 'E' ? verbE(text, m.index, ctx) : accentFor(word, m.index, text, ctx);
    if (replaced) out.push(edit('accent', m.index, m.index + word.length, replaced.to, replaced.ruleId, replaced.confidence));
  }
  out.push(...spuriousAccents(text, ctx));
  for (const m of matches(text, new RegExp(`(?<=\\b\\p{L}{1,5}${APOS})e(?![\\p{L}\\d])`, 'gu'))) {
    const elided = text.slice(Math.max(0, m.index - 7), m.index).match(/(\p{L}+).$/u)?.[1]?.toLowerCase() ?? '';
    if (ctx.data.verbEAfterElision.includes(elided)) {
      out.push(edit('accent', m.index, m.index + 1, 'è', 'accent/e-verb', 0.95));
    }
  }
  return out;
}

/** log10 frequency below which a form counts as never seen in running text. */
const MIN_SEEN = -8.5;

interface Choice {
  to: string;
  ruleId: string;
  confidence: number;
}

/**
 * A capitalised word opening a sentence and followed by a lower-case word is
 * used as a common word (`Sara cura di tutti` is `Sarà`), not as a name
 * (`Sara Rossi`).
 */
function commonWordContext(text: string, index: number, length: number): boolean {
  const before = text.slice(Math.max(0, index - 3), index);
  const after = text.slice(index + length, index + length + 3);
  return (index === 0 || /[.!?]\s+$|^\s*$/.test(before) || /\n$/.test(before)) && /^ \p{Ll}/u.test(after);
}

/**
 * The line of a word in capitals reads as prose in capitals (`IL CONSIGLIO SARA CONVOCATO`): three other words
 * of it are ordinary words. A row of names (`CONTI SARA   Assessore   A`) is not.
 */
function capitalsProse(text: string, index: number, ctx: CleanContext): boolean {
  const start = text.lastIndexOf('\n', index) + 1;
  const nl = text.indexOf('\n', index);
  const line = text.slice(start, nl === -1 ? text.length : nl);
  let ordinary = 0;
  for (const w of line.match(/(?<![\p{L}])\p{Lu}{2,}(?![\p{L}])/gu) ?? []) if (ctx.lexicon.get(w.toLowerCase())?.word) ordinary++;
  return ordinary >= 3;
}

/** The word before an offset, lower case (elided articles without their apostrophe: `dell'` → `dell`). */
function previousWord(text: string, index: number): string | null {
  return /(\p{L}+)['’]?\s*$/u.exec(text.slice(Math.max(0, index - 30), index))?.[1]?.toLowerCase() ?? null;
}

/** The word at `index` of `text`; its context is read only when a rule needs it (most words have no accented form). */
function accentFor(word: string, index: number, text: string, ctx: CleanContext): Choice | null {
  const lower = word.toLowerCase();
  if (!ctx.lexicon.hasAccentedForm(lower)) return null;
  const shape = caseOf(word);
  if (shape === 'mixed') return null;
  const info = ctx.lexicon.get(lower);
  // The accented form must be in use (seen in running text), not only a form Hunspell can build.
  const candidates = accentedForms(lower).filter((w) => ctx.lexicon.isWord(w) && ctx.lexicon.freq(w) > MIN_SEEN);
  const best = candidates.sort((a, b) => ctx.lexicon.freq(b) - ctx.lexicon.freq(a))[0];
  if (!best) return null;
  if (shape === 'title' && info?.proper && !commonWordContext(text, index, word.length)) return null; // `Sara` is a name, not `Sarà`
  if (shape === 'upper' && ctx.upperAccentStyle === 'apostrophe') return null; // handled as the document writes it
  if (shape === 'upper' && info?.proper && !capitalsProse(text, index, ctx)) return null; // `CONTI SARA` is a name, not `SARÀ`
  const bareIsWord = info?.word === true;
  if (!bareIsWord) return { to: applyCase(best, shape), ruleId: 'accent/final', confidence: 0.97 };
  const { minLog10Margin, neverByFrequency, nounContext } = ctx.data.accentAmbiguous;
  if (neverByFrequency.includes(lower)) return null;
  // `disabilita` is a verb (`l'opzione disabilita …`) unless an article or preposition makes it the noun `disabilità`.
  if (/it[aà]$/.test(lower)) {
    const previous = previousWord(text, index);
    if (!(previous && nounContext.includes(previous))) return null;
  }
  const margin = ctx.lexicon.freq(best) - ctx.lexicon.freq(lower);
  if (margin < minLog10Margin) return null;
  return { to: applyCase(best, shape), ruleId: 'accent/frequency', confidence: Math.min(0.95, 0.6 + margin / 10) };
}

/** `e` is the verb `è` only in contexts the conjunction cannot stand in. */
function verbE(text: string, index: number, ctx: CleanContext): Choice | null {
  const before = text.slice(Math.max(0, index - 40), index);
  const after = text.slice(index + 1, index + 41);
  const prev = before.match(/(\p{L}+)[ \t]*\n?[ \t]*$/u)?.[1]?.toLowerCase();
  const prevIsClauseEnd = /[,;:.(]\s*$/u.test(before);
  const next = after.match(/^[ \t]*\n?[ \t]*(\p{L}+)/u)?.[1]?.toLowerCase();
  if (!next) return null;
  const upper = text[index] === 'E';
  const to = upper ? 'È' : 'è';
  const { verbEPrecededBy, verbEFollowedBy, participleSuffixes } = ctx.data;
  if (upper) {
    // Sentence-initial `E stato approvato`: only with a participle of essere.
    return ['stato', 'stata', 'stati', 'state'].includes(next) ? { to, ruleId: 'accent/e-verb', confidence: 0.9 } : null;
  }
  if (prev && verbEPrecededBy.includes(prev) && !prevIsClauseEnd) return { to, ruleId: 'accent/e-verb', confidence: 0.9 };
  if (prev === 'si' && participleSuffixes.some((s) => next.endsWith(s)) && next.length > 4 && ctx.lexicon.isWord(next)) {
    return { to, ruleId: 'accent/e-verb', confidence: 0.9 };
  }
  if (verbEFollowedBy.includes(next) && !prevIsClauseEnd && !(prev && ctx.data.verbENotAfter.includes(prev))) return { to, ruleId: 'accent/e-verb', confidence: 0.85 };
  return null;
}

/** Italian writes an accent on a word's last vowel only. */
const INNER_ACCENT = /[àèéìíòóùúÀÈÉÌÍÒÓÙÚ](?=\p{L})/u;
const BARE: Record<string, string> = { à: 'a', è: 'e', é: 'e', ì: 'i', í: 'i', ò: 'o', ó: 'o', ù: 'u', ú: 'u' };

/**
 * An accent OCR added inside a word (`LÈTTURA`, `consìglio`): the bare form is
 * a word, the accented one is not. Words the lexicon knows with an inner
 * accent (`àncora`) stay. A lone vowel between words is one too (`seduta à cui`:
 * no Italian word is `à`); a lone `é` is the verb, glyph/e-grave's.
 */
function spuriousAccents(text: string, ctx: CleanContext): Edit[] {
  const out: Edit[] = [];
  for (const { index, word } of letterRuns(text)) {
    if (word.length === 1 && LONE_ACCENTED.test(word) && betweenWords(text, index) && !ctx.lexicon.isWord(word)) {
      const bare = BARE[word] as string;
      if (ctx.lexicon.isWord(bare)) out.push(edit('accent', index, index + 1, bare, 'accent/spurious', 0.85));
      continue;
    }
    if (word.length < 3 || !INNER_ACCENT.test(word)) continue;
    const lower = word.toLowerCase();
    if (ctx.lexicon.isWord(lower)) continue;
    const bare = lower.slice(0, -1).replace(/[àèéìíòóùú]/g, (c) => BARE[c] as string) + lower.slice(-1);
    if (!ctx.lexicon.isWord(bare)) continue;
    const shape = caseOf(word);
    if (shape === 'mixed') continue;
    out.push(edit('accent', index, index + word.length, applyCase(bare, shape), 'accent/spurious', 0.9));
  }
  return out;
}

/** A lower-case accented vowel other than e's. */
const LONE_ACCENTED = /^[àìíòóùú]$/u;

/** A one-letter token with a word of two letters or more on either side of it on its line. */
function betweenWords(text: string, index: number): boolean {
  return /\p{L}{2,}[,;:]?[ \t]+$/u.test(text.slice(Math.max(0, index - 30), index)) && /^[ \t]+\p{L}{2,}/u.test(text.slice(index + 1, index + 31));
}

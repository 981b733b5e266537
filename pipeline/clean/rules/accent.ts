import { APOS, type CleanContext } from '../context.js';
import type { Edit } from '../edits.js';
import { accentedForms } from './glyph.js';
import { applyCase, caseOf, edit, matches } from './match.js';

/**
 * Accent rules: final accents OCR lost. A bare form that is not an Italian word
 * gets the accented form the lexicon knows (`poverta` → `povertà`); a bare form
 * that is a word too (`e`/`è`, `pero`/`però`) changes only on a context rule or
 * a strong frequency margin, never on a guess.
 */
export function accentEdits(text: string, ctx: CleanContext): Edit[] {
  const out: Edit[] = [];
  const token = new RegExp(`(?<![\\p{L}\\d])(\\p{L}+)(?![\\p{L}\\d]|${APOS}\\p{L})`, 'gu');
  for (const m of matches(text, token)) {
    const word = m[1] as string;
    if (!/[aeiouAEIOU]$/.test(word) || (word.length < 2 && word !== 'e' && word !== 'E')) continue;
    const replaced = word === 'e' || word === 'E' ? verbE(text, m.index, ctx) : accentFor(word, ctx);
    if (replaced) out.push(edit('accent', m.index, m.index + word.length, replaced.to, replaced.ruleId, replaced.confidence));
  }
  for (const m of matches(text, new RegExp(`(?<=\\b\\p{L}{1,5}${APOS})e(?![\\p{L}\\d])`, 'gu'))) {
    const elided = text.slice(Math.max(0, m.index - 7), m.index).match(/(\p{L}+).$/u)?.[1]?.toLowerCase() ?? '';
    if (['c', 'n', 'cos', 'dov', 'com', 'quant', 'qual'].includes(elided)) {
      out.push(edit('accent', m.index, m.index + 1, 'è', 'accent/e-verb', 0.95));
    }
  }
  return out;
}

interface Choice {
  to: string;
  ruleId: string;
  confidence: number;
}

function accentFor(word: string, ctx: CleanContext): Choice | null {
  const shape = caseOf(word);
  if (shape === 'mixed') return null;
  const lower = word.toLowerCase();
  const info = ctx.lexicon.get(lower);
  const candidates = accentedForms(lower).filter((w) => ctx.lexicon.isWord(w));
  const best = candidates.sort((a, b) => ctx.lexicon.freq(b) - ctx.lexicon.freq(a))[0];
  if (!best) return null;
  if (shape === 'title' && info?.proper) return null; // `Sara` is a name, not `Sarà`
  if (shape === 'upper' && ctx.upperAccentStyle === 'apostrophe') return null; // handled as the document writes it
  const bareIsWord = info?.word === true;
  if (!bareIsWord) return { to: applyCase(best, shape), ruleId: 'accent/final', confidence: 0.97 };
  const { minLog10Margin, neverByFrequency } = ctx.data.accentAmbiguous;
  if (neverByFrequency.includes(lower)) return null;
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
  if (verbEFollowedBy.includes(next) && !prevIsClauseEnd) return { to, ruleId: 'accent/e-verb', confidence: 0.85 };
  return null;
}

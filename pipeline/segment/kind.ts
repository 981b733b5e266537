import type { LineInfo } from './classify.js';
import { alternation, cachedRegExp, type SegmentLexicon } from './lexicon.js';

/** What a document is: the minutes of a sitting, one deliberation, or not minutes at all. */
export type DocumentKind = 'verbale' | 'deliberazione' | 'other';

/**
 * The kind of document, from the evidence of its first page and its shape: a
 * deliberation's title (`DELIBERAZIONE DEL CONSIGLIO COMUNALE N. 59`) on a
 * document that treats one subject; a sitting's title (`VERBALE N. 5`,
 * `PROCESSO VERBALE`) or several items; and minutes at all only when the text
 * holds the genre's formulas (a sitting convened, an attendance, an agenda, a
 * vote): a permit notice or a letter is `other`.
 */
export function readKind(lines: readonly LineInfo[], itemCount: number, hasAttendance: boolean, lex: SegmentLexicon): { kind: DocumentKind; confidence: number } {
  const first = lines
    .filter((l) => !l.blank)
    .slice(0, 40)
    .map((l) => l.text.replace(/(?<![\p{L}])\p{L}(?: \p{L}){2,}(?![\p{L}])/gu, (m) => m.replace(/ /g, '')))
    .join(' ')
    .replace(/\s+/g, ' ');
  const all = lines.map((l) => l.text).join(' ');
  const evidence = lex.kinds.minutesEvidence.filter((w) => cachedRegExp(`(?<![\\p{L}])${alternation([w])}`, 'iu').test(all)).length;
  const votes = lines.filter((l) => l.vote).length;
  const deliberationTitle = cachedRegExp(`(?:${alternation(lex.kinds.deliberation)})`, 'iu').test(first);
  const sittingTitle = cachedRegExp(`(?:${alternation(lex.kinds.sitting)})`, 'iu').test(first);
  const score = evidence + (hasAttendance ? 3 : 0) + Math.min(votes, 3) + (itemCount > 0 ? 2 : 0) + (deliberationTitle || sittingTitle ? 3 : 0);
  if (score < 4) return { kind: 'other', confidence: Math.max(0.5, 1 - score / 4) };
  if (deliberationTitle && itemCount <= 1) return { kind: 'deliberazione', confidence: sittingTitle ? 0.7 : 0.9 };
  return { kind: 'verbale', confidence: sittingTitle || itemCount > 1 ? 0.9 : 0.7 };
}

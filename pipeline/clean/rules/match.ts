import type { Correction } from '../../../schemas/index.js';
import { APOS_CHARS } from '../context.js';
import type { Edit } from '../edits.js';

/** Every match of a global regex, safe against empty matches. */
export function* matches(text: string, re: RegExp): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    yield m;
    if (m[0] === '') re.lastIndex++;
  }
}

export function edit(
  rule: Correction['rule'],
  start: number,
  end: number,
  to: string,
  ruleId: string,
  confidence: number,
): Edit {
  return { start, end, to, rule, ruleId, confidence };
}

/**
 * Maximal runs of letters, with the index of each: the fast way to visit every
 * word (a look-behind in a global regex is tried at every position).
 */
export function* letterRuns(text: string): Generator<{ index: number; word: string }> {
  const re = /\p{L}+/gu;
  for (let m = re.exec(text); m; m = re.exec(text)) yield { index: m.index, word: m[0] };
}

const DIGIT = /\d/;
const LETTER = /\p{L}/u;
export const isDigit = (c: string | undefined) => c !== undefined && DIGIT.test(c);
export const isLetter = (c: string | undefined) => c !== undefined && LETTER.test(c);

/** The word ending at `end` is elided: an apostrophe and a letter follow (`dell'Assemblea`). */
export const elidedAt = (text: string, end: number) => APOS_CHARS.includes(text[end] ?? '\0') && isLetter(text[end + 1]);

/** Case shape of a token, so a replacement keeps it. */
export function caseOf(token: string): 'lower' | 'upper' | 'title' | 'mixed' {
  if (token === token.toLowerCase()) return 'lower';
  if (token === token.toUpperCase()) return token.length > 1 ? 'upper' : 'title';
  const rest = token.slice(1);
  if (token[0] === token[0]?.toUpperCase() && rest === rest.toLowerCase()) return 'title';
  return 'mixed';
}

export function applyCase(word: string, shape: ReturnType<typeof caseOf>): string {
  if (shape === 'upper') return word.toUpperCase();
  if (shape === 'title') return word.charAt(0).toUpperCase() + word.slice(1);
  return word;
}

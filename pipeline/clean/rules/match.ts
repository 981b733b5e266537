import type { Correction } from '../../../schemas/index.js';
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

/** Words: letters with inner apostrophes left out (`dell’Assemblea` is two tokens). */
export const WORD = /\p{L}[\p{L}\p{M}]*/gu;

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

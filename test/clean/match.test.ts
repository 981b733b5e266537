import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isLetter, letterBefore, letterRuns, matchesWhere, tokenRuns } from '../../pipeline/clean/rules/match.js';

// The scans the rules read words with stand for regular expressions: they must find exactly what those find.
const sample = fc.array(
  fc.oneof(
    fc.constantFrom(' ', '\n', '\f', '.', "'", '’', '|', '1', '42', 'è', 'È', 'città', 'D.Lgs', 'ﬁrma', 'Ω', '𝐀', 'a𝐀b', '\ud835', 'ß', 'ǅ'),
    fc.string({ maxLength: 5 }),
    fc.string({ unit: 'grapheme', maxLength: 4 }),
  ),
  { maxLength: 40 },
);
const found = (text: string, re: RegExp) => [...text.matchAll(re)].map((m) => ({ index: m.index, end: m.index + m[0].length, word: m[0] }));

describe('word scans', () => {
  it('letterRuns finds what /\\p{L}+/gu finds', () => {
    fc.assert(
      fc.property(sample, (parts) => {
        expect([...letterRuns(parts.join(''))]).toEqual(found(parts.join(''), /\p{L}+/gu));
      }),
    );
  });

  it('tokenRuns finds what /[\\p{L}\\d|]+/gu finds', () => {
    fc.assert(
      fc.property(sample, (parts) => {
        expect([...tokenRuns(parts.join(''))]).toEqual(found(parts.join(''), /[\p{L}\d|]+/gu));
      }),
    );
  });

  it('isLetter agrees with \\p{L} on every BMP character', () => {
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      if (isLetter(ch) !== /\p{L}/u.test(ch)) throw new Error(`isLetter(U+${c.toString(16)})`);
    }
  });

  it('matchesWhere with a hand-checked look-behind finds what the look-behind finds', () => {
    const behind = /(?<![\p{L}\d.])\p{Lu}\p{Ll}+/gu;
    const plain = /\p{Lu}\p{Ll}+/gu;
    fc.assert(
      fc.property(sample, (parts) => {
        const text = parts.join('');
        const accept = (m: RegExpExecArray) => !letterBefore(text, m.index) && !/[\d.]/.test(text[m.index - 1] ?? ' ');
        expect([...matchesWhere(text, plain, accept)].map((m) => [m.index, m[0]])).toEqual([...text.matchAll(behind)].map((m) => [m.index, m[0]]));
      }),
    );
  });
});

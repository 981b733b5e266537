import { describe, expect, it } from 'vitest';
import { cardinalForms, cardinalWords } from '../../pipeline/clean/number-words.js';
import { wordsToNumber } from '../../pipeline/segment/numbers.js';

describe('cardinals written as one word', () => {
  it('writes every number to 2199 as the reader reads it back', () => {
    for (let n = 0; n <= 2199; n++) {
      for (const form of cardinalForms(n)) expect(wordsToNumber(form), form).toBe(n);
    }
  });

  it.each([
    [3, ['tre']],
    [23, ['ventitré', 'ventitre']],
    [28, ['ventotto']],
    [180, ['centottanta', 'centoottanta']],
    [1987, ['millenovecentottantasette', 'millenovecentoottantasette']],
    [2026, ['duemilaventisei']],
    [2031, ['duemilatrentuno']],
  ])('%i is %j', (n, forms) => {
    expect(cardinalForms(n)).toEqual(forms);
  });

  it('lists each form once', () => {
    const words = cardinalWords();
    expect(new Set(words).size).toBe(words.length);
  });
});

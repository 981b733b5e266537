import fc from 'fast-check';
import { distance } from 'fastest-levenshtein';
import { describe, expect, it } from 'vitest';
import { confusionModel, loadConfusionModel, weightedDistance } from '../../pipeline/clean/confusion-model.js';
import { loadLexicon } from '../../pipeline/clean/index.js';
import { wordTrie } from '../../pipeline/clean/word-trie.js';

const plain = confusionModel({ measuredOn: 'test', plainCost: 1, plainChance: 1e-4, pairs: [] });
const model = confusionModel({
  measuredOn: 'test',
  plainCost: 1,
  plainChance: 1e-4,
  pairs: [
    ['rn', 'm', 0.3, 9],
    ['m', 'rn', 0.4, 9],
    ['c', 'e', 0.2, 9],
    ['1', 'l', 0.25, 9],
    ['.', 'i', 0.5, 9],
    ['', 'i', 0.6, 9],
    ['ii', 'u', 0.35, 9],
  ],
});
const word = fc.string({ unit: fc.constantFrom('a', 'c', 'e', 'i', 'l', 'm', 'n', 'r', 'u', '1', '.'), maxLength: 8 });

describe('weighted edit distance', () => {
  it('is the plain edit distance when no confusion is measured', () => {
    fc.assert(
      fc.property(word, word, (a, b) => {
        expect(weightedDistance(plain, a, b)).toBe(distance(a, b));
      }),
      { numRuns: 500 },
    );
  });

  it('is never more than the plain distance, and zero only for equal strings', () => {
    fc.assert(
      fc.property(word, word, (a, b) => {
        const d = weightedDistance(model, a, b);
        expect(d).toBeLessThanOrEqual(distance(a, b) + 1e-9);
        expect(d === 0).toBe(a === b);
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    // [OCR, page, cost]
    ['rn', 'm', 0.3],
    ['carnera', 'camera', 0.3],
    ['m', 'rn', 0.4],
    ['ccco', 'ecco', 0.2],
    ['1ibro', 'libro', 0.25],
    ['funz.one', 'funzione', 0.5],
    ['funzone', 'funzione', 0.6],
    ['iiso', 'uso', 0.35],
    ['carnere', 'camera', 1.3],
    ['xyz', 'abc', 3],
  ])('reads %j for %j at cost %d', (ocr, truth, cost) => {
    expect(weightedDistance(model, ocr, truth)).toBeCloseTo(cost, 9);
  });

  it('charges what is measured in dictionaries/ocr-confusions.json, less than a plain edit', () => {
    const measured = loadConfusionModel();
    expect(measured.plainLog10Chance).toBeLessThan(0);
    const cheap = (measured as unknown as { readAs(c: string): readonly string[] }).readAs('.');
    expect(cheap.length).toBeGreaterThan(0);
    expect(weightedDistance(measured, `ab.c`, `ab${cheap[0]}c`)).toBeLessThan(measured.plainCost);
  });
});

describe('word trie', () => {
  it('finds exactly the forms a brute-force search finds, with the same costs', () => {
    fc.assert(
      fc.property(fc.uniqueArray(word, { maxLength: 40 }), word, fc.double({ min: 0, max: 2.5, noNaN: true }), (forms, ocr, maxCost) => {
        const sorted = [...forms].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        const trie = wordTrie(
          sorted,
          sorted.map((_, i) => i),
          sorted.map(() => -5),
        );
        const found = trie.near(ocr, model, maxCost).map((c) => `${c.word}:${c.cost.toFixed(6)}`).sort();
        const brute = sorted
          .filter((f) => f !== '' && weightedDistance(model, ocr, f) <= maxCost)
          .map((f) => `${f}:${weightedDistance(model, ocr, f).toFixed(6)}`)
          .sort();
        expect(found).toEqual(brute);
      }),
      { numRuns: 300 },
    );
  });

  it('leaves out forms whose prior and cost cannot reach the floor', () => {
    const trie = wordTrie(['camera', 'carnet', 'cimasa'], [0, 1, 2], [-3, -4, -8]);
    const near = trie.near('carnera', model, 2, -6).map((c) => c.word);
    expect(near).toContain('camera');
    expect(near).not.toContain('cimasa');
  });

  it('knows the lexicon: a damaged word finds its form, the beginnings of words are known', () => {
    const lexicon = loadLexicon();
    expect(lexicon.near('convocati', plain, 0).map((c) => c.word)).toEqual(['convocati']);
    expect(lexicon.near('convgcati', plain, 1).map((c) => c.word)).toContain('convocati');
    expect(lexicon.prefixPrior('adolesc')).toBeGreaterThan(-6);
    expect(lexicon.prefixPrior('xqzw')).toBeNull();
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../pipeline/assets.js';
import { loadLexicon } from '../../pipeline/clean/index.js';
import { CITATION_ADVERBS, cardinalWords } from '../../pipeline/clean/number-words.js';
import { wordTable } from '../../pipeline/clean/word-table.js';

describe('word table', () => {
  it('answers like a Map for any keys, including duplicates, the empty key and accented or astral characters', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ maxLength: 8, unit: 'grapheme' }), fc.nat(2 ** 30)), { maxLength: 200 }), fc.array(fc.string({ maxLength: 8 }), { maxLength: 50 }), (entries, probes) => {
        const map = new Map<string, number>();
        for (const [k, v] of entries) if (!map.has(k)) map.set(k, v);
        const table = wordTable(
          entries.map(([k]) => k),
          entries.map(([, v]) => v),
        );
        expect(table.size).toBe(map.size);
        for (const k of [...map.keys(), ...probes]) expect(table.get(k)).toBe(map.get(k) ?? -1);
      }),
      { numRuns: 300 },
    );
  });
});

describe('lexicon', () => {
  const lexicon = loadLexicon();

  it.each([
    // [form, Italian word, proper noun only, has a frequency]
    ['perché', true, false, true],
    ['povertà', true, false, true],
    ['poverta', false, false, false],
    ['xqzw', false, false, false],
  ])('%s: word %s, proper %s, seen %s', (form, word, proper, seen) => {
    expect(lexicon.isWord(form)).toBe(word);
    expect(lexicon.get(form)?.proper ?? false).toBe(proper);
    expect(lexicon.freq(form) > -9).toBe(seen);
  });

  it('knows which bare forms have an accented Italian form', () => {
    expect(lexicon.hasAccentedForm('poverta')).toBe(true);
    expect(lexicon.hasAccentedForm('perche')).toBe(true);
    expect(lexicon.hasAccentedForm('casa')).toBe(false);
  });

  it('gives back every form of dictionaries/lexicon-it.tsv.gz with its frequency and flags', () => {
    const lines = gunzipSync(readFileSync(join(packageRoot(), 'dictionaries/lexicon-it.tsv.gz')))
      .toString('utf8')
      .split('\n')
      .filter((line) => line && !line.startsWith('#'));
    const forms = new Set(lines.map((line) => line.split('\t')[0]));
    expect(lexicon.size).toBe(new Set([...forms, ...cardinalWords(), ...CITATION_ADVERBS]).size);
    for (const line of lines.filter((row, i) => i % 97 === 0 || /mila|mille/.test(row))) {
      const [form, freq, flags = ''] = line.split('\t') as [string, string, string?];
      expect(lexicon.get(form)).toEqual({ freq: freq ? Number(freq) : null, word: flags.includes('h'), proper: flags.includes('p') });
    }
  });

  it('knows every cardinal to 2199 written as one word, as minutes write their day and year', () => {
    for (const form of ['ventidue', 'ventitre', 'ventitré', 'millenovecentottantasette', 'duemilaventisei', 'duemilacentottanta']) {
      expect(lexicon.isWord(form), form).toBe(true);
    }
    // A cardinal the file has keeps its own entry.
    expect(lexicon.get('duemila')?.freq).toBe(-5.09);
    expect(lexicon.get('duemilaventisei')?.freq).toBe(-5.5);
  });

  it('knows the Latin adverbs that number an inserted article (art. 5-quater), as citations print them', () => {
    for (const form of ['quater', 'quinquies', 'sexies', 'septies', 'octies', 'decies']) expect(lexicon.isWord(form), form).toBe(true);
    // A form the file has keeps its own entry.
    expect(lexicon.get('bis')?.freq).toBe(-4.78);
  });
});

import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dictionaryPath } from '../assets.js';
import type { ConfusionModel } from './confusion-model.js';
import { CITATION_ADVERBS, cardinalWords } from './number-words.js';
import { wordTable } from './word-table.js';
import { wordTrie } from './word-trie.js';

/** What the lexicon knows of one lower-case word form. */
export interface WordInfo {
  /** log10 of the word's frequency in running Italian (wordfreq); null when unseen. */
  freq: number | null;
  /** Hunspell knows it as a lower-case word. */
  word: boolean;
  /** Hunspell knows it only capitalised (a proper noun: `pil` is `PIL`). */
  proper: boolean;
}

/** Italian word forms with frequencies, from `dictionaries/lexicon-it.tsv.gz`. */
export interface Lexicon {
  readonly name: string;
  get(lowerWord: string): WordInfo | undefined;
  /** A lower-case form Italian spelling accepts. */
  isWord(lowerWord: string): boolean;
  /** log10 frequency, -9 when unseen. */
  freq(lowerWord: string): number;
  /** The form with its final vowel accented is an Italian word (`poverta` → `povertà`): a fast pre-check for the accent rule. */
  hasAccentedForm(lowerBare: string): boolean;
  /** Forms within `maxCost` of an OCR word (lower case) under the confusion model, cheapest first. */
  /**
   * Forms within `maxCost` of an OCR word (lower case) under the confusion
   * model whose prior (`priorOf`) plus the cost's log10 chance reaches `floor`, cheapest first.
   */
  near(ocr: string, model: ConfusionModel, maxCost: number, floor?: number): { word: string; cost: number; prior: number; info: WordInfo }[];
  /** The best prior of the forms that start with `prefix` (a word cut at a line's end), or null when none does. */
  prefixPrior(prefix: string): number | null;
  readonly size: number;
}

const FILE = 'lexicon-it.tsv.gz';
let cached: Lexicon | undefined;

/*
 * Each form maps to one small integer in a `WordTable`, not to an object in a
 * `Map`: the lexicon is most of a batch's live heap, and V8 lets the heap (and
 * so the process's RSS) grow in proportion to what is live. As 190k objects in
 * a Map it took 36 MB. `code` = (hundredths of -log10 frequency) + 1, 0 when unseen.
 */
const WORD = 2;
const PROPER = 1;
const pack = (freq: number | null, word: boolean, proper: boolean): number =>
  ((freq === null ? 0 : Math.round(Math.max(0, -freq) * 100) + 1) << 2) | (word ? WORD : 0) | (proper ? PROPER : 0);
const infos = new Map<number, WordInfo>();
/** The shared, frozen WordInfo of a packed value: a few thousand distinct ones. */
function unpack(value: number): WordInfo {
  let info = infos.get(value);
  if (!info) {
    const code = value >> 2;
    info = Object.freeze({ freq: code === 0 ? null : -(code - 1) / 100, word: (value & WORD) !== 0, proper: (value & PROPER) !== 0 });
    infos.set(value, info);
  }
  return info;
}

/**
 * log10 chance of a cardinal written as one word (`duemilaventisei`): running text hardly has them, but
 * minutes open with their day and year in letters, one of each a document, so they are as likely there as
 * a word of 1 in 300,000.
 */
const CARDINAL_LOG10 = -5.5;

/** log10 chance of a form Hunspell builds but running text never showed (wordfreq's floor is about -8). */
export const UNSEEN_LOG10 = -7.5;

/** The log10 chance a form is written: its frequency, or `UNSEEN_LOG10`. */
function priorOf(value: number): number {
  const code = value >> 2;
  return code === 0 ? UNSEEN_LOG10 : -(code - 1) / 100;
}

/** Accented final vowels for a bare one (`a` → `à`), for `hasAccentedForm`. */
const ACCENTED: Record<string, readonly string[]> = { a: ['à'], e: ['è', 'é'], i: ['ì', 'í'], o: ['ò', 'ó'], u: ['ù', 'ú'] };

/** Load the lexicon once per process (about 0.3 s, 190k forms). */
export function loadLexicon(): Lexicon {
  if (cached) return cached;
  const words: string[] = [];
  const values: number[] = [];
  const text = gunzipSync(readFileSync(dictionaryPath(FILE))).toString('utf8');
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const [word, f, flags = ''] = line.split('\t');
    if (!word) continue;
    words.push(word);
    values.push(pack(f ? Number(f) : null, flags.includes('h'), flags.includes('p')));
  }
  // After the file's forms, so a cardinal or a citation's adverb Hunspell or wordfreq has keeps its own entry (a form given twice keeps its first).
  for (const form of [...cardinalWords(), ...CITATION_ADVERBS]) {
    words.push(form);
    values.push(pack(CARDINAL_LOG10, true, false));
  }
  const table = wordTable(words, values);
  // Code-unit order, as the trie wants; equal forms keep file order, and the first one's value.
  const order = words.map((_, i) => i).sort((a, b) => (words[a] === words[b] ? a - b : (words[a] as string) < (words[b] as string) ? -1 : 1));
  const trie = wordTrie(
    order.map((i) => words[i] as string),
    order.map((i) => values[i] as number),
    order.map((i) => priorOf(values[i] as number)),
  );
  const isWord = (w: string) => {
    const value = table.get(w);
    return value >= 0 && (value & WORD) !== 0;
  };
  cached = {
    name: `lexicon-it@${table.size}`,
    size: table.size,
    get: (w) => {
      const value = table.get(w);
      return value < 0 ? undefined : unpack(value);
    },
    isWord,
    freq: (w) => {
      const code = Math.max(0, table.get(w)) >> 2;
      return code === 0 ? -9 : -(code - 1) / 100;
    },
    prefixPrior: (prefix) => trie.prefixPrior(prefix),
    near: (ocr, model, maxCost, floor) => trie.near(ocr, model, maxCost, floor).map((c) => ({ word: c.word, cost: c.cost, prior: c.prior, info: unpack(c.value) })),
    hasAccentedForm: (w) => {
      const accents = ACCENTED[w[w.length - 1] as string];
      if (!accents) return false;
      const stem = w.slice(0, -1);
      return accents.some((a) => isWord(stem + a));
    },
  };
  return cached;
}

import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dictionaryPath } from '../assets.js';

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
  readonly size: number;
}

const FILE = 'lexicon-it.tsv.gz';
let cached: Lexicon | undefined;

/** Load the lexicon once per process (about 0.3 s, 190k forms). */
export function loadLexicon(): Lexicon {
  if (cached) return cached;
  const map = new Map<string, WordInfo>();
  const accentable = new Set<string>();
  const BARE: Record<string, string> = { à: 'a', è: 'e', é: 'e', ì: 'i', í: 'i', ò: 'o', ó: 'o', ù: 'u', ú: 'u' };
  const text = gunzipSync(readFileSync(dictionaryPath(FILE))).toString('utf8');
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const [word, f, flags = ''] = line.split('\t');
    if (!word) continue;
    map.set(word, { freq: f ? Number(f) : null, word: flags.includes('h'), proper: flags.includes('p') });
    const last = word[word.length - 1] as string;
    if (BARE[last] && flags.includes('h')) accentable.add(word.slice(0, -1) + BARE[last]);
  }
  cached = {
    name: `lexicon-it@${map.size}`,
    size: map.size,
    get: (w) => map.get(w),
    isWord: (w) => map.get(w)?.word === true,
    freq: (w) => map.get(w)?.freq ?? -9,
    hasAccentedForm: (w) => accentable.has(w),
  };
  return cached;
}

/**
 * What kind of error is left: a reading and its reference aligned word by word
 * (as `localErrors` does), and each stretch that differs put in one class by
 * the first test it passes, its characters counted (edit distance, plus the
 * space a word added or lost takes with it). bench/accuracy prints the table
 * for the raw OCR and the cleaned text of each set.
 */
import { distance } from 'fastest-levenshtein';
import { alignWords } from './align.js';
import { normalise } from './metrics.js';

/** The classes, in the order they are tested. */
export const ERROR_CLASSES = [
  'reading order',
  'split/glued words',
  'punctuation',
  'accents',
  'case',
  'noise tokens',
  'words lost',
  'digits',
  'letters in words',
] as const;
export type ErrorClass = (typeof ERROR_CLASSES)[number];

/** Characters and stretches per class, and a few examples of each. */
export class ErrorTally {
  chars = new Map<ErrorClass, number>(ERROR_CLASSES.map((c) => [c, 0]));
  stretches = new Map<ErrorClass, number>(ERROR_CLASSES.map((c) => [c, 0]));
  examples = new Map<ErrorClass, string[]>(ERROR_CLASSES.map((c) => [c, []]));
  refChars = 0;

  /** Count the errors of `hypothesis` against `reference`. `reach`: longer stretches are reading order. */
  add(hypothesis: string, reference: string, reach = 3): void {
    const ref = normalise(reference);
    this.refChars += ref.length;
    for (const s of alignWords(ref.split(' ').filter(Boolean), normalise(hypothesis).split(' ').filter(Boolean))) {
      if (s.equal) continue;
      const t = s.truth.join(' ');
      const o = s.ocr.join(' ');
      const kind = s.truth.length > reach || s.ocr.length > reach ? 'reading order' : classOf(t, o);
      const n = distance(t, o) + (t === '' || o === '' ? 1 : 0);
      this.chars.set(kind, (this.chars.get(kind) as number) + n);
      this.stretches.set(kind, (this.stretches.get(kind) as number) + 1);
      const ex = this.examples.get(kind) as string[];
      if (ex.length < 12 && kind !== 'reading order') ex.push(`${t || '∅'} ⇒ ${o || '∅'}`);
    }
  }

  get total(): number {
    return [...this.chars.values()].reduce((a, b) => a + b, 0);
  }
}

const stripMarks = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '');
const alnum = (s: string) => s.replace(/[^\p{L}\p{N}]/gu, '');

/** The class of one local stretch: `truth` printed, `ocr` read (words joined by spaces; either may be empty). */
export function classOf(truth: string, ocr: string): ErrorClass {
  if (truth !== '' && ocr !== '' && truth.replace(/ /g, '') === ocr.replace(/ /g, '')) return 'split/glued words';
  if (alnum(truth) === alnum(ocr)) return alnum(truth) === '' && truth === '' ? 'noise tokens' : 'punctuation';
  if (alnum(stripMarks(truth)) === alnum(stripMarks(ocr))) return 'accents';
  if (alnum(truth).toLowerCase() === alnum(ocr).toLowerCase()) return 'case';
  // Tokens read where nothing was printed: dust, or a word the OCR made up.
  if (truth === '') return 'noise tokens';
  if (ocr === '') return 'words lost';
  if (/\p{N}/u.test(truth + ocr) && alnum(truth).replace(/\p{N}/gu, '') === alnum(ocr).replace(/\p{N}/gu, '')) return 'digits';
  if (/\p{N}/u.test(truth) && !/\p{L}/u.test(truth)) return 'digits';
  return 'letters in words';
}

import type { OcrResult } from './pool.js';

/**
 * Where each OCR word stands in the page's text: its start offset, or -1.
 * Tesseract writes the text and the TSV from the same reading, so the words
 * come in text order; each is looked for a short way past the previous one
 * (`window` characters), so one word the two disagree on costs that word only.
 */
export function locateWords(text: string, words: readonly OcrResult['words'][number][], window = 64): number[] {
  const starts: number[] = [];
  let cursor = 0;
  for (const word of words) {
    const at = text.indexOf(word.text, cursor);
    if (at === -1 || at - cursor > window) {
      starts.push(-1);
      continue;
    }
    starts.push(at);
    cursor = at + word.text.length;
  }
  return starts;
}

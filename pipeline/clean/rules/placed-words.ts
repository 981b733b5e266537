import type { OcrWord } from '../evidence.js';

/** An OCR word found in the page's text: where it starts and ends, and where its text line starts. */
export interface PlacedWord {
  w: OcrWord;
  at: number;
  end: number;
  line: number;
}

/**
 * The page's words placed in its text, in reading order: each found after
 * the last (tesseract's words are the text's tokens, in order); a word the
 * text does not hold from there on is left out.
 */
export function placeWords(text: string, pageStart: number, pageEnd: number, words: readonly OcrWord[]): PlacedWord[] {
  const out: PlacedWord[] = [];
  let cursor = pageStart;
  for (const w of words) {
    const at = text.indexOf(w.text, cursor);
    if (at === -1 || at >= pageEnd) continue;
    cursor = at + w.text.length;
    out.push({ w, at, end: cursor, line: Math.max(text.lastIndexOf('\n', at), text.lastIndexOf('\f', at)) + 1 });
  }
  return out;
}

import { median } from '../sorted.js';
import type { OcrResult } from './pool.js';

type Word = OcrResult['words'][number];

/**
 * The page's text laid out as printed, from tesseract's word boxes: a gap
 * of two characters or more between words, or before a line's first word,
 * becomes as many spaces as reach the column the word stands at, as a PDF's
 * text layer extracted with its layout has it. PSM 4 reads a page as one
 * column and closes every gap to one space, so a table's columns
 * (`PINNA Maria Grazia   Assessore            X` under `PRESENTE   ASSENTE`)
 * came out as `PINNA Maria Grazia Assessore X`, the X under neither word.
 * The words and lines are tesseract's, in its order; a line whose words are
 * not found in it as read is left as it is.
 */
export function layOutText(text: string, words: readonly Word[]): string {
  const lines = linesOfWords(text, words);
  const pitch = characterPitch(lines);
  if (pitch === null) return text;
  const left = Math.min(...words.map((w) => w.bbox.x0));
  return lines
    .map(({ line, words: mine }) => {
      if (mine.length === 0) return line;
      let out = '';
      let prev: Word | null = null;
      for (const w of mine) {
        const column = Math.round((w.bbox.x0 - left) / pitch);
        if (prev === null) out = column >= MIN_GAP ? ' '.repeat(column) : '';
        else if (w.bbox.x0 - prev.bbox.x1 >= GAP_PITCHES * pitch) out += ' '.repeat(Math.max(2, column - out.length));
        else out += ' ';
        out += w.text;
        prev = w;
      }
      return out;
    })
    .join('\n');
}

/** A gap this many characters wide is a column's, not a word space (justified text stretches spaces to about 2). */
const GAP_PITCHES = 3;
/** An indent of fewer characters is the page's margin, not a column. */
const MIN_GAP = 3;

/** A line with a gap three times its usual one: a table's row, whose width is not its characters'. */
function columnGap(words: readonly Word[]): boolean {
  const gaps = words.slice(1).map((w, i) => w.bbox.x0 - (words[i] as Word).bbox.x1);
  return Math.max(...gaps) > 3 * Math.max(1, median(gaps));
}

/** How far ahead a line's words are looked for when the text and the words part (a word the text lacks). */
const RESYNC = 20;

/** Each line of the text with the words tesseract read on it, when they are all of it. */
export function linesOfWords(text: string, words: readonly Word[]): { line: string; words: Word[] }[] {
  const out: { line: string; words: Word[] }[] = [];
  let k = 0;
  for (const line of text.split('\n')) {
    const tokens = line.split(/\s+/).filter(Boolean);
    const at = tokens.length === 0 ? -1 : matchAt(words, tokens, k);
    if (at === -1) {
      out.push({ line, words: [] });
      continue;
    }
    out.push({ line, words: words.slice(at, at + tokens.length) });
    k = at + tokens.length;
  }
  return out;
}

/** Where, from `k` on (a little way ahead at most), the words are the line's tokens; -1 if nowhere. */
function matchAt(words: readonly Word[], tokens: readonly string[], k: number): number {
  for (let at = k; at <= Math.min(k + RESYNC, words.length - tokens.length); at++) {
    if (tokens.every((t, i) => (words[at + i] as Word).text === t)) return at;
  }
  return -1;
}

/**
 * The width of one character as the page is printed: over its lines of prose (four words or more read
 * with confidence, no gap three times their usual one), the line's width over its characters (spaces
 * single), the median; never less than the width of the ink of one letter of a confident word (a row of
 * scraps or marks is no measure). Null for a page with no such line.
 */
function characterPitch(lines: readonly { line: string; words: Word[] }[]): number | null {
  const pitches = lines
    .filter((l) => l.words.length >= 4 && median(l.words.map((w) => w.confidence)) >= CONFIDENT && !columnGap(l.words))
    .map(({ words }) => {
      const first = words[0] as Word;
      const last = words[words.length - 1] as Word;
      return (last.bbox.x1 - first.bbox.x0) / words.map((w) => w.text).join(' ').length;
    })
    .filter((p) => p > 0);
  if (pitches.length === 0) return null;
  const ink = lines.flatMap((l) => l.words).filter((w) => w.confidence >= CONFIDENT && w.text.length >= 3).map((w) => (w.bbox.x1 - w.bbox.x0) / w.text.length);
  return Math.max(median(pitches), ink.length ? median(ink) : 0);
}

/** Confidence of a word read as a word, not guessed. */
const CONFIDENT = 80;


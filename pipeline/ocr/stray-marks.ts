import { median } from '../sorted.js';
import type { OcrResult } from './pool.js';
import { locateWords } from './word-offsets.js';

type Word = OcrResult['words'][number];

/**
 * A line's last full stop or comma that tesseract's line finding left out of
 * its line. On a slightly skewed page read as one column (PSM 4) a small mark
 * past a line's last word can fall outside the band tesseract draws for that
 * line: it becomes a line of its own, printed elsewhere in the text (after
 * the next line) and read as whatever a lone blot looks like (`I`, `'`).
 * The boxes say where it belongs: a mark much smaller than the page's letters,
 * alone on its text line, sitting at the foot of another line just past that
 * line's last word. It is put back at that line's end, read by where it sits:
 * below the line's baseline a comma, on it a full stop (a speck there would be
 * read as one or the other, as tesseract reads a speck in a line).
 */
export function attachStrayMarks(result: OcrResult): OcrResult {
  const { text, words } = result;
  if (words.length < 3) return result;
  const starts = locateWords(text, words);
  const lineOf = lineIndex(text);
  const lines = text.split('\n');
  // Words of each text line, in order.
  const onLine = new Map<number, number[]>();
  starts.forEach((start, w) => {
    if (start < 0) return;
    const line = lineOf(start);
    const ws = onLine.get(line);
    if (ws) ws.push(w);
    else onLine.set(line, [w]);
  });
  const letterHeight = median(words.filter((w) => /\p{L}{3}/u.test(w.text)).map((w) => w.bbox.y1 - w.bbox.y0));
  if (!letterHeight) return result;

  const moves: { mark: number; from: number; to: number; text: string }[] = [];
  for (const [line, ws] of onLine) {
    const only = ws[0];
    if (ws.length !== 1 || only === undefined || lines[line]?.trim() !== words[only]?.text) continue;
    const mark = words[only] as Word;
    if (mark.text.length > 2 || mark.bbox.y1 - mark.bbox.y0 > letterHeight / 2 || mark.bbox.x1 - mark.bbox.x0 > letterHeight / 2) continue;
    const host = hostLine(mark, onLine, words, line, letterHeight);
    if (!host) continue;
    moves.push({ mark: only, from: line, to: host.line, text: host.below ? ',' : '.' });
  }
  if (moves.length === 0) return result;

  const moved = new Map(moves.map((m) => [m.mark, m]));
  const ends = new Map<number, string>();
  for (const m of moves) ends.set(m.to, `${ends.get(m.to) ?? ''}${m.text}`);
  const dropped = new Set(moves.map((m) => m.from));
  // The mark's own line goes, and with it one of the blank lines that stood either side of it.
  const kept: string[] = [];
  lines.forEach((line, i) => {
    if (dropped.has(i)) {
      if (kept.at(-1) === '') kept.pop();
      return;
    }
    kept.push(`${line}${ends.get(i) ?? ''}`);
  });
  // Words stay in text order: each mark follows its host line's last word.
  const reordered: Word[] = [];
  const after = new Map<number, number[]>();
  for (const m of moves) {
    const last = onLine.get(m.to)?.at(-1) as number;
    after.set(last, [...(after.get(last) ?? []), m.mark]);
  }
  words.forEach((w, i) => {
    if (moved.has(i)) return;
    reordered.push(w);
    for (const j of after.get(i) ?? []) reordered.push({ ...(words[j] as Word), text: moved.get(j)?.text as string });
  });
  return { ...result, text: kept.join('\n'), words: reordered };
}

/**
 * The line a mark belongs to: another line whose last word ends just left of
 * it (a gap under one letter's height) and whose band holds the mark's foot,
 * the mark's top below the middle of that line's letters. `below`: the mark
 * reaches under the line's baseline (the lowest foot of its last words that
 * have none below it: the highest word foot near the end).
 */
function hostLine(mark: Word, onLine: Map<number, number[]>, words: readonly Word[], own: number, letterHeight: number) {
  for (const [line, ws] of onLine) {
    if (line === own || ws.length < 2) continue;
    const last = words[ws[ws.length - 1] as number] as Word;
    const gap = mark.bbox.x0 - last.bbox.x1;
    if (gap < -2 || gap > letterHeight) continue;
    const near = ws.slice(-3).map((w) => (words[w] as Word).bbox);
    const top = Math.min(...near.map((b) => b.y0));
    const baseline = Math.min(...near.map((b) => b.y1));
    const height = baseline - top;
    if (mark.bbox.y0 < top + height / 2 || mark.bbox.y1 > baseline + height / 2) continue;
    return { line, below: mark.bbox.y1 > baseline + height / 8 };
  }
  return null;
}

/** Line number of a text offset. */
function lineIndex(text: string): (offset: number) => number {
  const breaks: number[] = [];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) breaks.push(i);
  return (offset) => {
    let lo = 0;
    let hi = breaks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((breaks[mid] as number) < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}


import { median } from '../sorted.js';
import { linesOfWords } from './lay-out.js';
import type { OcrResult } from './pool.js';

type Word = OcrResult['words'][number];

/** A line of the page's text and the words tesseract read on it. */
interface Row {
  words: Word[];
  /** A blank line stands before it in the text: it starts a paragraph (tesseract's block), and goes on doing so where it moves. */
  paragraph: boolean;
  /** Where the row starts and ends across the page, and the middle of its letters' height. */
  x0: number;
  x1: number;
  cy: number;
}

/** Rows that are one printed line when their middles, brought to one x along the page's slope, are this many letter heights apart at most. */
const SAME_LINE = 0.4;
/** A row is below another when its middle is this many letter heights lower. */
const BELOW = 0.6;
/** Two rows' words closer than this share of the page's usual word space are one word cut in two. */
const CUT_WORD = 0.4;
/** A gap between two words of a row this many letter heights wide parts two cells of a table (a word space is about a third of one). */
const CELL_GAP = 2;
/** More of a page's rows than this joined as pieces of like width (the narrower half the wider at least): the page has columns side by side, read one after the other on purpose. */
const MOST_ROWS = 0.4;

/**
 * The page's text lines in the order they are printed, from tesseract's word
 * boxes. On a typewritten page (each letter struck a little off the line) or a
 * table, tesseract's line finding can cut a printed line in two and print the
 * pieces apart: `di prima convocazione per tratt`, then a later line, then
 * `are gli`; a list's right column read as a block after the rest. The boxes
 * say where each piece stands:
 * - a row standing on the same printed line as another, wholly left or right
 *   of it, is joined to it, in order across the page; two words that meet
 *   closer than a word space there are one word (`tratt` + `are`);
 * - a row printed above the rows read just before it, across the same stretch
 *   of the page, is moved up before them; a table's row of cells (words
 *   `CELL_GAP` apart) also past rows wholly left of it: the lines of the cell
 *   beside it (`Fondo di riserva` / `per le spese` / … over five lines,
 *   its figures set at their middle), which tesseract can read as a block
 *   of their own before the figures.
 * A page where many rows would be joined to pieces of like width has columns
 * side by side, which tesseract reads one after the other on purpose: it is
 * left as read, as is a page whose words and text do not match word for word.
 */
export function restoreLineOrder(result: OcrResult): OcrResult {
  const rows = rowsOf(result);
  if (!rows) return result;
  const letters = result.words.filter((w) => /\p{L}{3}/u.test(w.text));
  const height = median(letters.map((w) => w.bbox.y1 - w.bbox.y0));
  if (!height) return result;
  const slope = pageSlope(rows);
  const space = median(rows.flatMap((r) => r.words.slice(1).map((w, i) => w.bbox.x0 - (r.words[i] as Word).bbox.x1)).filter((g) => g > 0));
  // How far `b`'s middle stands below `a`'s, brought to the same place across the page.
  const drop = (a: Row, b: Row) => b.cy - (a.cy + slope * ((b.x0 + b.x1) / 2 - (a.x0 + a.x1) / 2));

  // Pieces of one printed line joined, at the first piece's place.
  const joined: Row[] = [];
  let columns = 0;
  for (const row of rows) {
    const host = joined.find((h) => (row.x0 >= h.x1 || row.x1 <= h.x0) && Math.abs(drop(h, row)) <= SAME_LINE * height);
    if (!host) {
      joined.push(row);
      continue;
    }
    const [a, b] = [row.x1 - row.x0, host.x1 - host.x0];
    if (Math.min(a, b) >= Math.max(a, b) / 2) columns++;
    Object.assign(host, rowOf(joinWords(host.words, row.words, CUT_WORD * space), host.paragraph));
  }
  if (columns >= 3 && columns > MOST_ROWS * rows.length) return result;
  const joins = rows.length - joined.length;

  // Each row moved up past the rows read just before it that stand below it on the same stretch of the page, or,
  // for a table's row of cells, wholly left of it (the lines of a cell beside it, which tesseract read as a block first).
  const ordered: Row[] = [];
  let moves = 0;
  for (const row of joined) {
    let at = ordered.length;
    const isCells = cells(row, height);
    const beside = (r: Row) => overlap(row, r) || (isCells && r.x1 <= row.x0);
    while (at > 0 && drop(row, ordered[at - 1] as Row) > BELOW * height && beside(ordered[at - 1] as Row)) at--;
    if (at < ordered.length) moves++;
    ordered.splice(at, 0, row);
  }
  if (joins === 0 && moves === 0) return result;
  const text = ordered.map((r, i) => `${r.paragraph && i > 0 ? '\n' : ''}${r.words.map((w) => w.text).join(' ')}`);
  return { ...result, text: `${text.join('\n')}\n`, words: ordered.flatMap((r) => r.words) };
}

/** A row of a table's cells: two of its words, at least, stand a gap of `CELL_GAP` letter heights apart. */
const cells = (r: Row, height: number) => r.words.slice(1).some((w, i) => w.bbox.x0 - (r.words[i] as Word).bbox.x1 >= CELL_GAP * height);

/** Whether two rows share some stretch across the page. */
const overlap = (a: Row, b: Row) => a.x0 < b.x1 && b.x0 < a.x1;

/** The text's lines that have words, with them, or null when the text is not the words line by line (then nothing is moved). */
function rowsOf({ text, words }: OcrResult): Row[] | null {
  if (words.length < 4) return null;
  const lines = linesOfWords(text.replace(/\n+$/, ''), words);
  // Every line with text is its words, and every word is on a line.
  if (lines.some((l) => l.line.trim() !== '' && l.words.length === 0) || lines.reduce((n, l) => n + l.words.length, 0) !== words.length) return null;
  return lines.flatMap((l, i) => (l.words.length ? [rowOf(l.words, i > 0 && (lines[i - 1] as { words: Word[] }).words.length === 0)] : []));
}

function rowOf(words: Word[], paragraph: boolean): Row {
  return {
    words,
    paragraph,
    x0: Math.min(...words.map((w) => w.bbox.x0)),
    x1: Math.max(...words.map((w) => w.bbox.x1)),
    cy: median(words.map((w) => (w.bbox.y0 + w.bbox.y1) / 2)),
  };
}

/** Two rows' words in order across the page; the two that meet closer than `cut` made one word. */
function joinWords(a: Word[], b: Word[], cut: number): Word[] {
  const [left, right] = (a[0] as Word).bbox.x0 <= (b[0] as Word).bbox.x0 ? [a, b] : [b, a];
  const last = left[left.length - 1] as Word;
  const first = right[0] as Word;
  if (first.bbox.x0 - last.bbox.x1 >= cut) return [...left, ...right];
  const whole: Word = {
    text: last.text + first.text,
    confidence: Math.min(last.confidence, first.confidence),
    bbox: {
      x0: last.bbox.x0,
      y0: Math.min(last.bbox.y0, first.bbox.y0),
      x1: first.bbox.x1,
      y1: Math.max(last.bbox.y1, first.bbox.y1),
    },
  };
  return [...left.slice(0, -1), whole, ...right.slice(1)];
}

/** The page's slope (y over x) as its lines of four words or more run: the median of theirs; 0 without such lines. */
function pageSlope(rows: readonly Row[]): number {
  const slopes = rows
    .filter((r) => r.words.length >= 4 && r.x1 - r.x0 > 0)
    .map((r) => {
      const first = r.words[0] as Word;
      const last = r.words[r.words.length - 1] as Word;
      return ((last.bbox.y0 + last.bbox.y1) / 2 - (first.bbox.y0 + first.bbox.y1) / 2) / ((last.bbox.x0 + last.bbox.x1) / 2 - (first.bbox.x0 + first.bbox.x1) / 2 || 1);
    });
  return median(slopes);
}

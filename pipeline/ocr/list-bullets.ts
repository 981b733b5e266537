import { cropGrey, type GreyImage } from '../ingest/index.js';
import { inkThreshold } from './deskew.js';
import { inkBlobs } from './ink-blobs.js';
import type { OcrResult } from './pool.js';
import { locateWords } from './word-offsets.js';

type Word = OcrResult['words'][number];

/** Pixels of the copy of the page bullets are looked for on (a PDF page's preview has as many): a bullet is still a dozen. */
export const BULLET_PIXELS = 1_500_000;

/** The glyph a bullet found in the ink is written as. */
export const BULLET = '•';

/** What a bullet is, measured in the line's letter height `h` (its tallest word's box). */
const SHAPE = {
  /** How far left of the line's first word the margin is looked at, and the gap a bullet leaves before it. */
  reach: 4,
  gap: 0.3,
  /** A bullet's width and height: a small letter's, not a speck's nor a capital's. */
  min: 0.3,
  max: 0.6,
  /** Round or square: width over height within these. */
  aspect: [0.6, 1.6],
  /** A solid blot fills most of its box (a disk π/4); a letter, a dash or a ring does not. */
  fill: 0.55,
  /** Its middle sits in the body of the line, between these fractions of the box's height from its top. */
  middle: [0.3, 0.85],
  /** Another bullet of the page (found so, or read as a mark opening a line), its size within `aspect` of this one's, stands this near in x: a list's bullets align. */
  align: 0.5,
};

/** What tesseract prints for a bullet it did read, opening a line. */
const READ_AS_BULLET = /^[*•●▪©®°·]$/u;

/**
 * List bullets tesseract left out. The Italian model has no bullet; it reads
 * a printed `•` as `*`, `©` or `e`, and as often as nothing at all: the line
 * then starts at its first word and the list loses its marks. The page's ink
 * tells: a solid round blot alone in the margin just left of a line's first
 * word, the size of a small letter and at its height (`SHAPE`), in line
 * with another bullet of the page (a list's bullets align). Such a blot
 * becomes a word `•` before the line's first word, in the text and in the
 * boxes. `ink` is the page as read (turned and straightened as tesseract
 * read it), at any scale; the boxes are in `frame`'s pixels.
 */
export function addListBullets(result: OcrResult, ink: GreyImage, frame: { width: number; height: number }): OcrResult {
  const { text, words } = result;
  if (words.length === 0) return result;
  const threshold = inkThreshold(ink.data);
  if (threshold === null) return result;
  const scale = ink.width / frame.width;
  const starts = locateWords(text, words);
  const candidates: { before: number; at: number; bbox: Word['bbox']; h: number }[] = [];
  const read: Word['bbox'][] = [];
  for (const first of lineFirsts(text, starts)) {
    const word = words[first] as Word;
    // A line tesseract opened with a mark (`*`, `-`, `©`) has one already; a bullet opens a word.
    if (READ_AS_BULLET.test(word.text)) read.push(word.bbox);
    if (!/^\p{L}./u.test(word.text)) continue;
    const bbox = bulletBefore(word.bbox, words, ink, scale, threshold);
    if (bbox) candidates.push({ before: first, at: starts[first] as number, bbox, h: word.bbox.y1 - word.bbox.y0 });
  }
  // A blot no other bullet of the page lines up with, the same size, is a speck as likely as a one-item list.
  const centre = (b: Word['bbox']) => (b.x0 + b.x1) / 2;
  const alike = (a: Word['bbox'], b: Word['bbox']) => within((a.x1 - a.x0) / (b.x1 - b.x0), SHAPE.aspect) && within((a.y1 - a.y0) / (b.y1 - b.y0), SHAPE.aspect);
  const found = candidates.filter((c) =>
    [...read, ...candidates.filter((o) => o !== c).map((o) => o.bbox)].some((b) => Math.abs(centre(b) - centre(c.bbox)) <= SHAPE.align * c.h && alike(b, c.bbox)),
  );
  if (found.length === 0) return result;
  let out = text;
  for (const f of [...found].sort((a, b) => b.at - a.at)) out = `${out.slice(0, f.at)}${BULLET} ${out.slice(f.at)}`;
  const byWord = new Map(found.map((f) => [f.before, f.bbox]));
  const withBullets: Word[] = [];
  words.forEach((w, i) => {
    const bbox = byWord.get(i);
    // As sure as the word it opens: the blot's shape is the evidence, not a reading.
    if (bbox) withBullets.push({ text: BULLET, confidence: w.confidence, bbox });
    withBullets.push(w);
  });
  return { ...result, text: out, words: withBullets };
}

const within = (v: number, [lo, hi]: readonly number[]) => v >= (lo as number) && v <= (hi as number);

/** The first word of each line of the text that any word was found on. */
function lineFirsts(text: string, starts: readonly number[]): number[] {
  const firsts: number[] = [];
  let lineEnd = -1;
  starts.forEach((start, i) => {
    if (start < 0 || start <= lineEnd) return;
    // Only a word that opens its line (spaces before it): tesseract's text puts a line's words in reading order.
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    lineEnd = text.indexOf('\n', start);
    if (lineEnd === -1) lineEnd = text.length;
    if (text.slice(lineStart, start).trim() === '') firsts.push(i);
  });
  return firsts;
}

/** The box (in frame pixels) of the one bullet-shaped blot in the margin left of `box`, when there is one and nothing else there. */
function bulletBefore(box: Word['bbox'], words: readonly Word[], ink: GreyImage, scale: number, threshold: number): Word['bbox'] | null {
  const h = box.y1 - box.y0;
  const x0 = Math.max(0, Math.round((box.x0 - SHAPE.reach * h) * scale));
  const x1 = Math.round((box.x0 - SHAPE.gap * h) * scale);
  const y0 = Math.max(0, Math.round(box.y0 * scale));
  const y1 = Math.min(ink.height, Math.round(box.y1 * scale));
  if (x1 - x0 < 3 || y1 - y0 < 3) return null;
  // No word of tesseract's in that margin (a number, a letter of a list): the margin is empty but for the blot.
  if (words.some((w) => w.bbox.x1 > box.x0 - SHAPE.reach * h && w.bbox.x0 < box.x0 && w.bbox.y1 > box.y0 && w.bbox.y0 < box.y1)) return null;
  const blobs = inkBlobs(cropGrey(ink, x0, y0, x1, y1), threshold);
  const sh = h * scale;
  const big = blobs.filter((b) => b.pixels >= (SHAPE.min * sh) ** 2 * 0.5);
  if (big.length !== 1) return null;
  const b = big[0] as (typeof blobs)[number];
  const w = b.x1 - b.x0 + 1;
  const bh = b.y1 - b.y0 + 1;
  if (w < SHAPE.min * sh || bh < SHAPE.min * sh || w > SHAPE.max * sh || bh > SHAPE.max * sh) return null;
  if (w / bh < (SHAPE.aspect[0] as number) || w / bh > (SHAPE.aspect[1] as number)) return null;
  if (b.pixels < SHAPE.fill * w * bh) return null;
  // Touching the margin's edges, it is part of something larger (a rule, a letter cut off).
  if (b.x0 === 0 || b.y0 === 0 || b.x1 === x1 - x0 - 1 || b.y1 === y1 - y0 - 1) return null;
  const middle = (b.y0 + b.y1) / 2 / (y1 - y0);
  if (middle < (SHAPE.middle[0] as number) || middle > (SHAPE.middle[1] as number)) return null;
  const at = (v: number, o: number) => Math.round((v + o) / scale);
  return { x0: at(b.x0, x0), y0: at(b.y0, y0), x1: at(b.x1 + 1, x0), y1: at(b.y1 + 1, y0) };
}

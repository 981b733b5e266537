import type { GreyImage } from '../ingest/index.js';
import { median } from '../sorted.js';
import { inkThreshold } from './deskew.js';
import { type Blob, inkBlobs } from './ink-blobs.js';
import { linesOfWords } from './lay-out.js';
import type { OcrResult } from './pool.js';

type Box = OcrResult['words'][number]['bbox'];

/** A stretch of a printed line no word of tesseract's stands on: its box in the frame's pixels, and how many marks of ink it holds. */
export interface LostLine {
  bbox: Box;
  marks: number;
  /** The rectangle to read it again from: its box with a margin, within the frame. */
  region: Box;
}

/** What a lost line is, measured in the page's letter height `h` (the median box of its words of three letters or more). */
const SHAPE = {
  /** A mark is a letter or a few letters run together: this tall at least and at most, and no wider than `maxWidth`. */
  minHeight: 0.3,
  maxHeight: 1.4,
  maxWidth: 4,
  /** A word's box widened by this much on every side still covers a mark beside it (a comma, an accent, a letter the box left out). */
  margin: 0.3,
  /** Marks whose middles are this near in height, and this near across the page, are one line. */
  sameLine: 0.5,
  gap: 2.5,
  /** A line needs this many marks, spread this wide: a word or two of text, not a stain or a signature's stroke. */
  minMarks: 6,
  minWidth: 4,
  /** Its marks mostly as tall as one another, as print is: the middle half of their heights within this ratio. */
  evenness: 2,
  /**
   * Print has capitals, figures or ascenders: `tallMarks` of its marks at least `tall` high. A typed row of `=` or
   * `-`, dots or an underline has none (a rule the layout rightly passes over).
   */
  tall: 0.6,
  tallMarks: 2,
  /** The margin around its box it is read again with, up and down and across (tesseract wants some white around a line). */
  pad: [0.4, 1],
};

/** Letters on a page fewer than this: not enough words to measure a letter by. */
const MIN_WORDS = 10;

/**
 * Lines of print tesseract's layout analysis left out. PSM 4 drops a line
 * whole now and then, text and all: a row of marks it takes for a rule
 * (a redacted name printed as asterisks, the text after it on the line
 * with it), a line it takes for part of a picture. Nothing in its output
 * says so. The page's ink does: marks the size of letters, in a row, that
 * no word's box covers, evenly tall, capitals or ascenders among them
 * (`SHAPE`), between lines it did read (above or below them all stand a
 * letterhead and a footer, furniture). `ink` is the page as read (turned
 * and straightened as tesseract read it), at any scale; the boxes are in
 * `frame`'s pixels.
 */
export function findLostLines(words: OcrResult['words'], ink: GreyImage, frame: { width: number; height: number }): LostLine[] {
  const letters = words.filter((w) => /\p{L}{3}/u.test(w.text)).map((w) => w.bbox.y1 - w.bbox.y0);
  if (letters.length < MIN_WORDS) return [];
  const threshold = inkThreshold(ink.data);
  if (threshold === null) return [];
  const scale = ink.width / frame.width;
  const h = median(letters) * scale;
  const covered = coverage(words, ink, scale, SHAPE.margin * h);
  const marks = inkBlobs(ink, threshold).filter((b) => {
    const [w, bh] = [b.x1 - b.x0 + 1, b.y1 - b.y0 + 1];
    if (bh < SHAPE.minHeight * h || bh > SHAPE.maxHeight * h || w > SHAPE.maxWidth * h) return false;
    // On the image's edge: the scan's border, a page cut off.
    if (b.x0 === 0 || b.y0 === 0 || b.x1 === ink.width - 1 || b.y1 === ink.height - 1) return false;
    return covered[Math.round((b.y0 + b.y1) / 2) * ink.width + Math.round((b.x0 + b.x1) / 2)] === 0;
  });
  const lines: { blobs: Blob[]; cy: number; x1: number }[] = [];
  for (const b of [...marks].sort((a, c) => a.x0 - c.x0)) {
    const cy = (b.y0 + b.y1) / 2;
    const line = lines.find((l) => Math.abs(l.cy - cy) <= SHAPE.sameLine * h && b.x0 - l.x1 <= SHAPE.gap * h);
    if (!line) {
      lines.push({ blobs: [b], cy, x1: b.x1 });
      continue;
    }
    line.blobs.push(b);
    line.cy += (cy - line.cy) / line.blobs.length;
    line.x1 = Math.max(line.x1, b.x1);
  }
  const at = (v: number) => Math.round(v / scale);
  const found = mergePieces(lines.map((l) => l.blobs), SHAPE.gap * h)
    .filter((blobs) => {
      const box = boxOf(blobs);
      if (blobs.length < SHAPE.minMarks || box.x1 - box.x0 < SHAPE.minWidth * h) return false;
      const heights = blobs.map((b) => b.y1 - b.y0 + 1).sort((a, c) => a - c);
      const q = (p: number) => heights[Math.floor(p * (heights.length - 1))] as number;
      return q(0.75) <= SHAPE.evenness * q(0.25) && heights.filter((x) => x >= SHAPE.tall * h).length >= SHAPE.tallMarks;
    })
    .map((blobs) => {
      const b = boxOf(blobs);
      const bbox = { x0: at(b.x0), y0: at(b.y0), x1: at(b.x1 + 1), y1: at(b.y1 + 1) };
      const [py, px] = SHAPE.pad.map((p) => Math.round((p * h) / scale)) as [number, number];
      const region = { x0: Math.max(0, bbox.x0 - px), y0: Math.max(0, bbox.y0 - py), x1: Math.min(frame.width, bbox.x1 + px), y1: Math.min(frame.height, bbox.y1 + py) };
      return { bbox, marks: blobs.length, region };
    });
  // Between lines tesseract did read, above and below it across the same stretch: a letterhead's lettering beside its
  // crest, or a footer, is read as part of a picture on every page, and is the page's furniture.
  const read = words.filter((w) => /\p{L}{2}/u.test(w.text));
  const beside = (l: LostLine, w: OcrResult['words'][number]) => w.bbox.x0 < l.bbox.x1 && l.bbox.x0 < w.bbox.x1;
  return found.filter((l) => read.some((w) => beside(l, w) && w.bbox.y1 <= l.bbox.y0) && read.some((w) => beside(l, w) && w.bbox.y0 >= l.bbox.y1));
}

/** The box of some blobs, in the ink's pixels. */
function boxOf(blobs: readonly Blob[]): Box {
  return {
    x0: Math.min(...blobs.map((b) => b.x0)),
    y0: Math.min(...blobs.map((b) => b.y0)),
    x1: Math.max(...blobs.map((b) => b.x1)),
    y1: Math.max(...blobs.map((b) => b.y1)),
  };
}

/**
 * Pieces of one line joined: pieces whose heights overlap by half the lower one's at least, and that stand within
 * `gap` of each other across the page (a row of asterisks sits higher than the words after it, its middle apart).
 */
function mergePieces(pieces: Blob[][], gap: number): Blob[][] {
  const out = pieces.map((p) => ({ blobs: p, box: boxOf(p) }));
  for (let merged = true; merged; ) {
    merged = false;
    for (let i = 0; i < out.length && !merged; i++) {
      for (let j = i + 1; j < out.length && !merged; j++) {
        const [a, b] = [(out[i] as (typeof out)[number]).box, (out[j] as (typeof out)[number]).box];
        const shared = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
        const apart = Math.max(a.x0, b.x0) - Math.min(a.x1, b.x1);
        if (shared < Math.min(a.y1 - a.y0, b.y1 - b.y0) / 2 || apart > gap) continue;
        const blobs = [...(out[i] as (typeof out)[number]).blobs, ...(out[j] as (typeof out)[number]).blobs];
        out.splice(j, 1);
        out[i] = { blobs, box: boxOf(blobs) };
        merged = true;
      }
    }
  }
  return out.map((o) => o.blobs);
}

/** A mask of the image, 1 inside a word's box widened by `margin` pixels. */
function coverage(words: OcrResult['words'], ink: GreyImage, scale: number, margin: number): Uint8Array {
  const mask = new Uint8Array(ink.width * ink.height);
  for (const { bbox } of words) {
    const x0 = Math.max(0, Math.floor(bbox.x0 * scale - margin));
    const x1 = Math.min(ink.width, Math.ceil(bbox.x1 * scale + margin));
    const y0 = Math.max(0, Math.floor(bbox.y0 * scale - margin));
    const y1 = Math.min(ink.height, Math.ceil(bbox.y1 * scale + margin));
    for (let y = y0; y < y1; y++) mask.fill(1, y * ink.width + x0, y * ink.width + x1);
  }
  return mask;
}

/**
 * A line read again counts as read when tesseract is sure of one word of three letters or more on it: print, not a
 * stroke taken for letters. The rest of its words stay as read, sure or not (a row of asterisks read as scraps is
 * the clean stage's to judge, by their boxes).
 */
const SURE = { letters: 3, confidence: 80 };

/** Whether a line read again (`OcrPool.recognizeLine`) was read. */
export function readAgain(words: OcrResult['words']): boolean {
  return words.some((w) => w.confidence >= SURE.confidence && (w.text.match(/\p{L}/gu)?.length ?? 0) >= SURE.letters);
}

/**
 * The page with lines read again put back where they stand: each before the
 * first line of the text standing below it across the same stretch of the
 * page, its words before that line's in the word list (as tesseract lists
 * them, in text order); after the last line when none does.
 */
export function insertLines(result: OcrResult, found: readonly OcrResult['words'][]): OcrResult {
  let { text, words } = result;
  for (const line of found) {
    if (line.length === 0) continue;
    const box = { x0: Math.min(...line.map((w) => w.bbox.x0)), x1: Math.max(...line.map((w) => w.bbox.x1)) };
    const cy = median(line.map((w) => (w.bbox.y0 + w.bbox.y1) / 2));
    const rows = linesOfWords(text, words);
    const below = rows.findIndex((r) => r.words.length > 0 && median(r.words.map((w) => (w.bbox.y0 + w.bbox.y1) / 2)) > cy && r.words.some((w) => w.bbox.x0 < box.x1 && box.x0 < w.bbox.x1));
    const own = line.map((w) => w.text).join(' ');
    if (below === -1) {
      text = `${text.replace(/\n+$/, '')}\n${own}\n`;
      words = [...words, ...line];
      continue;
    }
    const lines = rows.map((r) => r.line);
    lines.splice(below, 0, own);
    const at = words.indexOf((rows[below] as (typeof rows)[number]).words[0] as OcrResult['words'][number]);
    text = lines.join('\n');
    words = [...words.slice(0, at), ...line, ...words.slice(at)];
  }
  return { ...result, text, words };
}

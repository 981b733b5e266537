import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { VerbaliError } from '../../pipeline/errors.js';
import { capPixels, type GreyImage, toPng } from '../../pipeline/ingest/index.js';
import { rgbaToGrey } from '../../pipeline/ingest/raster.js';
import { recognizePage } from '../../pipeline/ocr/index.js';
import { findLostLines, insertLines, readAgain } from '../../pipeline/ocr/lost-lines.js';
import type { OcrPool, OcrResult } from '../../pipeline/ocr/pool.js';
import { useOcrPool } from '../ocr-pool.js';

GlobalFonts.registerFromPath('/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf', 'LostSerif');

type Word = OcrResult['words'][number];

const [WIDTH, SIZE, LEADING, LEFT] = [2480, 42, 70, 300];

/** What a line of the page is: print, a row of strokes the size of letters that are no letters, or nothing. */
type Line = string | { scribble: number } | null;

/**
 * A 300 dpi page in a 10 pt serif, a line every `LEADING` pixels from the second, and the boxes of each line's
 * words as tesseract gives them (the capitals' top to the descenders' foot), by line.
 */
function page(lines: Line[]): { image: GreyImage; words: Word[][] } {
  const canvas = createCanvas(WIDTH, LEADING * (lines.length + 3));
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#000';
  ctx.strokeStyle = '#000';
  ctx.font = `${SIZE}px LostSerif`;
  const words = lines.map((line, i) => {
    const base = LEADING * (i + 2);
    if (line === null) return [];
    if (typeof line === 'object') return scribble(ctx, base, line.scribble);
    let x = LEFT;
    return line.split(' ').map((text) => {
      ctx.fillText(text, x, base);
      const w = Math.round(ctx.measureText(text).width);
      const word = { text, confidence: 95, bbox: { x0: x, y0: Math.round(base - SIZE * 0.75), x1: x + w, y1: Math.round(base + SIZE * 0.22) } };
      x += w + Math.round(ctx.measureText(' ').width);
      return word;
    });
  });
  return { image: rgbaToGrey(ctx.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height), words };
}

/** `count` loops of a pen, each the size of a small letter, along the line: what a signature or a doodle leaves. */
function scribble(ctx: SKRSContext2D, base: number, count: number): Word[] {
  ctx.lineWidth = 3;
  for (let i = 0; i < count; i++) {
    const x = LEFT + i * 34;
    ctx.beginPath();
    ctx.moveTo(x, base);
    ctx.bezierCurveTo(x + 30, base - 40, x - 10, base - 40, x + 24, base - 2);
    ctx.stroke();
  }
  return [];
}

/** Tesseract's reading of the lines it found: one per row of words. */
function reading(rows: Word[][]): OcrResult {
  const read = rows.filter((r) => r.length > 0);
  return { text: `${read.map((r) => r.map((w) => w.text).join(' ')).join('\n')}\n`, confidence: 95, words: read.flat() };
}

const PROSE: Line[] = [
  'Il Consiglio comunale, udita la relazione del Sindaco,',
  'visto il parere favorevole del responsabile del servizio,',
  'con voti unanimi espressi per alzata di mano,',
  'approva la proposta di deliberazione in oggetto.',
];

describe('lines of print the OCR layout left out', () => {
  const pool = useOcrPool();

  it('finds a line no word covers between lines read, and nothing on a page read whole', () => {
    const { image, words } = page(PROSE);
    expect(findLostLines(words.flat(), image, image)).toEqual([]);
    const lost = findLostLines([...(words[0] as Word[]), ...(words[1] as Word[]), ...(words[3] as Word[])], image, image);
    expect(lost).toHaveLength(1);
    // Its box is the third line's letters (a comma is too small to count), and the rectangle to read it from holds
    // the whole line with a margin, short of the lines around it.
    const third = words[2] as Word[];
    const [bbox, region] = [lost[0]?.bbox, lost[0]?.region];
    expect(Math.abs((bbox?.x0 ?? 0) - (third[0]?.bbox.x0 ?? 0))).toBeLessThanOrEqual(4);
    expect(Math.abs((bbox?.x1 ?? 0) - (third[third.length - 1]?.bbox.x1 ?? 0))).toBeLessThanOrEqual(SIZE / 2);
    expect(region?.x0).toBeLessThan(third[0]?.bbox.x0 ?? 0);
    expect(region?.x1).toBeGreaterThan(third[third.length - 1]?.bbox.x1 ?? 0);
    expect(region?.y0).toBeGreaterThan(words[1]?.[0]?.bbox.y1 ?? 0);
    expect(region?.y1).toBeLessThan(words[3]?.[0]?.bbox.y0 ?? 0);
  });

  it('finds it on a smaller copy of the page, its box in the pixels tesseract read', () => {
    const { image, words } = page(PROSE);
    // Half the size across, as the OCR stage caps its copy of a page (`capPixels`).
    const half = capPixels(image, (image.width * image.height) / 4);
    const lost = findLostLines([...(words[0] as Word[]), ...(words[2] as Word[]), ...(words[3] as Word[])], half, image);
    expect(lost).toHaveLength(1);
    expect(Math.abs((lost[0]?.bbox.y1 ?? 0) - (words[1]?.[0]?.bbox.y1 ?? 0))).toBeLessThanOrEqual(6);
  });

  it('leaves out what stands above or below every line read: a letterhead beside its crest, a footer', () => {
    const { image, words } = page(PROSE);
    expect(findLostLines([...(words[1] as Word[]), ...(words[2] as Word[])], image, image)).toEqual([]);
  });

  it('leaves out a row of a few marks (a short mark, a speck) and a stroke too long for a letter', () => {
    const { image, words } = page([PROSE[0] as string, 'a b', PROSE[2] as string]);
    expect(findLostLines([...(words[0] as Word[]), ...(words[2] as Word[])], image, image)).toEqual([]);
    const ruled = page([PROSE[0] as string, null, PROSE[2] as string]);
    // A rule drawn where the line is: one long blot, no letters.
    for (let y = 205; y < 209; y++) ruled.image.data.fill(0, y * WIDTH + LEFT, y * WIDTH + LEFT + 1200);
    expect(findLostLines([...(ruled.words[0] as Word[]), ...(ruled.words[2] as Word[])], ruled.image, ruled.image)).toEqual([]);
  });

  it('puts a line read again back between the lines it stands between, its words with it', () => {
    const { words } = page(PROSE);
    const read = reading([words[0] as Word[], words[1] as Word[], words[3] as Word[]]);
    const back = insertLines(read, [words[2] as Word[]]);
    expect(back.text.split('\n').filter(Boolean)).toEqual(PROSE);
    expect(back.words.map((w) => w.text).join(' ')).toBe(PROSE.join(' '));
    // A line below every line read goes last.
    const last = insertLines(reading([words[0] as Word[], words[1] as Word[]]), [words[3] as Word[]]);
    expect(last.text.split('\n').filter(Boolean)).toEqual([PROSE[0], PROSE[1], PROSE[3]]);
  });

  it('reads a lost line again alone with tesseract.js, its words in the page’s pixels, and counts it read', async () => {
    const { image, words } = page(PROSE);
    const [lost] = findLostLines([...(words[0] as Word[]), ...(words[1] as Word[]), ...(words[3] as Word[])], image, image);
    if (!lost) throw new Error('the third line was not found lost');
    const again = await pool().recognizeLine(await toPng(image, 300), lost.region, {}, 300, 0);
    expect(again.map((w) => w.text).join(' ')).toBe(PROSE[2]);
    expect(readAgain(again)).toBe(true);
    const third = words[2] as Word[];
    for (const [i, w] of again.entries()) expect(Math.abs(w.bbox.x0 - (third[i]?.bbox.x0 ?? 0))).toBeLessThanOrEqual(6);
    // The worker reads whole pages as one column again after it.
    const whole = await pool().recognize(await toPng(image, 300), {}, 300, 0);
    expect(whole.text.trim().split('\n').filter(Boolean)).toEqual(PROSE);
  });

  /**
   * The real pool, but its page reading loses the line whose words stand within `band` (as PSM 4 now and then does,
   * text and all), and, with `failLine`, its reading of one line alone fails: stand-ins that fail on purpose.
   */
  function losing(band: [number, number], failLine = false): OcrPool {
    const real = pool();
    const stand = Object.create(real) as OcrPool;
    stand.recognize = async (...args: Parameters<OcrPool['recognize']>) => {
      const read = await real.recognize(...args);
      const lost = (w: Word) => (w.bbox.y0 + w.bbox.y1) / 2 > band[0] && (w.bbox.y0 + w.bbox.y1) / 2 < band[1];
      const gone = new Set(read.words.filter(lost).map((w) => w.text));
      const text = read.text.split('\n').filter((l) => !(l.trim() !== '' && l.split(' ').every((t) => gone.has(t))));
      return { ...read, text: text.join('\n'), words: read.words.filter((w) => !lost(w)) };
    };
    if (failLine) stand.recognizeLine = () => Promise.reject(new VerbaliError('E_OCR', 'the worker crashed'));
    return stand;
  }

  it('puts a line the page reading lost back in the OCR stage’s text, read again alone, with no warning', async () => {
    const { image, words } = page(PROSE);
    const third = words[2] as Word[];
    const read = await recognizePage({ n: 1, kind: 'image', image }, losing([third[0]?.bbox.y0 ?? 0, third[0]?.bbox.y1 ?? 0]));
    expect(read.text.split('\n').filter((l) => l.trim() !== '').map((l) => l.trim())).toEqual(PROSE);
    expect(read.words?.map((w) => w.text).join(' ')).toBe(PROSE.join(' '));
    expect(read.warnings).toBeUndefined();
  });

  it('says where a lost line stands when it cannot be read again either, and keeps the rest of the page', async () => {
    const { image, words } = page(PROSE);
    const third = words[2] as Word[];
    const read = await recognizePage({ n: 1, kind: 'image', image }, losing([third[0]?.bbox.y0 ?? 0, third[0]?.bbox.y1 ?? 0], true));
    expect(read.error).toBeUndefined();
    expect(read.text.split('\n').filter((l) => l.trim() !== '').map((l) => l.trim())).toEqual([PROSE[0], PROSE[1], PROSE[3]]);
    expect(read.warnings).toHaveLength(1);
    expect(read.warnings?.[0]).toMatchObject({ code: 'line-unread', source: 'verbali:ocr' });
    expect(read.warnings?.[0]?.message).toMatch(/\d+% down the page/);
  });

  it('counts a row of strokes the size of letters as not read: no word of print on it', async () => {
    const { image, words } = page([PROSE[0] as string, { scribble: 24 }, PROSE[2] as string]);
    const lost = findLostLines([...(words[0] as Word[]), ...(words[2] as Word[])], image, image);
    expect(lost).toHaveLength(1);
    const again = await pool().recognizeLine(await toPng(image, 300), (lost[0] as (typeof lost)[number]).region, {}, 300, 0);
    expect(readAgain(again)).toBe(false);
  });
});

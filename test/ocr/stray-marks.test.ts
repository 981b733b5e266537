import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cer } from '../../bench/metrics.js';
import type { OcrResult } from '../../pipeline/ocr/pool.js';
import { attachStrayMarks } from '../../pipeline/ocr/stray-marks.js';
import { fixture, ROOT, sample, tempDir } from '../helpers.js';
import { recognizeImage, useOcrPool } from '../ocr-pool.js';

const word = (text: string, x0: number, y0: number, x1: number, y1: number) => ({ text, confidence: 90, bbox: { x0, y0, x1, y1 } });

/** Two lines and a paragraph as tesseract read a 300 dpi photocopy skewed 0.4° (boxes as measured), the first line's last mark left out. */
function reading(mark: OcrResult['words'][number]): OcrResult {
  return {
    text: `alle ore 18,00\nGiunta Comunale.\n\n${mark.text}\n\nSono presenti\n`,
    confidence: 90,
    words: [
      word('alle', 1881, 606, 1960, 642),
      word('ore', 1979, 617, 2051, 643),
      word('18,00', 2074, 607, 2196, 649),
      word('Giunta', 1748, 671, 1900, 707),
      word('Comunale.', 1919, 672, 2161, 708),
      mark,
      word('Sono', 285, 792, 396, 828),
      word('presenti', 413, 794, 603, 838),
    ],
  };
}

describe('a line end mark tesseract left out of its line', () => {
  it.each([
    ['reaching below the baseline: a comma', word('I', 2201, 638, 2209, 649), 'alle ore 18,00,\nGiunta Comunale.\n\nSono presenti\n', ','],
    ['on the baseline: a full stop', word("'", 2201, 634, 2209, 643), 'alle ore 18,00.\nGiunta Comunale.\n\nSono presenti\n', '.'],
  ])('a small mark just past a line end, %s, goes back to that line', (_, mark, text, read) => {
    const result = attachStrayMarks(reading(mark));
    expect(result.text).toBe(text);
    // Words stay in text order, the mark after its line's last word, read as placed.
    expect(result.words.map((w) => w.text)).toEqual(['alle', 'ore', '18,00', read, 'Giunta', 'Comunale.', 'Sono', 'presenti']);
    expect(result.words[3]?.bbox).toEqual(mark.bbox);
  });

  it.each([
    ['far from any line end', word('I', 1000, 638, 1008, 649)],
    ['as tall as letters (a numeral)', word('I', 2201, 607, 2211, 643)],
    ['at the top of the line (an apostrophe)', word("'", 2201, 606, 2209, 617)],
    ['a word, not a mark', word('lire', 2201, 638, 2209, 649)],
  ])('a line of its own %s stays as read', (_, mark) => {
    const before = reading(mark);
    expect(attachStrayMarks(before)).toEqual(before);
  });
});

// The OCR dev set's 300 dpi photocopy of the 1987 sample, skewed 0.4° (bench:ocr): PSM 4 read the first line's
// last comma as a line `I` of its own, printed after the next line; the native CLI reads it in place.
describe('the dev-set photocopy (real tesseract.js)', () => {
  const pool = useOcrPool();
  const dir = tempDir();
  beforeAll(() => {
    const fixtures = ['assemblea-sindaci', 'consiglio-numerato', 'giunta-1987', 'unione-ibrida'].map((d) => fixture('segment', d, 'input.txt'));
    execFileSync(process.execPath, [join(ROOT, 'samples/make-samples.mjs'), '--ocr-dev-set', dir, '--only', 'giunta-clusone-1987-04-22', ...fixtures, sample('giunta-clusone-1987-04-22.txt')]);
  });

  it('reads the comma at its line end, the page as the text it shows', async () => {
    const file = join(dir, 'giunta-clusone-1987-04-22-1.jpg');
    const { text } = await recognizeImage(file, pool());
    expect(text).toContain('alle ore 18,00,\n');
    expect(text).not.toMatch(/^I$/m);
    expect(cer(text, readFileSync(join(dir, 'giunta-clusone-1987-04-22-1.txt'), 'utf8'))).toBe(0);
  });
});


import { describe, expect, it } from 'vitest';
import { cleanText, createCleanContext, type PageEvidence } from '../../pipeline/clean/index.js';
import { fixture } from '../helpers.js';
import { recognizeImage, useOcrPool } from '../ocr-pool.js';

const ctx = createCleanContext();

type Box = [text: string, x0: number, x1: number, confidence: number];

/** A line as tesseract gives it: its text and word boxes (y of a row of marks; a word's own height). */
function line(before: Box[], row: Box[], after: Box[]): { text: string; pages: PageEvidence[] } {
  const all = [...before, ...row, ...after];
  const words = all.map(([text, x0, x1, confidence]) => ({ text, confidence, bbox: { x0, y0: 62, x1, y1: 99 } }));
  return { text: `${all.map((b) => b[0]).join(' ')}\n`, pages: [{ method: 'ocr', words }] };
}

// The row of 27 asterisks of test/fixtures/clean/mark-row/scan.jpg as tesseract.js read it (boxes as measured).
const ROW: Box[] = [
  ['2', 59, 72, 37], ['21', 85, 99, 25], ['>', 110, 123, 0], ['SE', 135, 150, 45], ['SE', 161, 176, 61], ['SE', 184, 201, 52],
  ['E', 214, 227, 58], ['SE', 235, 252, 48], ['Se', 260, 277, 33], ['>', 286, 298, 18], ['E', 314, 326, 50], ['>', 334, 347, 44],
  ['>ke', 360, 379, 41], ['Sk', 385, 400, 18], ['SE', 411, 425, 55], ['SE', 434, 451, 47], ['Sk', 459, 476, 34], ['Sie', 485, 504, 26],
  ['sie', 510, 530, 35], ['SE', 536, 553, 25], ['Sk', 561, 576, 54], ['ke', 589, 604, 55], ['SE', 610, 627, 32], ['Sk', 635, 652, 57],
  ['Sk', 660, 675, 47], ['SI', 686, 703, 45], ['SE', 711, 733, 46],
];
const AFTER: Box[] = [['il', 799, 825, 97], ['giorno', 850, 960, 96]];

describe('a row of marks read as letters (noise/mark-row)', () => {
  it('becomes the marks, as many as its width holds', () => {
    const r = cleanText(line([], ROW, AFTER), {}, ctx);
    expect(r.clean).toBe(`${'*'.repeat(27)} il giorno\n`);
    expect(r.corrections).toContainEqual(expect.objectContaining({ ruleId: 'noise/mark-row', to: '*'.repeat(27), page: 1 }));
  });

  it('leaves a word tesseract is sure of at its end to the sentence (`nata a`)', () => {
    const r = cleanText(line([['nata', -60, -10, 95], ['a', 20, 40, 92]], ROW, AFTER), {}, ctx);
    expect(r.clean).toBe(`nata a ${'*'.repeat(27)} il giorno\n`);
  });

  it('becomes the marks when tesseract is sure of a few of its scraps, the row as a whole doubted', () => {
    const sure = ROW.map(([t, a, b, c], k): Box => [t, a, b, k % 6 === 3 ? 84 : c]);
    expect(cleanText(line([], sure, AFTER), {}, ctx).clean).toBe(`${'*'.repeat(27)} il giorno\n`);
  });

  it.each([
    ['read with confidence (print, however short its words)', ROW.map(([t, a, b]): Box => [t, a, b, 95])],
    ['read mostly at 80 or more', ROW.map(([t, a, b, c], k): Box => [t, a, b, k % 3 === 0 ? c : 85])],
    ['too short a run', ROW.slice(0, 7)],
    ['with letters no mark is read as', ROW.map(([t, a, b, c], k): Box => [k % 3 === 0 ? 'vo' : t, a, b, c])],
  ])('stays as read when %s', (_, row) => {
    const input = line([], row, AFTER);
    const r = cleanText(input, {}, ctx);
    expect(r.corrections.filter((c) => c.ruleId === 'noise/mark-row')).toEqual([]);
  });

  it('stays as read where no boxes are known (a text file)', () => {
    const { text } = line([], ROW, AFTER);
    expect(cleanText(text, {}, ctx).corrections.filter((c) => c.ruleId === 'noise/mark-row')).toEqual([]);
  });
});

// A scan of a verbale we wrote, in another face than the corpus scan the rule was first seen on.
describe('the scan of a masked name (real tesseract.js)', () => {
  const pool = useOcrPool();

  it('reads the row of 27 asterisks as 27 asterisks, the words around it as printed', async () => {
    const file = fixture('clean', 'mark-row', 'scan.jpg');
    const read = await recognizeImage(file, pool());
    const page: { text: string; words: PageEvidence['words'] } = { text: read.text, words: read.words };
    if (!page) throw new Error('no page read');
    expect(page.text).not.toContain('*'.repeat(5));
    const r = cleanText({ text: page.text, pages: [{ method: 'ocr', words: page.words }] }, {}, ctx);
    // The page's text is laid out as printed: its loose justified line keeps its wide spaces.
    expect(r.clean).toMatch(/nata +a\n\*{27} +il /);
    expect(r.clean).toMatch(/Anna +Frattini/);
    expect(r.corrections.filter((c) => c.ruleId === 'noise/mark-row')).toHaveLength(1);
  }, 180_000);
});


import { describe, expect, it } from 'vitest';
import { restoreLineOrder } from '../../pipeline/ocr/line-order.js';
import type { OcrResult } from '../../pipeline/ocr/pool.js';
import { fixture } from '../helpers.js';
import { recognizeImage, useOcrPool } from '../ocr-pool.js';

type Word = OcrResult['words'][number];

/** A typewritten page's words, 20 px a character, 30 px a line: `[text, column, line]`, each word's letters 22 px high. */
function typed(...words: [string, number, number][]): Word[] {
  return words.map(([text, col, line]) => ({ text, confidence: 90, bbox: { x0: 100 + col * 20, y0: 100 + line * 30, x1: 100 + (col + text.length) * 20 - 3, y1: 122 + line * 30 } }));
}

/** Tesseract's reading: its rows as read (blank: a paragraph's end), the words in that order. */
function reading(rows: Word[][]): OcrResult {
  return { text: `${rows.map((r) => r.map((w) => w.text).join(' ')).join('\n')}\n`, confidence: 90, words: rows.flat() };
}

const row = (words: Word[], ...texts: string[]) => texts.map((t) => words.find((w) => w.text === t) as Word);

describe('lines tesseract cut in two or read out of place', () => {
  // As tesseract read a typewritten page (bench:accuracy's held-out typed pages): a line cut inside a word, its
  // tail printed after the next line; a later line read first.
  const words = typed(
    ['di', 0, 0],
    ['prima', 3, 0],
    ['convocazione', 9, 0],
    ['per', 22, 0],
    ['tratt', 26, 0],
    ['are', 31, 0],
    ['gli', 35, 0],
    ['argomenti', 0, 1],
    ['iscritti', 10, 1],
    ["all'ordine", 19, 1],
    ['del', 30, 1],
    ['giorno', 34, 1],
    ['Consiglio', 0, 2],
    ['Comunale.', 10, 2],
  );

  it('joins the pieces of a printed line, one word where they meet inside it, and moves a line read early to its place', () => {
    const read = reading([
      row(words, 'di', 'prima', 'convocazione', 'per', 'tratt'),
      [],
      row(words, 'Consiglio', 'Comunale.'),
      [],
      row(words, 'are', 'gli'),
      row(words, 'argomenti', 'iscritti', "all'ordine", 'del', 'giorno'),
    ]);
    const out = restoreLineOrder(read);
    expect(out.text).toBe("di prima convocazione per trattare gli\nargomenti iscritti all'ordine del giorno\n\nConsiglio Comunale.\n");
    expect(out.words.map((w) => w.text)).toEqual(['di', 'prima', 'convocazione', 'per', 'trattare', 'gli', 'argomenti', 'iscritti', "all'ordine", 'del', 'giorno', 'Consiglio', 'Comunale.']);
    // The word made whole spans both pieces and is as sure as the less sure of them.
    const whole = out.words[4] as Word;
    expect(whole.bbox).toEqual({ x0: 100 + 26 * 20, y0: 100, x1: 100 + 34 * 20 - 3, y1: 122 });
  });

  it('puts a list row read first after the rows printed above it, with its paragraph end', () => {
    const list = typed(
      ['ROSSI', 0, 0],
      ['MARIO', 6, 0],
      ['Si', 12, 0],
      ['GALLI', 0, 1],
      ['ANNA', 6, 1],
      ['No', 12, 1],
      ['NERI', 0, 2],
      ['LUCIA', 6, 2],
      ['Si', 12, 2],
      ['Presenti', 0, 4],
      ['n.', 9, 4],
      ['2', 12, 4],
    );
    const read = reading([list.slice(6, 9), [], list.slice(0, 3), list.slice(3, 6), [], list.slice(9)]);
    expect(restoreLineOrder(read).text).toBe('ROSSI MARIO Si\nGALLI ANNA No\nNERI LUCIA Si\n\nPresenti n. 2\n');
  });

  it('joins a numbers column read as a block to the rows it numbers', () => {
    const list = typed(['11.', 0, 0], ['12.', 0, 1], ['13.', 0, 2], ['CORO', 4, 0], ['DEL', 9, 0], ['COLLE', 13, 0], ['PRO', 4, 1], ['LOCO', 8, 1], ['BANDA', 4, 2], ['CIVICA', 10, 2]);
    const prose = typed(['Il', 0, 4], ['Presidente', 3, 4], ['legge', 14, 4], ['le', 20, 4], ['iniziative', 23, 4]);
    const read = reading([list.slice(0, 1), list.slice(1, 2), list.slice(2, 3), [], list.slice(3, 6), list.slice(6, 8), list.slice(8), [], prose]);
    expect(restoreLineOrder(read).text).toBe('11. CORO DEL COLLE\n12. PRO LOCO\n13. BANDA CIVICA\n\nIl Presidente legge le iniziative\n');
  });

  it("puts a table's row of figures read after the lines of its label cell among them, where it stands, and leaves a phrase beside a column as read", () => {
    // A label cell of five lines beside a row of figures set at the cell's middle; tesseract read the cell as a block first.
    const label = typed(['Fondo', 0, 0], ['di', 6, 0], ['riserva', 9, 0], ['per', 0, 1], ['le', 4, 1], ['spese', 7, 1], ['impreviste', 0, 2], ['(art.', 11, 2], ['166', 17, 2], ['TUEL)', 0, 3], ['vincolato', 6, 3], ['D.G.', 0, 4], ['n.', 5, 4], ['12', 8, 4]);
    const figures = typed(['1.250.000,00', 24, 2.5], ['1.250.000,00', 40, 2.5], ['-00', 56, 2.5]);
    const lines = [label.slice(0, 3), label.slice(3, 6), label.slice(6, 9), label.slice(9, 11), label.slice(11)];
    const out = restoreLineOrder(reading([...lines, figures]));
    expect(out.text.split('\n').filter(Boolean)).toEqual([
      'Fondo di riserva',
      'per le spese',
      'impreviste (art. 166',
      '1.250.000,00 1.250.000,00 -00',
      'TUEL) vincolato',
      'D.G. n. 12',
    ]);
    // A phrase of running words right of a column (a note in the margin) is no row of cells: it stays where it was read.
    const note = typed(['vedi', 24, 2.5], ['allegato', 29, 2.5], ['A', 38, 2.5]);
    expect(restoreLineOrder(reading([...lines, note])).text.split('\n').filter(Boolean).at(-1)).toBe('vedi allegato A');
  });

  it('finds the printed line along the slope of a page left skewed (under the turn that straightens it)', () => {
    // 0.8°: 14 px lower across 1,000 px, half a line.
    const slope = Math.tan((0.8 * Math.PI) / 180);
    const tilt = (ws: Word[]) => ws.map((w) => ({ ...w, bbox: { ...w.bbox, y0: w.bbox.y0 + Math.round(w.bbox.x0 * slope), y1: w.bbox.y1 + Math.round(w.bbox.x0 * slope) } }));
    const page = tilt(
      typed(
        ['La', 0, 0],
        ['seduta', 3, 0],
        ['ha', 10, 0],
        ['inizio', 13, 0],
        ['alle', 20, 0],
        ['ore', 25, 0],
        ['diciotto', 40, 0],
        ['e', 0, 1],
        ['sono', 2, 1],
        ['presenti', 7, 1],
        ['i', 16, 1],
        ['signori', 18, 1],
        ['consiglieri', 40, 1],
      ),
    );
    const read = reading([page.slice(0, 6), page.slice(7, 12), [], page.slice(6, 7), page.slice(12)]);
    expect(restoreLineOrder(read).text).toBe('La seduta ha inizio alle ore diciotto\ne sono presenti i signori consiglieri\n');
  });

  it('leaves alone a page of two columns read one after the other, a page read in order, and a text its words do not match', () => {
    const columns = typed(
      ['Prima', 0, 0],
      ['colonna', 6, 0],
      ['del', 0, 1],
      ['testo', 4, 1],
      ['che', 0, 2],
      ['continua', 4, 2],
      ['Seconda', 30, 0],
      ['colonna', 38, 0],
      ['accanto', 30, 1],
      ['alla', 38, 1],
      ['prima', 30, 2],
      ['qui', 36, 2],
    );
    const sideBySide = reading([columns.slice(0, 2), columns.slice(2, 4), columns.slice(4, 6), [], columns.slice(6, 8), columns.slice(8, 10), columns.slice(10)]);
    expect(restoreLineOrder(sideBySide)).toBe(sideBySide);
    expect(restoreLineOrder(reading([columns.slice(0, 2), columns.slice(2, 4), columns.slice(4, 6)]))).toEqual(reading([columns.slice(0, 2), columns.slice(2, 4), columns.slice(4, 6)]));
    const mismatched = { ...reading([columns.slice(10), columns.slice(0, 2), columns.slice(2, 4)]), text: 'prima qui\nPrima colonna\ndel testo scritto\n' };
    expect(restoreLineOrder(mismatched)).toBe(mismatched);
  });
});

// A typewritten attendance list we wrote, typed and scanned as bench:accuracy types its pages
// (test/fixtures/ocr/typed-list/make.mjs): tesseract.js reads the list's last row first, above the heading.
describe('a typewritten list read by tesseract.js', () => {
  const pool = useOcrPool();

  it('has the row tesseract read first back in its place, under the rows above it', async () => {
    const file = fixture('ocr', 'typed-list', 'scan.jpg');
    const read = await recognizeImage(file, pool());
    const lines = read.text.split('\n').map((l) => l.replace(/\s+/g, ' ').trim());
    expect(lines[0]).toMatch(/^COMUNE DI ROCCAVERDE/);
    const row = lines.findIndex((l) => l.startsWith('MARINO FABIO'));
    expect(row).toBeGreaterThan(lines.findIndex((l) => l.includes('LOMBARDI')));
    expect(row).toBeLessThan(lines.findIndex((l) => l.startsWith('Presenti')));
    // The words handed to the clean stage come in the text's new order, each found after the last.
    let at = 0;
    for (const w of read.words ?? []) {
      at = read.text.indexOf(w.text, at);
      expect(at).toBeGreaterThanOrEqual(0);
      at += w.text.length;
    }
  });
});

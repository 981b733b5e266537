
import { describe, expect, it } from 'vitest';
import { layOutText } from '../../pipeline/ocr/lay-out.js';
import { wordsFromTsv } from '../../pipeline/ocr/pool.js';
import { fixture } from '../helpers.js';
import { recognizeImage, useOcrPool } from '../ocr-pool.js';

/** Words as tesseract boxes them, on a page whose characters are 20 px apart: one line per array, x of each word given. */
function page(...lines: [string, number][][]) {
  const words = lines.flatMap((line, y) => line.map(([text, x]) => ({ text, confidence: 90, bbox: { x0: x, y0: y * 50, x1: x + text.length * 20 - 4, y1: y * 50 + 30 } })));
  return { text: lines.map((l) => l.map(([t]) => t).join(' ')).join('\n'), words };
}

/** A line of prose from x, words one space apart. */
function prose(x: number, ...words: string[]): [string, number][] {
  let at = x;
  return words.map((w) => {
    const out: [string, number] = [w, at];
    at += (w.length + 1) * 20;
    return out;
  });
}

describe('OCR text laid out by its word boxes', () => {
  it('keeps a table its columns, and the column heads over them, as the page prints them', () => {
    const { text, words } = page(
      prose(100, 'Giunta', 'Comunale', 'con', "l'intervento", 'dei', 'Signori:'),
      [['PRESENTE', 900], ['ASSENTE', 1200]],
      [...prose(100, '1)', 'ROSSI', 'Anna', 'Sindaco'), ['X', 960]],
      [...prose(100, '2)', 'LUPO', 'Marco', 'Assessore'), ['X', 1260]],
    );
    expect(text).toBe("Giunta Comunale con l'intervento dei Signori:\nPRESENTE ASSENTE\n1) ROSSI Anna Sindaco X\n2) LUPO Marco Assessore X");
    expect(layOutText(text, words).split('\n')).toEqual([
      "Giunta Comunale con l'intervento dei Signori:",
      `${' '.repeat(40)}PRESENTE       ASSENTE`,
      `1) ROSSI Anna Sindaco${' '.repeat(22)}X`,
      `2) LUPO Marco Assessore${' '.repeat(35)}X`,
    ]);
  });

  it('leaves prose one space a word, however justified, and indents what the page indents', () => {
    const justified: [string, number][] = [['La', 100], ['seduta', 170], ['è', 330], ['aperta', 380], ['alle', 530]];
    const { text, words } = page(prose(100, 'Il', 'Presidente', 'dichiara', 'aperta', 'la', 'seduta'), justified, prose(300, 'Si', 'passa', 'al', 'punto', 'uno.'));
    expect(layOutText(text, words).split('\n')).toEqual(['Il Presidente dichiara aperta la seduta', 'La seduta è aperta alle', '          Si passa al punto uno.']);
  });

  it('leaves a line as read where its words are not all found, and finds the next lines again', () => {
    const { text, words } = page(
      prose(100, 'Si', 'passa', 'alla', 'votazione', 'palese'),
      prose(100, 'Il', 'Consiglio', 'approva', 'il', 'bilancio'),
      [['Favorevoli', 100], ['10', 700]],
      [['Contrari', 100], ['0', 700]],
    );
    const read = text.replace('approva', 'approva,');
    const laid = layOutText(read, words).split('\n');
    expect(laid.slice(0, 2)).toEqual(['Si passa alla votazione palese', 'Il Consiglio approva, il bilancio']);
    expect(laid.slice(2)).toEqual([`Favorevoli${' '.repeat(20)}10`, `Contrari${' '.repeat(22)}0`]);
  });

  it('is the text as read when there are no boxes', () => {
    expect(layOutText('a  b\nc', [])).toBe('a  b\nc');
  });
});

describe('a scanned table whose rows tesseract.js reads with a space before the name', () => {
  it('takes a word of the TSV for its letters, without the space', () => {
    expect(wordsFromTsv('5\t1\t1\t1\t1\t2\t314\t1699\t181\t27\t66.1\t TARTABINI').map((w) => w.text)).toEqual(['TARTABINI']);
  });

  // Our Civitanova verbale's roll call, as bench:corpus scans it (test/fixtures/ocr/table-rows/make.sh).
  const pool = useOcrPool();

  it('lays its rows out by their boxes (real tesseract.js): the X under Assente stays apart from the office', async () => {
    const file = fixture('ocr', 'table-rows', 'scan.jpg');
    const { text } = await recognizeImage(file, pool());
    const row = text.split('\n').find((l) => l.includes('BARTOLACCI')) as string;
    expect(row).toMatch(/^\s*2 {2,}BARTOLACCI Elisa {2,}Consigliere {20,}X$/);
    expect(text.split('\n').find((l) => l.includes('TARTABINI'))).toMatch(/Sindaco {10,}X {10,}collegato da remoto/);
  });
});

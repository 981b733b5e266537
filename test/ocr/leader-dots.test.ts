import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { type GreyImage, readPages, sourceFromBytes, toJpeg } from '../../pipeline/ingest/index.js';
import { rgbaToGrey } from '../../pipeline/ingest/raster.js';
import { recognizePage } from '../../pipeline/ocr/index.js';
import { inkBlobs } from '../../pipeline/ocr/ink-blobs.js';
import { eraseLeaderDots, hasLeaderDots } from '../../pipeline/ocr/leader-dots.js';
import { imagePdf } from '../../samples/image-pdf.mjs';
import { useOcrPool } from '../ocr-pool.js';

GlobalFonts.registerFromPath('/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf', 'LeaderSerif');

/** A 300 dpi page in a 10 pt serif: lines of text, and rows `name ........ mark` whose marks stand in one column. */
function page(lines: (string | [string, string])[], dotted = '.', height = 0): GreyImage {
  const [width, size, leading, left, column] = [2480, 42, 60, 200, 1500];
  const canvas = createCanvas(width, Math.max(height, leading * (lines.length + 2)));
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#000';
  ctx.font = `${size}px LeaderSerif`;
  for (const [i, line] of lines.entries()) {
    const y = leading * (i + 1.5);
    if (typeof line === 'string') {
      ctx.fillText(line, left, y);
      continue;
    }
    const [name, mark] = line;
    ctx.fillText(name, left, y);
    // Dots from a space past the name to a space before the column, at one pitch, as a word processor sets them.
    const pitch = ctx.measureText(`${dotted} `).width / 2;
    for (let x = left + ctx.measureText(`${name} `).width; x < column - pitch; x += pitch) ctx.fillText(dotted, x, y);
    ctx.fillText(mark, column, y);
  }
  return rgbaToGrey(ctx.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height);
}

const MEMBERS: [string, string][] = [
  ['1. TOSATO Mario', 'presente'],
  ['2. FRATTINI Anna', 'presente'],
  ['3. LUPETTI Carlo', 'assente'],
  ['4. MANCINELLI Giulia', 'presente'],
  ['5. ROSSETTI Paolo', 'assente giustificato'],
];
/** Print that has dots and must keep them: `i`s in a row, an ellipsis, abbreviations, thousands, a colon. */
const PROSE = [
  'Il Presidente procede all’appello nominale, dal quale risultano:',
  'iniziative sui vari ambiti fisici di studio... ai sensi del D.Lgs. n. 267/2000 e s.m.i.;',
  'per una spesa di L. 148.000.000 (I.V.A. inclusa): lavori di via Roma.',
];

describe('leader dots erased before OCR', () => {
  const pool = useOcrPool();

  it('finds each row of leader dots and erases only its dots', () => {
    const original = page([PROSE[0] as string, ...MEMBERS, PROSE[1] as string, ['Totale', 'L. 185.000.000']]);
    const { image, rows } = eraseLeaderDots(original);
    expect(rows).toBe(MEMBERS.length + 1);
    // What is left is what a page without leaders prints: every blob of the name, the marks, the prose.
    const plain = page([PROSE[0] as string, ...MEMBERS.map(([name, mark]) => [name, mark] as [string, string]), PROSE[1] as string, ['Totale', 'L. 185.000.000']], ' ');
    const count = (img: GreyImage) => inkBlobs(img, 128).length;
    expect(count(image)).toBe(count(plain));
  });

  it.each([
    ['prose with dotted letters, an ellipsis, abbreviations and thousands', PROSE],
    ['a table of contents of three dots a row', ['Appello nominale ...', 'Approvazione dei verbali ...', 'Mozioni ...']],
    // Dotted letters at a leader's pitch (in an Arial-like face `ambiti fisici di` sets its dots so): a stem under each.
    ['a row of dotted letters', ['Il Presidente: iiiiiiiiiiii jjjjjjjjjj']],
  ])('leaves %s as it is', (_, lines) => {
    const image = page(lines);
    expect(eraseLeaderDots(image)).toEqual({ image, rows: 0 });
  });

  it('reads an attendance list with leaders as its names and marks, nothing between (real tesseract.js)', async () => {
    const image = page([PROSE[0] as string, ...MEMBERS]);
    const rows = async (eraseLeaders: boolean) => {
      const { text } = await recognizePage({ n: 1, kind: 'image', image }, pool(), { eraseLeaders });
      return text.split('\n').filter((l) => /^\s*\d\./.test(l));
    };
    const erased = await rows(true);
    expect(erased.map((l) => l.trim().split(/\s{2,}/))).toEqual(MEMBERS);
    // Read with its dots, each row has them (or what tesseract makes of them) between the name and the mark.
    const kept = await rows(false);
    expect(kept).toHaveLength(MEMBERS.length);
    for (const [i, line] of kept.entries()) expect(line.trim().split(/\s{2,}/)).not.toEqual(MEMBERS[i]);
  });

  it("a scanner's JPEG with leaders is told by its preview and read from pixels, the dots erased", async () => {
    // A whole A4 page at 300 dpi: the preview ingest makes of it is scaled down.
    const image = page([PROSE[0] as string, ...MEMBERS], '.', 3508);
    const jpeg = await toJpeg(image, 85);
    const [w, h] = [(image.width * 72) / 300, (image.height * 72) / 300];
    const pdf = imagePdf([{ width: w, height: h, matrix: [w, 0, 0, h, 0, 0], image: { width: image.width, height: image.height, colorSpace: 'DeviceGray', bpc: 8, filter: 'DCTDecode', bytes: jpeg } }]);
    const pages = [];
    for await (const p of readPages(sourceFromBytes('leaders.pdf', pdf))) pages.push(p);
    const [scanned] = pages;
    if (scanned?.kind !== 'encoded') throw new Error(`the page came as ${scanned?.kind}, not as the scanner's JPEG`);
    expect(scanned.preview.width).toBeLessThan(image.width / 2);
    expect(hasLeaderDots(scanned.preview)).toBe(true);
    const { text } = await recognizePage(scanned, pool());
    expect(text.split('\n').filter((l) => /^\s*\d\./.test(l)).map((l) => l.trim().split(/\s{2,}/))).toEqual(MEMBERS);
  });
});

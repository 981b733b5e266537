import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Canvas, createCanvas } from '@napi-rs/canvas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cer } from '../../bench/metrics.js';
import { type GreyImage, type PageInput, readPages, rotateGrey, sourceFromBytes } from '../../pipeline/ingest/index.js';
import { orientGrey, singleImageDraw } from '../../pipeline/ingest/pdf-image.js';
import { extractText, OcrPool } from '../../pipeline/ocr/index.js';
import { type ImagePage, imagePdf } from '../../samples/image-pdf.mjs';

const FIXTURES = join(import.meta.dirname, '../fixtures/pdf-kinds');

async function pagesOf(name: string, bytes: Buffer): Promise<PageInput[]> {
  const pages: PageInput[] = [];
  for await (const p of readPages(sourceFromBytes(name, bytes))) pages.push(p);
  return pages;
}

/** A 3 × 2 image whose pixels are 0…5, row by row. */
const tiny: GreyImage = { width: 3, height: 2, data: Uint8Array.from([0, 1, 2, 3, 4, 5]) };

describe('the image a scanned PDF page consists of', () => {
  it.each([
    ['a scanner page', 'q 595 0 0 842 0 0 cm /Im0 Do Q', { name: 'Im0', matrix: [595, 0, 0, 842, 0, 0] }],
    ['nested matrices', 'q 1 0 0 1 10 20 cm q 2 0 0 3 0 0 cm /Scan Do Q Q', { name: 'Scan', matrix: [2, 0, 0, 3, 10, 20] }],
    ['graphics state around it', '/GS1 gs q 0 -842 595 0 0 842 cm /I1 Do Q % scanned', { name: 'I1', matrix: [0, -842, 595, 0, 0, 842] }],
    ['text on top (an OCR layer)', 'q 595 0 0 842 0 0 cm /Im0 Do Q BT /F1 12 Tf (Comune) Tj ET', null],
    ['two images', 'q 595 0 0 421 0 0 cm /Im0 Do Q q 595 0 0 421 0 421 cm /Im1 Do Q', null],
    ['a drawn path', 'q 595 0 0 842 0 0 cm /Im0 Do Q 0 0 m 100 100 l S', null],
    ['an inline image', 'q 10 0 0 10 0 0 cm BI /W 1 /H 1 /BPC 8 /CS /G ID x EI Q', null],
  ])('%s', (_, content, expected) => {
    expect(singleImageDraw(content)).toEqual(expected);
  });

  it.each([
    [90, [0, 1], [-1, 0]],
    [180, [-1, 0], [0, -1]],
    [270, [0, -1], [1, 0]],
  ] as const)('lays out an image turned %i° clockwise as rotateGrey does', (turn, across, down) => {
    expect(orientGrey(tiny, across, down)).toEqual(rotateGrey(tiny, turn));
  });

  it('lays out mirror images', () => {
    expect([...orientGrey(tiny, [-1, 0], [0, 1]).data]).toEqual([2, 1, 0, 5, 4, 3]);
    expect([...orientGrey(tiny, [1, 0], [0, -1]).data]).toEqual([3, 4, 5, 0, 1, 2]);
    expect(orientGrey(tiny, [0, 1], [1, 0])).toEqual({ width: 2, height: 3, data: Uint8Array.from([0, 3, 1, 4, 2, 5]) });
  });

  describe('a JPEG drawn in every orientation comes out as the page shows it, at its own resolution', () => {
    // A 200 dpi half-page whose top-left quarter is dark: where it lands tells the orientation.
    const canvas = createCanvas(800, 1100);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, 800, 1100);
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, 400, 550);
    const upright = canvas.toBuffer('image/jpeg', 95);
    const stored = (turn: 0 | 90 | 180 | 270) => {
      const c = createCanvas(turn % 180 ? 1100 : 800, turn % 180 ? 800 : 1100);
      const x = c.getContext('2d');
      x.translate(c.width / 2, c.height / 2);
      x.rotate((turn * Math.PI) / 180);
      x.drawImage(canvas, -400, -550);
      return { width: c.width, height: c.height, colorSpace: 'DeviceRGB', bpc: 8, filter: 'DCTDecode', bytes: c.toBuffer('image/jpeg', 95) };
    };
    const [w, h] = [288, 396]; // 800 × 1100 px at 200 dpi, in points
    it.each<[string, ImagePage]>([
      ['plain', { width: w, height: h, matrix: [w, 0, 0, h, 0, 0], image: { width: 800, height: 1100, colorSpace: 'DeviceGray', bpc: 8, filter: 'DCTDecode', bytes: upright } }],
      ['stored turned 90°, drawn upright by its matrix, with margins', { width: w + 72, height: h + 72, matrix: [0, h, -w, 0, 36 + w, 36], image: stored(90) }],
      ['stored upside down, drawn upright by its matrix', { width: w, height: h, matrix: [-w, 0, 0, -h, w, h], image: stored(180) }],
      ['stored turned 270° under /Rotate 90', { width: h, height: w, rotate: 90, matrix: [h, 0, 0, w, 0, 0], image: stored(270) }],
      ['stored turned 90° under /Rotate 270', { width: h, height: w, rotate: 270, matrix: [h, 0, 0, w, 0, 0], image: stored(90) }],
      ['stored bottom-up, flipped by its matrix', { width: w, height: h, matrix: [w, 0, 0, -h, 0, h], image: { ...stored(0), bytes: flipRows(canvas) } }],
    ])('%s', async (_, page) => {
      const [p] = await pagesOf('kinds.pdf', imagePdf([page]));
      // Upright JPEGs stay encoded (tesseract decodes them); turned ones are decoded and laid out here.
      expect(p?.kind).toBe(page.matrix[0] === w && page.matrix[3] === h && !page.rotate ? 'encoded' : 'image');
      if (!p || p.kind === 'text') return;
      expect(p.dpi).toBe(200);
      const image = p.kind === 'image' ? p.image : await p.decode();
      expect([image.width, image.height]).toEqual([800, 1100]);
      const at = (x: number, y: number) => image.data[y * 800 + x] as number;
      expect(at(100, 100)).toBeLessThan(40); // the dark quarter is top left
      expect(at(700, 100)).toBeGreaterThan(215);
      expect(at(100, 1000)).toBeGreaterThan(215);
    });
  });

  describe('CCITT G4 pages stored sideways under /Rotate 270 and 90 (samples/make-samples.mjs --ocr-pdf-set --kinds ccitt-g4-rotate)', () => {
    let pool: OcrPool;
    beforeAll(() => {
      pool = new OcrPool({ size: 2, recycleAfter: 100, pageTimeoutMs: 120_000 });
    });
    afterAll(() => pool.close());

    it('are decoded at 300 dpi, upright, and read as their text', async () => {
      const pdf = join(FIXTURES, 'ccitt-g4-rotate-consiglio-numerato.pdf');
      const pages = await pagesOf(pdf, readFileSync(pdf));
      expect(pages.map((p) => (p.kind === 'image' ? [p.image.width, p.image.height, p.dpi] : p.kind))).toEqual([
        [2479, 3508, 300],
        [2479, 3508, 300],
      ]);
      const read = await extractText(sourceFromBytes(pdf, readFileSync(pdf)), () => pool);
      for (const [i, page] of read.entries()) {
        expect(page.rotation).toBe(0);
        expect(cer(page.text, readFileSync(join(FIXTURES, `ccitt-g4-rotate-consiglio-numerato-${i + 1}.txt`), 'utf8'))).toBeLessThan(0.01);
      }
    });
  });
});

/** The canvas as a JPEG whose rows are stored bottom to top. */
function flipRows(source: Canvas): Buffer {
  const c = createCanvas(source.width, source.height);
  const x = c.getContext('2d');
  x.translate(0, source.height);
  x.scale(1, -1);
  x.drawImage(source, 0, 0);
  return c.toBuffer('image/jpeg', 95);
}

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Canvas, createCanvas } from '@napi-rs/canvas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cer } from '../../bench/metrics.js';
import { decodeToGrey, type GreyImage, type PageInput, ReaderPool, readPages, rotateGrey, sourceFromBytes } from '../../pipeline/ingest/index.js';
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
    const canvas = darkQuarter();
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
      if (!p || p.kind === 'text' || p.kind === 'unreadable') throw new Error(`page 1 is ${p?.kind}`);
      expect(p.dpi).toBe(200);
      const image = p.kind === 'image' ? p.image : await decodeToGrey(p.bytes);
      expect([image.width, image.height]).toEqual([800, 1100]);
      const at = (x: number, y: number) => image.data[y * 800 + x] as number;
      expect(at(100, 100)).toBeLessThan(40); // the dark quarter is top left
      expect(at(700, 100)).toBeGreaterThan(215);
      expect(at(100, 1000)).toBeGreaterThan(215);
    });
  });

  describe('read in reader threads (as a run reads them)', () => {
    let readers: ReaderPool;
    beforeAll(() => {
      readers = new ReaderPool({ size: 1, pageTimeoutMs: 60_000 });
    });
    afterAll(() => readers.close());

    it('a still-encoded JPEG and a decoded page cross the thread whole, and the JPEG decodes in a reader as here', async () => {
      const jpeg = darkQuarter().toBuffer('image/jpeg', 95);
      const [w, h] = [288, 396];
      const image = { width: 800, height: 1100, colorSpace: 'DeviceGray', bpc: 8, filter: 'DCTDecode', bytes: jpeg };
      const pdf = imagePdf([
        { width: w, height: h, matrix: [w, 0, 0, h, 0, 0], image },
        { width: w, height: h, matrix: [-w, 0, 0, -h, w, h], image },
      ]);
      const here = await pagesOf('two.pdf', pdf);
      const source = sourceFromBytes('two.pdf', pdf);
      const there: PageInput[] = [];
      for await (const p of readers.read(source)) there.push(p);
      expect(there.map((p) => p.kind)).toEqual(['encoded', 'image']);
      // Compared as bytes: a deep equality over a million array elements takes seconds.
      expect(there.map(flat)).toEqual(here.map(flat));
      const encoded = there[0];
      if (encoded?.kind !== 'encoded') throw new Error('page 1 is not encoded');
      expect(flat({ n: 1, kind: 'image', image: await readers.decode(encoded, source) })).toEqual(flat({ n: 1, kind: 'image', image: await decodeToGrey(encoded.bytes) }));
    });

    it('a JPEG no decoder can read is the page\'s E_INPUT_IMAGE', async () => {
      const bad = { n: 3, kind: 'encoded' as const, bytes: Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), width: 10, height: 10, dpi: 300, preview: tiny };
      await expect(readers.decode(bad, sourceFromBytes('bad.pdf', Buffer.from('%PDF-1.4')))).rejects.toMatchObject({ code: 'E_INPUT_IMAGE', page: 3 });
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
      const readers = new ReaderPool({ size: 1, pageTimeoutMs: 120_000 });
      const read = await extractText(sourceFromBytes(pdf, readFileSync(pdf)), () => pool, {}, { readers }).finally(() => readers.close());
      for (const [i, page] of read.entries()) {
        expect(page.rotation).toBe(0);
        expect(cer(page.text, readFileSync(join(FIXTURES, `ccitt-g4-rotate-consiglio-numerato-${i + 1}.txt`), 'utf8'))).toBeLessThan(0.01);
      }
    });
  });
});

/** A page with its arrays as hex digests: what `toEqual` can compare quickly. */
function flat(page: PageInput): unknown {
  const digest = (a: Uint8Array) => createHash('sha256').update(a).digest('hex');
  if (page.kind === 'image') return { ...page, image: { ...page.image, data: digest(page.image.data) } };
  if (page.kind === 'encoded') return { ...page, bytes: digest(page.bytes), preview: { ...page.preview, data: digest(page.preview.data) } };
  return page;
}

/** A 200 dpi half-page (800 × 1100) whose top-left quarter is dark: where it lands tells the orientation. */
function darkQuarter(): Canvas {
  const canvas = createCanvas(800, 1100);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, 800, 1100);
  ctx.fillStyle = '#000';
  ctx.fillRect(0, 0, 400, 550);
  return canvas;
}

/** The canvas as a JPEG whose rows are stored bottom to top. */
function flipRows(source: Canvas): Buffer {
  const c = createCanvas(source.width, source.height);
  const x = c.getContext('2d');
  x.translate(0, source.height);
  x.scale(1, -1);
  x.drawImage(source, 0, 0);
  return c.toBuffer('image/jpeg', 95);
}

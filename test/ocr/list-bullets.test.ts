import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { type GreyImage, readPages, sourceFromBytes, toJpeg } from '../../pipeline/ingest/index.js';
import { rgbaToGrey } from '../../pipeline/ingest/raster.js';
import { recognizePage } from '../../pipeline/ocr/index.js';
import { addListBullets, BULLET } from '../../pipeline/ocr/list-bullets.js';
import type { OcrResult } from '../../pipeline/ocr/pool.js';
import { imagePdf } from '../../samples/image-pdf.mjs';
import { useOcrPool } from '../ocr-pool.js';

GlobalFonts.registerFromPath('/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf', 'BulletSerif');

type Word = OcrResult['words'][number];
/** What is drawn left of a line's text: a list's bullet, a speck, a dash, or nothing. */
type Mark = 'bullet' | 'speck' | 'dash' | null;

const [WIDTH, SIZE, LEADING, MARK_X, TEXT_X] = [2480, 42, 70, 230, 300];

/**
 * A 300 dpi page (at least `height` pixels high) in a 10 pt serif, each line's text at one indent, with what `marks` says drawn left of it:
 * a bullet a word processor sets (a disk a third of the line high, on the body of the letters), a speck, a dash.
 * Returns the page and the boxes of each line's first word, as tesseract would give them.
 */
function page(lines: [Mark, string][], height = 0): { image: GreyImage; firsts: Word[] } {
  const canvas = createCanvas(WIDTH, Math.max(height, LEADING * (lines.length + 2)));
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#000';
  ctx.font = `${SIZE}px BulletSerif`;
  const firsts: Word[] = [];
  for (const [i, [mark, line]] of lines.entries()) {
    const base = LEADING * (i + 1.5);
    ctx.fillText(line, TEXT_X, base);
    const first = line.split(' ')[0] as string;
    // The box of a word with ascenders: from the capitals' top to the baseline.
    firsts.push({ text: first, confidence: 95, bbox: { x0: TEXT_X, y0: Math.round(base - SIZE * 0.75), x1: TEXT_X + Math.round(ctx.measureText(first).width), y1: Math.round(base) } });
    const body = base - SIZE * 0.25;
    ctx.beginPath();
    if (mark === 'bullet') ctx.arc(MARK_X, body, SIZE * 0.14, 0, 2 * Math.PI);
    if (mark === 'speck') ctx.arc(MARK_X, body, 2, 0, 2 * Math.PI);
    ctx.fill();
    if (mark === 'dash') ctx.fillRect(MARK_X - 14, body - 2, 28, 4);
  }
  return { image: rgbaToGrey(ctx.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height), firsts };
}

/** A reading of the page that has each line's first word only: enough for the bullets, which look left of it. */
function reading(firsts: Word[]): OcrResult {
  return { text: firsts.map((w) => w.text).join('\n'), words: firsts, confidence: 90 };
}

describe('list bullets tesseract left out', () => {
  const pool = useOcrPool();

  it('finds a bullet left of each item of a list, and nothing left of prose, a speck or a dash', () => {
    const { image, firsts } = page([
      [null, 'Visti i seguenti atti:'],
      ['bullet', 'lo statuto del comune;'],
      ['bullet', 'il regolamento di contabilità;'],
      ['speck', 'il piano delle opere pubbliche;'],
      ['dash', 'la relazione del revisore;'],
      ['bullet', 'il parere del segretario.'],
      [null, 'Il Consiglio approva.'],
    ]);
    const read = addListBullets(reading(firsts), image, image);
    expect(read.text.split('\n')).toEqual(['Visti', `${BULLET} lo`, `${BULLET} il`, 'il', 'la', `${BULLET} il`, 'Il']);
    // The bullets are words too, each before the word it opens, its box where the disk is drawn.
    const bullets = read.words.filter((w) => w.text === BULLET);
    expect(bullets).toHaveLength(3);
    for (const b of bullets) expect(Math.abs((b.bbox.x0 + b.bbox.x1) / 2 - MARK_X)).toBeLessThanOrEqual(2);
    expect(read.words.map((w) => w.text).slice(0, 3)).toEqual(['Visti', BULLET, 'lo']);
  });

  it('finds them on a copy of the page at another scale, and leaves a bullet alone that no other lines up with', () => {
    const { image, firsts } = page([
      ['bullet', 'lo statuto del comune;'],
      ['bullet', 'il regolamento di contabilità;'],
    ]);
    // Half the size, as a scanner JPEG's preview is smaller than the page tesseract read.
    const half: GreyImage = { width: WIDTH / 2, height: Math.floor(image.height / 2), data: new Uint8Array((WIDTH / 2) * Math.floor(image.height / 2)) };
    for (let y = 0; y < half.height; y++) for (let x = 0; x < half.width; x++) half.data[y * half.width + x] = image.data[2 * y * WIDTH + 2 * x] as number;
    expect(addListBullets(reading(firsts), half, image).text).toBe(`${BULLET} lo\n${BULLET} il`);
    const alone = page([['bullet', 'lo statuto del comune;'], [null, 'Il Consiglio approva.']]);
    expect(addListBullets(reading(alone.firsts), alone.image, alone.image).text).toBe('lo\nIl');
  });

  it("gives every item of a list its bullet in the OCR stage's text, and none to the prose around it", async () => {
    const { image } = page([
      [null, 'Visti i seguenti atti:'],
      ['bullet', 'lo statuto del comune;'],
      ['bullet', 'il regolamento di contabilità;'],
      ['bullet', 'il parere del segretario.'],
      [null, 'Il Consiglio approva.'],
    ]);
    const { text } = await recognizePage({ n: 1, kind: 'image', image }, pool());
    const lines = text.split('\n').filter((l) => l.trim() !== '');
    expect(lines).toHaveLength(5);
    // A bullet tesseract read itself stays as it read it (the clean stage reads `*` and `©` as bullets); none is lost.
    expect(lines.map((l) => /^\s*[•*©®°e]\s/u.test(l))).toEqual([false, true, true, true, false]);
    expect(lines[0]?.trim()).toBe('Visti i seguenti atti:');
  });

  it("finds them on a scanner's JPEG in a PDF, which goes to tesseract as it is, in the preview ingest made of it", async () => {
    const { image } = page([
      [null, 'Visti i seguenti atti:'],
      ['bullet', 'lo statuto del comune;'],
      ['bullet', 'il regolamento di contabilità;'],
      ['bullet', 'il parere del segretario.'],
      [null, 'Il Consiglio approva.'],
    ], 3508);
    const jpeg = await toJpeg(image, 85);
    const [w, h] = [(image.width * 72) / 300, (image.height * 72) / 300];
    const pdf = imagePdf([{ width: w, height: h, matrix: [w, 0, 0, h, 0, 0], image: { width: image.width, height: image.height, colorSpace: 'DeviceGray', bpc: 8, filter: 'DCTDecode', bytes: jpeg } }]);
    const pages = [];
    for await (const p of readPages(sourceFromBytes('bullets.pdf', pdf))) pages.push(p);
    const [scanned] = pages;
    if (scanned?.kind !== 'encoded') throw new Error(`the page came as ${scanned?.kind}, not as the scanner's JPEG`);
    expect(scanned.preview.width).toBeLessThan(image.width / 2);
    const lines = (await recognizePage(scanned, pool())).text.split('\n').filter((l) => l.trim() !== '');
    expect(lines.map((l) => /^\s*[•*©®°e]\s/u.test(l))).toEqual([false, true, true, true, false]);
  });
});

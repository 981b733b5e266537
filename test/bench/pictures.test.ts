import { describe, expect, it } from 'vitest';
import { inPicture, picturesOfXml, type ScanGeometry } from '../../bench/accuracy-pictures.js';

// A4 at pdftohtml's zoom 1.5: 892 × 1263. A logo at the top left; a page-sized background under the text of page 2.
const XML = `<?xml version="1.0" encoding="UTF-8"?>
<pdf2xml producer="poppler" version="22.12.0">
<page number="1" position="absolute" top="0" left="0" height="1263" width="892">
<image top="48" left="64" width="319" height="85" src="out-1_1.jpg"/>
<text top="200" left="100" width="400" height="20" font="0">Il Consiglio circoscrizionale</text>
</page>
<page number="2" position="absolute" top="0" left="0" height="1263" width="892">
<image top="0" left="0" width="892" height="1263" src="out-2_1.jpg"/>
<text top="200" left="100" width="400" height="20" font="0">Il Consiglio circoscrizionale</text>
</page>
</pdf2xml>`;

describe('bench accuracy: pictures the text layer has no text for', () => {
  it('reads the pictures of each page, and not an image the text stands on', () => {
    const pages = picturesOfXml(XML);
    expect(pages).toHaveLength(2);
    expect(pages[0]?.width).toBeCloseTo(594.67, 1);
    expect(pages[0]?.pictures).toEqual([{ left: 64 / 1.5, top: 32, width: 319 / 1.5, height: 85 / 1.5 }]);
    expect(pages[1]?.pictures).toEqual([]);
  });

  // make-scan.sh: 300 dpi, turned 0.6° clockwise onto a grown canvas (2480 × 3508 → 2517 × 3534).
  const scan: ScanGeometry = { dpi: 300, turned: 0.6, imageWidth: 2517, imageHeight: 3534, straightened: 0, scale: 1 };
  const page = picturesOfXml(XML)[0] as NonNullable<ReturnType<typeof picturesOfXml>[0]>;
  // The logo spans x 178-1063, y 133-369 at 300 dpi before the turn; the text line's first word at y 555-611.
  const box = (x: number, y: number, w = 120, h = 40) => ({ x0: x, y0: y, x1: x + w, y1: y + h });

  it.each([
    ['a word of the logo, where the turn took it', box(214, 186), scan, true],
    ['a word of the logo, at its right end', box(1030, 270), scan, true],
    ['the text under the logo', box(310, 600), scan, false],
    ['a word far right of the logo', box(1400, 250), scan, false],
    ['a word of the logo on the page straightened back and read at half size', box(120, 85, 60, 20), { ...scan, straightened: 0.6, scale: 0.5 }, true],
    ['the text under it, the same way', box(150, 290, 60, 20), { ...scan, straightened: 0.6, scale: 0.5 }, false],
  ])('%s', (_, word, geometry, inside) => {
    expect(inPicture(page, geometry, word)).toBe(inside);
  });
});

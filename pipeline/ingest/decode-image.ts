import type * as Canvas from '@napi-rs/canvas';
import type UTIFModule from 'utif2';
import type { GreyImage } from './page.js';
import type { PageImage } from './pdf-image.js';
import { rgbaToGrey } from './raster.js';

// Loaded on the first image: together 50 MB of resident memory and 0.15 s that a batch of texts never needs.
let canvas: Promise<typeof Canvas> | undefined;
let utif: Promise<typeof UTIFModule> | undefined;
export const loadCanvas = () => {
  canvas ??= import('@napi-rs/canvas');
  return canvas;
};
export const loadUtif = () => {
  utif ??= import('utif2').then((m) => m.default);
  return utif;
};

/** Rows of a decoded image drawn and read back at a time: a strip's RGBA is 5 MB on an A4 page at 300 dpi, not 36. */
const STRIP_ROWS = 512;

/**
 * Decode a PNG or JPEG in native code (Skia, through @napi-rs/canvas) to grey,
 * transparent pixels counting as white paper. Drawn and read back a strip at a
 * time: a page-size canvas and its pixel copy were 72 MB of RGBA per page, in
 * native memory the collector returns late. Throws on bytes it cannot decode.
 */
export async function decodeToGrey(bytes: Uint8Array): Promise<GreyImage> {
  const { createCanvas, loadImage } = await loadCanvas();
  const image = await loadImage(bytes);
  const { width, height } = image;
  const rows = Math.min(STRIP_ROWS, height);
  const ctx = createCanvas(width, rows).getContext('2d');
  const data = new Uint8Array(width * height);
  for (let top = 0; top < height; top += rows) {
    const h = Math.min(rows, height - top);
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width, rows);
    ctx.drawImage(image, 0, -top);
    data.set(rgbaToGrey(ctx.getImageData(0, 0, width, h).data, width, h).data, top * width);
  }
  return { width, height, data };
}

/**
 * A small grey copy of a PNG or JPEG (at most `maxPixels`), decoded and
 * scaled in native code: enough to measure a page's skew on.
 */
export async function previewGrey(bytes: Uint8Array, maxPixels = 600_000): Promise<GreyImage> {
  const { createCanvas, loadImage } = await loadCanvas();
  const image = await loadImage(bytes);
  const f = Math.min(1, Math.sqrt(maxPixels / (image.width * image.height)));
  const [w, h] = [Math.max(1, Math.floor(image.width * f)), Math.max(1, Math.floor(image.height * f))];
  const ctx = createCanvas(w, h).getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, w, h);
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(image, 0, 0, w, h);
  return rgbaToGrey(ctx.getImageData(0, 0, w, h).data, w, h);
}

/** The JPEG bytes of a page image, ready for a decoder, when they can go to one as they are (upright, not inverted, not CMYK). */
export function plainJpeg(img: PageImage): Uint8Array | null {
  const upright = img.across[0] === 1 && img.down[1] === 1;
  return img.filter === 'DCTDecode' && upright && !img.inverted && img.components !== 4 ? withoutExif(img.bytes) : null;
}

/**
 * A PDF page image decoded at its own resolution, in grey, as stored (not yet
 * turned to the page): JPEG natively, CCITT G3/G4 fax images with utif2's
 * decoder. Null for what verbali leaves to pdf.js: other filters, CMYK,
 * byte-aligned fax rows, or bytes that do not decode to the declared size.
 */
export async function decodePageImage(img: PageImage): Promise<GreyImage | null> {
  let grey: GreyImage | null = null;
  let inverted = img.inverted;
  if (img.filter === 'DCTDecode' && img.components !== 4) {
    grey = await decodeToGrey(withoutExif(img.bytes)).catch(() => null);
  } else if (img.filter === 'CCITTFaxDecode' && img.bitsPerComponent === 1) {
    if (img.decodeParms.get('EncodedByteAlign') === true) return null;
    if (img.decodeParms.get('BlackIs1') === true) inverted = !inverted;
    grey = await decodeFax(img).catch(() => null);
  }
  if (!grey || grey.width !== img.width || grey.height !== img.height) return null;
  if (inverted) for (let i = 0; i < grey.data.length; i++) grey.data[i] = 255 - (grey.data[i] as number);
  return grey;
}

/**
 * A JPEG with its Exif block renamed: a PDF draws the image as stored, while a
 * decoder would turn it by the Exif orientation (pdf.js blanks it likewise).
 */
function withoutExif(bytes: Uint8Array): Uint8Array {
  for (let i = 2; i + 10 < bytes.length && bytes[i] === 0xff; ) {
    const marker = bytes[i + 1] as number;
    if (marker === 0xda) break; // start of scan: no more headers
    const length = ((bytes[i + 2] as number) << 8) | (bytes[i + 3] as number);
    if (marker === 0xe1 && String.fromCharCode(...bytes.subarray(i + 4, i + 8)) === 'Exif') {
      const copy = Uint8Array.from(bytes);
      copy[i + 4] = 0x58; // 'Xxif': no longer an Exif block
      return copy;
    }
    i += 2 + length;
  }
  return bytes;
}

/** CCITT fax data (K < 0: G4; K = 0: G3 one-dimensional; K > 0: G3 two-dimensional) to grey, black runs black. */
async function decodeFax(img: PageImage): Promise<GreyImage> {
  const UTIF = await loadUtif();
  const k = Number(img.decodeParms.get('K') ?? 0);
  const columns = Number(img.decodeParms.get('Columns') ?? 1728);
  if (columns !== img.width) throw new Error('fax columns differ from the image width');
  const rowBytes = Math.ceil(img.width / 8);
  const bits = new Uint8Array(rowBytes * img.height);
  const decoder = UTIF.decode as unknown as {
    _decodeG4(d: Uint8Array, off: number, len: number, tgt: Uint8Array, toff: number, w: number, fo: number): void;
    _decodeG3(d: Uint8Array, off: number, len: number, tgt: Uint8Array, toff: number, w: number, fo: number, twoDim: boolean): void;
  };
  if (k < 0) decoder._decodeG4(img.bytes, 0, img.bytes.length, bits, 0, img.width, 1);
  else decoder._decodeG3(img.bytes, 0, img.bytes.length, bits, 0, img.width, 1, k > 0);
  // utif2 writes TIFF's WhiteIsZero sense: a set bit is black.
  const data = new Uint8Array(img.width * img.height);
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      const bit = ((bits[y * rowBytes + (x >> 3)] as number) >> (7 - (x & 7))) & 1;
      data[y * img.width + x] = bit ? 0 : 255;
    }
  }
  return { width: img.width, height: img.height, data };
}

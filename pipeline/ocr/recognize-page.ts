import { VerbaliError } from '../errors.js';
import { capPixels, type PageInput, type PageText, rotateGrey, toJpeg, toPgm, toPng } from '../ingest/index.js';
import { detectSkew, rotateSmall } from './deskew.js';
import type { OcrPool, OcrResult } from './pool.js';

/** Options of page recognition. */
export interface RecognizeOptions {
  /** Downscale larger page images to this many pixels before OCR. Default 5 MP (A4 at 235 dpi: same error rate as 300 dpi on our scans, 30% faster). */
  maxPixels: number;
  /** Pixels of the copy orientation detection looks at. Default 4 MP (A4 at 200 dpi: small print still reads). */
  osdPixels: number;
  /** Turn a page only when OSD is at least this sure. Default 1.5. */
  minOrientationConfidence: number;
  /** A first reading at least this confident (mean word confidence) is upright: no OSD. Default 65. */
  uprightConfidence: number;
  /**
   * Straighten pages skewed by at least this many degrees. Default 0.9: below
   * about a degree tesseract's own line finding copes, and turning (bilinear)
   * softens thin strokes; the typewritten sample, skewed 0.6°, read with one
   * error when turned and none when not, and no scan of ours read worse.
   */
  minSkewDegrees: number;
  /** Keep a JPEG of the page as read (turned, straightened) of at most this many pixels, for the review site. Default 0: none. */
  previewPixels: number;
}

export const RECOGNIZE_DEFAULTS: RecognizeOptions = {
  maxPixels: 5_000_000,
  osdPixels: 4_000_000,
  minOrientationConfidence: 1.5,
  uprightConfidence: 65,
  minSkewDegrees: 0.9,
  previewPixels: 0,
};

/** A page's text, its word boxes, and the warning of a page that could not be read. */
export interface RecognizedPage extends PageText {
  words?: { text: string; confidence: number; bbox: { x0: number; y0: number; x1: number; y1: number } }[];
  /** The image the word boxes are in: its size, and the degrees it was straightened by after turning (`rotateSmall`). */
  frame?: { width: number; height: number; skew: number };
  /** JPEG of that image, downscaled (with `previewPixels`). */
  preview?: Buffer;
  /** Why the page has no OCR text (it then holds a visible marker instead). */
  error?: VerbaliError;
}

/**
 * Text of one page: passed through when ingest already has it, else OCR'd.
 * The image is capped in size and deskewed (projection profile), then
 * recognised with automatic page segmentation. A page read with low
 * confidence (upside down) or as vertical text (sideways) goes to
 * orientation detection (OSD), is turned and read again; the better reading
 * wins. Upright pages, the common case, never pay for OSD. A page that fails
 * keeps a visible marker `[OCR failed on page N: reason]` and carries the
 * error, never a silent gap.
 */
export async function recognizePage(
  page: PageInput,
  pool: OcrPool | null,
  options: Partial<RecognizeOptions> = {},
  file?: string,
): Promise<RecognizedPage> {
  if (page.kind === 'text') return { n: page.n, text: page.text, method: page.method, confidence: null, rotation: 0 };
  if (!pool) throw new VerbaliError('E_OCR', 'a page needs OCR but no OCR pool was given', { file, page: page.n });
  const opts = { ...RECOGNIZE_DEFAULTS, ...options };
  const where = { file, page: page.n };
  try {
    const image = capPixels(page.image, opts.maxPixels);
    const read = async (rotation: 0 | 90 | 180 | 270) => {
      const turned = rotateGrey(image, rotation);
      const detected = detectSkew(turned);
      const skew = Math.abs(detected) >= opts.minSkewDegrees ? detected : 0;
      const straight = skew !== 0 ? rotateSmall(turned, skew) : turned;
      const result = await pool.recognize(toPgm(straight), where);
      return { result, rotation, skew, straight };
    };
    let best = await read(0);
    // Tesseract reads a sideways page line by line as vertical text; its words then stand taller than wide.
    const vertical = mostlyVertical(best.result.words);
    if (best.result.confidence < opts.uprightConfidence || vertical) {
      const small = capPixels(image, opts.osdPixels);
      const orientation = await pool.detectOrientation(toPng(small, a4Dpi(small)), where).catch(() => ({ degrees: 0 as const, confidence: 0 }));
      if (orientation.degrees !== 0 && orientation.confidence >= opts.minOrientationConfidence) {
        const turned = await read(orientation.degrees);
        // Tesseract can read vertical lines with high confidence: a confident upright reading beats it.
        const upright = vertical && !mostlyVertical(turned.result.words) && turned.result.confidence >= opts.uprightConfidence;
        if (upright || turned.result.confidence > best.result.confidence) best = turned;
      }
    }
    return {
      n: page.n,
      text: best.result.text.replace(/\n+$/, ''),
      method: 'ocr',
      confidence: Math.round(best.result.confidence * 10) / 10,
      rotation: best.rotation,
      words: best.result.words,
      frame: { width: best.straight.width, height: best.straight.height, skew: best.skew },
      ...(opts.previewPixels > 0 ? { preview: await toJpeg(capPixels(best.straight, opts.previewPixels)) } : {}),
    };
  } catch (error) {
    const e = error instanceof VerbaliError ? error : new VerbaliError('E_OCR', String(error), { ...where, cause: error });
    return { n: page.n, text: `[OCR failed on page ${page.n}: ${e.message}]`, method: 'ocr', confidence: null, rotation: 0, error: e };
  }
}

/** Most words of three letters or more are taller than wide: the page was read sideways. */
function mostlyVertical(words: OcrResult['words']): boolean {
  const long = words.filter((w) => w.text.length >= 3);
  if (long.length < 10) return false;
  const tall = long.filter((w) => w.bbox.y1 - w.bbox.y0 > 1.5 * (w.bbox.x1 - w.bbox.x0)).length;
  return tall > long.length / 2;
}

/** The resolution an image would have if it were an A4 page (8.27 × 11.69 in): the pages we read are, near enough. */
function a4Dpi(img: { width: number; height: number }): number {
  return Math.round(Math.sqrt((img.width * img.height) / (8.27 * 11.69)));
}

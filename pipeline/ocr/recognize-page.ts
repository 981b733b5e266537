import { VerbaliError } from '../errors.js';
import { capPixels, type PageInput, type PageText, rotateGrey, toPgm } from '../ingest/index.js';
import type { OcrPool } from './pool.js';

/** Options of page recognition. */
export interface RecognizeOptions {
  /** Downscale larger page images to this many pixels before OCR. Default 12 MP (A4 at 400 dpi). */
  maxPixels: number;
  /** Pixels of the copy orientation detection looks at. Default 4 MP (A4 at 200 dpi: small print still reads). */
  osdPixels: number;
  /** Turn a page only when OSD is at least this sure. Default 1.5. */
  minOrientationConfidence: number;
}

export const RECOGNIZE_DEFAULTS: RecognizeOptions = { maxPixels: 12_000_000, osdPixels: 4_000_000, minOrientationConfidence: 1.5 };

/** A page's text, its word boxes, and the warning of a page that could not be read. */
export interface RecognizedPage extends PageText {
  words?: { text: string; confidence: number; bbox: { x0: number; y0: number; x1: number; y1: number } }[];
  /** Why the page has no OCR text (it then holds a visible marker instead). */
  error?: VerbaliError;
}

/**
 * Text of one page: passed through when ingest already has it, else OCR'd:
 * capped in size, turned upright (OSD on a small copy), then recognised with
 * automatic segmentation and deskew. A page that fails keeps a visible marker
 * `[OCR failed on page N: reason]` and carries the error, never a silent gap.
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
    const orientation = await pool.detectOrientation(toPgm(capPixels(image, opts.osdPixels)), where).catch(() => ({ degrees: 0 as const, confidence: 0 }));
    const rotation = orientation.confidence >= opts.minOrientationConfidence ? orientation.degrees : 0;
    const result = await pool.recognize(toPgm(rotateGrey(image, rotation)), where);
    return {
      n: page.n,
      text: result.text.replace(/\n+$/, ''),
      method: 'ocr',
      confidence: Math.round(result.confidence * 10) / 10,
      rotation,
      words: result.words,
    };
  } catch (error) {
    const e = error instanceof VerbaliError ? error : new VerbaliError('E_OCR', String(error), { ...where, cause: error });
    return { n: page.n, text: `[OCR failed on page ${page.n}: ${e.message}]`, method: 'ocr', confidence: null, rotation: 0, error: e };
  }
}

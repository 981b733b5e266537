import type { SourcePage } from '../../schemas/index.js';

/** A grey-scale raster, one byte per pixel, row-major. */
export interface GreyImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/**
 * A page as ingest yields it: text already (a text file, a PDF text layer) or
 * an image to OCR, with its resolution in pixels per inch when the file says it.
 */
export type PageInput =
  | { n: number; kind: 'text'; text: string; method: 'text' | 'text-layer' }
  | { n: number; kind: 'image'; image: GreyImage; dpi?: number | undefined }
  | EncodedPage;

/**
 * A page image still as the scanner encoded it (a PDF page's JPEG, upright as
 * stored), which tesseract can decode itself: `preview` is a small grey copy
 * (about 0.6 MP) to measure skew on; `decode` gives the whole page in grey.
 */
export interface EncodedPage {
  n: number;
  kind: 'encoded';
  bytes: Uint8Array;
  width: number;
  height: number;
  dpi: number;
  preview: GreyImage;
  decode: () => Promise<GreyImage>;
}

/** A page's text and how it was obtained: what `source.pages[]` records. */
export interface PageText extends SourcePage {
  text: string;
}

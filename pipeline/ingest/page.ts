import type { SourcePage } from '../../schemas/index.js';
import type { VerbaliError } from '../errors.js';

/** A grey-scale raster, one byte per pixel, row-major. */
export interface GreyImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Something a reader noticed about a page (or, on page 1, about the whole document) that the record should say. */
export interface PageWarning {
  code: string;
  message: string;
  /** The stage that noticed (default `verbali:ingest`). */
  source?: string;
}

/**
 * A page as ingest yields it: text already (a text file, a PDF text layer), an
 * image to OCR (with its resolution in pixels per inch when the file says it),
 * a scanner's JPEG still encoded, or a page the reader could not deliver (it
 * hung or crashed: `error` says why), which the OCR stage turns into a
 * visible marker. Plain data: pages cross from the reader threads with their
 * buffers moved (see reader-thread.ts).
 */
export type PageInput = (
  | { n: number; kind: 'text'; text: string; method: 'text' | 'text-layer' }
  | { n: number; kind: 'image'; image: GreyImage; dpi?: number | undefined }
  | EncodedPage
  | { n: number; kind: 'unreadable'; error: VerbaliError }
) & { warnings?: PageWarning[] };

/**
 * A page image still as the scanner encoded it (a PDF page's JPEG, upright as
 * stored), which tesseract can decode itself: `preview` is a small grey copy
 * (about 0.6 MP) to measure skew on; the whole page in grey, when needed, is
 * decoded from `bytes` (in a reader thread, see `ReaderPool.decode`).
 */
export interface EncodedPage {
  n: number;
  kind: 'encoded';
  bytes: Uint8Array;
  width: number;
  height: number;
  dpi: number;
  preview: GreyImage;
}

/** A page's text and how it was obtained: what `source.pages[]` records. */
export interface PageText extends SourcePage {
  text: string;
}

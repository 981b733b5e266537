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
}

/**
 * A page as ingest yields it: text already (a text file, a PDF text layer), an
 * image to OCR, or a page the reader could not deliver (it hung or crashed:
 * `error` says why), which the OCR stage turns into a visible marker.
 */
export type PageInput = (
  | { n: number; kind: 'text'; text: string; method: 'text' | 'text-layer' }
  | { n: number; kind: 'image'; image: GreyImage }
  | { n: number; kind: 'unreadable'; error: VerbaliError }
) & { warnings?: PageWarning[] };

/** A page's text and how it was obtained: what `source.pages[]` records. */
export interface PageText extends SourcePage {
  text: string;
}

import { createHash } from 'node:crypto';
import { join } from 'node:path';

/** Pixels of a page preview: an A4 page at about 1190 × 1680, 144 dpi, sharp on a laptop at two zoom steps. */
export const PREVIEW_PIXELS = 2_000_000;

/** The review site's folder inside an output folder, and its page-image cache inside that. */
export const reviewDir = (out: string) => join(out, 'review');
export const imageDir = (out: string) => join(reviewDir(out), 'img');

/** How a page was turned and straightened before OCR: a preview must show the same geometry as its word boxes. */
export interface PageGeometry {
  rotation: 0 | 90 | 180 | 270;
  skew: number;
}

/**
 * The preview's file name: the source's hash, the page, its geometry and the
 * preview size, so a source changed in place, or read again with another
 * rotation, gets a new image and an unchanged one is never redrawn.
 */
export function pageImageName(sha256: string, n: number, geometry: PageGeometry): string {
  const key = createHash('sha256').update(`${sha256}\n${n}\n${geometry.rotation}\n${geometry.skew}\n${PREVIEW_PIXELS}`).digest('hex');
  return `${key.slice(0, 20)}.jpg`;
}

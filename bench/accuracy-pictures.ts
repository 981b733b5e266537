/**
 * Where a corpus PDF prints pictures its text layer has no text for (a
 * comune's emblem, a logo with its motto, a table pasted in as an image), and
 * which words of a scan of it stand inside one. The scans' reference is the
 * text layer, so what the OCR reads in a picture, right or wrong, is scored
 * against nothing: a cleaner that kept a logo's printed words was counted
 * wrong, one that deleted them right. bench/accuracy leaves those words out of
 * the raw and the cleaned text alike (`--with-pictures` keeps them).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A rectangle in PDF points, origin top left. */
export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** One page of a PDF: its size in points and the pictures on it that hold none of the text layer's text. */
export interface PagePictures {
  width: number;
  height: number;
  pictures: Rect[];
}

/** pdftohtml's XML gives positions at this zoom of PDF points (its default). */
const ZOOM = 1.5;

const attributes = (tag: string): Record<string, string> => Object.fromEntries([...tag.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
const rect = (a: Record<string, string>): Rect => ({
  left: Number(a.left) / ZOOM,
  top: Number(a.top) / ZOOM,
  width: Number(a.width) / ZOOM,
  height: Number(a.height) / ZOOM,
});
const holds = (r: Rect, x: number, y: number) => x >= r.left && x <= r.left + r.width && y >= r.top && y <= r.top + r.height;

/**
 * The pictures of each page of `pdf` (poppler's `pdftohtml -xml`, which places every image it draws). An
 * image with text of the text layer over it (a page drawn as a background, a form) is not one: there the
 * reference has the text.
 */
export function pdfPictures(pdf: string): PagePictures[] {
  const dir = mkdtempSync(join(tmpdir(), 'verbali-pictures-'));
  try {
    // It writes the images beside its XML: a folder of its own, gone after.
    execFileSync('pdftohtml', ['-xml', '-q', '-nodrm', pdf, join(dir, 'out')], { stdio: 'ignore' });
    return picturesOfXml(readFileSync(join(dir, 'out.xml'), 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The pages of `pdftohtml -xml`'s output, each with its pictures. */
export function picturesOfXml(xml: string): PagePictures[] {
  return xml
    .split(/(?=<page )/)
    .slice(1)
    .map((chunk) => {
      const page = attributes(chunk.slice(0, chunk.indexOf('>')));
      const texts = [...chunk.matchAll(/<text [^>]*>/g)].map((m) => rect(attributes(m[0])));
      const images = [...chunk.matchAll(/<image [^>]*>/g)].map((m) => rect(attributes(m[0])));
      return {
        width: Number(page.width) / ZOOM,
        height: Number(page.height) / ZOOM,
        pictures: images.filter((img) => !texts.some((t) => holds(img, t.left + t.width / 2, t.top + t.height / 2))),
      };
    });
}

/** How a scan's page image stands to its PDF page: make-scan.sh's resolution and turn, then how the OCR read it. */
export interface ScanGeometry {
  /** Render resolution, dots per inch. */
  dpi: number;
  /** Degrees the page was turned clockwise after rendering (ImageMagick's `-rotate`, the canvas grown to hold it). */
  turned: number;
  /** The page image as scanned, in pixels. */
  imageWidth: number;
  imageHeight: number;
  /** Degrees the OCR turned it back (counter-clockwise positive, about the centre, the canvas kept: `rotateSmall`). */
  straightened: number;
  /** The factor the OCR scaled it by (`capPixels`). */
  scale: number;
}

/** Margin around a picture, in pixels of the page read, for the turn's rounding and a box's ink. */
const MARGIN = 12;

type Box = { x0: number; y0: number; x1: number; y1: number };

/**
 * Whether a word's box (pixels of the page as the OCR read it) has its centre inside one of `page`'s
 * pictures: `picturesAsRead` of the page, then `centreIn`.
 */
export function inPicture(page: PagePictures, geometry: ScanGeometry, box: Box): boolean {
  return centreIn(picturesAsRead(page, geometry), box);
}

/** Each of `page`'s pictures in pixels of the page as read: its corners through the scan's geometry, the box they span, widened by `MARGIN`. */
export function picturesAsRead(page: PagePictures, geometry: ScanGeometry): Box[] {
  return page.pictures.map((picture) => {
    const corners = cornersOf(picture).map(([px, py]) => toRead(page, geometry, px, py));
    const xs = corners.map((c) => c[0]);
    const ys = corners.map((c) => c[1]);
    return { x0: Math.min(...xs) - MARGIN, y0: Math.min(...ys) - MARGIN, x1: Math.max(...xs) + MARGIN, y1: Math.max(...ys) + MARGIN };
  });
}

/** Whether `box` has its centre inside one of `areas`. */
export function centreIn(areas: readonly Box[], box: Box): boolean {
  const x = (box.x0 + box.x1) / 2;
  const y = (box.y0 + box.y1) / 2;
  return areas.some((a) => x >= a.x0 && x <= a.x1 && y >= a.y0 && y <= a.y1);
}

const cornersOf = (r: Rect): [number, number][] => [
  [r.left, r.top],
  [r.left + r.width, r.top],
  [r.left, r.top + r.height],
  [r.left + r.width, r.top + r.height],
];

/** A point in PDF points to pixels of the page as read. */
function toRead(page: PagePictures, g: ScanGeometry, px: number, py: number): [number, number] {
  const k = g.dpi / 72;
  const [w0, h0] = [page.width * k, page.height * k];
  // Turned clockwise about the rendered page's centre, onto the grown canvas's centre.
  const a = (g.turned * Math.PI) / 180;
  const [dx, dy] = [px * k - w0 / 2, py * k - h0 / 2];
  let x = g.imageWidth / 2 + dx * Math.cos(a) - dy * Math.sin(a);
  let y = g.imageHeight / 2 + dx * Math.sin(a) + dy * Math.cos(a);
  // Scaled, then turned back about the centre of the same canvas (rotateSmall samples the source at R(b)·q).
  const [cx, cy] = [(g.imageWidth * g.scale) / 2, (g.imageHeight * g.scale) / 2];
  const [sx, sy] = [x * g.scale - cx, y * g.scale - cy];
  const b = (g.straightened * Math.PI) / 180;
  x = cx + sx * Math.cos(b) + sy * Math.sin(b);
  y = cy - sx * Math.sin(b) + sy * Math.cos(b);
  return [x, y];
}

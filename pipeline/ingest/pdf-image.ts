import type * as PdfLib from 'pdf-lib';
import type { GreyImage } from './page.js';

type PdfLibModule = typeof PdfLib;

/** The one image a scanned PDF page consists of: its stream, and how the page shows it. */
export interface PageImage {
  /** The image stream's dictionary entries verbali decodes from. */
  width: number;
  height: number;
  filter: string;
  /** 1 (grey), 3 (RGB) or 4 (CMYK) components; 1 for an image mask. */
  components: number;
  bitsPerComponent: number;
  /** Samples inverted by the image's /Decode array (or a CCITT /BlackIs1). */
  inverted: boolean;
  decodeParms: Map<string, number | boolean>;
  bytes: Uint8Array;
  /**
   * Where the image's pixel grid points on the upright page as a viewer shows
   * it (after the matrix that draws it and the page's /Rotate): the direction
   * of its columns (left to right) and of its rows (top to bottom), each one of
   * (±1, 0) or (0, ±1) in screen coordinates (y down).
   */
  across: readonly [number, number];
  down: readonly [number, number];
  /** Resolution of the image as drawn, in pixels per inch. */
  dpi: number;
}

let pdfLib: Promise<PdfLibModule> | undefined;
const loadPdfLib = () => {
  pdfLib ??= import('pdf-lib');
  return pdfLib;
};

/**
 * A reader of the images of a PDF's pages, by page index (0-based), from the
 * raw PDF objects (pdf-lib), so an embedded JPEG reaches a native decoder as
 * the bytes the scanner wrote: pdf.js would decode it in JavaScript on the
 * main thread, and render it resampled to the page. `null` when the file
 * cannot be opened this way (pdf.js then reads it as before).
 */
export async function openPageImages(bytes: Uint8Array): Promise<((index: number) => PageImage | null) | null> {
  const lib = await loadPdfLib();
  let doc: PdfLib.PDFDocument;
  try {
    // A Buffer: pdf-lib slices each stream's contents out of the file, and a Buffer's slice is a view, where a
    // Uint8Array's is a copy (the file's size again). pdf.js has a copy of its own to detach.
    const file = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    doc = await lib.PDFDocument.load(file, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: true });
  } catch {
    return null;
  }
  return (index) => {
    try {
      return pageImage(lib, doc, index);
    } catch {
      return null;
    }
  };
}

/** The page's only image, when the page draws one image and nothing else, through an axis-aligned matrix. */
function pageImage(lib: PdfLibModule, doc: PdfLib.PDFDocument, index: number): PageImage | null {
  const { PDFArray, PDFDict, PDFName, PDFNumber, PDFBool, PDFRawStream, decodePDFRawStream } = lib;
  if (index >= doc.getPageCount()) return null;
  const page = doc.getPage(index);
  const contents = page.node.Contents();
  if (!contents) return null;
  const streams = contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r)) : [contents];
  let text = '';
  for (const s of streams) {
    if (!(s instanceof PDFRawStream)) return null;
    text += `${Buffer.from(decodePDFRawStream(s).decode()).toString('latin1')}\n`;
  }
  const drawn = singleImageDraw(text);
  if (!drawn) return null;
  const xobjects = page.node.Resources()?.lookupMaybe(PDFName.of('XObject'), PDFDict);
  const stream = xobjects?.lookup(PDFName.of(drawn.name));
  if (!(stream instanceof PDFRawStream)) return null;
  const dict = stream.dict;
  const get = (key: string) => dict.lookup(PDFName.of(key));
  const num = (key: string) => {
    const v = get(key);
    return v instanceof PDFNumber ? v.asNumber() : null;
  };
  if (get('Subtype')?.toString() !== '/Image' || get('SMask') || get('Mask')) return null;
  let filter = get('Filter');
  if (filter instanceof PDFArray) filter = filter.size() === 1 ? filter.lookup(0) : undefined;
  if (!(filter instanceof PDFName)) return null;
  let parms = get('DecodeParms');
  if (parms instanceof PDFArray) parms = parms.lookup(0);
  const decodeParms = new Map<string, number | boolean>();
  if (parms instanceof PDFDict) {
    for (const [k, v] of parms.entries()) {
      if (v instanceof PDFNumber) decodeParms.set(k.decodeText(), v.asNumber());
      else if (v instanceof PDFBool) decodeParms.set(k.decodeText(), v.asBoolean());
    }
  }
  const width = num('Width');
  const height = num('Height');
  if (!width || !height) return null;
  const mask = get('ImageMask') instanceof PDFBool && (get('ImageMask') as PdfLib.PDFBool).asBoolean();
  const components = mask ? 1 : colourComponents(lib, get('ColorSpace'));
  if (!components) return null;
  const decode = get('Decode');
  const inverted = decode instanceof PDFArray && decode.size() >= 2 && (decode.lookup(0) as PdfLib.PDFNumber).asNumber?.() === 1;
  const oriented = orientation(drawn.matrix, page.getRotation().angle);
  if (!oriented) return null;
  const [a, b, c, d] = drawn.matrix as [number, number, number, number];
  const dpiX = width / (Math.hypot(a, b) / 72);
  const dpiY = height / (Math.hypot(c, d) / 72);
  // Non-square pixels (a fax's 204 × 98 dpi) need resampling: pdf.js renders those.
  if (Math.abs(dpiX - dpiY) > 0.03 * dpiX) return null;
  return {
    width,
    height,
    filter: filter.decodeText(),
    components,
    bitsPerComponent: mask ? 1 : (num('BitsPerComponent') ?? 8),
    inverted,
    decodeParms,
    bytes: stream.contents,
    ...oriented,
    dpi: Math.round((dpiX + dpiY) / 2),
  };
}

/** Components of an image's colour space, or null for one verbali leaves to pdf.js (Indexed, Separation, Lab…). */
function colourComponents(lib: PdfLibModule, space: PdfLib.PDFObject | undefined): number | null {
  const { PDFArray, PDFName, PDFNumber, PDFRawStream } = lib;
  if (space instanceof PDFName) return ({ DeviceGray: 1, CalGray: 1, DeviceRGB: 3, CalRGB: 3, DeviceCMYK: 4 } as Record<string, number>)[space.decodeText()] ?? null;
  if (space instanceof PDFArray && space.lookup(0)?.toString() === '/ICCBased') {
    const profile = space.lookup(1);
    const n = profile instanceof PDFRawStream ? profile.dict.lookup(PDFName.of('N')) : undefined;
    return n instanceof PDFNumber ? n.asNumber() : null;
  }
  if (space instanceof PDFArray && space.size() >= 1) return colourComponents(lib, space.lookup(0));
  return null;
}

/**
 * The image a content stream draws, when it draws exactly one XObject and
 * nothing else: only graphics-state operators (q, Q, cm, gs, and line or
 * rendering settings) around one `Do`. Anything else (text, paths, inline
 * images, a second image) means the page is more than a scan: null.
 */
export function singleImageDraw(content: string): { name: string; matrix: number[] } | null {
  const stateOps = new Set(['q', 'Q', 'cm', 'gs', 'w', 'J', 'j', 'M', 'd', 'ri', 'i']);
  const tokens = content.match(/\/[^\s/[\]()<>{}%]+|[-+]?(?:\d+\.?\d*|\.\d+)|[A-Za-z'"*]+\d?|%[^\n\r]*|\S/g) ?? [];
  let ctm = [1, 0, 0, 1, 0, 0];
  const saved: number[][] = [];
  const operands: string[] = [];
  let found: { name: string; matrix: number[] } | null = null;
  for (const t of tokens) {
    if (t.startsWith('%')) continue;
    if (/^[-+.\d]/.test(t) || t.startsWith('/')) {
      operands.push(t);
      continue;
    }
    if (!stateOps.has(t) && t !== 'Do') return null;
    if (t === 'q') saved.push(ctm);
    else if (t === 'Q') ctm = saved.pop() ?? [1, 0, 0, 1, 0, 0];
    else if (t === 'cm') {
      const m = operands.slice(-6).map(Number);
      if (m.length !== 6 || m.some((x) => !Number.isFinite(x))) return null;
      ctm = multiply(m, ctm);
    } else if (t === 'Do') {
      if (found) return null;
      const name = operands.at(-1);
      if (!name?.startsWith('/')) return null;
      found = { name: name.slice(1), matrix: ctm };
    }
    operands.length = 0;
  }
  return found;
}

/** m × n for PDF matrices [a b c d e f] (m applied first). */
function multiply(m: number[], n: number[]): number[] {
  const [a, b, c, d, e, f] = m as [number, number, number, number, number, number];
  const [A, B, C, D, E, F] = n as [number, number, number, number, number, number];
  return [a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F];
}

/**
 * Where an image drawn through `matrix` on a page with /Rotate `rotate` points
 * on screen: image columns run along (a, b) in user space, image rows (top to
 * bottom) along (-c, -d); user space has y up, the screen y down, and /Rotate
 * turns the page clockwise. Null unless both are axis-aligned.
 */
function orientation(matrix: number[], rotate: number): { across: [number, number]; down: [number, number] } | null {
  const [a, b, c, d] = matrix as [number, number, number, number];
  const unit = (x: number, y: number): [number, number] | null => {
    const len = Math.hypot(x, y);
    if (len === 0) return null;
    const [ux, uy] = [x / len, y / len];
    if (Math.abs(ux) > 0.999) return [Math.sign(ux), 0];
    if (Math.abs(uy) > 0.999) return [0, Math.sign(uy)];
    return null;
  };
  let across = unit(a, -b);
  let down = unit(-c, d);
  if (!across || !down) return null;
  // A clockwise quarter turn on screen (y down): (x, y) → (-y, x).
  const turns = (((Math.round(rotate / 90) % 4) + 4) % 4) as number;
  for (let i = 0; i < turns; i++) {
    across = [-across[1] || 0, across[0]];
    down = [-down[1] || 0, down[0]];
  }
  return { across, down };
}

/**
 * Lay an image's pixels out as the page shows them: pixel (x, y) of the image
 * moves along `across` per column and `down` per row (see {@link PageImage}),
 * covering turns by quarter turns and mirror images alike.
 */
export function orientGrey(img: GreyImage, across: readonly [number, number], down: readonly [number, number]): GreyImage {
  const { width: w, height: h, data } = img;
  if (across[0] === 1 && down[1] === 1) return img;
  const swap = across[0] === 0;
  const [W, H] = swap ? [h, w] : [w, h];
  // Destination of (0, 0), then steps per column and per row, as offsets into the output.
  const X0 = across[0] < 0 || down[0] < 0 ? W - 1 : 0;
  const Y0 = across[1] < 0 || down[1] < 0 ? H - 1 : 0;
  const stepX = across[0] + across[1] * W;
  const stepY = down[0] + down[1] * W;
  const out = new Uint8Array(W * H);
  for (let y = 0, src = 0; y < h; y++) {
    let dst = Y0 * W + X0 + y * stepY;
    for (let x = 0; x < w; x++, src++, dst += stepX) out[dst] = data[src] as number;
  }
  return { width: W, height: H, data: out };
}

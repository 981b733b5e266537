import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VerbaliError } from '../errors.js';
import { decodePageImage, plainJpeg, previewGrey } from './decode-image.js';
import type { PageInput, PageWarning } from './page.js';
import { openPageImages, orientGrey, type PageImage } from './pdf-image.js';
import { rgbaToGrey } from './raster.js';
import type { ReadContext } from './read-pages.js';
import type { LoadedSource } from './source.js';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;
type PdfPage = Awaited<ReturnType<PdfDocument['getPage']>>;

/** Options of PDF reading. */
export interface PdfReadOptions {
  /** Render resolution for pages without a text layer. Default 300. */
  dpi: number;
  /**
   * Render no more pixels than this: a page larger than the cap at `dpi` is
   * rendered at a lower resolution directly (cheaper than rendering and then
   * downscaling). Default 9.5 MP: an A4 page at 300 dpi with room for a scanner's margin.
   */
  maxPixels: number;
  /** A page whose text layer has fewer letters than this is treated as a scan. Default 40. */
  minTextLayerChars: number;
  /** Pages larger than this when rendered are refused (points², i.e. 1/72 in). Default: 4 A0 sheets. */
  maxPagePoints: number;
  /** Start at this page (1-based): a reader restarted after a page that hung goes on from the next one. Default 1. */
  firstPage: number;
  /** Stop after this page (1-based, inclusive): a queue's page job reads one page. Default: the last. */
  lastPage: number;
}

export const PDF_DEFAULTS: PdfReadOptions = { dpi: 300, maxPixels: 9_500_000, minTextLayerChars: 40, maxPagePoints: 4 * 2384 * 3370, firstPage: 1, lastPage: Number.POSITIVE_INFINITY };

/** Page images up to this size are decoded whole (an A4 page at 600 dpi); larger ones are rendered by pdf.js within `maxPixels`. */
const MAX_NATIVE_PIXELS = 40_000_000;
/**
 * The grey copy a scanner's JPEG travels with, to measure skew and find leader dots on (an A4 page at 300 dpi
 * scaled to 0.4: a 10 pt letter stays 10 pixels tall, a leader's dot 2). Decoding to it costs what 0.6 MP did.
 */
const PREVIEW_PIXELS = 1_500_000;

let pdfjs: Promise<PdfJs> | undefined;

/** pdf.js loads lazily: a text-only batch never pays for it. */
function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjs;
}

/**
 * pdf.js asset folders (fonts, cmaps, wasm decoders), found through module
 * resolution, as file-system paths with a final separator. Not `file://` URLs:
 * in Node pdf.js hands the string to `fs.promises.readFile`, which reads a
 * `file://` string as a relative path, so every font, cmap and wasm decoder
 * failed to load (silently, at verbosity 0) and pdf.js fell back to slower JS.
 */
function assetPath(folder: string): string {
  const pkg = dirname(fileURLToPath(import.meta.resolve('pdfjs-dist/package.json')));
  return `${join(pkg, folder)}${sep}`;
}

/**
 * One pdf.js document open at a time in this thread. pdf.js's worker code runs
 * in this thread too (its "fake worker"), and its wasm decoders (JBIG2/CCITT,
 * JPEG 2000, ICC colour) keep the message handler of the *last document
 * opened* in static fields, to fetch their wasm on first use. With two
 * documents open, a CCITT page of the first asked the second document for
 * `jbig2.wasm`; when the second was destroyed before answering, the request
 * was dropped and the first page's rendering waited forever, with no CPU and
 * no timer (regressions/batch-hang). Documents taking turns makes the handler
 * in those fields always the open document's own.
 */
let turn: Promise<void> = Promise.resolve();
function nextTurn(): Promise<() => void> {
  const previous = turn;
  let release!: () => void;
  turn = new Promise<void>((resolve) => {
    release = resolve;
  });
  return previous.then(() => release);
}

/**
 * Yield a PDF's pages in order: the text layer where a page has one
 * (`text-layer`), else the page rendered in grey for OCR. Encrypted,
 * corrupt and empty PDFs are refused with their reason. A PDF that carries
 * JavaScript is read like any other (pdf.js never runs document scripts, and
 * eval is off) and its first page carries a `pdf-javascript` warning.
 * Every page is cleaned up after use and the document destroyed at the end;
 * documents take turns (see `nextTurn`), so finish or `return()` the generator.
 */
export async function* readPdfPages(source: LoadedSource, options: Partial<PdfReadOptions> = {}, ctx: ReadContext = {}): AsyncGenerator<PageInput> {
  const opts = { ...PDF_DEFAULTS, ...options };
  const release = await nextTurn();
  try {
    yield* readOpenPdf(await openPdf(source), source, opts, ctx);
  } finally {
    release();
  }
}

/** How many pages a PDF has (a queue splits long ones into page jobs). Refused as `readPdfPages` refuses; takes its turn like it. */
export async function pdfPageCount(source: LoadedSource): Promise<number> {
  const release = await nextTurn();
  try {
    const doc = await openPdf(source);
    try {
      return doc.numPages;
    } finally {
      await doc.destroy();
    }
  } finally {
    release();
  }
}

/** Open a PDF (call it in a turn): encrypted and corrupt files are refused with their reason. */
async function openPdf(source: LoadedSource): Promise<PdfDocument> {
  const { getDocument } = await loadPdfJs();
  const task = getDocument({
    // A copy: pdf.js detaches the buffer it is given, and a scanned page's image is read from the
    // file's own bytes later (pdf-lib, opened on the first page without text, so a born-digital
    // PDF never pays its 0.4 s).
    data: new Uint8Array(source.bytes),
    isEvalSupported: false,
    enableXfa: false,
    useSystemFonts: false,
    disableFontFace: true,
    standardFontDataUrl: assetPath('standard_fonts'),
    cMapUrl: assetPath('cmaps'),
    cMapPacked: true,
    wasmUrl: assetPath('wasm'),
    verbosity: 0,
    stopAtErrors: false,
  });
  try {
    return await task.promise;
  } catch (error) {
    await task.destroy().catch(() => undefined);
    throw pdfError(source.file, error);
  }
}

async function* readOpenPdf(doc: PdfDocument, source: LoadedSource, opts: PdfReadOptions, ctx: ReadContext): AsyncGenerator<PageInput> {
  try {
    if (doc.numPages === 0) throw new VerbaliError('E_INPUT_EMPTY', 'the PDF has no pages', { file: source.file });
    ctx.onPageCount?.(doc.numPages);
    const js = await doc.getJSActions().catch(() => null);
    const hasJs = (js && Object.keys(js).length > 0) || (await hasJavaScriptNames(doc));
    const warnings: PageWarning[] = hasJs
      ? [{ code: 'pdf-javascript', message: 'the PDF carries JavaScript; it was read with scripting off (pdf.js never runs document scripts)' }]
      : [];
    let images: Promise<((index: number) => PageImage | null) | null> | undefined;
    const imageOf = async (n: number) => {
      images ??= openPageImages(source.bytes);
      return (await images)?.(n - 1) ?? null;
    };
    const last = Math.min(doc.numPages, opts.lastPage);
    for (let n = Math.max(1, opts.firstPage); n <= last; n++) {
      let page: PdfPage | undefined;
      try {
        page = await doc.getPage(n);
        const read = await readPage(doc, page, n, source.file, opts, imageOf);
        yield n === 1 && warnings.length > 0 ? { ...read, warnings } : read;
      } catch (error) {
        if (error instanceof VerbaliError) throw error;
        throw new VerbaliError('E_INPUT_PDF', `cannot read the page: ${(error as Error).message}`, { file: source.file, page: n, cause: error });
      } finally {
        page?.cleanup();
      }
    }
  } finally {
    await doc.destroy();
  }
}

async function hasJavaScriptNames(doc: PdfDocument): Promise<boolean> {
  const getJavaScript = (doc as unknown as { getJavaScript?: () => Promise<string[] | null> }).getJavaScript;
  if (typeof getJavaScript !== 'function') return false;
  const scripts = await getJavaScript.call(doc).catch(() => null);
  return Array.isArray(scripts) && scripts.length > 0;
}

/**
 * A page as text (its text layer) or as an image for OCR. A scanned page that
 * is one image is decoded at the image's own resolution and laid out as the
 * page shows it (its matrix and /Rotate): the pixels the scanner wrote, not a
 * resampled rendering. Any other page is rendered by pdf.js, at the image's
 * resolution when it has one image pdf.js must decode, else at `dpi`.
 */
async function readPage(
  doc: PdfDocument,
  page: PdfPage,
  n: number,
  file: string,
  opts: PdfReadOptions,
  imageOf: (n: number) => Promise<PageImage | null>,
): Promise<PageInput> {
  const text = await textLayer(page);
  if (text.replace(/[^\p{L}]/gu, '').length >= opts.minTextLayerChars) return { n, kind: 'text', text, method: 'text-layer' };
  const base = page.getViewport({ scale: 1 });
  if (base.width * base.height > opts.maxPagePoints) {
    throw new VerbaliError('E_INPUT_TOO_LARGE', `the page is ${Math.round(base.width)}×${Math.round(base.height)} pt, too large to render`, { file, page: n });
  }
  const scan = await imageOf(n);
  const jpeg = scan && scan.width * scan.height <= MAX_NATIVE_PIXELS && plainJpeg(scan);
  if (scan && jpeg) {
    const preview = await previewGrey(jpeg, PREVIEW_PIXELS).catch(() => null);
    if (preview) return { n, kind: 'encoded', bytes: jpeg, width: scan.width, height: scan.height, dpi: scan.dpi, preview };
  }
  if (scan && scan.width * scan.height <= MAX_NATIVE_PIXELS) {
    const stored = await decodePageImage(scan);
    if (stored) return { n, kind: 'image', image: orientGrey(stored, scan.across, scan.down), dpi: scan.dpi };
  }
  const dpi = scan ? Math.min(Math.max(scan.dpi, 150), 600) : opts.dpi;
  const scale = Math.min(dpi / 72, Math.sqrt(opts.maxPixels / (base.width * base.height)));
  const viewport = page.getViewport({ scale });
  // Rounded down, so the page stays within the pixel cap: rounded up it went a few
  // pixels over, and the OCR stage then resampled the whole page to shed them.
  const width = Math.floor(viewport.width);
  const height = Math.floor(viewport.height);
  const factory = (doc as unknown as { canvasFactory: CanvasFactory }).canvasFactory;
  const { canvas, context } = factory.create(width, height);
  try {
    context.fillStyle = '#fff';
    context.fillRect(0, 0, width, height);
    await page.render({ canvas, canvasContext: context, viewport } as unknown as Parameters<PdfPage['render']>[0]).promise;
    const rgba = context.getImageData(0, 0, width, height).data;
    return { n, kind: 'image', image: rgbaToGrey(rgba, width, height), dpi: Math.round(scale * 72) };
  } finally {
    factory.destroy({ canvas, context });
  }
}

interface CanvasFactory {
  create(width: number, height: number): { canvas: unknown; context: CanvasContext };
  destroy(pair: { canvas: unknown; context: CanvasContext }): void;
}
interface CanvasContext {
  fillStyle: string;
  fillRect(x: number, y: number, w: number, h: number): void;
  getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
}

/** A run of text the page draws, in page units: left edge, baseline, width, font size. */
interface Run {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

/**
 * A page's text layer laid out as printed, as `pdftotext -layout` does:
 * runs grouped into lines by baseline, lines top to bottom, each run placed
 * at the column its position gives (so a table's columns stay apart and
 * aligned, and indentation shows), a blank line where the gap between lines
 * is wider than one and a half lines. Rotated runs (a stamp up the margin)
 * come last, one per line. Content order alone puts a two-column table's
 * cells out of order and glues its columns.
 */
async function textLayer(page: PdfPage): Promise<string> {
  const content = await page.getTextContent();
  const runs: Run[] = [];
  const rotated: string[] = [];
  for (const item of content.items) {
    // Spaces are gaps, not text: their width would hide a column's edge.
    if (!('str' in item) || item.str.trim() === '') continue;
    const [a, b, c, d, x, y] = item.transform as number[];
    if (Math.abs(b as number) > Math.abs(a as number) || Math.abs(c as number) > Math.abs(d as number)) {
      if (item.str.trim()) rotated.push(item.str.trim());
      continue;
    }
    const size = Math.abs((d as number) || item.height || 10);
    runs.push({ str: item.str, x: x as number, y: y as number, width: item.width, size });
  }
  if (runs.length === 0) return rotated.join('\n');
  // One character's width on this page: the median over runs, so a column lands where it is printed.
  const widths = runs.filter((r) => r.str.trim().length > 1 && r.width > 0).map((r) => r.width / r.str.length).sort((p, q) => p - q);
  const cw = widths.length ? (widths[widths.length >> 1] as number) : 5;
  const left = Math.min(...runs.map((r) => r.x));
  // Lines: runs whose baselines are within a third of their size, top of the page first.
  runs.sort((p, q) => q.y - p.y || p.x - q.x);
  const lines: { y: number; size: number; runs: Run[] }[] = [];
  for (const r of runs) {
    const line = lines.find((l) => Math.abs(l.y - r.y) <= Math.min(l.size, r.size) * 0.35);
    if (line) line.runs.push(r);
    else lines.push({ y: r.y, size: r.size, runs: [r] });
  }
  lines.sort((p, q) => q.y - p.y);
  const out: string[] = [];
  let previous: { y: number; size: number } | null = null;
  for (const line of lines) {
    if (previous && previous.y - line.y > Math.max(previous.size, line.size) * 1.9) out.push('');
    line.runs.sort((p, q) => p.x - q.x);
    let text = '';
    let end = left;
    for (const r of line.runs) {
      const column = Math.round((r.x - left) / cw);
      const gap = r.x - end;
      // A gap wider than a space but narrower than two characters is one space; a wide gap keeps its columns.
      if (text.length > 0 && gap > cw * 0.2 && !text.endsWith(' ') && !r.str.startsWith(' ')) text += ' ';
      if (column > text.length + 1 && gap > cw * 1.5) text += ' '.repeat(column - text.length);
      else if (text.length === 0 && column > 0) text = ' '.repeat(column);
      text += r.str;
      end = r.x + r.width;
    }
    out.push(text.replace(/\s+$/, ''));
    previous = line;
  }
  if (rotated.length) out.push('', ...rotated);
  return out.join('\n').replace(/\n{3,}/g, '\n\n').replace(/^\n+|\n+$/g, '');
}

function pdfError(file: string, error: unknown): VerbaliError {
  const name = (error as { name?: string }).name ?? '';
  const message = (error as Error).message ?? String(error);
  if (name === 'PasswordException') {
    return new VerbaliError('E_ENCRYPTED', 'the PDF is encrypted (password protected): decrypt it first, e.g. `qpdf --decrypt in.pdf out.pdf`', { file, cause: error });
  }
  if (name === 'InvalidPDFException' || name === 'FormatError') {
    return new VerbaliError('E_INPUT_PDF', `the PDF is corrupt or truncated: ${message}`, { file, cause: error });
  }
  return new VerbaliError('E_INPUT_PDF', `cannot open the PDF: ${message}`, { file, cause: error });
}

import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { VerbaliError } from '../errors.js';
import { decodePageImage, decodeToGrey, plainJpeg, previewGrey } from './decode-image.js';
import type { PageInput } from './page.js';
import { openPageImages, orientGrey, type PageImage } from './pdf-image.js';
import { rgbaToGrey } from './raster.js';
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
}

export const PDF_DEFAULTS: PdfReadOptions = { dpi: 300, maxPixels: 9_500_000, minTextLayerChars: 40, maxPagePoints: 4 * 2384 * 3370 };

/** Page images up to this size are decoded whole (an A4 page at 600 dpi); larger ones are rendered by pdf.js within `maxPixels`. */
const MAX_NATIVE_PIXELS = 40_000_000;

let pdfjs: Promise<PdfJs> | undefined;

/** pdf.js loads lazily: a text-only batch never pays for it. */
function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjs;
}

/** pdf.js asset folders (fonts, cmaps, wasm decoders), found through module resolution, as URLs with a final slash. */
function assetUrl(folder: string): string {
  const pkg = dirname(fileURLToPath(import.meta.resolve('pdfjs-dist/package.json')));
  return `${pathToFileURL(join(pkg, folder)).href}/`;
}

/**
 * Yield a PDF's pages in order: the text layer where a page has one
 * (`text-layer`), else the page rendered in grey for OCR. Encrypted,
 * corrupt, empty and JavaScript-carrying PDFs are refused with their reason.
 * Every page is cleaned up after use and the document destroyed at the end.
 */
export async function* readPdfPages(source: LoadedSource, options: Partial<PdfReadOptions> = {}): AsyncGenerator<PageInput> {
  const opts = { ...PDF_DEFAULTS, ...options };
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
    standardFontDataUrl: assetUrl('standard_fonts'),
    cMapUrl: assetUrl('cmaps'),
    cMapPacked: true,
    wasmUrl: assetUrl('wasm'),
    verbosity: 0,
    stopAtErrors: false,
  });
  let doc: PdfDocument;
  try {
    doc = await task.promise;
  } catch (error) {
    await task.destroy().catch(() => undefined);
    throw pdfError(source.file, error);
  }
  try {
    if (doc.numPages === 0) throw new VerbaliError('E_INPUT_EMPTY', 'the PDF has no pages', { file: source.file });
    const js = await doc.getJSActions().catch(() => null);
    const hasJs = (js && Object.keys(js).length > 0) || (await hasJavaScriptNames(doc));
    if (hasJs) {
      throw new VerbaliError('E_PDF_JAVASCRIPT', 'the PDF carries JavaScript: verbali does not process such files; re-export it to plain PDF (e.g. `qpdf` or print to PDF)', { file: source.file });
    }
    let images: Promise<((index: number) => PageImage | null) | null> | undefined;
    const imageOf = async (n: number) => {
      images ??= openPageImages(source.bytes);
      return (await images)?.(n - 1) ?? null;
    };
    for (let n = 1; n <= doc.numPages; n++) {
      let page: PdfPage | undefined;
      try {
        page = await doc.getPage(n);
        yield await readPage(doc, page, n, source.file, opts, imageOf);
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
    const preview = await previewGrey(jpeg).catch(() => null);
    if (preview) return { n, kind: 'encoded', bytes: jpeg, width: scan.width, height: scan.height, dpi: scan.dpi, preview, decode: () => decodeToGrey(jpeg) };
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

/**
 * A page's text layer in reading order: items in content order, a line break
 * where pdf.js marks one or the baseline moves, a blank line where the gap
 * between lines is larger than one and a half lines (a new paragraph).
 */
async function textLayer(page: PdfPage): Promise<string> {
  const content = await page.getTextContent();
  let out = '';
  let lastY: number | null = null;
  let lastHeight = 0;
  for (const item of content.items) {
    if (!('str' in item)) continue;
    const y = item.transform[5] as number;
    const height = Math.abs((item.transform[3] as number) || item.height || 10);
    if (lastY !== null && Math.abs(y - lastY) > height * 0.5 && !out.endsWith('\n')) out += '\n';
    if (lastY !== null && lastY - y > Math.max(height, lastHeight) * 1.9 && !out.endsWith('\n\n')) out += '\n';
    out += item.str;
    if (item.hasEOL) out += '\n';
    lastY = y;
    lastHeight = height;
  }
  return out.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
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

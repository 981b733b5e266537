import { VerbaliError } from '../errors.js';
import { capPixels, decodeToGrey, type EncodedPage, type GreyImage, type PageInput, type PageText, type PageWarning, previewGrey, rotateGrey, toJpeg, toPng } from '../ingest/index.js';
import { detectSkew, rotateSmall } from './deskew.js';
import { layOutText } from './lay-out.js';
import { eraseLeaderDots, hasLeaderDots } from './leader-dots.js';
import { restoreLineOrder } from './line-order.js';
import { addListBullets, BULLET_PIXELS } from './list-bullets.js';
import { findLostLines, insertLines, type LostLine, readAgain } from './lost-lines.js';
import type { OcrPool, OcrResult } from './pool.js';
import { attachStrayMarks } from './stray-marks.js';

/** Options of page recognition. */
export interface RecognizeOptions {
  /**
   * Downscale larger page images to this many pixels before OCR. Default 9.5 MP:
   * an A4 page at 300 dpi (as OCRmyPDF renders) with a scanner's margin, read as
   * scanned; a 600 dpi scan is halved.
   */
  maxPixels: number;
  /** Pixels of the copy orientation detection looks at. Default 4 MP (A4 at 200 dpi: small print still reads). */
  osdPixels: number;
  /** Turn a page only when OSD is at least this sure. Default 1.5. */
  minOrientationConfidence: number;
  /** A first reading at least this confident (mean word confidence) is upright: no OSD. Default 65. */
  uprightConfidence: number;
  /**
   * Straighten pages skewed by at least this many degrees. Default 0.9: below
   * about a degree tesseract's own line finding copes, and turning the pixels
   * softens the strokes of a noisy scan. Measured on make-scan.sh scans of the
   * 17 real verbali of bench:accuracy (pages turned 0.6°): 0.78% CER read as
   * they are, 0.90% straightened from 0.2°. The one page of the OCR dev set it
   * costs (a photocopy skewed 0.4°, whose line's last comma PSM 4 reads as a
   * line of its own) is 3 characters.
   */
  minSkewDegrees: number;
  /** Keep a JPEG of the page as read (turned, straightened) of at most this many pixels, for the review site. Default 0: none. */
  previewPixels: number;
  /**
   * Erase leader dots (`ROSSI Anna ....... presente`) before reading. Default true: tesseract reads a row of
   * dots as letters and damages the name beside it (`eraseLeaderDots`).
   */
  eraseLeaders: boolean;
}

export const RECOGNIZE_DEFAULTS: RecognizeOptions = {
  maxPixels: 9_500_000,
  osdPixels: 4_000_000,
  minOrientationConfidence: 1.5,
  uprightConfidence: 65,
  minSkewDegrees: 0.9,
  previewPixels: 0,
  eraseLeaders: true,
};

/** Decode a still-encoded page to grey, whole or (with `maxPixels`) scaled down as it is decoded. */
export type DecodePage = (page: EncodedPage, maxPixels?: number) => Promise<GreyImage>;

/** Decoding in this thread (a run with reader threads decodes there: `ReaderPool.decode`). */
export const decodeHere: DecodePage = (page, maxPixels) => (maxPixels ? previewGrey(page.bytes, maxPixels) : decodeToGrey(page.bytes));

/** A page's text, its word boxes, and the warning of a page that could not be read. */
export interface RecognizedPage extends PageText {
  words?: { text: string; confidence: number; bbox: { x0: number; y0: number; x1: number; y1: number } }[];
  /** The image the word boxes are in: its size, and the degrees it was straightened by after turning (`rotateSmall`). */
  frame?: { width: number; height: number; skew: number };
  /** JPEG of that image, downscaled (with `previewPixels`). */
  preview?: Buffer;
  /** Why the page has no text (it then holds a visible marker instead). */
  error?: VerbaliError;
  /** What the reader noticed about the page (or, on page 1, the document). */
  warnings?: PageWarning[];
}

/** Errors that end the run rather than mark a page: no other page could do better. */
const FATAL = new Set(['E_MISSING_DEP']);

/**
 * Text of one page: passed through when ingest already has it, else OCR'd.
 * A scanner's JPEG goes to tesseract as it is, told its resolution; any
 * other image is capped in size and sent as a PNG. The skew is measured here
 * (projection profile, on a small copy) and tesseract straightens the page in
 * its worker before reading it as one column. A page read with low
 * confidence (upside down) or as vertical text (sideways) goes to
 * orientation detection (OSD), is turned and read again; the better reading
 * wins. Upright pages, the common case, never pay for OSD. A page that fails
 * keeps a visible marker `[OCR failed on page N: reason]` and carries the
 * error, never a silent gap. `decode` gives a still-encoded page in grey when
 * it must be read from our pixels (the reader threads' `ReaderPool.decode`
 * where a run has them).
 */
export async function recognizePage(
  page: PageInput,
  pool: OcrPool | null,
  options: Partial<RecognizeOptions> = {},
  file?: string,
  signal?: AbortSignal,
  decode: DecodePage = decodeHere,
): Promise<RecognizedPage> {
  const warnings = withWarnings(page.warnings);
  if (page.kind === 'text') return { n: page.n, text: page.text, method: page.method, confidence: null, rotation: 0, ...warnings };
  if (page.kind === 'unreadable') return { ...marker(page.n, page.error), ...warnings };
  if (!pool) throw new VerbaliError('E_OCR', 'a page needs OCR but no OCR pool was given', { file, page: page.n });
  const opts = { ...RECOGNIZE_DEFAULTS, ...options };
  const where = { file, page: page.n, signal };
  try {
    // The whole page in grey, capped, decoded only when needed: a scanner's JPEG goes to tesseract as it is.
    let whole: Promise<{ image: GreyImage; dpi: number }> | undefined;
    const grey = () => {
      whole ??= (page.kind === 'image' ? Promise.resolve(page.image) : decode(page)).then((full) => {
        const image = capPixels(full, opts.maxPixels);
        // Resolution as the file gives it, scaled with the cap; else as if the page were A4.
        return { image, dpi: Math.round(page.dpi ? (page.dpi * image.width) / full.width : a4Dpi(image)) };
      });
      return whole;
    };
    // Straighten by the skew measured, from `minSkewDegrees` up. Tesseract turns the page itself, in its worker
    // (Leptonica): our pixels never need a straightened copy, and a scanner's skewed JPEG still goes as it is.
    const straighten = (detected: number) => (Math.abs(detected) >= opts.minSkewDegrees ? detected : 0);
    const read = async (rotation: 0 | 90 | 180 | 270) => {
      const { image, dpi } = await grey();
      const turned = rotateGrey(image, rotation);
      const skew = straighten(detectSkew(turned));
      const pixels = opts.eraseLeaders ? eraseLeaderDots(turned).image : turned;
      const input = await toPng(pixels, dpi);
      const result = await pool.recognize(input, where, dpi, skew);
      return { result, rotation, skew, width: turned.width, height: turned.height, turned: turned as GreyImage | null, input, dpi };
    };
    // A page within the size cap, still encoded: tesseract decodes it in its worker, in its own colour
    // (0.5-0.8 s of the main thread a page less than decoding, converting and copying it here, and 10 MB a page in
    // flight less); any failure falls back to our pixels.
    const readAsIs = (jpeg: EncodedPage, skew: number) => {
      const input = Buffer.from(jpeg.bytes.buffer, jpeg.bytes.byteOffset, jpeg.bytes.byteLength);
      return pool
        .recognize(input, where, jpeg.dpi, skew)
        // The boxes are in the JPEG's own pixels, straightened; a preview, if wanted, is decoded from it at preview size.
        .then((result) => ({ result, rotation: 0 as const, skew, width: jpeg.width, height: jpeg.height, turned: null, input, dpi: jpeg.dpi }))
        .catch((error: unknown) => {
          // A page out of time, or a run that cannot go on, is not the JPEG's fault: no second reading.
          if (signal?.aborted || (error instanceof VerbaliError && (error.code === 'E_TIMEOUT' || FATAL.has(error.code)))) throw error;
          return null;
        });
    };
    // A page printing leader dots is read from our pixels, the dots erased; its preview tells.
    const asIsFits = page.kind === 'encoded' && page.width * page.height <= opts.maxPixels && !(opts.eraseLeaders && hasLeaderDots(page.preview));
    const asIs = asIsFits ? await readAsIs(page, straighten(detectSkew(page.preview))) : null;
    let best = asIs ?? (await read(0));
    // The page as read, at preview size: from the pixels read, or (read as encoded) decoded small from the JPEG; straightened likewise.
    const previewOf = async ({ turned, skew }: { turned: GreyImage | null; skew: number }) => {
      const small = turned ? capPixels(turned, opts.previewPixels) : await decode(page as EncodedPage, opts.previewPixels);
      return skew !== 0 ? rotateSmall(small, skew) : small;
    };
    // Tesseract reads a sideways page line by line as vertical text; its words then stand taller than wide.
    const vertical = mostlyVertical(best.result.words);
    if (best.result.confidence < opts.uprightConfidence || vertical) {
      const small = capPixels((await grey()).image, opts.osdPixels);
      const orientation = await pool.detectOrientation(await toPng(small, a4Dpi(small)), where).catch(() => ({ degrees: 0 as const, confidence: 0 }));
      if (orientation.degrees !== 0 && orientation.confidence >= opts.minOrientationConfidence) {
        const turned = await read(orientation.degrees);
        // Tesseract can read vertical lines with high confidence: a confident upright reading beats it.
        const upright = vertical && !mostlyVertical(turned.result.words) && turned.result.confidence >= opts.uprightConfidence;
        if (upright || turned.result.confidence > best.result.confidence) best = turned;
      }
    }
    // Lines tesseract cut or read out of place put back as printed (a typewritten page's ragged line, a list's column),
    // and the list bullets it left out found in the page as it read it (our pixels, or the scanner JPEG's preview).
    const small = best.turned ? capPixels(best.turned, BULLET_PIXELS) : page.kind === 'encoded' ? page.preview : null;
    const ink = small ? rotateSmall(small, best.skew) : null;
    const frame = { width: best.width, height: best.height };
    // Lines the layout analysis left out read again, alone; one that still reads as nothing is said, where it stands.
    const lost = ink ? findLostLines(best.result.words, ink, frame) : [];
    const again = await Promise.all(
      lost.map((l) =>
        pool.recognizeLine(best.input, l.region, where, best.dpi, best.skew).catch((error: unknown) => {
          // A line that fails to read is a line unread, not a page lost; a document out of time or a run that cannot go on ends.
          if (signal?.aborted || (error instanceof VerbaliError && FATAL.has(error.code))) throw error;
          return [];
        }),
      ),
    );
    const readOk = again.map(readAgain);
    const unread = lost.filter((_, i) => !readOk[i]);
    const found = insertLines(best.result, again.filter((_, i) => readOk[i]));
    const marked = attachStrayMarks(found);
    const bulleted = ink ? addListBullets(marked, ink, frame) : marked;
    const result = restoreLineOrder(bulleted);
    return {
      n: page.n,
      // Columns kept as the page prints them: PSM 4 closes every gap to one space.
      text: layOutText(result.text, result.words).replace(/\n+$/, ''),
      method: 'ocr',
      confidence: Math.round(best.result.confidence * 10) / 10,
      rotation: best.rotation,
      words: result.words,
      frame: { width: best.width, height: best.height, skew: best.skew },
      ...(opts.previewPixels > 0 ? { preview: await toJpeg(await previewOf(best)) } : {}),
      ...withWarnings(page.warnings, unread.map((l) => unreadLine(l, frame))),
    };
  } catch (error) {
    // The document's deadline passed, or nothing can be read at all: the caller ends the document, not just this page.
    if (signal?.aborted || (error instanceof VerbaliError && FATAL.has(error.code))) throw error;
    const e = error instanceof VerbaliError ? error : new VerbaliError('E_OCR', String(error), { file, page: page.n, cause: error });
    return { ...marker(page.n, e), ...warnings };
  }
}

/** A page without text: a visible marker where its text would be, and the error (OCRmyPDF writes `[OCR skipped on page(s) 3-5]`). */
function marker(n: number, error: VerbaliError): RecognizedPage {
  return { n, text: `[OCR failed on page ${n}: ${error.message}]`, method: 'ocr', confidence: null, rotation: 0, error };
}

/** The page's warnings, with more, as the page carries them (none: no field). */
function withWarnings(page: PageWarning[] | undefined, more: PageWarning[] = []): { warnings?: PageWarning[] } {
  const all = [...(page ?? []), ...more];
  return all.length ? { warnings: all } : {};
}

/** A line of print the OCR left out and could not read alone either: where it stands, for a person to read it off the page. */
function unreadLine(line: LostLine, frame: { width: number; height: number }): PageWarning {
  const down = Math.round((100 * (line.bbox.y0 + line.bbox.y1)) / 2 / frame.height);
  return {
    code: 'line-unread',
    source: 'verbali:ocr',
    message: `a line of print ${down}% down the page (pixels ${line.bbox.x0},${line.bbox.y0}-${line.bbox.x1},${line.bbox.y1}) was left out by the OCR and could not be read alone: its text is missing, read it off the page`,
  };
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

import { type LoadedSource, type PdfReadOptions, type ReaderPool, readPages } from '../ingest/index.js';
import type { OcrPool } from './pool.js';
import { type DecodePage, type RecognizedPage, type RecognizeOptions, recognizePage } from './recognize-page.js';

/** Options of text extraction. */
export interface ExtractOptions {
  /** Pages of this document rendered and waiting for or in OCR; no more are rendered until one finishes. Default 2. */
  pagesInFlight: number;
  pdf?: Partial<PdfReadOptions>;
  recognize?: Partial<RecognizeOptions>;
}

/** Where pages are read, the document's deadline, and who hears of each page. */
export interface ExtractContext {
  /** Read PDFs and images in reader threads (the watchdog can end a page that hangs). Default: in this thread. */
  readers?: ReaderPool;
  /** The document's deadline: aborting it ends reading and OCR, terminating their threads. */
  signal?: AbortSignal;
  /** Called as each page is done, in the order they finish (progress reports). */
  onPage?: (page: RecognizedPage) => void;
}

/**
 * The OCR stage's verb: every page's text, in page order. Pages are rendered
 * lazily and at most `pagesInFlight` wait for OCR at once (back-pressure), so
 * memory stays flat whatever the page count. `pool` is asked for only when
 * a page needs OCR, so text inputs never start tesseract.js.
 */
export async function extractText(
  source: LoadedSource,
  pool: () => OcrPool,
  options: Partial<ExtractOptions> = {},
  ctx: ExtractContext = {},
): Promise<RecognizedPage[]> {
  const inFlight = Math.max(1, options.pagesInFlight ?? 2);
  const results: RecognizedPage[] = [];
  const running = new Set<Promise<void>>();
  const threaded = ctx.readers && source.mediaType !== 'text/plain' && source.mediaType !== 'text/markdown';
  const pages = threaded && ctx.readers ? ctx.readers.read(source, options.pdf, ctx.signal) : readPages(source, options.pdf);
  // A scanner's JPEG that must be read from our pixels is decoded where pages are read.
  const readers = ctx.readers;
  const decode: DecodePage | undefined = readers ? (page, maxPixels) => readers.decode(page, source, ctx.signal, maxPixels) : undefined;
  try {
    for await (const page of pages) {
      const ocr = page.kind === 'image' || page.kind === 'encoded' ? pool() : null;
      const task = recognizePage(page, ocr, options.recognize, source.file, ctx.signal, decode).then((r) => {
        results.push(r);
        ctx.onPage?.(r);
      });
      // Settled tasks leave the set; a failure is seen by Promise.race/all below, never left unhandled.
      running.add(task);
      task.then(
        () => running.delete(task),
        () => undefined,
      );
      if (running.size >= inFlight) await Promise.race(running);
    }
    await Promise.all(running);
  } finally {
    // Pages still in OCR when reading failed: wait for them (they stop with the document's deadline), so none outlives its document.
    await Promise.allSettled(running);
  }
  return results.sort((a, b) => a.n - b.n);
}

import { type LoadedSource, type PdfReadOptions, readPages } from '../ingest/index.js';
import type { OcrPool } from './pool.js';
import { type RecognizedPage, type RecognizeOptions, recognizePage } from './recognize-page.js';

/** Options of text extraction. */
export interface ExtractOptions {
  /** Pages of this document rendered and waiting for or in OCR; no more are rendered until one finishes. Default 2. */
  pagesInFlight: number;
  pdf?: Partial<PdfReadOptions>;
  recognize?: Partial<RecognizeOptions>;
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
): Promise<RecognizedPage[]> {
  const inFlight = Math.max(1, options.pagesInFlight ?? 2);
  const results: RecognizedPage[] = [];
  const running = new Set<Promise<void>>();
  for await (const page of readPages(source, options.pdf)) {
    const task: Promise<void> = recognizePage(page, page.kind === 'text' ? null : pool(), options.recognize, source.file).then((r) => {
      results.push(r);
    });
    running.add(task);
    void task.finally(() => running.delete(task));
    if (running.size >= inFlight) await Promise.race(running);
  }
  await Promise.all(running);
  return results.sort((a, b) => a.n - b.n);
}

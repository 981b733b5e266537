import { readImagePages } from './image.js';
import type { PageInput } from './page.js';
import { type PdfReadOptions, readPdfPages } from './pdf.js';
import type { LoadedSource } from './source.js';
import { decodeText } from './text.js';

/** What a reader tells its caller besides the pages. */
export interface ReadContext {
  /** The input's page count, as soon as the reader knows it (before the first page). */
  onPageCount?: (pages: number) => void;
}

/**
 * The pages of any input, in order, as text or as images to OCR. Generated
 * lazily, so a 300-page scan is rendered only as fast as OCR consumes it.
 * `options.firstPage` skips the pages before it, `options.lastPage` those after it.
 */
export async function* readPages(source: LoadedSource, options: Partial<PdfReadOptions> = {}, ctx: ReadContext = {}): AsyncGenerator<PageInput> {
  const first = options.firstPage ?? 1;
  const last = options.lastPage ?? Number.POSITIVE_INFINITY;
  switch (source.mediaType) {
    case 'application/pdf':
      yield* readPdfPages(source, options, ctx);
      return;
    case 'image/png':
    case 'image/jpeg':
    case 'image/tiff':
      for await (const page of readImagePages(source, first, ctx)) {
        yield page;
        if (page.n >= last) return;
      }
      return;
    case 'text/plain':
    case 'text/markdown': {
      const text = decodeText(source.file, source.bytes);
      // A reviewed Markdown file is one text; OCR text keeps its form-feed page breaks.
      const pages = source.mediaType === 'text/markdown' ? [text] : text.split('\f');
      ctx.onPageCount?.(pages.length);
      for (const [i, page] of pages.entries()) if (i + 1 >= first && i + 1 <= last) yield { n: i + 1, kind: 'text', text: page, method: 'text' };
    }
  }
}

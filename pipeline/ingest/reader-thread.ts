/**
 * A page reader thread (see reader-pool.ts): reads one input at a time with
 * `readPages` and hands its pages over one by one, when asked. Rendering
 * (pdf.js, image decoders) runs here, so a page that never finishes can be
 * ended by terminating this thread.
 */
import { parentPort } from 'node:worker_threads';
import { collectGarbage } from '../collect.js';
import { asVerbaliError, VerbaliError } from '../errors.js';
import { decodeToGrey, previewGrey } from './decode-image.js';
import type { GreyImage, PageInput } from './page.js';
import { type PdfReadOptions, pdfPageCount } from './pdf.js';
import { readPages } from './read-pages.js';
import type { LoadedSource } from './source.js';

/** An input as sent to the thread: its bytes moved, not copied. */
export type SentSource = Pick<LoadedSource, 'file' | 'sha256' | 'mediaType'> & { bytes: Uint8Array };

/** What the main thread asks: open an input and read it page by page, count a PDF's pages, or decode a page's JPEG to grey (scaled to `maxPixels` as it is decoded, when given). */
export type ReaderRequest =
  | { type: 'open'; source: SentSource; options: Partial<PdfReadOptions> }
  | { type: 'count'; source: SentSource }
  | { type: 'decode'; file: string; page: number; bytes: Uint8Array; maxPixels?: number | undefined }
  | { type: 'next' }
  | { type: 'close' };

/** What the thread answers: the page count once, then one reply per `next`; `counted` to a `count`, `decoded` to a `decode`. */
export type ReaderReply =
  | { type: 'count'; pages: number }
  | { type: 'counted'; pages: number }
  | { type: 'decoded'; image: GreyImage }
  | { type: 'page'; page: PageInput }
  | { type: 'end' }
  | { type: 'error'; code: VerbaliError['code']; message: string; page: number | undefined; stack: string | undefined }
  | { type: 'closed' };

const port = parentPort;
if (!port) throw new Error('reader-thread.ts runs as a worker thread');

let pages: AsyncGenerator<PageInput> | null = null;
const post = (reply: ReaderReply, transfer: ArrayBuffer[] = []) => port.postMessage(reply, transfer);

function sourceOf({ bytes, ...rest }: SentSource): LoadedSource {
  return { ...rest, bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), size: bytes.byteLength };
}

async function answer(request: ReaderRequest): Promise<void> {
  if (request.type === 'open') {
    pages = readPages(sourceOf(request.source), request.options, { onPageCount: (n) => post({ type: 'count', pages: n }) });
    return;
  }
  if (request.type === 'count') {
    post({ type: 'counted', pages: await pdfPageCount(sourceOf(request.source)) });
    return;
  }
  if (request.type === 'decode') {
    let image: GreyImage;
    try {
      image = request.maxPixels ? await previewGrey(request.bytes, request.maxPixels) : await decodeToGrey(request.bytes);
    } catch (error) {
      throw new VerbaliError('E_INPUT_IMAGE', `cannot decode the page's JPEG: ${(error as Error).message}`, { file: request.file, page: request.page, cause: error });
    }
    post({ type: 'decoded', image }, [image.data.buffer as ArrayBuffer]);
    collectGarbage(); // the decoded JPEG, gone with its page
    return;
  }
  if (request.type === 'close') {
    await pages?.return(undefined);
    pages = null;
    post({ type: 'closed' });
    return;
  }
  if (!pages) throw new VerbaliError('E_INTERNAL', 'the page reader was asked for a page before opening an input');
  const next = await pages.next();
  if (next.done) {
    pages = null;
    post({ type: 'end' });
    return;
  }
  const page = movable(next.value);
  // The page's pixels (and a scanner's JPEG) move to the main thread instead of being copied.
  post({ type: 'page', page }, buffersOf(page));
  if (page.kind !== 'text') collectGarbage(); // the page's decoded images, gone with it
}

/** The buffers a page holds, to move with it. */
function buffersOf(page: PageInput): ArrayBuffer[] {
  if (page.kind === 'image') return [page.image.data.buffer as ArrayBuffer];
  if (page.kind === 'encoded') return [page.bytes.buffer as ArrayBuffer, page.preview.data.buffer as ArrayBuffer];
  return [];
}

/**
 * The page with each of its arrays owning its whole buffer: a view into a
 * larger one (a JPEG inside the PDF's bytes) is copied, since moving a shared
 * buffer would empty the others. Copied with the Uint8Array constructor: a
 * Buffer's `slice` is another view.
 */
function movable(page: PageInput): PageInput {
  const own = (a: Uint8Array): Uint8Array => (a.byteOffset === 0 && a.byteLength === a.buffer.byteLength ? a : new Uint8Array(a));
  if (page.kind === 'image') return { ...page, image: { ...page.image, data: own(page.image.data) } };
  if (page.kind === 'encoded') return { ...page, bytes: own(page.bytes), preview: { ...page.preview, data: own(page.preview.data) } };
  return page;
}

// Requests are answered in order, one at a time.
let queue: Promise<void> = Promise.resolve();
port.on('message', (request: ReaderRequest) => {
  queue = queue
    .then(() => answer(request))
    .catch((error: unknown) => {
      pages = null;
      const e = asVerbaliError(error);
      post({ type: 'error', code: e.code, message: e.message, page: e.page, stack: (e.cause as Error | undefined)?.stack ?? e.stack });
    });
});

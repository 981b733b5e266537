import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { packageRoot } from '../assets.js';
import { withDeadline } from '../deadline.js';
import { VerbaliError } from '../errors.js';
import { ownThread, type ThreadWatch, watchThread } from '../threads.js';
import type { EncodedPage, GreyImage, PageInput } from './page.js';
import type { PdfReadOptions } from './pdf.js';
import type { ReaderReply, ReaderRequest } from './reader-thread.js';
import type { LoadedSource } from './source.js';

/** Options of the page reader threads. */
export interface ReaderPoolOptions {
  /** Idle reader threads kept for the next input (one per input read at once). */
  size: number;
  /** Give up a page (and restart the reader from the next page) after this long (ms). */
  pageTimeoutMs: number;
}

/** The thread's script: the built sibling, or (when this module runs from its TypeScript source, under vitest) the built copy in dist/. */
function readerScript(): URL {
  const sibling = new URL('./reader-thread.js', import.meta.url);
  if (existsSync(fileURLToPath(sibling))) return sibling;
  return pathToFileURL(join(packageRoot(), 'dist/pipeline/ingest/reader-thread.js'));
}

/** One reader thread, asked one thing at a time. */
class Reader {
  readonly thread: Worker;
  /** The input's page count, once the thread has said it. */
  pages: number | null = null;
  private readonly watch: ThreadWatch;
  private waiting: ((reply: ReaderReply) => void) | null = null;

  constructor() {
    this.thread = ownThread(new Worker(readerScript()));
    this.watch = watchThread(this.thread, (reason) => new Error(`the page reader crashed: ${reason}`));
    this.thread.on('message', (reply: ReaderReply) => {
      if (reply.type === 'count') {
        this.pages = reply.pages;
        return;
      }
      const wake = this.waiting;
      this.waiting = null;
      wake?.(reply);
    });
  }

  send(request: ReaderRequest, transfer: ArrayBuffer[] = []): void {
    this.thread.postMessage(request, transfer);
  }

  ask(request: ReaderRequest, transfer: ArrayBuffer[] = []): Promise<ReaderReply> {
    const reply = new Promise<ReaderReply>((resolve) => {
      this.waiting = resolve;
    });
    this.send(request, transfer);
    return this.watch.race(reply);
  }

  async kill(): Promise<void> {
    this.watch.expected();
    await this.thread.terminate();
  }
}

/**
 * Reader threads for inputs that need rendering or decoding (PDFs, images):
 * the ingest side of the watchdog. Each input is read in a thread of its own,
 * one page at a time and only when asked (back-pressure). A page that gives no
 * result within `pageTimeoutMs`, or whose reading crashes the thread, becomes
 * an `unreadable` page (its marker and warning come from the OCR stage); the
 * thread is terminated, and a fresh one goes on from the next page. If the
 * input cannot even be opened in time, it fails with `E_TIMEOUT`. Aborting
 * `signal` (the document's deadline) terminates the thread.
 */
export class ReaderPool {
  private readonly idle: Reader[] = [];
  private closed = false;

  constructor(private readonly options: ReaderPoolOptions) {}

  async *read(source: LoadedSource, options: Partial<PdfReadOptions> = {}, signal?: AbortSignal): AsyncGenerator<PageInput> {
    let next = options.firstPage ?? 1;
    let pages: number | null = null;
    for (;;) {
      if (this.closed) throw new VerbaliError('E_INTERNAL', 'the page readers are closed', { file: source.file });
      const reader = this.idle.pop() ?? new Reader();
      reader.thread.ref();
      reader.pages = null;
      let finished = false;
      try {
        const bytes = new Uint8Array(source.bytes); // a copy, moved to the thread
        reader.send({ type: 'open', source: { file: source.file, sha256: source.sha256, mediaType: source.mediaType, bytes }, options: { ...options, firstPage: next } }, [
          bytes.buffer,
        ]);
        for (;;) {
          let reply: ReaderReply;
          try {
            const late = () => new VerbaliError('E_TIMEOUT', `reading the page gave no result within ${this.options.pageTimeoutMs / 1000} s; its reader was replaced`, { file: source.file, page: next });
            reply = await withDeadline(this.options.pageTimeoutMs, late, () => reader.ask({ type: 'next' }), signal);
          } catch (error) {
            if (signal?.aborted) throw signal.reason;
            pages ??= reader.pages;
            if (pages === null) {
              throw new VerbaliError('E_TIMEOUT', `the file could not be opened: ${(error as Error).message}`, { file: source.file, cause: error });
            }
            yield { n: next, kind: 'unreadable', error: error instanceof VerbaliError ? error : pageCrash(source, next, error) };
            next++;
            break;
          }
          pages ??= reader.pages;
          if (reply.type === 'end') {
            finished = true;
            return;
          }
          if (reply.type === 'error') {
            finished = true;
            throw threadError(reply, source);
          }
          if (reply.type === 'page') {
            yield reply.page;
            next = reply.page.n + 1;
          }
        }
        if (pages !== null && next > Math.min(pages, options.lastPage ?? pages)) return;
      } finally {
        await this.release(reader, finished);
      }
    }
  }

  /**
   * A PDF's page count, opened in a reader thread (never rendered) under the
   * page deadline: a file pdf.js cannot open in time fails with `E_TIMEOUT`,
   * its thread terminated.
   */
  async pdfPageCount(source: LoadedSource, signal?: AbortSignal): Promise<number> {
    const bytes = new Uint8Array(source.bytes); // a copy, moved to the thread
    const request: ReaderRequest = { type: 'count', source: { file: source.file, sha256: source.sha256, mediaType: source.mediaType, bytes } };
    const late = () => new VerbaliError('E_TIMEOUT', `the PDF could not be opened within ${this.options.pageTimeoutMs / 1000} s; its reader was replaced`, { file: source.file });
    const reply = await this.once(request, [bytes.buffer], late, source, signal);
    if (reply.type === 'counted') return reply.pages;
    throw new VerbaliError('E_INTERNAL', `the page reader answered a count with '${reply.type}'`, { file: source.file });
  }

  /**
   * A page's JPEG (an `encoded` page) decoded to grey in a reader thread,
   * under the page deadline: a decoder that never finishes is ended with
   * `E_TIMEOUT` and its thread terminated, as a page that hangs in reading is.
   * With `maxPixels`, scaled down to that as it is decoded (a preview).
   */
  async decode(page: EncodedPage, source: LoadedSource, signal?: AbortSignal, maxPixels?: number): Promise<GreyImage> {
    const bytes = page.bytes.slice(); // a copy, moved to the thread
    const request: ReaderRequest = { type: 'decode', file: source.file, page: page.n, bytes, maxPixels };
    const late = () => new VerbaliError('E_TIMEOUT', `decoding the page gave no result within ${this.options.pageTimeoutMs / 1000} s; its reader was replaced`, { file: source.file, page: page.n });
    const reply = await this.once(request, [bytes.buffer], late, source, signal);
    if (reply.type === 'decoded') return reply.image;
    throw new VerbaliError('E_INTERNAL', `the page reader answered a decode with '${reply.type}'`, { file: source.file, page: page.n });
  }

  /** One request to a reader of its own, under the page deadline; an error the thread reports is thrown. */
  private async once(request: ReaderRequest, transfer: ArrayBuffer[], late: () => Error, source: LoadedSource, signal?: AbortSignal): Promise<ReaderReply> {
    if (this.closed) throw new VerbaliError('E_INTERNAL', 'the page readers are closed', { file: source.file });
    const reader = this.idle.pop() ?? new Reader();
    reader.thread.ref();
    let finished = false;
    try {
      const reply = await withDeadline(this.options.pageTimeoutMs, late, () => reader.ask(request, transfer), signal);
      finished = true;
      if (reply.type === 'error') throw threadError(reply, source);
      return reply;
    } finally {
      await this.release(reader, finished);
    }
  }

  /** Terminate every reader thread. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.idle.splice(0).map((r) => r.kill()));
  }

  /** A reader that ended its input cleanly waits (unreferenced) for the next; any other is terminated. */
  private async release(reader: Reader, finished: boolean): Promise<void> {
    if (finished && !this.closed && this.idle.length < this.options.size) {
      reader.thread.unref();
      this.idle.push(reader);
      return;
    }
    await reader.kill();
  }
}

/** An error the reader thread reported, with the thread's stack as its cause's (a bug's report needs it). */
function threadError(reply: Extract<ReaderReply, { type: 'error' }>, source: LoadedSource): VerbaliError {
  const cause = Object.assign(new Error(reply.message), { stack: reply.stack });
  return new VerbaliError(reply.code, reply.message, { file: source.file, page: reply.page, cause });
}

/** A page whose reading crashed the reader thread: the input's fault as far as anyone can tell (a decoder gave up on it). */
function pageCrash(source: LoadedSource, page: number, error: unknown): VerbaliError {
  const code = source.mediaType === 'application/pdf' ? 'E_INPUT_PDF' : 'E_INPUT_IMAGE';
  return new VerbaliError(code, `${(error as Error)?.message ?? String(error)}; the page was skipped`, { file: source.file, page, cause: error });
}

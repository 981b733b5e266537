import { availableParallelism } from 'node:os';
import { z } from 'zod';
import type { VerbaleRecord, Warning, WordsPage } from '../schemas/index.js';
import { type CleanContext, cleanText, createCleanContext } from './clean/index.js';
import { nameKey } from './clean/names-dictionary.js';
import { withDeadline } from './deadline.js';
import { buildRecord, buildWordPages, doubtfulNames } from './emit/index.js';
import { VerbaliError } from './errors.js';
import { type LoadedSource, ReaderPool, readSource } from './ingest/index.js';
import { extractText, OcrPool, type RecognizedPage } from './ocr/index.js';
import { checkResources } from './resources.js';
import { createSegmentContext, type SegmentContext, segmentMarkdown, segmentMinutes } from './segment/index.js';
import { VERSION } from './version.js';

/** Options of a pipeline run, parsed once at the entry. */
export const RunOptions = z.object({
  /** Pages OCR'd at once (tesseract.js workers). Default: the number of cores. */
  jobs: z.number().int().min(1).max(64).default(availableParallelism()),
  /** Extra names dictionaries (`--dict`). Default: none. */
  dictionaries: z.array(z.string()).default([]),
  /**
   * Recycle an OCR worker after this many pages, to bound memory over very long
   * runs. Default 200: measured over 100 pages, workers do not grow (median 639 MB,
   * peak 682 MB), while recycling every 20 pages raised peaks to 780-850 MB
   * because a terminated worker's memory comes back to the system late.
   */
  recycleAfter: z.number().int().min(1).default(200),
  /**
   * Deadline of each step of a page, in ms: rendering or decoding it, each OCR
   * job on it. A step that passes it is ended (its thread terminated and
   * replaced) and the page gets a marker and a warning. Default 180 000.
   */
  pageTimeoutMs: z.number().int().min(1000).default(180_000),
  /**
   * Deadline of a whole document, in ms: when it passes, the document fails
   * with `E_TIMEOUT`, its pages' threads are terminated, and a batch goes on.
   * Default 3 600 000 (an hour: a 300-page scan takes about ten minutes here).
   */
  documentTimeoutMs: z.number().int().min(1000).default(3_600_000),
  /** Keep a JPEG preview of each OCR'd page (as read) of at most this many pixels, for the review site. Default 0: none. */
  previewPixels: z.number().int().min(0).default(0),
});
export type RunOptions = z.input<typeof RunOptions>;

/** What a run of one document gives: the record and the reviewable Markdown. */
export interface RunResult {
  record: VerbaleRecord;
  markdown: string;
  /** Word boxes of the OCR'd pages (none for text inputs), for the `<name>.words.jsonl` sidecar. */
  words: WordsPage[];
  /** JPEG previews of the OCR'd pages by page number, when `previewPixels` asked for them. */
  previews: Map<number, Buffer>;
}

/** Shared, loaded-once state of a batch: dictionaries and the OCR workers. Close it when done. */
export interface Pipeline {
  options: z.infer<typeof RunOptions>;
  /** Loaded on first use (dictionaries take 0.3 s): `verbali ocr` never needs them. */
  clean(): CleanContext;
  segment(): SegmentContext;
  /** Started on first use: a text-only batch never starts tesseract.js. */
  ocr(): OcrPool;
  /** Threads that render PDFs and decode images (started on first use). */
  readers(): ReaderPool;
  /**
   * Load everything a run needs before any input is read: verbali's
   * dictionaries, the user's `--dict` files, and (when `ocr` is true) the OCR
   * language data. A missing or corrupt one is `E_MISSING_DEP` (`E_DICT` for a
   * user's dictionary): nothing could be processed right, so nothing is.
   */
  preflight(ocr?: boolean): void;
  close(): Promise<void>;
}

export function createPipeline(options: RunOptions = {}): Pipeline {
  const opts = RunOptions.parse(options);
  let clean: CleanContext | undefined;
  let segment: SegmentContext | undefined;
  let pool: OcrPool | undefined;
  let readers: ReaderPool | undefined;
  const cleanContext = () => {
    clean ??= createCleanContext({ dictionaries: opts.dictionaries });
    return clean;
  };
  return {
    options: opts,
    clean: cleanContext,
    segment: () => {
      const names = cleanContext().names;
      segment ??= createSegmentContext((printed) => names.comuniByKey.get(nameKey(printed)) ?? null);
      return segment;
    },
    ocr: () => {
      pool ??= new OcrPool({ size: opts.jobs, recycleAfter: opts.recycleAfter, pageTimeoutMs: opts.pageTimeoutMs });
      return pool;
    },
    readers: () => {
      readers ??= new ReaderPool({ size: Math.max(2, opts.jobs), pageTimeoutMs: opts.pageTimeoutMs });
      return readers;
    },
    preflight: (ocr = true) => {
      checkResources(cleanContext, ocr);
    },
    close: async () => {
      await Promise.all([pool?.close(), readers?.close()]);
    },
  };
}

/** What a caller hands a run besides its input. */
export interface RunContext {
  /** Aborting it ends the run as its deadline would (threads terminated), with the signal's reason: a queue's hand-back. */
  signal?: AbortSignal;
  /** A page's text is read (progress reports), in the order pages finish. */
  onPage?: (page: RecognizedPage) => void;
}

/**
 * The whole pipeline on one input: ingest → ocr → clean → segment → emit,
 * under the document's deadline. A reviewed Markdown file skips OCR and
 * cleaning: a person's text is final. Pass a `pipeline` to share
 * dictionaries, reader threads and OCR workers across a batch.
 */
export async function runPipeline(input: string | LoadedSource, options: RunOptions = {}, shared?: Pipeline, ctx: RunContext = {}): Promise<RunResult> {
  const pipeline = shared ?? createPipeline(options);
  const file = typeof input === 'string' ? input : input.file;
  try {
    return await underDeadline(pipeline, file, undefined, (signal) => runStages(input, pipeline, { ...ctx, signal }), ctx.signal);
  } finally {
    if (!shared) await pipeline.close();
  }
}

async function runStages(input: string | LoadedSource, pipeline: Pipeline, ctx: RunContext & { signal: AbortSignal }): Promise<RunResult> {
  const source = typeof input === 'string' ? await readSource(input) : input;
  // One page more than there are workers: the next page is rendered while they work, so none waits for it.
  const recognize = { previewPixels: pipeline.options.previewPixels };
  const pages = await extractText(source, pipeline.ocr, { pagesInFlight: pipeline.options.jobs + 1, recognize }, { readers: pipeline.readers(), signal: ctx.signal, onPage: ctx.onPage });
  return recordFromPages(source, pages, pipeline, () => pipeline.ocr().engine);
}

/**
 * The text of page `n` alone (1-based): the OCR stage of one page, for work
 * split by page (the queue's page jobs), read as `runPipeline` reads it (in a
 * reader thread, under the page deadline, and the document deadline for the
 * page). `recordFromPages` assembles the pages.
 */
export async function readPageText(source: LoadedSource, n: number, pipeline: Pipeline, ctx: RunContext = {}): Promise<RecognizedPage> {
  return underDeadline(
    pipeline,
    source.file,
    n,
    async (signal) => {
      const options = { pdf: { firstPage: n, lastPage: n }, recognize: { previewPixels: pipeline.options.previewPixels } };
      const [page] = await extractText(source, pipeline.ocr, options, { readers: pipeline.readers(), signal, onPage: ctx.onPage });
      if (!page) throw new VerbaliError('E_INPUT_PDF', `the document has no page ${n}`, { file: source.file, page: n });
      return page;
    },
    ctx.signal,
  );
}

/** `work` under the document deadline (`--doc-timeout`): when it passes, `E_TIMEOUT` naming the file (and page), its threads ended. */
function underDeadline<T>(pipeline: Pipeline, file: string, page: number | undefined, work: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
  const seconds = pipeline.options.documentTimeoutMs / 1000;
  const what = page === undefined ? 'the document was not done within %s; its pages were abandoned' : 'the page was not done within %s; it was abandoned';
  const late = () => new VerbaliError('E_TIMEOUT', what.replace('%s', `${seconds} s (--doc-timeout)`), { file, page });
  return withDeadline(pipeline.options.documentTimeoutMs, late, work, signal);
}

/**
 * The stages after OCR on a document's pages, in page order: clean → segment
 * → emit. `engine` names the OCR engine, asked only when a page was OCR'd
 * (a queue's assembling job never starts OCR workers to learn it).
 */
export function recordFromPages(source: LoadedSource, pages: readonly RecognizedPage[], pipeline: Pipeline, engine: () => string): RunResult {
  const raw = pages.map((p) => p.text).join('\f');
  const reviewed = source.mediaType === 'text/markdown';
  // Each page's origin and OCR word boxes: a text layer is printed text, and dust is judged by its box.
  const evidence = pages.map((p) => ({ method: p.method, words: p.words }));
  const cleaned = reviewed ? { clean: raw, corrections: [], dictionaries: [], toClean: (o: number) => o } : cleanText({ text: raw, pages: evidence }, {}, pipeline.clean());
  const segmented = reviewed ? segmentMarkdown(raw, {}, pipeline.segment()) : segmentMinutes(cleaned.clean, {}, pipeline.segment());
  const pageWarnings: Warning[] = pages.flatMap((p) => [
    ...(p.warnings ?? []).map((w) => ({ code: w.code, message: w.message, span: null, page: p.n, source: w.source ?? 'verbali:ingest' })),
    ...(p.error ? [{ code: 'page-unreadable', message: p.error.describe(), span: null, page: p.n, source: 'verbali:ocr' }] : []),
  ]);
  const ocrUsed = pages.some((p) => p.method === 'ocr');
  const words = buildWordPages(pages, cleaned.toClean);
  const record = buildRecord({
    source: {
      file: source.file,
      sha256: source.sha256,
      bytes: source.size,
      mediaType: source.mediaType,
      pages: pages.map(({ n, method, confidence, rotation }) => ({ n, method, confidence, rotation })),
    },
    pipeline: { version: VERSION, ocr: ocrUsed ? engine() : null, dictionaries: cleaned.dictionaries },
    raw,
    clean: cleaned.clean,
    corrections: cleaned.corrections,
    structure: {
      ...segmented.structure,
      warnings: [...pageWarnings, ...segmented.structure.warnings, ...doubtfulNames(segmented.structure, cleaned.clean, words)],
    },
  });
  const previews = new Map(pages.flatMap((p) => (p.preview ? [[p.n, p.preview] as const] : [])));
  return { record, markdown: segmented.markdown, words, previews };
}

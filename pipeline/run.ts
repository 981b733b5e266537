import { availableParallelism } from 'node:os';
import { z } from 'zod';
import type { VerbaleRecord, Warning } from '../schemas/index.js';
import { type CleanContext, cleanText, createCleanContext } from './clean/index.js';
import { nameKey } from './clean/names-dictionary.js';
import { withDeadline } from './deadline.js';
import { buildRecord } from './emit/index.js';
import { VerbaliError } from './errors.js';
import { type LoadedSource, ReaderPool, readSource } from './ingest/index.js';
import { extractText, OcrPool } from './ocr/index.js';
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
});
export type RunOptions = z.input<typeof RunOptions>;

/** What a run of one document gives: the record and the reviewable Markdown. */
export interface RunResult {
  record: VerbaleRecord;
  markdown: string;
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

/**
 * The whole pipeline on one input: ingest → ocr → clean → segment → emit.
 * A reviewed Markdown file skips OCR and cleaning: a person's text is final.
 * Pass a `pipeline` to share dictionaries and OCR workers across a batch.
 */
export async function runPipeline(input: string | LoadedSource, options: RunOptions = {}, shared?: Pipeline, ctx: { signal?: AbortSignal } = {}): Promise<RunResult> {
  const pipeline = shared ?? createPipeline(options);
  const file = typeof input === 'string' ? input : input.file;
  const seconds = pipeline.options.documentTimeoutMs / 1000;
  const late = () => new VerbaliError('E_TIMEOUT', `the document was not done within ${seconds} s (--doc-timeout); its pages were abandoned`, { file });
  try {
    return await withDeadline(pipeline.options.documentTimeoutMs, late, (signal) => runStages(input, pipeline, signal), ctx.signal);
  } finally {
    if (!shared) await pipeline.close();
  }
}

async function runStages(input: string | LoadedSource, pipeline: Pipeline, signal: AbortSignal): Promise<RunResult> {
  const source = typeof input === 'string' ? await readSource(input) : input;
  // One page more than there are workers: the next page is rendered while they work, so none waits for it.
  const pages = await extractText(source, pipeline.ocr, { pagesInFlight: pipeline.options.jobs + 1 }, { readers: pipeline.readers(), signal });
  const raw = pages.map((p) => p.text).join('\f');
  const reviewed = source.mediaType === 'text/markdown';
  const cleaned = reviewed ? { clean: raw, corrections: [], dictionaries: [] } : cleanText(raw, {}, pipeline.clean());
  const segmented = reviewed ? segmentMarkdown(raw, {}, pipeline.segment()) : segmentMinutes(cleaned.clean, {}, pipeline.segment());
  const pageWarnings: Warning[] = pages.flatMap((p) => [
    ...(p.warnings ?? []).map((w) => ({ code: w.code, message: w.message, span: null, page: p.n, source: 'verbali:ingest' })),
    ...(p.error ? [{ code: 'page-unreadable', message: p.error.describe(), span: null, page: p.n, source: 'verbali:ocr' }] : []),
  ]);
  const ocrUsed = pages.some((p) => p.method === 'ocr');
  const record = buildRecord({
    source: {
      file: source.file,
      sha256: source.sha256,
      bytes: source.bytes.length,
      mediaType: source.mediaType,
      pages: pages.map(({ n, method, confidence, rotation }) => ({ n, method, confidence, rotation })),
    },
    pipeline: { version: VERSION, ocr: ocrUsed ? pipeline.ocr().engine : null, dictionaries: cleaned.dictionaries },
    raw,
    clean: cleaned.clean,
    corrections: cleaned.corrections,
    structure: { ...segmented.structure, warnings: [...pageWarnings, ...segmented.structure.warnings] },
  });
  return { record, markdown: segmented.markdown };
}

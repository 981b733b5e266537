import { availableParallelism } from 'node:os';
import { z } from 'zod';
import type { VerbaleRecord, Warning } from '../schemas/index.js';
import { type CleanContext, cleanText, createCleanContext } from './clean/index.js';
import { nameKey } from './clean/names-dictionary.js';
import { buildRecord } from './emit/index.js';
import { type LoadedSource, readSource } from './ingest/index.js';
import { extractText, OcrPool } from './ocr/index.js';
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
  /** Per-page OCR timeout in ms. Default 180 000. */
  pageTimeoutMs: z.number().int().min(1000).default(180_000),
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
  close(): Promise<void>;
}

export function createPipeline(options: RunOptions = {}): Pipeline {
  const opts = RunOptions.parse(options);
  let clean: CleanContext | undefined;
  let segment: SegmentContext | undefined;
  let pool: OcrPool | undefined;
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
    close: async () => {
      await pool?.close();
    },
  };
}

/**
 * The whole pipeline on one input: ingest → ocr → clean → segment → emit.
 * A reviewed Markdown file skips OCR and cleaning: a person's text is final.
 * Pass a `pipeline` to share dictionaries and OCR workers across a batch.
 */
export async function runPipeline(input: string | LoadedSource, options: RunOptions = {}, shared?: Pipeline): Promise<RunResult> {
  const pipeline = shared ?? createPipeline(options);
  try {
    const source = typeof input === 'string' ? await readSource(input) : input;
    // One page more than there are workers: the next page is rendered while they work, so none waits for it.
    const pages = await extractText(source, pipeline.ocr, { pagesInFlight: pipeline.options.jobs + 1 });
    const raw = pages.map((p) => p.text).join('\f');
    const reviewed = source.mediaType === 'text/markdown';
    // Each page's origin and OCR word boxes: a text layer is printed text, and dust is judged by its box.
    const evidence = pages.map((p) => ({ method: p.method, words: p.words }));
    const cleaned = reviewed ? { clean: raw, corrections: [], dictionaries: [] } : cleanText({ text: raw, pages: evidence }, {}, pipeline.clean());
    const segmented = reviewed ? segmentMarkdown(raw, {}, pipeline.segment()) : segmentMinutes(cleaned.clean, {}, pipeline.segment());
    const pageWarnings: Warning[] = pages.flatMap((p) => (p.error ? [{ code: 'page-unreadable', message: p.error.describe(), span: null }] : []));
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
  } finally {
    if (!shared) await pipeline.close();
  }
}

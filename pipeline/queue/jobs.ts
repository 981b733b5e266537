import { z } from 'zod';
import { SourcePage } from '../../schemas/index.js';
import { VerbaliError, type VerbaliErrorCode } from '../errors.js';
import type { RecognizedPage } from '../ocr/index.js';

/** A document to process whole (`document`) or to assemble from its page jobs (`assemble`). */
export const DocumentJob = z.object({
  /** The path as given to `queue add`: what the record's `source.file` says, as a local run would. */
  file: z.string(),
  /** Absolute path the workers read (a shared folder mounted at the same place everywhere). */
  path: z.string(),
  sha256: z.string(),
  /** The input key (also the job id): bytes, version and dictionaries. */
  key: z.string(),
  /** Output base name, chosen when queued: `<name>.json`, `<name>.md`. */
  name: z.string(),
  /** Extra names dictionaries, absolute paths. */
  dictionaries: z.array(z.string()),
  /** verbali's version that queued it: a worker of another version refuses the job. */
  version: z.string(),
  /** Page jobs the document was split into (`assemble` only). */
  pages: z.number().int().optional(),
});
export type DocumentJob = z.infer<typeof DocumentJob>;

/** One page of a split document. */
export const PageJob = z.object({ file: z.string(), path: z.string(), sha256: z.string(), version: z.string(), n: z.number().int(), of: z.number().int() });
export type PageJob = z.infer<typeof PageJob>;

/** Another path of bytes already done: add it to the record's aliases. */
export const AliasJob = z.object({ key: z.string(), name: z.string() });
export type AliasJob = z.infer<typeof AliasJob>;

/** The job names, one per kind of work. */
export type JobName = 'document' | 'assemble' | 'page' | 'alias';

/** A page job's result, as JSON in Redis until its document is assembled. */
export const PageResult = SourcePage.extend({
  text: z.string(),
  /** Why the page has no OCR text (it then holds a visible marker). */
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  /** The OCR engine, when the page was OCR'd. */
  engine: z.string().optional(),
  /** What the reader noticed about the page (or, on page 1, the document): the record's `verbali:ingest` warnings. */
  warnings: z.array(z.object({ code: z.string(), message: z.string() })).optional(),
  /** OCR word boxes (`[x0, y0, x1, y1, confidence, text]`) and the image they are in: the words sidecar and the clean stage read them. */
  words: z.array(z.tuple([z.number(), z.number(), z.number(), z.number(), z.number(), z.string()])).optional(),
  frame: z.object({ width: z.number(), height: z.number(), skew: z.number() }).optional(),
});
export type PageResult = z.infer<typeof PageResult>;

/** A document job's result. */
export interface DocumentResult {
  name: string;
  pages: number;
}

export function pageToResult(page: RecognizedPage, engine: string | undefined): PageResult {
  return {
    n: page.n,
    text: page.text,
    method: page.method,
    confidence: page.confidence,
    rotation: page.rotation,
    ...(page.error ? { error: { code: page.error.code, message: page.error.message } } : {}),
    ...(page.method === 'ocr' && engine ? { engine } : {}),
    ...(page.warnings?.length ? { warnings: page.warnings } : {}),
    // Tuples: a page's boxes are about half the size of the same objects in Redis.
    ...(page.words ? { words: page.words.map((w) => [w.bbox.x0, w.bbox.y0, w.bbox.x1, w.bbox.y1, w.confidence, w.text]) } : {}),
    ...(page.frame ? { frame: page.frame } : {}),
  };
}

export function pageFromResult(result: PageResult, file: string): RecognizedPage {
  const { n, text, method, confidence, rotation, error, warnings, words, frame } = result;
  return {
    n,
    text,
    method,
    confidence,
    rotation,
    ...(error ? { error: new VerbaliError(error.code as VerbaliErrorCode, error.message, { file, page: n }) } : {}),
    ...(warnings ? { warnings } : {}),
    ...(words ? { words: words.map(([x0, y0, x1, y1, confidence, text]) => ({ text, confidence, bbox: { x0, y0, x1, y1 } })) } : {}),
    ...(frame ? { frame } : {}),
  };
}

/**
 * verbali's library API: the whole pipeline (`runPipeline`), the batch runner,
 * each stage's verb, and the record's schemas and types.
 */
export * from '../schemas/index.js';
export { type BatchOptions, type Outcome, runBatch, type Summary } from './batch/index.js';
export { type CleanOptions, type CleanResult, cleanText, createCleanContext, parseNamesFile } from './clean/index.js';
export { buildRecord, type RecordParts } from './emit/index.js';
export { asVerbaliError, VerbaliError, type VerbaliErrorCode } from './errors.js';
export { discoverInputs, type LoadedSource, type PageText, readPages, readSource, sourceFromBytes } from './ingest/index.js';
export { extractText, OcrPool, recognizePage } from './ocr/index.js';
export { createPipeline, type Pipeline, type RunOptions, type RunResult, runPipeline } from './run.js';
export { createSegmentContext, type SegmentResult, type Structure, segmentMarkdown, segmentMinutes } from './segment/index.js';
export { VERSION } from './version.js';

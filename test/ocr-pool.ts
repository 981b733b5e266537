import { readFileSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { readPages, sourceFromBytes } from '../pipeline/ingest/index.js';
import { OcrPool, type RecognizedPage, recognizePage } from '../pipeline/ocr/index.js';

/** One real tesseract.js worker for a file's tests: started before them, closed after. Call at a describe's top. */
export function useOcrPool(): () => OcrPool {
  let pool: OcrPool;
  beforeAll(() => {
    pool = new OcrPool({ size: 1, recycleAfter: 10, pageTimeoutMs: 120_000 });
  });
  afterAll(() => pool.close());
  return () => pool;
}

/** A one-page image read as `verbali` reads it (ingest, then the OCR stage). */
export async function recognizeImage(file: string, pool: OcrPool): Promise<RecognizedPage> {
  let read: RecognizedPage | undefined;
  for await (const page of readPages(sourceFromBytes(file, readFileSync(file)))) read = await recognizePage(page, pool);
  if (!read) throw new Error(`${file}: no page`);
  return read;
}

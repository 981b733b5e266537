/**
 * The engines alone: tesseract.js (WebAssembly, one worker) against the native
 * CLI (one thread), same model, same parameters, on identical pixels (the
 * same PNG file, its resolution given to both), page by page, in CPU seconds.
 * This is the floor under any verbali/native ratio: what is left once
 * decoding, rendering and every other step are taken away.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OcrPool } from '../pipeline/ocr/index.js';
import { cer } from './metrics.js';
import { NATIVE_ENV, nativeArgs } from './native.js';

const cpuSeconds = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
};

/** Per page: CPU seconds of tesseract.js's recognize and of one CLI process, and how far apart their texts are. */
export async function engineAlone(images: string[], tessdata: string): Promise<void> {
  console.log('\nthe engines alone, one page at a time, one thread, identical pixels (300 dpi PNG renders):');
  console.log('page'.padEnd(12), 'tesseract.js CPU s'.padStart(19), 'native CLI CPU s'.padStart(17), 'ratio'.padStart(6), 'texts differ'.padStart(13));
  const pool = new OcrPool({ size: 1, recycleAfter: 1_000, pageTimeoutMs: 600_000 });
  const dir = mkdtempSync(join(tmpdir(), 'bench-engine-'));
  try {
    await pool.recognize(readFileSync(images[0] as string), {}, 300); // the worker's start and first page are not timed
    let js = 0;
    let native = 0;
    for (const [i, image] of images.entries()) {
      const bytes = readFileSync(image);
      const start = cpuSeconds();
      const ours = await pool.recognize(bytes, {}, 300);
      const a = cpuSeconds() - start;
      const timeFile = join(dir, `time-${i}`);
      const text = execFileSync('/usr/bin/time', ['-o', timeFile, '-f', '%U %S', 'tesseract', image, 'stdout', ...nativeArgs(tessdata)], {
        env: { ...process.env, ...NATIVE_ENV },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      const b = readFileSync(timeFile, 'utf8').trim().split('\n').pop()?.split(' ').map(Number).reduce((x, y) => x + y, 0) ?? Number.NaN;
      js += a;
      native += b;
      console.log(`page ${i + 1}`.padEnd(12), a.toFixed(2).padStart(19), b.toFixed(2).padStart(17), (a / b).toFixed(2).padStart(6), `${(cer(ours.text, text) * 100).toFixed(2)}%`.padStart(13));
    }
    console.log(`all ${images.length} pages: tesseract.js ${js.toFixed(1)} s, native ${native.toFixed(1)} s of CPU: ratio ${(js / native).toFixed(2)} (WebAssembly vs native code, same work)`);
  } finally {
    await pool.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

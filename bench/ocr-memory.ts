/**
 * bench/ocr-memory: where a scan's peak memory is, through the library API.
 *   npm run bench:ocr-memory -- SCAN.pdf [RECYCLE_AFTER]
 * Runs the pipeline on one scan with two OCR workers recycled every
 * RECYCLE_AFTER pages (default 200, as `verbali run`), sampling the process's
 * memory every 200 ms, and prints the peak RSS with the main thread's JS heap,
 * external memory and array buffers at that moment. Run it under GNU time
 * (`/usr/bin/time -v`) for the kernel's maximum RSS as well.
 */
import { createPipeline, runPipeline } from '../pipeline/run.js';

const file = process.argv[2];
if (!file) {
  console.error('usage: npm run bench:ocr-memory -- SCAN.pdf [RECYCLE_AFTER]');
  process.exit(1);
}
const recycleAfter = Number(process.argv[3] ?? 200);
const pipeline = createPipeline({ jobs: 2, recycleAfter });
let peak = process.memoryUsage();
const sampler = setInterval(() => {
  const now = process.memoryUsage();
  if (now.rss > peak.rss) peak = now;
}, 200);
try {
  const { record } = await runPipeline(file, {}, pipeline);
  const mb = (bytes: number) => `${Math.round(bytes / 1e6)} MB`;
  console.log(
    `${record.source.pages.length} pages, OCR workers recycled every ${recycleAfter}: peak RSS ${mb(peak.rss)}; at the peak, main thread: JS heap ${mb(peak.heapUsed)}, external ${mb(peak.external)}, array buffers ${mb(peak.arrayBuffers)}`,
  );
} finally {
  clearInterval(sampler);
  await pipeline.close();
}

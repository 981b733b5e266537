/**
 * bench/heap: what a batch keeps live and what one document allocates.
 *   npm run bench:heap
 * Prints the live heap the loaded dictionaries take (after forced collections),
 * then the bytes the whole pipeline allocates per document for the longest
 * input we have (the seed verbale), by the sampling
 * heap profiler with collected objects included, and the functions that
 * allocate most. V8 grows its heap in proportion to the live data, so both
 * figures drive a batch's resident memory (bench/batch).
 */

import { readFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { relative } from 'node:path';
import { packageRoot } from '../pipeline/assets.js';
import { loadLexicon } from '../pipeline/clean/index.js';
import { createPipeline, runPipeline, sourceFromBytes } from '../pipeline/index.js';
import { SEED } from '../test/helpers.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (npm run bench:heap does)');
const used = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

const root = packageRoot();
const before = used();
loadLexicon();
const afterLexicon = used();
const pipeline = createPipeline({});
pipeline.clean();
pipeline.segment();
const afterContexts = used();
console.log(`live heap: lexicon ${mb(afterLexicon - before)}; all dictionaries and rules ${mb(afterContexts - before)}`);

const input = SEED;
const bytes = readFileSync(input);
await runPipeline(sourceFromBytes(input, bytes), {}, pipeline); // warm up: compile, fill caches

const RUNS = 10;
const session = new Session();
session.connect();
await session.post('HeapProfiler.enable');
await session.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
for (let i = 0; i < RUNS; i++) await runPipeline(sourceFromBytes(input, bytes), {}, pipeline);
const { profile } = await session.post('HeapProfiler.stopSampling');
session.disconnect();

type Node = (typeof profile)['head'];
const self = new Map<string, number>();
let total = 0;
const walk = (node: Node) => {
  const { functionName, url, lineNumber } = node.callFrame;
  const name = `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '').replace(/^.*\/dist\//, '')}:${lineNumber + 1}`;
  self.set(name, (self.get(name) ?? 0) + node.selfSize);
  total += node.selfSize;
  for (const child of node.children) walk(child);
};
walk(profile.head);
console.log(`allocated per document: ${mb(total / RUNS)} for ${relative(root, input)} (${bytes.length.toLocaleString('en')} bytes), mean of ${RUNS} runs`);
console.log('most allocating functions (own allocations, per document):');
for (const [name, size] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`  ${mb(size / RUNS).padStart(8)}  ${name}`);
await pipeline.close();

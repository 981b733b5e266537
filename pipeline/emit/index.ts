export { buildRecord, type RecordParts } from './build-record.js';
export { buildWordPages, wordsSidecar } from './word-boxes.js';

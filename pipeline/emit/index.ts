export { buildRecord, type RecordParts } from './build-record.js';
export { DOUBTED_NAME_CONFIDENCE, doubtfulNames } from './doubtful-names.js';
export { buildWordPages, wordsSidecar } from './word-boxes.js';

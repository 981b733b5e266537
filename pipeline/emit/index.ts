export { buildRecord, type RecordParts } from './build-record.js';

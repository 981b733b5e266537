export { acquireLock } from './lock.js';
export { addRecordAliases, inputKey, outputError, outputNameCandidates, outputOptionsKey, readWrittenRecord, writeRecordFiles, writeTogether } from './outputs.js';
export { batchReporter, describeOutcome, describeSummary, type ReportMode } from './report.js';
export { type BatchHooks, type BatchOptions, type Outcome, runBatch, type Summary } from './run-batch.js';
export { type StateEntry, StateJournal } from './state.js';

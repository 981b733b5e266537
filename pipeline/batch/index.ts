export { acquireLock } from './lock.js';
export { type BatchOptions, type Outcome, runBatch, type Summary } from './run-batch.js';
export { type StateEntry, StateJournal } from './state.js';

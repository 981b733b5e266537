export { type AddOptions, addToQueue, type Queued } from './add.js';
export { Registry } from './registry.js';
export { DEFAULT_QUEUE, DEFAULT_TIMINGS, JOB_OPTIONS, type WorkerTimings } from './settings.js';
export { type ActiveJob, describeStatus, type FailedJob, type QueueStatus, queueStatus } from './status.js';
export { type QueueWorker, type QueueWorkerOptions, startQueueWorker, type WorkerEvent } from './worker.js';

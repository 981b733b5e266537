// A page reader thread that fails on purpose (see stand-ins.mjs), around the real one.
import { parentPort, workerData } from 'node:worker_threads';

const { counter, script, mode } = workerData;
const [kind, nth] = mode.split(':');
const on = parentPort.on.bind(parentPort);
parentPort.on = (event, handler) =>
  on(event, (request) => {
    if (event === 'message' && kind === 'hang' && request?.type === 'next' && Atomics.add(counter, 0, 1) + 1 === Number(nth)) for (;;) {}
    // A bug in the reader: its real code meets a value it never expects.
    if (event === 'message' && kind === 'bug' && request?.type === 'open' && Atomics.add(counter, 1, 1) + 1 === Number(nth)) request.source.bytes = null;
    handler(request);
  });
await import(script);

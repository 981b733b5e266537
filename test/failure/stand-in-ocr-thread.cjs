// A tesseract.js thread that fails on purpose on the Nth recognize job of the process (see stand-ins.mjs).
const { parentPort, workerData } = require('node:worker_threads');

const { counter, script, mode } = workerData;
const [kind, nth] = mode.split(':');
const on = parentPort.on.bind(parentPort);
parentPort.on = (event, handler) =>
  on(event, (packet) => {
    if (event === 'message' && packet?.action === 'recognize' && Atomics.add(counter, 0, 1) + 1 === Number(nth)) {
      if (kind === 'hang') for (;;) {}
      if (kind === 'crash') {
        setImmediate(() => {
          throw new Error('stand-in: the OCR worker crashed on purpose');
        });
        return;
      }
    }
    handler(packet);
  });
require(script);

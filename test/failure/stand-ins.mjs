/**
 * Stand-ins that fail on purpose, loaded into a verbali process with
 * `node --import ./stand-ins.mjs dist/pipeline/cli.js …` (verbali's own code
 * is not changed to make room for them). Chosen by environment variables:
 *
 * - STANDIN_OCR=hang:N | crash:N: the Nth page given to OCR in the process
 *   makes its tesseract.js thread spin forever (only terminating it ends
 *   it), or throw an uncaught error; every other job goes to real tesseract.js.
 * - STANDIN_READER=hang:N | bug:N: the Nth page asked of a page reader thread
 *   spins forever; or the Nth input opened meets a bug (a TypeError inside
 *   the reader's real code).
 * - STANDIN_DISK_DIR=DIR, STANDIN_DISK_BYTES=B: a disk that fills up: after B
 *   bytes written into record files under DIR, writes fail with ENOSPC (after
 *   writing what still fits, as a real disk does).
 */

import fsp from 'node:fs/promises';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import threads from 'node:worker_threads';

const require = createRequire(import.meta.url);
const tesseractScript = require.resolve('tesseract.js/src/worker-script/node/index.js');
// One count of jobs for every thread of the process.
const counter = new Int32Array(new SharedArrayBuffer(8));

const RealWorker = threads.Worker;
threads.Worker = class StandInWorker extends RealWorker {
  constructor(filename, options = {}) {
    const name = String(filename);
    if (process.env.STANDIN_OCR && name === tesseractScript) {
      super(new URL('./stand-in-ocr-thread.cjs', import.meta.url), { ...options, workerData: { counter, script: tesseractScript, mode: process.env.STANDIN_OCR } });
    } else if (process.env.STANDIN_READER && name.endsWith('/reader-thread.js')) {
      super(new URL('./stand-in-reader-thread.mjs', import.meta.url), { ...options, workerData: { counter, script: name, mode: process.env.STANDIN_READER } });
    } else {
      super(filename, options);
    }
  }
};

const diskDir = process.env.STANDIN_DISK_DIR;
if (diskDir) {
  let left = Number(process.env.STANDIN_DISK_BYTES ?? 0);
  const realOpen = fsp.open;
  fsp.open = async (path, flags, mode) => {
    const handle = await realOpen(path, flags, mode);
    // Record files only (their temp files `<name>.json.N`, `<name>.md.N`): the run's summary.json still gets written.
    if (!String(path).startsWith(diskDir) || !/\.(json|md)\.\d+$/.test(String(path)) || /\/summary\.json\.\d+$/.test(String(path))) return handle;
    const realWriteFile = handle.writeFile.bind(handle);
    handle.writeFile = async (data, options) => {
      const bytes = Buffer.from(data);
      if (bytes.length <= left) {
        left -= bytes.length;
        return realWriteFile(bytes, options);
      }
      await realWriteFile(bytes.subarray(0, left), options);
      left = 0;
      throw Object.assign(new Error(`ENOSPC: no space left on device, write '${path}'`), { code: 'ENOSPC', errno: -28, syscall: 'write' });
    };
    return handle;
  };
}
syncBuiltinESMExports();

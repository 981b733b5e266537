import type { Worker as NodeWorker } from 'node:worker_threads';

/*
 * tesseract.js starts each worker thread inside `createWorker` and never
 * listens to the thread's 'error' or 'exit': a thread that throws takes the
 * whole process down (an 'error' event with no listener), and one that exits
 * leaves its job pending forever. It does not hand the thread out either. Node
 * announces every new thread on `process`'s 'worker' event, in the order they
 * were constructed, just after construction; so a caller that asks for "the
 * next thread" right before calling `createWorker` (which constructs its
 * thread synchronously) gets that thread. Threads verbali constructs itself
 * are marked with `ownThread` and never handed out.
 */

const claims: ((thread: NodeWorker) => void)[] = [];
const own = new WeakSet<NodeWorker>();
let listening = false;

function listen(): void {
  if (listening) return;
  listening = true;
  process.on('worker', (thread: NodeWorker) => {
    if (own.has(thread)) return;
    claims.shift()?.(thread);
  });
}

/** The next thread constructed in this process that is not verbali's own. Call it right before the library call that constructs it. */
export function nextThread(): Promise<NodeWorker> {
  listen();
  return new Promise((resolve) => claims.push(resolve));
}

/** Mark a thread verbali constructed itself (right after `new Worker`), so `nextThread` never hands it out. */
export function ownThread(thread: NodeWorker): NodeWorker {
  listen();
  own.add(thread);
  return thread;
}

/**
 * A promise that rejects when `thread` dies (an uncaught error, an exit we
 * did not ask for), with the reason. Listening to 'error' is also what keeps
 * a thread's crash from crashing the process. `expected()` tells it that an
 * exit from now on is ours (terminate), so it is not reported.
 */
export function watchThread(thread: NodeWorker, describe: (reason: string) => Error): { died: Promise<never>; expected(): void } {
  let quiet = false;
  let fail!: (error: Error) => void;
  const died = new Promise<never>((_, reject) => {
    fail = reject;
  });
  // Nobody may be waiting when a thread dies (between jobs): the rejection is then only a fact to remember.
  died.catch(() => undefined);
  thread.on('error', (error: Error) => fail(describe(error?.message ?? String(error))));
  thread.on('exit', (code: number) => {
    if (!quiet) fail(describe(`the thread exited with status ${code}`));
  });
  return {
    died,
    expected: () => {
      quiet = true;
    },
  };
}

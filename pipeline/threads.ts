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

/** What `watchThread` gives: the thread's death as a race any wait can join, and a way to say an exit is ours. */
export interface ThreadWatch {
  /**
   * `work`'s outcome, or a rejection with the thread's death if that comes
   * first. Nothing stays behind once it settles: `Promise.race([work, died])`
   * with one long-lived `died` adds a reaction to `died` per call that keeps
   * the race's result alive until the thread dies, so every page a reader
   * thread ever handed over (10 MB each, decoded) stayed in memory
   * (nodejs/node#17469).
   */
  race<T>(work: Promise<T>): Promise<T>;
  /** From now on an exit is ours (terminate): not reported. */
  expected(): void;
}

/**
 * Watch `thread` for death (an uncaught error, an exit we did not ask for).
 * Listening to 'error' is also what keeps a thread's crash from crashing the
 * process. Nobody may be waiting when a thread dies (between jobs): the death
 * is then remembered, and the next `race` rejects at once.
 */
export function watchThread(thread: NodeWorker, describe: (reason: string) => Error): ThreadWatch {
  let quiet = false;
  let death: Error | null = null;
  const waiting = new Set<(error: Error) => void>();
  const die = (error: Error) => {
    death ??= error;
    for (const reject of waiting) reject(death);
    waiting.clear();
  };
  thread.on('error', (error: Error) => die(describe(error?.message ?? String(error))));
  thread.on('exit', (code: number) => {
    if (!quiet) die(describe(`the thread exited with status ${code}`));
  });
  return {
    race: <T>(work: Promise<T>) => {
      work.catch(() => undefined); // seen through the returned promise, or dropped after a death
      if (death) return Promise.reject(death);
      return new Promise<T>((resolve, reject) => {
        waiting.add(reject);
        work.then(resolve, reject).finally(() => waiting.delete(reject));
      });
    },
    expected: () => {
      quiet = true;
    },
  };
}

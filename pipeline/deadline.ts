/**
 * `work`, or a rejection with `signal`'s reason as soon as it aborts. The work
 * itself is not stopped: whoever aborts ends it (terminates its thread). A
 * rejection of `work` that comes after the abort is ignored, never unhandled.
 */
export function abortable<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  work.catch(() => undefined);
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * Run `work` under a deadline of `ms`: when it passes, the signal handed to
 * `work` aborts with `late()` (so everything listening stops and terminates
 * its threads) and the returned promise rejects with it, whether or not
 * `work` listened. An outer `signal` aborting does the same with its reason.
 */
export async function withDeadline<T>(ms: number, late: () => Error, work: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(late()), ms);
  const forward = () => controller.abort(signal?.reason);
  if (signal?.aborted) forward();
  else signal?.addEventListener('abort', forward, { once: true });
  try {
    return await abortable(work(controller.signal), controller.signal);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', forward);
  }
}

import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { ReaderPool, sourceFromBytes } from '../../pipeline/ingest/index.js';
import { watchThread } from '../../pipeline/threads.js';
import { sample } from '../helpers.js';

// V8's collector, asked for by the test itself: whether something can be collected is behaviour, not timing.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Collect, letting the current job end first (a WeakRef made or read in it holds its target until then). */
async function collect(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  await new Promise((resolve) => setImmediate(resolve));
  gc();
}

describe('a watched thread', () => {
  const thread = (code: string) => new Worker(code, { eval: true });
  const describeDeath = (reason: string) => new Error(`died: ${reason}`);

  it("ends a wait with the thread's death, and any later wait at once", async () => {
    const t = thread('setTimeout(() => { throw new Error("boom"); }, 50);');
    const watch = watchThread(t, describeDeath);
    await expect(watch.race(new Promise(() => undefined))).rejects.toThrow('died: boom');
    await expect(watch.race(Promise.resolve(1))).rejects.toThrow('died: boom');
  });

  it('does not report an exit it was told of', async () => {
    const t = thread('setInterval(() => {}, 1000);');
    const watch = watchThread(t, describeDeath);
    expect(await watch.race(Promise.resolve('done'))).toBe('done');
    watch.expected();
    await t.terminate();
    expect(await watch.race(Promise.resolve('still'))).toBe('still');
  });

  it('keeps nothing a settled wait gave', async () => {
    const t = thread('setInterval(() => {}, 1000);');
    const watch = watchThread(t, describeDeath);
    // In a function of its own: a suspended async frame may keep its last locals.
    const wait = async () => {
      const given: WeakRef<object>[] = [];
      for (let i = 0; i < 5; i++) {
        const value = { pixels: new Uint8Array(1_000_000) };
        given.push(new WeakRef(value));
        await watch.race(Promise.resolve(value));
      }
      return given;
    };
    const given = await wait();
    await collect();
    expect(given.filter((r) => r.deref() !== undefined)).toHaveLength(0);
    watch.expected();
    await t.terminate();
  });
});

describe('the page reader threads', () => {
  const readers = new ReaderPool({ size: 1, pageTimeoutMs: 60_000 });
  afterAll(() => readers.close());

  it('keep no page they handed over, read or decoded, once the caller lets it go', async () => {
    const file = sample('consiglio-castione-2023-03-28.scan.pdf');
    const source = sourceFromBytes(file, readFileSync(file));
    // In a function of its own: a suspended async frame may keep its last locals.
    const readAll = async () => {
      const handed: WeakRef<ArrayBuffer>[] = [];
      for await (const page of readers.read(source)) {
        expect(page.kind).toBe('encoded');
        if (page.kind !== 'encoded') continue;
        handed.push(new WeakRef(page.bytes.buffer as ArrayBuffer), new WeakRef(page.preview.data.buffer as ArrayBuffer));
        const grey = await readers.decode(page, source);
        expect(grey.width * grey.height).toBe(page.width * page.height);
        handed.push(new WeakRef(grey.data.buffer as ArrayBuffer));
      }
      return handed;
    };
    const handed = await readAll();
    expect(handed.length).toBeGreaterThan(3);
    await collect();
    expect(handed.filter((r) => r.deref() !== undefined)).toHaveLength(0);
  });
});

import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { VerbaleRecord } from '../../schemas/index.js';
import { ROOT, runCli, sample, tempDir } from '../helpers.js';
import { batchFiles, drained, freshQueue, longPdf, outputs, queueCli, stackOf, startWorker, status, waitFor } from './harness.js';

const put = (dir: string, files: Record<string, Buffer | string>) => {
  for (const [rel, data] of Object.entries(files)) {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), data);
  }
  return dir;
};

/** A short lock, so a killed worker's job is taken over in seconds rather than minutes. */
const FAST_STALL = ['--lock-duration', '4', '--stalled-interval', '2'];

let drop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await drop?.();
  drop = undefined;
});

describe('queue mode against a real Redis', () => {
  it('two workers share a batch and write exactly the files a local run --out writes', async () => {
    const q = freshQueue();
    drop = q.drop;
    const inputs = put(tempDir('verbali-queue-in-'), batchFiles());
    const local = tempDir('verbali-local-');
    const shared = tempDir('verbali-shared-');
    const run = await runCli(['run', inputs, '--out', local, '--jobs', '2', '--quiet']);
    expect(run.code, run.stderr).toBe(0);

    const added = await queueCli(['add', inputs, '--queue', q.name]);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stderr).toMatch(/skipped {2}.*copia\.txt \(same content as another input\)/);
    const workers = [startWorker(q.name, shared), startWorker(q.name, shared)];
    const s = await drained(q.name);
    for (const w of workers) w.child.kill('SIGTERM');
    const exits = await Promise.all(workers.map((w) => w.exited));
    expect(exits.map((e) => e.code)).toEqual([0, 0]);

    expect(s.counts.failed).toBe(0);
    const want = outputs(local);
    expect([...outputs(shared).keys()]).toEqual([...want.keys()]);
    for (const [name, text] of outputs(shared)) expect(text, name).toBe(want.get(name));
    // Shared, not one worker doing it all: each completed some.
    for (const w of workers) expect(w.stderr()).toMatch(/^completed /m);
    // The PDF's record carries its real size.
    const pdf = VerbaleRecord.parse(JSON.parse(want.get('consiglio.json') as string));
    expect(pdf.source.bytes).toBe(statSync(join(inputs, 'pdf/consiglio.pdf')).size);
  });

  it('the same batch enqueued twice is processed once, and again after it is done is skipped', async () => {
    const q = freshQueue();
    drop = q.drop;
    const files = Object.fromEntries(Object.entries(batchFiles()).filter(([f]) => f.endsWith('.txt')));
    const inputs = put(tempDir('verbali-queue-in-'), files);
    const distinct = new Set(Object.values(files).map((b) => b.toString())).size;
    const shared = tempDir('verbali-shared-');

    const first = await queueCli(['add', inputs, '--queue', q.name]);
    const second = await queueCli(['add', inputs, '--queue', q.name]);
    expect(first.stderr).toContain(`verbali: ${distinct} queued, 1 skipped, 0 failed`);
    expect(second.stderr).toContain(`verbali: 0 queued, ${distinct + 1} skipped, 0 failed`);
    expect(second.stderr).toMatch(/already queued/);
    const workers = [startWorker(q.name, shared), startWorker(q.name, shared)];
    const s = await drained(q.name);
    for (const w of workers) w.child.kill('SIGTERM');
    await Promise.all(workers.map((w) => w.exited));

    expect(s.counts.completed).toBe(distinct);
    const done = workers.flatMap((w) => w.stderr().match(/^completed .*$/gm) ?? []);
    expect(done).toHaveLength(distinct);
    expect(new Set(done).size).toBe(distinct);
    expect(readdirSync(shared).filter((f) => f.endsWith('.json'))).toHaveLength(distinct);

    const third = await queueCli(['add', inputs, '--queue', q.name]);
    expect(third.stderr).toContain(`verbali: 0 queued, ${distinct + 1} skipped, 0 failed`);
    expect(third.stderr).toMatch(/already done/);
  });

  it('a bad input fails once with its reason and the jobs behind it complete', async () => {
    const q = freshQueue();
    drop = q.drop;
    const good = Object.entries(batchFiles()).filter(([f]) => f.startsWith('testi/')).slice(0, 2);
    const pdf = readFileSync(sample('consiglio-castione-2023-03-28.pdf'));
    const inputs = put(tempDir('verbali-queue-in-'), {
      // Bad ones first: the worker meets them before the good ones.
      'a-troncato.pdf': pdf.subarray(0, 900),
      'b-latin1.txt': Buffer.from('VERBALE DELLA GIUNTA COMUNALE\nL\'anno millenovecento, il giorno 3 maggio, si \xe8 riunita la Giunta.\n', 'latin1'),
      ...Object.fromEntries(good),
    });
    const shared = tempDir('verbali-shared-');
    expect((await queueCli(['add', inputs, '--queue', q.name])).code).toBe(0);
    const worker = startWorker(q.name, shared, ['--concurrency', '1']);
    const s = await drained(q.name);
    worker.child.kill('SIGTERM');
    expect((await worker.exited).code).toBe(0);

    expect(s.counts).toMatchObject({ completed: 2, failed: 2 });
    const failures = Object.fromEntries(s.failed.map((f) => [f.file.split('/').pop(), f]));
    expect(failures['a-troncato.pdf']).toMatchObject({ attempts: 1, reason: expect.stringMatching(/a-troncato\.pdf: .*\(E_INPUT_PDF\)$/) });
    expect(failures['b-latin1.txt']).toMatchObject({ attempts: 1, reason: expect.stringMatching(/b-latin1\.txt: .*\(E_INPUT_ENCODING\)$/) });
    expect(readdirSync(shared).filter((f) => f.endsWith('.json')).sort()).toEqual(good.map(([f]) => `${f.slice(6, -4)}.json`).sort());
    expect(worker.stderr()).toMatch(/^failed {3}.*a-troncato\.pdf: .*\(E_INPUT_PDF\)$/m);
    const text = await queueCli(['status', '--queue', q.name]);
    expect(text.stdout).toMatch(/2 completed, 2 failed/);
    expect(text.stdout).toMatch(/failed {3}.*b-latin1\.txt: .*\(E_INPUT_ENCODING\) \[document, 1 attempt\]/);
  });

  it('a bug in a worker (a stand-in reader thread meets a TypeError) fails its job once as E_INTERNAL, with its stack; the queue goes on', async () => {
    const q = freshQueue();
    drop = q.drop;
    const inputs = put(tempDir('verbali-queue-in-'), {
      'a.pdf': readFileSync(sample('consiglio-castione-2023-03-28.pdf')),
      'b.txt': readFileSync(sample('giunta-clusone-1987-04-22.txt')),
    });
    const shared = tempDir('verbali-shared-');
    expect((await queueCli(['add', inputs, '--queue', q.name])).code).toBe(0);
    // The stand-ins load in the worker and, through its execArgv, in its processor child: the first input a reader thread opens meets the bug.
    const standIns = { nodeArgs: ['--import', join(ROOT, 'test/failure/stand-ins.mjs')], env: { STANDIN_READER: 'bug:1' } };
    const worker = startWorker(q.name, shared, ['--concurrency', '1'], standIns);
    const s = await drained(q.name);
    worker.child.kill('SIGTERM');
    expect((await worker.exited).code).toBe(0);

    expect(s.counts).toMatchObject({ completed: 1, failed: 1 });
    const [bug] = s.failed;
    expect(bug).toMatchObject({ attempts: 1, reason: expect.stringMatching(/a\.pdf: internal error \(a bug in verbali, please report it\): .*\(E_INTERNAL\)$/) });
    expect(await stackOf(q.name, bug?.id as string)).toMatch(/TypeError[\s\S]*reader-thread/);
    expect([...outputs(shared).keys()]).toEqual(['b.json', 'b.md']);
  });

  it('a worker killed with SIGKILL mid-job: the other worker completes its job after the stall interval', async () => {
    const q = freshQueue();
    drop = q.drop;
    const inputs = put(tempDir('verbali-queue-in-'), { 'scansioni/giunta-1987.jpg': batchFiles()['scansioni/clusone-1987.jpg'] as Buffer });
    const shared = tempDir('verbali-shared-');
    expect((await queueCli(['add', inputs, '--queue', q.name])).code).toBe(0);

    const doomed = startWorker(q.name, shared, FAST_STALL);
    await waitFor('the job to be active', async () => (await status(q.name)).counts.active === 1);
    const children = execFileSync('pgrep', ['-P', String(doomed.child.pid)], { encoding: 'utf8' }).trim().split('\n').map(Number);
    doomed.child.kill('SIGKILL');
    await doomed.exited;
    // Its processor stops with it rather than finish a job another worker will take.
    await waitFor('the killed worker\'s processor to exit', () => children.every((pid) => !alive(pid)), 10_000);

    const heir = startWorker(q.name, shared, FAST_STALL);
    const s = await drained(q.name);
    heir.child.kill('SIGTERM');
    await heir.exited;
    expect(s.counts).toMatchObject({ completed: 1, failed: 0 });
    expect(heir.stderr()).toMatch(/^completed .*giunta-1987\.jpg$/m);
    const record = VerbaleRecord.parse(JSON.parse(readFileSync(join(shared, 'giunta-1987.json'), 'utf8')));
    expect(record.source.pages[0]?.method).toBe('ocr');
  });

  it('SIGTERM: a worker hands its job back when the grace period ends, or finishes it', async () => {
    const q = freshQueue();
    drop = q.drop;
    const inputs = put(tempDir('verbali-queue-in-'), { 'scansione.jpg': batchFiles()['scansioni/clusone-1987.jpg'] as Buffer });
    const shared = tempDir('verbali-shared-');
    expect((await queueCli(['add', inputs, '--queue', q.name])).code).toBe(0);

    const hasty = startWorker(q.name, shared, ['--grace', '1']);
    await waitFor('the job to be active', async () => (await status(q.name)).counts.active === 1);
    hasty.child.kill('SIGTERM');
    expect((await hasty.exited).code).toBe(0);
    expect(hasty.stderr()).toMatch(/^handed-back .*scansione\.jpg$/m);
    // Straight back to waiting: not failed, no attempt spent, no stall interval to wait out.
    const back = await status(q.name);
    expect(back.counts).toMatchObject({ waiting: 1, active: 0, completed: 0, failed: 0 });

    const patient = startWorker(q.name, shared, ['--grace', '600']);
    await waitFor('the job to be active again', async () => (await status(q.name)).counts.active === 1);
    patient.child.kill('SIGTERM');
    expect((await patient.exited).code).toBe(0);
    expect(patient.stderr()).toMatch(/^completed .*scansione\.jpg$/m);
    expect((await status(q.name)).counts).toMatchObject({ completed: 1, active: 0, waiting: 0, failed: 0 });
    expect([...outputs(shared).keys()]).toEqual(['scansione.json', 'scansione.md']);
  });

  it('Redis not answering: each queue command exits 3 saying what to do, and nothing hangs', async () => {
    const nowhere = 'redis://127.0.0.1:1';
    for (const args of [['add', sample('consiglio-castione-2023-03-28.txt')], ['status'], ['worker', '--out', tempDir()]]) {
      const r = await runCli(['queue', ...args, '--redis', nowhere]);
      expect(r.code, args[0]).toBe(3);
      expect(r.stderr).toBe(`verbali: Redis does not answer at ${nowhere}: start it (e.g. \`redis-server --port 6379\`, see README) or check --redis (E_MISSING_DEP)\n`);
    }
  });

  it('a 30-page PDF split into page jobs across two workers gives the same record as a local run', async () => {
    const q = freshQueue();
    drop = q.drop;
    const inputs = put(tempDir('verbali-queue-in-'), { 'verbale-lungo.pdf': await longPdf(30) });
    const local = tempDir('verbali-local-');
    const shared = tempDir('verbali-shared-');
    const run = await runCli(['run', inputs, '--out', local, '--jobs', '2', '--quiet']);
    expect(run.code, run.stderr).toBe(0);
    const record = VerbaleRecord.parse(JSON.parse(readFileSync(join(local, 'verbale-lungo.json'), 'utf8')));
    expect(record.source.pages.map((p) => p.method).filter((m) => m === 'ocr')).toHaveLength(3);

    const added = await queueCli(['add', inputs, '--queue', q.name]);
    expect(added.stderr).toMatch(/verbale-lungo\.json \(30 page jobs\)/);
    const workers = [startWorker(q.name, shared, ['--concurrency', '1']), startWorker(q.name, shared, ['--concurrency', '1'])];
    const s = await drained(q.name);
    for (const w of workers) w.child.kill('SIGTERM');
    await Promise.all(workers.map((w) => w.exited));
    expect(s.counts).toMatchObject({ failed: 0, completed: 1 });
    for (const w of workers) expect(w.stderr()).toMatch(/^completed .*verbale-lungo\.pdf: page \d+$/m);
    expect(outputs(shared)).toEqual(outputs(local));
  });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

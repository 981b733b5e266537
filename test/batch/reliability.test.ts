import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLock } from '../../pipeline/batch/lock.js';
import type { VerbaliError } from '../../pipeline/errors.js';
import { readPages, sourceFromBytes } from '../../pipeline/ingest/index.js';
import { fixture, ROOT, runCli, sample, tempDir } from '../helpers.js';

const lockError = (fn: () => unknown): VerbaliError | null => {
  try {
    fn();
    return null;
  } catch (error) {
    return error as VerbaliError;
  }
};
const lockFile = (owner: Record<string, unknown>) => JSON.stringify({ host: hostname(), pid: process.pid, started: null, since: '2024-01-01T00:00:00Z', token: 'x', ...owner });

describe('the output folder lock', () => {
  it('names host, pid and start time; refuses a live owner; takes over a dead one', () => {
    const dir = tempDir('verbali-lock-');
    const path = join(dir, '.verbali/lock');
    const release = acquireLock(path);
    const held = JSON.parse(readFileSync(path, 'utf8'));
    expect(held).toMatchObject({ host: hostname(), pid: process.pid });
    expect(held.started).toMatch(/^\d+$/);
    expect(lockError(() => acquireLock(path))?.code).toBe('E_LOCKED');
    release();
    expect(existsSync(path)).toBe(false);

    // A pid that no process has: its run is gone.
    writeFileSync(path, lockFile({ pid: 2 ** 22 + 17 }));
    const again = acquireLock(path);
    expect(JSON.parse(readFileSync(path, 'utf8')).pid).toBe(process.pid);
    again();
    // Our own pid, but another process start time: the pid was reused, the owner is gone.
    writeFileSync(path, lockFile({ started: '1' }));
    acquireLock(path)();
    expect(readdirSync(join(dir, '.verbali'))).toEqual([]);
  });

  it("respects another host's lock, says how to override it, and --force-unlock takes it", () => {
    const dir = tempDir('verbali-lock-');
    const path = join(dir, '.verbali/lock');
    mkdirSync(join(dir, '.verbali'));
    writeFileSync(path, lockFile({ host: 'archivio-2', pid: 1234 }));
    const e = lockError(() => acquireLock(path));
    expect(e?.code).toBe('E_LOCKED');
    expect(e?.message).toMatch(/host archivio-2, pid 1234.*--force-unlock/);
    const release = acquireLock(path, { force: true });
    expect(JSON.parse(readFileSync(path, 'utf8')).host).toBe(hostname());
    release();
  });

  it('a stale lock is taken over by exactly one of many runs at once', async () => {
    const dir = tempDir('verbali-lock-');
    const out = join(dir, 'out');
    mkdirSync(join(out, '.verbali'), { recursive: true });
    writeFileSync(join(out, '.verbali/lock'), lockFile({ pid: 2 ** 22 + 17 }));
    // Six CLI runs on one input at once: one holds the folder, the others refuse (exit 3); none crashes.
    const input = join(dir, 'verbale.txt');
    writeFileSync(input, readFileSync(fixture('segment', 'giunta-1987', 'input.txt')));
    const runs = await Promise.all(Array.from({ length: 6 }, () => runCli(['run', input, '--out', out, '--quiet'])));
    const codes = runs.map((r) => r.code).sort();
    expect(codes.filter((c) => c === 0).length, runs.map((r) => r.stderr).join('')).toBeGreaterThanOrEqual(1);
    expect(codes.every((c) => c === 0 || c === 3)).toBe(true);
    for (const r of runs.filter((x) => x.code === 3)) expect(r.stderr).toMatch(/E_LOCKED/);
    expect(readdirSync(join(out, '.verbali')).sort()).toEqual(['state.jsonl']);
  });
});

describe('the journal checks the disk before skipping', () => {
  it('a record deleted or damaged since the last run is redone; an intact one is skipped', async () => {
    const dir = tempDir('verbali-journal-in-');
    for (const name of ['giunta-1987', 'assemblea-sindaci']) writeFileSync(join(dir, `${name}.txt`), readFileSync(fixture('segment', name, 'input.txt')));
    const out = tempDir('verbali-journal-out-');
    expect((await runCli(['run', dir, '--out', out])).code).toBe(0);
    rmSync(join(out, 'giunta-1987.json'));
    writeFileSync(join(out, 'assemblea-sindaci.json'), '{"schema": "verbali.record/1", "id": "sha256:tr');
    const second = await runCli(['run', dir, '--out', out]);
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'))).toMatchObject({ processed: 2, skipped: 0 });
    const third = await runCli(['run', dir, '--out', out]);
    expect(third.code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'))).toMatchObject({ processed: 0, skipped: 2 });
  });

  it('the same failing bytes under two names: the second is E_DUPLICATE, naming the first', async () => {
    const dir = tempDir('verbali-dup-in-');
    writeFileSync(join(dir, 'a.pdf'), '%PDF-1.4\nthis is not a PDF body at all\n%%EOF\n');
    writeFileSync(join(dir, 'b.pdf'), '%PDF-1.4\nthis is not a PDF body at all\n%%EOF\n');
    const out = tempDir('verbali-dup-out-');
    const r = await runCli(['run', dir, '--out', out]);
    expect(r.code).toBe(2);
    const failed = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).failed.map((f: { code: string }) => f.code).sort();
    expect(failed).toEqual(['E_DUPLICATE', 'E_INPUT_PDF']);
    expect(r.stderr).toMatch(/b\.pdf: the same bytes as .*a\.pdf, which failed/);
  });
});

describe("verbali's own resources, checked before any input is read", () => {
  /** A copy of the built package whose dictionaries we may break, with the real node_modules beside it. */
  function brokenCopy(breakIt: (dictionaries: string) => void): string {
    const copy = tempDir('verbali-broken-');
    for (const part of ['dist', 'dictionaries', 'package.json']) cpSync(join(ROOT, part), join(copy, part), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
    breakIt(join(copy, 'dictionaries'));
    return join(copy, 'dist/pipeline/cli.js');
  }

  it.each([
    ['a corrupt lexicon', (d: string) => writeFileSync(join(d, 'lexicon-it.tsv.gz'), readFileSync(join(d, 'lexicon-it.tsv.gz')).subarray(0, 5000))],
    ['a missing comuni list', (d: string) => rmSync(join(d, 'comuni-it.tsv'))],
    ['rules data that does not match its schema', (d: string) => writeFileSync(join(d, 'clean-rules.json'), '{"elisions": 3}')],
  ])('%s: E_MISSING_DEP, exit 3, no input read, nothing written', async (_, breakIt) => {
    const cli = brokenCopy(breakIt);
    const out = tempDir('verbali-broken-out-');
    const r = await runCli(['run', sample('giunta-clusone-1987-04-22.txt'), join(out, 'missing.pdf'), '--out', out], { cli });
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/dictionaries are missing or corrupt.*\(E_MISSING_DEP\)/);
    // The missing input was never looked at, and no record was written.
    expect(r.stderr).not.toMatch(/E_INPUT_MISSING/);
    expect(readdirSync(out).filter((f) => f.endsWith('.json') || f.endsWith('.md'))).toEqual(['summary.json']);
  });
});

describe('pdf.js documents in one thread', () => {
  it('two PDFs read at once, the CCITT one opened first (the batch that hung), both finish', async () => {
    const pagesOf = async (name: string) => {
      const file = fixture('batch-hang', name);
      const kinds: string[] = [];
      for await (const page of readPages(sourceFromBytes(file, readFileSync(file)))) kinds.push(page.kind);
      return kinds;
    };
    // The CCITT page is decoded to grey here; the colour one, a straight JPEG, stays encoded for tesseract.
    // Before documents took turns this waited forever: the colour page finished first, its document was
    // destroyed, and the CCITT page's request for jbig2.wasm, sent through that document, was never answered.
    expect(await Promise.all([pagesOf('b-ccitt-landscape-300dpi.pdf'), pagesOf('a-notice-colour-300dpi.pdf')])).toEqual([['image'], ['encoded']]);
  });
});

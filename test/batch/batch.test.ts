import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VerbaleRecord } from '../../schemas/index.js';
import { CLI, runCli, tempDir } from '../helpers.js';
import { makeCorpus } from './corpus.js';

const records = (out: string) =>
  readdirSync(out)
    .filter((f) => f.endsWith('.json') && f !== 'summary.json')
    .map((f) => VerbaleRecord.parse(JSON.parse(readFileSync(join(out, f), 'utf8'))));
const summary = (out: string) => JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));

describe('batch runs into --out', () => {
  it('processes a mixed batch, then skips it all; renamed files are not redone, changed ones are', async () => {
    const corpus = makeCorpus(tempDir('verbali-corpus-'), { bad: true, scan: true });
    expect(corpus.good.length).toBeGreaterThanOrEqual(20);
    const out = tempDir('verbali-out-');

    const first = await runCli(['run', corpus.dir, '--out', out, '--jobs', '2']);
    expect(first.code, first.stderr).toBe(2);
    const s1 = summary(out);
    expect(s1.processed).toBe(corpus.distinct);
    expect(s1.skipped).toBe(corpus.good.length - corpus.distinct);
    expect(s1.failed.map((f: { file: string }) => f.file.split('/').pop()).sort()).toEqual(Object.keys(corpus.bad).concat('back-up').sort());
    for (const [name, code] of Object.entries(corpus.bad)) expect(first.stderr).toMatch(new RegExp(`${name.replace('.', '\\.')}: .*\\(${code}\\)`));
    expect(first.stderr).toMatch(/symbolic link loop/);
    const all = records(out);
    expect(all).toHaveLength(corpus.distinct);
    const dup = all.find((r) => r.source.aliases?.length);
    expect(dup?.source.file).toMatch(/seduta-01\.txt$|seduta-01-copia\.txt$/);
    expect(dup?.source.aliases).toHaveLength(1);
    expect(readdirSync(out).filter((f) => f.endsWith('.md'))).toHaveLength(corpus.distinct);

    const second = await runCli(['run', corpus.dir, '--out', out]);
    expect(second.code).toBe(2);
    const s2 = summary(out);
    expect(s2.processed).toBe(0);
    expect(s2.skipped).toBe(corpus.good.length);
    expect(s2.pages).toBe(0);

    renameSync(join(corpus.dir, 'giunte/seduta-02.txt'), join(corpus.dir, 'giunte/seduta-02-rinominata.txt'));
    writeFileSync(join(corpus.dir, 'giunte/seduta-03.txt'), `${readFileSync(join(corpus.dir, 'giunte/seduta-03.txt'), 'utf8')}\nNota a margine.\n`);
    const third = await runCli(['run', join(corpus.dir, 'giunte'), '--out', out]);
    expect(third.code, third.stderr).toBe(0);
    expect(summary(out)).toMatchObject({ processed: 1, skipped: 9, failed: [] });
    const renamed = records(out).find((r) => r.source.file.endsWith('seduta-02.txt'));
    expect(renamed?.source.aliases).toEqual([join(corpus.dir, 'giunte/seduta-02-rinominata.txt')]);

    const forced = await runCli(['run', join(corpus.dir, 'giunte'), '--out', out, '--force', '--quiet']);
    expect(forced.code).toBe(0);
    expect(forced.stderr).toBe('');
    expect(summary(out).processed).toBe(10);
  });

  it('a second run on the same --out refuses while the first holds it', async () => {
    const corpus = makeCorpus(tempDir('verbali-corpus-'), { scan: true });
    const out = tempDir('verbali-out-');
    const firstRun = runCli(['run', corpus.dir, '--out', out, '--jobs', '1']);
    await waitFor(() => existsSync(join(out, '.verbali/lock')));
    const second = await runCli(['run', corpus.dir, '--out', out]);
    expect(second.code).toBe(3);
    expect(second.stderr).toMatch(/another verbali run \(pid \d+/);
    expect((await firstRun).code).toBe(0);
    expect(existsSync(join(out, '.verbali/lock'))).toBe(false);
  });

  it('survives 5 SIGKILLs at random moments: then every input has exactly one valid record', async () => {
    const corpus = makeCorpus(tempDir('verbali-corpus-'), { scan: true, bad: true });
    const out = tempDir('verbali-out-');
    let seed = 1127;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    for (let i = 0; i < 5; i++) {
      const child = spawn(process.execPath, [CLI, 'run', corpus.dir, '--out', out, '--jobs', '2', '--quiet'], { stdio: 'ignore' });
      await new Promise((r) => setTimeout(r, 300 + random() * 2500));
      child.kill('SIGKILL');
      await new Promise((r) => child.on('close', r));
    }
    const final = await runCli(['run', corpus.dir, '--out', out, '--jobs', '2']);
    expect(final.code).toBe(2);
    const s = summary(out);
    expect(s.processed + s.skipped).toBe(corpus.good.length);
    expect(s.failed).toHaveLength(Object.keys(corpus.bad).length + 1);
    const all = records(out);
    expect(all).toHaveLength(corpus.distinct);
    const seen = all.flatMap((r) => [r.source.file, ...(r.source.aliases ?? [])]);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual([...corpus.good].sort());
    expect(readdirSync(out).filter((f) => /\.\d+$/.test(f))).toEqual([]);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

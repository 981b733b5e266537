import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VerbaleRecord as RecordSchema, type VerbaleRecord } from '../../schemas/index.js';
import { fixture, ROOT, runCli, sample, tempDir } from '../helpers.js';

/*
 * Failure paths, proved with stand-ins that fail on purpose (stand-ins.mjs,
 * loaded with `node --import`) around the real CLI, real tesseract.js and
 * real pdf.js. Each asserts the error code, the exit status, that the batch
 * finishes and that nothing half-written is left in OUT.
 */
const STAND_INS = ['--import', join(ROOT, 'test/failure/stand-ins.mjs')];

const records = (out: string): Record<string, VerbaleRecord> =>
  Object.fromEntries(
    readdirSync(out)
      .filter((f) => f.endsWith('.json') && f !== 'summary.json')
      .map((f) => [f.replace(/\.json$/, ''), RecordSchema.parse(JSON.parse(readFileSync(join(out, f), 'utf8')))]),
  );

/** Nothing half-written: no temp files, and every record has its Markdown and every Markdown its record. */
function expectWhole(out: string): void {
  const names = readdirSync(out);
  expect(names.filter((f) => /\.(json|md)\.\d+$/.test(f))).toEqual([]);
  const base = (ext: string) =>
    names
      .filter((f) => f.endsWith(ext) && f !== 'summary.json')
      .map((f) => f.slice(0, -ext.length))
      .sort();
  expect(base('.md')).toEqual(base('.json'));
}

const unreadable = (r: VerbaleRecord) => r.warnings.filter((w) => w.code === 'page-unreadable');

/** One input through the CLI with a stand-in into a fresh OUT: it must exit 0 with one record, which is returned. */
async function oneRecord(input: string, args: string[], env: NodeJS.ProcessEnv): Promise<VerbaleRecord> {
  const out = tempDir('verbali-stand-in-out-');
  const r = await runCli(['run', input, '--out', out, ...args], { nodeArgs: STAND_INS, env });
  expect(r.code, r.stderr).toBe(0);
  expectWhole(out);
  const all = Object.values(records(out));
  expect(all).toHaveLength(1);
  return all[0] as VerbaleRecord;
}

describe('failure paths, with stand-ins that fail on purpose', () => {
  it('an OCR worker that hangs: terminated after the page timeout and replaced; the page gets a marker; the batch goes on', async () => {
    const dir = tempDir('verbali-hang-in-');
    const scan = readFileSync(sample('giunta-clusone-1987-04-22.jpg'));
    writeFileSync(join(dir, 'a.jpg'), scan);
    // The same scan with one byte more after its end: other bytes, so a second input for the replacement worker.
    writeFileSync(join(dir, 'b.jpg'), Buffer.concat([scan, Buffer.from([0])]));
    const out = tempDir('verbali-hang-out-');
    // The page timeout also bounds starting the replacement worker and reading with it: generous, on a loaded machine.
    const r = await runCli(['run', dir, '--out', out, '--jobs', '1', '--page-timeout', '45'], { nodeArgs: STAND_INS, env: { STANDIN_OCR: 'hang:1' } });
    expect(r.code, r.stderr).toBe(0);
    const all = Object.values(records(out));
    expect(all).toHaveLength(2);
    const hung = all.filter((rec) => unreadable(rec).length > 0);
    expect(hung, JSON.stringify(all.map(unreadable))).toHaveLength(1);
    expect(unreadable(hung[0] as VerbaleRecord)[0]?.message).toMatch(/page 1: OCR gave no result within 45 s; its worker was replaced \(E_TIMEOUT\)/);
    expect(hung[0]?.text.raw).toMatch(/^\[OCR failed on page 1: /);
    const read = all.find((rec) => unreadable(rec).length === 0);
    expect(read?.text.raw).toMatch(/GIUNTA/i);
    expectWhole(out);
  });

  it('an OCR worker that crashes on page 1: the process survives, page 1 gets a marker (E_OCR), page 2 is read by its replacement', async () => {
    // Both pages are CCITT images decoded here, so their OCR jobs start in page order (a straight scanner JPEG
    // would go to OCR as it is, and one that fails there is read again from our pixels).
    const record = await oneRecord(fixture('pdf-kinds', 'ccitt-g4-rotate-consiglio-numerato.pdf'), ['--jobs', '1'], { STANDIN_OCR: 'crash:1' });
    expect(unreadable(record).map((w) => w.message)).toEqual([expect.stringMatching(/page 1: the OCR worker crashed: .*on purpose.* \(E_OCR\)/)]);
    const pages = record.text.raw.split('\f');
    expect(pages).toHaveLength(2);
    expect(pages[0]).toMatch(/^\[OCR failed on page 1: /);
    expect(pages[1]?.length).toBeGreaterThan(200);
  });

  it('a disk that fills up while writing: E_OUTPUT, exit 3, the batch finishes, nothing half-written; the next run completes', async () => {
    const dir = tempDir('verbali-disk-in-');
    const names = ['consiglio-numerato', 'giunta-1987', 'assemblea-sindaci'];
    for (const name of names) copyFileSync(fixture('segment', name, 'input.txt'), join(dir, `${name}.txt`));
    const out = tempDir('verbali-disk-out-');
    // Room for part of one file: the first write is cut short by ENOSPC, every later one fails at once.
    const full = await runCli(['run', dir, '--out', out], { nodeArgs: STAND_INS, env: { STANDIN_DISK_DIR: out, STANDIN_DISK_BYTES: '1500' } });
    expect(full.code, full.stderr).toBe(3);
    expect(full.stderr).toMatch(/disk is full.*\(E_OUTPUT\)/);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.failed.map((f: { code: string }) => f.code)).toEqual(names.map(() => 'E_OUTPUT'));
    expect(Object.keys(records(out))).toEqual([]);
    expectWhole(out);

    const again = await runCli(['run', dir, '--out', out]);
    expect(again.code, again.stderr).toBe(0);
    expect(Object.keys(records(out)).sort()).toEqual([...names].sort());
    expectWhole(out);
  });

  it('a page reader that hangs on page 2: terminated, page 2 gets a marker (E_TIMEOUT), the reader restarts at page 3', async () => {
    const record = await oneRecord(sample('consiglio-castione-2023-03-28.pdf'), ['--page-timeout', '20'], { STANDIN_READER: 'hang:2' });
    expect(record.source.pages.map((p) => p.method)).toEqual(['text-layer', 'ocr', 'text-layer']);
    expect(unreadable(record).map((w) => w.message)).toEqual([expect.stringMatching(/page 2: reading the page gave no result within 20 s.*\(E_TIMEOUT\)/)]);
  });

  it('a bug is E_INTERNAL, named as a bug, with its stack in --log-json; the batch goes on; exit 4', async () => {
    const dir = tempDir('verbali-bug-in-');
    copyFileSync(sample('consiglio-castione-2023-03-28.pdf'), join(dir, 'a.pdf'));
    copyFileSync(sample('giunta-clusone-1987-04-22.txt'), join(dir, 'b.txt'));
    const out = tempDir('verbali-bug-out-');
    const r = await runCli(['run', dir, '--out', out, '--log-json'], { nodeArgs: STAND_INS, env: { STANDIN_READER: 'bug:1' } });
    expect(r.code, r.stderr).toBe(4);
    const lines = r.stderr
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l));
    const bug = lines.find((l) => l.code === 'E_INTERNAL');
    expect(bug?.file).toBe(join(dir, 'a.pdf'));
    expect(bug?.msg).toMatch(/a bug in verbali/);
    expect(bug?.stack).toMatch(/TypeError[\s\S]*reader-thread/);
    expect(lines.find((l) => l.status === 'processed')?.file).toBe(join(dir, 'b.txt'));
    expectWhole(out);
  });
});

describe('JavaScript in a PDF', () => {
  it('is never run: the PDF is read with scripting off and the record says so', async () => {
    const { javaScriptPdf } = await import('../fixtures/bad-inputs.js');
    const dir = tempDir('verbali-js-');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'con-script.pdf'), javaScriptPdf());
    const r = await runCli(['run', join(dir, 'con-script.pdf')]);
    expect(r.code, r.stderr).toBe(0);
    const record = RecordSchema.parse(JSON.parse(r.stdout));
    expect(record.text.raw).toMatch(/CONSIGLIO COMUNALE/);
    expect(record.warnings.filter((w) => w.code === 'pdf-javascript')).toHaveLength(1);
  });
});

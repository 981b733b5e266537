import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli, SEED, sample } from '../helpers.js';

describe('verbali CLI (docs/cli.md)', () => {
  it('run FILE prints one record whose schema is verbali.record/1, data only on stdout', async () => {
    const r = await runCli(['run', SEED]);
    expect(r.code).toBe(0);
    const record = JSON.parse(r.stdout);
    expect(record.schema).toBe('verbali.record/1');
    expect(record.text.raw).toBe(readFileSync(SEED, 'utf8'));
    expect(record.source).toMatchObject({ file: SEED, mediaType: 'text/plain', bytes: readFileSync(SEED).length });
    expect(record.id).toBe(`sha256:${record.source.sha256}`);
  });

  it('run - reads OCR text from stdin', async () => {
    const r = await runCli(['run', '-'], { input: 'VERBALE DELLA GIUNTA COMUNALE\n\nIn data 3 maggio 2021 si e riunita la Giunta.\n' });
    expect(r.code, r.stderr).toBe(0);
    const record = JSON.parse(r.stdout);
    expect(record.source.file).toBe('-');
    expect(record.meeting.date).toBe('2021-05-03');
    expect(record.text.clean).toContain('si è riunita');
  });

  it('run FILE… --ndjson prints one record per line', async () => {
    const r = await runCli(['run', SEED, sample('consiglio-castione-2023-03-28.ocr.txt'), '--ndjson']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines.map((l) => JSON.parse(l).source.file)).toEqual([SEED, sample('consiglio-castione-2023-03-28.ocr.txt')]);
  });

  it('a missing input exits 2 naming the file and the reason', async () => {
    const r = await runCli(['run', 'missing.pdf']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('missing.pdf');
    expect(r.stderr).toContain('no such file');
  });

  it('one bad input among good ones: the good record is printed, exit 2', async () => {
    const r = await runCli(['run', 'missing.txt', SEED, '--ndjson']);
    expect(r.code).toBe(2);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/missing\.txt: no such file/);
  });

  it('an unknown command exits 1 with usage on stderr', async () => {
    const r = await runCli(['frobnicate']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/unknown command 'frobnicate'/);
    expect(r.stderr).toMatch(/Usage: verbali/);
  });

  it('a bad option value exits 1', async () => {
    const r = await runCli(['run', SEED, '--jobs', 'zero']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--jobs/);
  });

  it('--help and --version print to stdout and exit 0', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/run \[options\] <inputs\.\.\.>/);
    const version = await runCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
  });

  it('clean prints the clean text; --explain prints the correction log', async () => {
    const clean = await runCli(['clean', SEED]);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain("si è tenuto online l'incontro");
    const explain = await runCli(['clean', SEED, '--explain']);
    expect(explain.stdout.split('\n')[0]).toBe('page\traw@\tclean@\trule\tfrom\tto\tconfidence');
    expect(explain.stdout).toMatch(/accent\/final\t"poverta"\t"povertà"/);
  });

  it('ocr prints a born-digital PDF text layer, pages separated by form feeds', async () => {
    const r = await runCli(['ocr', sample('consiglio-castione-2023-03-28.pdf')]);
    expect(r.code, r.stderr).toBe(0);
    const pages = r.stdout.split('\f');
    expect(pages).toHaveLength(3);
    expect(pages[0]).toContain('VERBALE DI DELIBERAZIONE DEL CONSIGLIO COMUNALE N. 12');
  });

  it('schema prints a JSON Schema', async () => {
    const r = await runCli(['schema']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).$schema).toMatch(/json-schema\.org/);
  });

  it('run --out --log-json writes one pino JSON line per input and the summary on stderr', async () => {
    const { tempDir } = await import('../helpers.js');
    const out = tempDir('verbali-log-');
    const r = await runCli(['run', SEED, 'missing.txt', '--out', out, '--log-json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
    expect(lines.map((l) => l.status ?? 'summary').sort()).toEqual(['failed', 'processed', 'summary']);
    expect(lines.find((l) => l.status === 'failed')).toMatchObject({ file: 'missing.txt', code: 'E_INPUT_MISSING', level: 40 });
    expect(lines.find((l) => l.summary)?.summary).toMatchObject({ processed: 1, skipped: 0 });
  });
});

import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../pipeline/assets.js';

/** The checkout (found by its dictionaries/ folder, so this works from sources and from dist/). */
export const ROOT = packageRoot();
export const CLI = join(ROOT, 'dist/pipeline/cli.js');
/** The real seed verbale's OCR text (a copy of ../shared/seed: test/fixtures/seed/README.md). */
export const SEED = join(ROOT, 'test/fixtures/seed/valle-seriana-2024-11-13.ocr.txt');
export const SAMPLES = join(ROOT, 'samples');
export const sample = (name: string) => join(SAMPLES, name);
export const fixture = (...parts: string[]) => join(ROOT, 'test/fixtures', ...parts);

export function tempDir(prefix = 'verbali-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Run the built CLI as a user would, in a child process. */
export function runCli(args: string[], options: { input?: string | Buffer; cwd?: string; env?: NodeJS.ProcessEnv; nodeArgs?: string[]; cli?: string } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.cli ?? CLI, ...args], { cwd: options.cwd ?? ROOT, env: { ...process.env, ...options.env } });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
    );
    child.stdin.end(options.input ?? '');
  });
}

/** A council's numbered member list written for the tests (invented names), then who presides. */
export const MEMBER_LIST = [
  'VERBALE DI DELIBERAZIONE DEL CONSIGLIO COMUNALE N. 12',
  "L'anno duemilaventisei, addì ventidue del mese di aprile, alle ore 18,30, si è riunito il Consiglio comunale.",
  'Risultano:',
  '1. TOSATO Mario presente',
  '2. FRATTINI Anna presente',
  '3. LUPETTI Carlo assente',
  'Presiede il Sindaco Mario Tosato.',
].join('\n');

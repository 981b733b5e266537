import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT } from './helpers.js';

/** The newest modification time of the TypeScript files under `dir`. */
function newest(dir: string): number {
  let time = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.ts')) time = Math.max(time, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return time;
}

/**
 * Tests run the built copy in dist/ wherever a real user would (the CLI in
 * child processes, the page reader threads): build it when any source is
 * newer, so `npx vitest run test/…` never tests yesterday's code.
 */
export default function setup(): void {
  const built = join(ROOT, 'dist/pipeline/cli.js');
  const sources = Math.max(newest(join(ROOT, 'pipeline')), newest(join(ROOT, 'schemas')));
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: ROOT, stdio: 'inherit' });
  // The review site's browser script, a project of its own.
  execFileSync(process.execPath, [tsc, '-p', 'pipeline/review/client'], { cwd: ROOT, stdio: 'inherit' });
}

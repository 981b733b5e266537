import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/**
 * The package's own folder (the one holding `dictionaries/`), found from this
 * module's location, so the CLI works from any working directory and both from
 * `dist/` and from sources under test.
 */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'dictionaries'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('verbali: cannot find the package folder holding dictionaries/');
    dir = up;
  }
  root = dir;
  return dir;
}

/** A file under the package's `dictionaries/` folder. */
export function dictionaryPath(name: string): string {
  return join(packageRoot(), 'dictionaries', name);
}

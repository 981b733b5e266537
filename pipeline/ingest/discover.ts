import { opendir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { VerbaliError } from '../errors.js';
import { isSupportedPath } from './media-type.js';
import { ioError } from './source.js';

/** One thing discovery found: an input to process, or a path it could not use. */
export type Discovered = { kind: 'input'; path: string } | { kind: 'error'; path: string; error: VerbaliError };

/**
 * Walk files and folders as given, recursively, yielding supported inputs in a
 * stable (sorted) order. Streamed folder by folder, so a tree of a million
 * scans is never listed in memory at once. Symlinks are followed once: a link
 * back into a folder already visited is reported as a loop, not walked forever.
 * Files named explicitly are always yielded (an unsupported one then fails with
 * its reason); files found inside folders only when their extension is supported.
 */
export async function* discoverInputs(paths: readonly string[]): AsyncGenerator<Discovered> {
  const visited = new Set<string>();
  for (const path of paths) {
    if (path === '-') {
      yield { kind: 'input', path };
      continue;
    }
    let isDir = false;
    try {
      isDir = (await stat(path)).isDirectory();
    } catch {
      // Missing or looping paths given by name become errors of the input itself.
      yield { kind: 'input', path };
      continue;
    }
    if (isDir) yield* walk(path, visited);
    else yield { kind: 'input', path };
  }
}

async function* walk(dir: string, visited: Set<string>): AsyncGenerator<Discovered> {
  let real: string;
  try {
    real = await realpath(dir);
  } catch (error) {
    yield { kind: 'error', path: dir, error: ioError(dir, error) };
    return;
  }
  if (visited.has(real)) {
    yield { kind: 'error', path: dir, error: new VerbaliError('E_INPUT_UNREADABLE', `symbolic link loop: ${dir} leads back to ${real}, skipped`, { file: dir }) };
    return;
  }
  visited.add(real);
  let names: { name: string; isDir: boolean }[];
  try {
    names = [];
    const handle = await opendir(dir);
    for await (const entry of handle) {
      let isDir = entry.isDirectory();
      if (entry.isSymbolicLink()) {
        try {
          isDir = (await stat(join(dir, entry.name))).isDirectory();
        } catch (error) {
          yield { kind: 'error', path: join(dir, entry.name), error: ioError(join(dir, entry.name), error) };
          continue;
        }
      }
      if (isDir || isSupportedPath(entry.name)) names.push({ name: entry.name, isDir });
    }
  } catch (error) {
    yield { kind: 'error', path: dir, error: ioError(dir, error) };
    return;
  }
  names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const { name, isDir } of names) {
    const path = join(dir, name);
    if (isDir) yield* walk(path, visited);
    else yield { kind: 'input', path };
  }
}


import { appendFileSync, closeSync, existsSync, fsyncSync, openSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { outputError } from './outputs.js';

/** One done input, as the journal keeps it. */
export const StateEntry = z.object({
  /** sha256 of the input bytes + pipeline version + output-changing options. */
  key: z.string(),
  sha256: z.string(),
  /** Every path seen with these bytes, first one first. */
  paths: z.array(z.string()),
  /** Output base name in the folder (`<name>.json`, `<name>.md`). */
  name: z.string(),
  pages: z.number().int(),
  at: z.string(),
});
export type StateEntry = z.infer<typeof StateEntry>;

/**
 * The batch's memory of what is done: an append-only journal of JSON lines
 * (`OUT/.verbali/state.jsonl`), fsynced after each input. A crash can only
 * lose the line of an input being written, which is then redone; a torn last
 * line is ignored. Chosen over SQLite: no native module, readable with `jq`.
 */
export class StateJournal {
  private readonly byKey = new Map<string, StateEntry>();
  private readonly byName = new Map<string, string>();

  constructor(private readonly path: string) {
    if (!existsSync(path)) return;
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        this.remember(StateEntry.parse(JSON.parse(line)));
      } catch {
        // a line torn by a crash: that input is simply redone
      }
    }
  }

  get(key: string): StateEntry | undefined {
    return this.byKey.get(key);
  }

  /** The key that owns an output name, if any. */
  ownerOf(name: string): string | undefined {
    return this.byName.get(name);
  }

  get size(): number {
    return this.byKey.size;
  }

  /** Append and fsync an entry. A failure (a full disk) is `E_OUTPUT`; at worst a torn last line, which the next run ignores. */
  record(entry: StateEntry): void {
    try {
      const fd = openSync(this.path, 'a');
      try {
        appendFileSync(fd, `${JSON.stringify(entry)}\n`);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    } catch (error) {
      throw outputError(this.path, error);
    }
    this.remember(entry);
  }

  private remember(entry: StateEntry): void {
    this.byKey.set(entry.key, entry);
    this.byName.set(entry.name, entry.key);
  }
}

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { dictionaryPath } from '../assets.js';
import { VerbaliError } from '../errors.js';

/** A person a user dictionary names, with the other spellings that mean them. */
export interface KnownPerson {
  name: string;
  aliases: string[];
  source: string;
}

/** Proper names the names rule checks against. */
export interface NameDictionary {
  /** Every comune since 1861, natural case (`Cazzano Sant'Andrea`). */
  comuni: readonly string[];
  /** Comuni by normalised key (upper case, plain apostrophe). */
  comuniByKey: ReadonlyMap<string, string>;
  /** Normalised keys grouped by first letter, for fuzzy look-ups. */
  comuniByInitial: ReadonlyMap<string, readonly { key: string; name: string }[]>;
  people: readonly KnownPerson[];
  /** `name@version` of each dictionary, for `record.pipeline.dictionaries`. */
  sources: string[];
}

export function nameKey(name: string): string {
  return name.toUpperCase().replace(/[’‘`´]/g, "'").replace(/\s+/g, ' ').trim();
}

interface Comuni {
  list: string[];
  byKey: Map<string, string>;
  byInitial: Map<string, { key: string; name: string }[]>;
}
let comuniCache: Comuni | undefined;

function loadComuni(): Comuni {
  if (comuniCache) return comuniCache;
  const list: string[] = [];
  const byKey = new Map<string, string>();
  const byInitial = new Map<string, { key: string; name: string }[]>();
  for (const line of readFileSync(dictionaryPath('comuni-it.tsv'), 'utf8').split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const name = line.split('\t')[0] as string;
    const key = nameKey(name);
    if (!byKey.has(key)) {
      byKey.set(key, name);
      list.push(name);
      const bucket = byInitial.get(key[0] as string) ?? [];
      bucket.push({ key, name });
      byInitial.set(key[0] as string, bucket);
    }
  }
  comuniCache = { list, byKey, byInitial };
  return comuniCache;
}

/**
 * A user names dictionary (`--dict FILE`): UTF-8 text, one person per line,
 * the canonical name, then optionally a TAB and other spellings separated by
 * `|` (`Carolina Angelini<TAB>Carolina Letizia Angelini|C. Angelini`).
 * Blank lines and lines starting with `#` are ignored.
 */
export function parseNamesFile(file: string, text: string): KnownPerson[] {
  const people: KnownPerson[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '' || line.trimStart().startsWith('#')) return;
    const [name, aliases = ''] = line.split('\t');
    if (!name || !/\p{L}/u.test(name)) {
      throw new VerbaliError('E_DICT', `line ${i + 1}: expected "Name<TAB>alias|alias", got ${JSON.stringify(line)}`, { file });
    }
    people.push({ name: name.trim(), aliases: aliases.split('|').map((a) => a.trim()).filter(Boolean), source: basename(file) });
  });
  return people;
}

/** The comuni list plus the user's `--dict` files, loaded once per run. */
export function loadNameDictionary(dictFiles: readonly string[] = []): NameDictionary {
  const comuni = loadComuni();
  const people: KnownPerson[] = [];
  const sources = [`comuni-it@anpr-2023-05-16(${comuni.list.length})`];
  for (const file of dictFiles) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new VerbaliError('E_DICT', `cannot read the names dictionary: ${(error as Error).message}`, { file, cause: error });
    }
    const parsed = parseNamesFile(file, text);
    people.push(...parsed);
    sources.push(`${basename(file)}(${parsed.length})`);
  }
  return { comuni: comuni.list, comuniByKey: comuni.byKey, comuniByInitial: comuni.byInitial, people, sources };
}

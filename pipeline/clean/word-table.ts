/**
 * A read-only table from strings to small non-negative integers, held in one
 * string and three typed arrays: open addressing on an FNV-1a hash, keys
 * compared in place. A `Map` of the lexicon's 190k forms is 190k strings the
 * garbage collector marks on every full collection, and V8 grows the heap in
 * proportion to what is live; this table is four objects (about 6 MB).
 */
export interface WordTable {
  readonly size: number;
  /** The value stored for `key`, or -1. */
  get(key: string): number;
}

const EMPTY = -1;

function hash(s: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Build the table; a key given twice keeps its first value. Values must fit in 31 bits. */
export function wordTable(keys: readonly string[], values: readonly number[]): WordTable {
  const text = keys.join('');
  const starts = new Int32Array(keys.length + 1);
  for (let i = 0, at = 0; i < keys.length; i++) {
    starts[i] = at;
    at += (keys[i] as string).length;
    starts[i + 1] = at;
  }
  let capacity = 1;
  while (capacity < keys.length * 2) capacity *= 2;
  const mask = capacity - 1;
  const slots = new Int32Array(capacity).fill(EMPTY);
  const stored = Int32Array.from(values);

  /** The index of the key `source[keyStart, keyEnd)`, or -1 - the empty slot where it would go. */
  const find = (source: string, keyStart: number, keyEnd: number): number => {
    const length = keyEnd - keyStart;
    for (let slot = hash(source, keyStart, keyEnd) & mask; ; slot = (slot + 1) & mask) {
      const index = slots[slot] as number;
      if (index === EMPTY) return -1 - slot;
      const start = starts[index] as number;
      if ((starts[index + 1] as number) - start !== length) continue;
      let i = 0;
      while (i < length && text.charCodeAt(start + i) === source.charCodeAt(keyStart + i)) i++;
      if (i === length) return index;
    }
  };

  let size = 0;
  for (let i = 0; i < keys.length; i++) {
    const found = find(text, starts[i] as number, starts[i + 1] as number);
    if (found < 0) {
      slots[-1 - found] = i;
      size++;
    }
  }
  return {
    size,
    get(key) {
      const found = find(key, 0, key.length);
      return found < 0 ? -1 : (stored[found] as number);
    },
  };
}

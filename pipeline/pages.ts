import { countAtMost } from './sorted.js';

/** The 1-based page of offsets into a text whose pages are separated by `\f`: page breaks found once, then a binary search. */
export function pageLookup(text: string): (offset: number) => number {
  const breaks: number[] = [];
  for (let i = text.indexOf('\f'); i !== -1; i = text.indexOf('\f', i + 1)) breaks.push(i);
  // Offsets are whole numbers: the breaks before `offset` are those at most `offset - 1`.
  return (offset) => countAtMost(breaks, offset - 1) + 1;
}

import { alignWords } from './align.js';

/** Words with their offsets, for aligning texts word by word. */
export function words(text: string): { w: string; start: number; end: number }[] {
  return [...text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’.,€%/-]*/gu)].map((m) => ({
    w: m[0].replace(/[.,]+$/, '').replace(/’/g, "'"),
    start: m.index,
    end: m.index + m[0].length,
  }));
}

/** Indices of `a` matched to an equal word of `b` by a longest common subsequence. */
export function matchedWords(a: readonly string[], b: readonly string[]): Set<number> {
  const matched = new Set<number>();
  let i = 0;
  for (const stretch of alignWords(b, a)) {
    for (const _ of stretch.ocr) {
      if (stretch.equal) matched.add(i);
      i++;
    }
  }
  return matched;
}

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
  const n = a.length;
  const m = b.length;
  const dp = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    const row = dp[i] as Uint32Array;
    const next = dp[i + 1] as Uint32Array;
    for (let j = m - 1; j >= 0; j--) row[j] = a[i] === b[j] ? (next[j + 1] as number) + 1 : Math.max(next[j] as number, row[j + 1] as number);
  }
  const matched = new Set<number>();
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      matched.add(i);
      i++;
      j++;
    } else if ((dp[i + 1] as Uint32Array)[j] as number >= ((dp[i] as Uint32Array)[j + 1] as number)) i++;
    else j++;
  }
  return matched;
}

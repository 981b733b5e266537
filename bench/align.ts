/**
 * Alignment of an OCR reading with the text it shows: word by word (a longest
 * common subsequence), then character by character inside each stretch that
 * differs (a Levenshtein backtrace). bench/accuracy-confusions counts what
 * it finds; bench/accuracy lists the words cleaning still gets wrong.
 */

/** A stretch of the texts: equal words, or words of the truth read as other words. */
export interface WordStretch {
  equal: boolean;
  truth: string[];
  ocr: string[];
}

/** Word-level alignment of two token lists (LCS, equal tokens kept in order). */
export function alignWords(truth: readonly string[], ocr: readonly string[]): WordStretch[] {
  const n = truth.length;
  const m = ocr.length;
  const dp = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    const row = dp[i] as Uint32Array;
    const next = dp[i + 1] as Uint32Array;
    for (let j = m - 1; j >= 0; j--) row[j] = truth[i] === ocr[j] ? (next[j + 1] as number) + 1 : Math.max(next[j] as number, row[j + 1] as number);
  }
  const out: WordStretch[] = [];
  const push = (equal: boolean, t: string | null, o: string | null) => {
    let last = out[out.length - 1];
    if (!last || last.equal !== equal) {
      last = { equal, truth: [], ocr: [] };
      out.push(last);
    }
    if (t !== null) last.truth.push(t);
    if (o !== null) last.ocr.push(o);
  };
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && truth[i] === ocr[j]) {
      push(true, truth[i] as string, ocr[j] as string);
      i++;
      j++;
    } else if (j >= m || (i < n && ((dp[i + 1] as Uint32Array)[j] as number) >= ((dp[i] as Uint32Array)[j + 1] as number))) {
      push(false, truth[i++] as string, null);
    } else push(false, null, ocr[j++] as string);
  }
  return out;
}

/** One step of a character alignment: equal, or `ocr` printed where the page had `truth` (either may be empty). */
export interface CharStep {
  ocr: string;
  truth: string;
}

/** Character alignment of two strings by plain edit distance, as steps. */
export function alignChars(truth: string, ocr: string): CharStep[] {
  const t = [...truth];
  const o = [...ocr];
  const n = t.length;
  const m = o.length;
  const d = Array.from({ length: n + 1 }, (_, i) => {
    const row = new Uint16Array(m + 1);
    row[0] = i;
    return row;
  });
  for (let j = 0; j <= m; j++) (d[0] as Uint16Array)[j] = j;
  for (let i = 1; i <= n; i++) {
    const row = d[i] as Uint16Array;
    const up = d[i - 1] as Uint16Array;
    for (let j = 1; j <= m; j++) {
      row[j] = Math.min((up[j - 1] as number) + (t[i - 1] === o[j - 1] ? 0 : 1), (up[j] as number) + 1, (row[j - 1] as number) + 1);
    }
  }
  const steps: CharStep[] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const here = (d[i] as Uint16Array)[j] as number;
    if (i > 0 && j > 0 && here === ((d[i - 1] as Uint16Array)[j - 1] as number) + (t[i - 1] === o[j - 1] ? 0 : 1)) {
      steps.push({ truth: t[--i] as string, ocr: o[--j] as string });
    } else if (i > 0 && here === ((d[i - 1] as Uint16Array)[j] as number) + 1) {
      steps.push({ truth: t[--i] as string, ocr: '' });
    } else steps.push({ truth: '', ocr: o[--j] as string });
  }
  return steps.reverse();
}

import { type ConfusionModel, firstRow, nextRow } from './confusion-model.js';

/**
 * The lexicon's forms as a trie in typed arrays (first child, next sibling,
 * character, value, best prior below), so every form within a confusion cost
 * of an OCR word is found in one walk: the weighted edit distance is computed
 * row by row down the trie, and a branch is left as soon as no row can come
 * back under the limit, or as soon as even its likeliest form could not reach
 * the score floor at that cost (most of a lexicon is rare forms, so this
 * prunes most of the walk). About 470k nodes, 7.5 MB, none of it on V8's heap.
 */
export interface WordTrie {
  readonly nodes: number;
  /**
   * Forms within `maxCost` of `ocr` (lower case) whose prior plus
   * `cost × model.plainLog10Chance` is at least `floor`, with their cost and
   * stored value, cheapest first.
   */
  near(ocr: string, model: ConfusionModel, maxCost: number, floor?: number): { word: string; cost: number; value: number; prior: number }[];
  /** The best prior of the forms that start with `prefix` (itself included), or null when none does. */
  prefixPrior(prefix: string): number | null;
}

const NONE = -1;
/** Prior (hundredths of log10) of a node that ends no form. */
const NO_PRIOR = -32768;

/**
 * Build from forms sorted in code-unit order, with one value per form (a form
 * given twice keeps its first) and its prior (log10 chance it is written).
 */
export function wordTrie(sortedWords: readonly string[], values: readonly number[], priors: readonly number[]): WordTrie {
  let capacity = 1 << 16;
  let firstChild = new Int32Array(capacity).fill(NONE);
  let nextSibling = new Int32Array(capacity).fill(NONE);
  let char = new Uint16Array(capacity);
  let value = new Int32Array(capacity).fill(NONE);
  let prior = new Int16Array(capacity).fill(NO_PRIOR);
  let best = new Int16Array(0);
  let parent = new Int32Array(capacity).fill(NONE);
  let count = 1; // node 0 is the root
  const grow = () => {
    capacity *= 2;
    const f = new Int32Array(capacity).fill(NONE);
    f.set(firstChild);
    const n = new Int32Array(capacity).fill(NONE);
    n.set(nextSibling);
    const c = new Uint16Array(capacity);
    c.set(char);
    const v = new Int32Array(capacity).fill(NONE);
    v.set(value);
    const r = new Int16Array(capacity).fill(NO_PRIOR);
    r.set(prior);
    const p = new Int32Array(capacity).fill(NONE);
    p.set(parent);
    firstChild = f;
    nextSibling = n;
    char = c;
    value = v;
    prior = r;
    parent = p;
  };
  // The path of the previous word, and the last child added under each of its nodes.
  const path: number[] = [0];
  const lastChild: number[] = [NONE];
  let previous = '';
  sortedWords.forEach((word, w) => {
    let common = 0;
    while (common < word.length && common < previous.length && word[common] === previous[common]) common++;
    path.length = common + 1;
    lastChild.length = common + 1;
    for (let i = common; i < word.length; i++) {
      if (count === capacity) grow();
      const node = count++;
      char[node] = word.charCodeAt(i);
      const up = path[i] as number;
      parent[node] = up;
      const last = lastChild[i] as number;
      if (last === NONE) firstChild[up] = node;
      else nextSibling[last] = node;
      lastChild[i] = node;
      path.push(node);
      lastChild.push(NONE);
    }
    const end = path[word.length] as number;
    if (value[end] === NONE) {
      value[end] = values[w] as number;
      prior[end] = Math.round((priors[w] as number) * 100);
    }
    previous = word;
  });
  // Each node's best prior at or below it: children are made after their parents, so one pass from the end.
  best = prior.slice(0, count);
  for (let node = count - 1; node > 0; node--) {
    const up = parent[node] as number;
    if ((best[node] as number) > (best[up] as number)) best[up] = best[node] as number;
  }
  firstChild = firstChild.slice(0, count);
  nextSibling = nextSibling.slice(0, count);
  char = char.slice(0, count);
  value = value.slice(0, count);
  prior = prior.slice(0, count);

  return {
    nodes: count,
    prefixPrior(prefix) {
      let node = 0;
      for (let i = 0; i < prefix.length; i++) {
        const code = prefix.charCodeAt(i);
        let child = firstChild[node] as number;
        while (child !== NONE && char[child] !== code) child = nextSibling[child] as number;
        if (child === NONE) return null;
        node = child;
      }
      return (best[node] as number) / 100;
    },
    near(ocr, model, maxCost, floor = Number.NEGATIVE_INFINITY) {
      const found: { word: string; cost: number; value: number; prior: number }[] = [];
      const perCost = model.plainLog10Chance;
      const width = ocr.length + 1;
      const q = model.query(ocr);
      // Rows by depth, reused down each branch; `letters` is the branch's word so far.
      const rows: Float64Array[] = [new Float64Array(width)];
      firstRow(q, rows[0] as Float64Array);
      const letters: number[] = [];
      // `reach`: the least cost any form below `node` can have (rows only grow down a branch); `lowPrev`: the least of `node`'s row.
      const visit = (node: number, depth: number, reach: number, lowPrev: number) => {
        for (let child = firstChild[node] as number; child !== NONE; child = nextSibling[child] as number) {
          if ((best[child] as number) / 100 + reach * perCost < floor) continue;
          const d = depth + 1;
          if (!rows[d]) rows[d] = new Float64Array(width);
          const row = rows[d] as Float64Array;
          letters[depth] = char[child] as number;
          const low = nextRow(q, row, rows[d - 1] as Float64Array, d >= 2 ? (rows[d - 2] as Float64Array) : null, letters[depth] as number, depth >= 1 ? (letters[depth - 1] as number) : -1);
          const v = value[child] as number;
          const cost = row[ocr.length] as number;
          if (v !== NONE && cost <= maxCost) {
            const own = (prior[child] as number) / 100;
            if (own + cost * perCost >= floor) found.push({ word: String.fromCharCode(...letters.slice(0, d)), cost, value: v, prior: own });
          }
          // A branch can still come back under the limits from this row, or from the one before by a two-character pair.
          const below = Math.min(low, lowPrev + model.minMultiCost);
          if (below > maxCost || (best[child] as number) / 100 + below * perCost < floor) continue;
          visit(child, d, below, low);
        }
      };
      visit(0, 0, 0, 0);
      return found.sort((a, b) => a.cost - b.cost);
    },
  };
}

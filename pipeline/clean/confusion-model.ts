import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { dictionaryPath } from '../assets.js';

/**
 * The shape of `dictionaries/ocr-confusions.json`: how tesseract misreads
 * glyphs, measured on our own scans against the text they show
 * (`bench/accuracy-confusions.ts`). Each pair is what OCR printed, what the
 * page said, and the cost of that confusion: 1 is a plain edit, lower is a
 * confusion tesseract makes often (`rn` for `m`).
 */
export const ConfusionData = z.object({
  measuredOn: z.string(),
  /** Cost of an edit no pair names. */
  plainCost: z.number().positive(),
  /** The chance of a plain edit, which sets the scale: a cost c is a chance of plainChance^c. */
  plainChance: z.number().positive().max(1),
  /** [what OCR printed, what the page said, cost, times seen]; `""` on one side is an insertion or a deletion. */
  pairs: z.array(z.tuple([z.string(), z.string(), z.number().nonnegative(), z.number().int()])),
});
export type ConfusionData = z.infer<typeof ConfusionData>;

/** A pair of chunks with a two-character side. */
interface Chunk {
  ocr: string;
  truth: string;
  cost: number;
}

/** The confusion costs, indexed for the edit-distance recurrences. */
export interface ConfusionModel {
  readonly name: string;
  readonly plainCost: number;
  /** log10 of the chance of a plain edit: a cost c is a log10 chance of c times this. */
  readonly plainLog10Chance: number;
  /** Cost of OCR printing `ocr` where the page said `truth` (single characters); 0 when equal. */
  sub(ocr: string, truth: string): number;
  /** Cost of an OCR character with nothing behind it on the page. */
  ins(ocr: string): number;
  /** Cost of a page character OCR dropped. */
  del(truth: string): number;
  /** `del` by the character's code (the recurrences' inner loop makes no strings). */
  delCode(truth: number): number;
  /** The page characters OCR prints `ocr` for (single characters), likeliest first. */
  readAs(ocr: string): readonly string[];
  /** The cheapest pair with a two-character side, for pruning. */
  readonly minMultiCost: number;
  /** An OCR word readied for many rows: its costs looked up once. */
  query(ocr: string): Query;
  /** How many page characters some substitution names. */
  readonly pageChars: number;
  /** Each such page character's index by its code; -1 for the others (a plain substitution). */
  readonly pageIndex: Int16Array;
}

/** An OCR word with what the recurrences need of it, found once per word. */
export interface Query {
  readonly ocr: string;
  readonly length: number;
  /** Substitution cost of OCR character i (1-based) for a page character: `sub[i].get(code)`, plain when absent. */
  readonly sub: readonly (ReadonlyMap<number, number> | undefined)[];
  /**
   * The same costs, dense for the recurrences: OCR character i for the page
   * character of index t (`model.pageIndex`) at `subCost[i * model.pageChars + t]`.
   */
  readonly subCost: Float64Array;
  /** Cost of OCR character i (1-based) with nothing behind it. */
  readonly ins: Float64Array;
  /** Two-character pairs whose OCR side ends at i (1-based). */
  readonly chunks: readonly (readonly Chunk[] | undefined)[];
  /** Pairs whose OCR side is empty (a page pair OCR dropped). */
  readonly dropped: readonly Chunk[];
  readonly model: ConfusionModel;
}

const key = (ocr: number, truth: number) => ocr * 0x10000 + truth;
/** Code of "nothing" on one side of a single-character pair. */
const EMPTY = 0xffff;

/** Build the model from its data (exported for tests of the distance itself). */
export function confusionModel(data: ConfusionData): ConfusionModel {
  const plain = data.plainCost;
  const single = new Map<number, number>();
  /** Substitutions by OCR character: page character code → cost. */
  const subsOf = new Map<string, Map<number, number>>();
  const multi = new Map<string, Chunk[]>();
  let minMultiCost = plain * 2;
  for (const [ocr, truth, cost] of data.pairs) {
    if (ocr.length <= 1 && truth.length <= 1) {
      const c = Math.min(cost, plain);
      single.set(key(ocr === '' ? EMPTY : ocr.charCodeAt(0), truth === '' ? EMPTY : truth.charCodeAt(0)), c);
      if (ocr !== '' && truth !== '') {
        const subs = subsOf.get(ocr) ?? new Map<number, number>();
        subs.set(truth.charCodeAt(0), c);
        subsOf.set(ocr, subs);
      }
    } else if (ocr.length <= 2 && truth.length <= 2) {
      const last = ocr[ocr.length - 1] ?? '';
      const list = multi.get(last) ?? [];
      list.push({ ocr, truth, cost });
      multi.set(last, list);
      minMultiCost = Math.min(minMultiCost, cost);
    }
  }
  const look = (k: number) => single.get(k) ?? plain;
  const pageIndex = new Int16Array(0x10000).fill(-1);
  let pageChars = 0;
  for (const subs of subsOf.values()) for (const code of subs.keys()) if (pageIndex[code] === -1) pageIndex[code] = pageChars++;
  // Deletions by character code, looked up once per row of every search.
  const deletions = new Float64Array(0x10000).fill(plain);
  for (const [k, c] of single) if (Math.floor(k / 0x10000) === EMPTY && k % 0x10000 !== EMPTY) deletions[k % 0x10000] = c;
  const model: ConfusionModel = {
    name: `ocr-confusions@${data.measuredOn.replace(/[:\s].*$/, '')}(${data.pairs.length})`,
    plainCost: plain,
    plainLog10Chance: Math.log10(data.plainChance) / plain,
    sub: (ocr, truth) => (ocr === truth ? 0 : look(key(ocr.charCodeAt(0), truth.charCodeAt(0)))),
    ins: (ocr) => look(key(ocr.charCodeAt(0), EMPTY)),
    del: (truth) => look(key(EMPTY, truth.charCodeAt(0))),
    delCode: (truth) => deletions[truth] as number,
    minMultiCost,
    pageChars,
    pageIndex,
    readAs: (ocr) =>
      [...(subsOf.get(ocr) ?? [])]
        .sort((a, b) => a[1] - b[1])
        .map(([code]) => String.fromCharCode(code)),
    query(ocr) {
      const n = ocr.length;
      const ins = new Float64Array(n + 1);
      const sub: (Map<number, number> | undefined)[] = [undefined];
      const chunks: (Chunk[] | undefined)[] = [undefined];
      for (let i = 1; i <= n; i++) {
        const o = ocr[i - 1] as string;
        ins[i] = model.ins(o);
        sub.push(subsOf.get(o));
        const here = (multi.get(o) ?? []).filter((c) => c.ocr.length <= i && ocr.slice(i - c.ocr.length, i) === c.ocr);
        chunks.push(here.length ? here : undefined);
      }
      const subCost = new Float64Array((n + 1) * pageChars).fill(plain);
      for (let i = 1; i <= n; i++) for (const [code, cost] of sub[i] ?? []) subCost[i * pageChars + (pageIndex[code] as number)] = cost;
      return { ocr, length: n, sub, subCost, ins, chunks, dropped: multi.get('') ?? [], model };
    },
  };
  return model;
}

let cached: ConfusionModel | undefined;

/** The measured model of `dictionaries/ocr-confusions.json`, loaded once. */
export function loadConfusionModel(): ConfusionModel {
  cached ??= confusionModel(ConfusionData.parse(JSON.parse(readFileSync(dictionaryPath('ocr-confusions.json'), 'utf8'))));
  return cached;
}

/**
 * One row of the weighted edit distance: the cost of reading `ocr[0, i)` for
 * `truth[0, j)`, for every i, from the rows of `truth[0, j-1)` and
 * `truth[0, j-2)`. The page side is given as its last two characters
 * (`t0` is -1 on the first row). Returns the row's least cost.
 */
export function nextRow(q: Query, row: Float64Array, prev: Float64Array, prev2: Float64Array | null, t1: number, t0: number): number {
  const { model, ocr, subCost, chunks: chunksAt, length } = q;
  const insCost = q.ins;
  const del = model.delCode(t1);
  const plain = model.plainCost;
  const t = model.pageIndex[t1] as number;
  const stride = model.pageChars;
  row[0] = (prev[0] as number) + del;
  let low = row[0] as number;
  for (let i = 1; i <= length; i++) {
    let best = (prev[i - 1] as number) + (ocr.charCodeAt(i - 1) === t1 ? 0 : t < 0 ? plain : (subCost[i * stride + t] as number));
    const ins = (row[i - 1] as number) + (insCost[i] as number);
    if (ins < best) best = ins;
    const dropped = (prev[i] as number) + del;
    if (dropped < best) best = dropped;
    const chunks = chunksAt[i];
    if (chunks !== undefined) {
      for (let k = 0; k < chunks.length; k++) {
        const c = chunks[k] as Chunk;
        // The pair's OCR side ends at i, its page side at this row.
        const b = c.truth.length;
        let from: Float64Array | null = null;
        if (b === 0) from = row;
        else if (b === 1) from = c.truth.charCodeAt(0) === t1 ? prev : null;
        else if (c.truth.charCodeAt(1) === t1 && c.truth.charCodeAt(0) === t0) from = prev2;
        if (from) {
          const cost = (from[i - c.ocr.length] as number) + c.cost;
          if (cost < best) best = cost;
        }
      }
    }
    row[i] = best;
    if (best < low) low = best;
  }
  // A two-character page pair OCR printed as nothing ends on no OCR character.
  if (prev2 && t0 >= 0) {
    for (const c of q.dropped) {
      if (c.truth.charCodeAt(1) !== t1 || c.truth.charCodeAt(0) !== t0) continue;
      for (let i = 0; i <= q.length; i++) {
        row[i] = Math.min(row[i] as number, (prev2[i] as number) + c.cost);
        if ((row[i] as number) < low) low = row[i] as number;
      }
    }
  }
  return low;
}

/** The first row: OCR characters read where the page had nothing yet. */
export function firstRow(q: Query, row: Float64Array): void {
  row[0] = 0;
  for (let i = 1; i <= q.length; i++) row[i] = (row[i - 1] as number) + (q.ins[i] as number);
}

const rowPool: Float64Array[] = [];

/**
 * The cheapest way OCR could have printed `ocr` for `truth` under the model:
 * a weighted edit distance whose operations are the measured confusions
 * (up to two characters a side) and plain edits.
 */
export function weightedDistance(model: ConfusionModel, ocr: string | Query, truth: string): number {
  const q = typeof ocr === 'string' ? model.query(ocr) : ocr;
  // Rows reused across calls: the rule calls this for many words of a document.
  while (rowPool.length <= truth.length) rowPool.push(new Float64Array(64));
  const rows = rowPool.map((r, j) => {
    if (j <= truth.length && r.length <= q.length) rowPool[j] = new Float64Array(Math.max(64, q.length * 2 + 1));
    return rowPool[j] as Float64Array;
  });
  firstRow(q, rows[0] as Float64Array);
  for (let j = 1; j <= truth.length; j++) {
    nextRow(q, rows[j] as Float64Array, rows[j - 1] as Float64Array, j >= 2 ? (rows[j - 2] as Float64Array) : null, truth.charCodeAt(j - 1), j >= 2 ? truth.charCodeAt(j - 2) : -1);
  }
  return (rows[truth.length] as Float64Array)[q.length] as number;
}

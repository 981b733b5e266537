import type { Correction } from '../../schemas/index.js';
import { countAtMost } from '../sorted.js';

/** A replacement a rule proposes on the text it was given. */
export interface Edit {
  start: number;
  end: number;
  to: string;
  rule: Correction['rule'];
  /** Sub-class of the rule, e.g. `glyph/e-grave`. */
  ruleId: string;
  confidence: number;
}

/** One pass's edits, applied, with enough kept to map offsets across it. */
export interface AppliedPass {
  /** Edits sorted by start, non-overlapping, on the pass's input. */
  edits: Edit[];
  /** Start of each edit in the pass's input (for binary search). */
  inStarts: number[];
  /** Start of each edit's replacement in the pass's output. */
  outStarts: number[];
}

/**
 * Apply edits to a text. Overlapping edits are resolved first come, first
 * kept (rules run in priority order), so no two rules fight over a word.
 */
export function applyEdits(text: string, proposed: readonly Edit[]): { text: string; pass: AppliedPass } {
  const sorted = [...proposed].sort((a, b) => a.start - b.start || a.end - b.end);
  const edits: Edit[] = [];
  let lastEnd = -1;
  for (const e of sorted) {
    if (e.start < lastEnd || (e.start === e.end && e.to === '')) continue;
    if (text.slice(e.start, e.end) === e.to) continue;
    edits.push(e);
    lastEnd = e.end;
  }
  const parts: string[] = [];
  const outStarts: number[] = [];
  let at = 0;
  let outLength = 0;
  for (const e of edits) {
    parts.push(text.slice(at, e.start));
    outLength += e.start - at;
    outStarts.push(outLength);
    parts.push(e.to);
    outLength += e.to.length;
    at = e.end;
  }
  parts.push(text.slice(at));
  return { text: parts.join(''), pass: { edits, inStarts: edits.map((e) => e.start), outStarts } };
}

/** The last edit whose key (start in the input, or in the output) is at or before `offset`, or -1. */
const lastAtOrBefore = (keys: readonly number[], offset: number): number => countAtMost(keys, offset) - 1;

/** Map an offset in a pass's output back to its input (inside a replacement: the edit's start). */
export function mapBack(pass: AppliedPass, offset: number): number {
  const i = lastAtOrBefore(pass.outStarts, offset);
  if (i < 0) return offset;
  const e = pass.edits[i] as Edit;
  const outStart = pass.outStarts[i] as number;
  if (offset < outStart + e.to.length) return e.start;
  return offset + e.end - (outStart + e.to.length);
}

/** Map an offset in a pass's input forward to its output (inside an edit: the replacement's start). */
export function mapForward(pass: AppliedPass, offset: number): number {
  const i = lastAtOrBefore(pass.inStarts, offset);
  if (i < 0) return offset;
  const e = pass.edits[i] as Edit;
  const outStart = pass.outStarts[i] as number;
  if (offset < e.end) return outStart;
  return offset + outStart + e.to.length - e.end;
}

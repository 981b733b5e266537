import { median } from '../../sorted.js';
import type { CleanContext } from '../context.js';
import type { Edit } from '../edits.js';
import { edit } from './match.js';
import type { PlacedWord } from './placed-words.js';

/**
 * A row of marks print sets in a line (asterisks masking a name or a place,
 * `nato a ******`) that tesseract read as a run of letters and scraps
 * (`* * E kE e E RR sie se le`): many short tokens in a row, each doubted, each
 * made of what the engine prints for that mark, or the mark itself. The run
 * becomes the mark, as many times as the row's width holds at the pitch of the
 * boxes that hold one mark each. Where boxes are known only: without them a
 * run of short words is text.
 */
export function markRowEdits(text: string, placed: readonly PlacedWord[], ctx: CleanContext): Edit[] {
  const cfg = ctx.data.noise.markRow;
  const out: Edit[] = [];
  // Each token doubted, though tesseract can be sure of a few of a long row's scraps (`E` at 84 among `E` at 20-77):
  // the row as a whole is doubted (its median), each token under `runConfidence`.
  const short = (p: PlacedWord) => [...p.w.text].length <= cfg.maxTokenLength && p.w.confidence < cfg.runConfidence;
  for (const [glyph, misreads] of Object.entries(cfg.glyphs)) {
    const of = (p: PlacedWord) => short(p) && [...p.w.text].every((c) => c === glyph || misreads.includes(c));
    for (let i = 0; i < placed.length; ) {
      if (!of(placed[i] as PlacedWord)) {
        i++;
        continue;
      }
      // A run of such tokens on one line, spaces between them.
      let j = i + 1;
      while (j < placed.length && of(placed[j] as PlacedWord) && sameRun(text, placed[j - 1] as PlacedWord, placed[j] as PlacedWord)) j++;
      let row = placed.slice(i, j);
      i = j;
      // A word tesseract is fairly sure of at either end (`nato a`) is the sentence's.
      const word = (p: PlacedWord) => p.w.confidence >= cfg.wordConfidence && ctx.lexicon.isWord(p.w.text.toLowerCase());
      while (row.length > 0 && word(row[0] as PlacedWord)) row = row.slice(1);
      while (row.length > 0 && word(row[row.length - 1] as PlacedWord)) row = row.slice(0, -1);
      if (row.length < cfg.minTokens || median(row.map((p) => p.w.confidence)) >= cfg.maxConfidence) continue;
      const count = marksIn(row);
      if (count === null) continue;
      const start = (row[0] as PlacedWord).at;
      const end = (row[row.length - 1] as PlacedWord).end;
      out.push(edit('noise', start, end, glyph.repeat(count), 'noise/mark-row', 0.7));
    }
  }
  return out;
}

/** Two tokens next to each other on one line of the text, spaces between them only. */
function sameRun(text: string, a: PlacedWord, b: PlacedWord): boolean {
  return a.line === b.line && /^[ \t]+$/.test(text.slice(a.end, b.at));
}

/**
 * How many marks the row's width holds: from the first box's left to the last box's right, at the pitch of
 * the boxes that hold one mark (no wider than half as much again as the row's median box; tesseract's wider
 * boxes hold two or three), averaged over each stretch of such boxes side by side. Null when no two stand so.
 */
function marksIn(row: readonly PlacedWord[]): number | null {
  const widthOf = (p: PlacedWord) => p.w.bbox.x1 - p.w.bbox.x0;
  const limit = median(row.map(widthOf)) * 1.5;
  const one = row.filter((p) => widthOf(p) <= limit);
  let distance = 0;
  let steps = 0;
  for (let k = 1; k < row.length; k++) {
    const a = row[k - 1] as PlacedWord;
    const b = row[k] as PlacedWord;
    if (widthOf(a) <= limit && widthOf(b) <= limit) {
      distance += b.w.bbox.x0 - a.w.bbox.x0;
      steps++;
    }
  }
  if (steps === 0 || distance <= 0) return null;
  const span = (row[row.length - 1] as PlacedWord).w.bbox.x1 - (row[0] as PlacedWord).w.bbox.x0;
  return Math.max(row.length, Math.round((span - median(one.map(widthOf))) / (distance / steps)) + 1);
}



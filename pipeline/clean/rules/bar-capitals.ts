import type { CleanContext } from '../context.js';
import type { Edit } from '../edits.js';
import { edit } from './match.js';
import type { PlacedWord } from './placed-words.js';

/** Letters and marks that reach under the baseline: a word holding one tells nothing of where its line's baseline is. */
const DESCENDS = /[gjpqyQJ,;()[\]{}|/_]/u;
/** A word holding one of these reaches the cap height (a capital, a figure, an ascender). */
const CAP_HIGH = /[\p{Lu}\d bdfhklt]/u;

/**
 * A bar tesseract read for a capital `I` between two words (a letterhead's `5 | 37100 Verona | tel.`, `capo | del`), told
 * by its box: a capital sits on the baseline and reaches the cap height, a bar reaches under the baseline (and a
 * table's rule spans its row). Where the word beside it that sits highest (with no descender) sits on the same
 * baseline and is as tall, the bar is `I`.
 */
export function barCapitals(placed: readonly PlacedWord[], ctx: CleanContext): Edit[] {
  const { baseline, minHeight, maxHeight } = ctx.data.noise.barCapital;
  const out: Edit[] = [];
  placed.forEach((p, i) => {
    if (p.w.text !== '|') return;
    const beside = [placed[i - 1], placed[i + 1]].filter((q): q is PlacedWord => q?.line === p.line);
    if (beside.length < 2) return;
    // The word beside it that sits highest: one reaching lower may be underlined (a link), which its letters do not tell.
    const guide = beside
      .filter((q) => !DESCENDS.test(q.w.text) && CAP_HIGH.test(q.w.text))
      .map((q) => q.w.bbox)
      .sort((a, b) => a.y1 - b.y1)[0];
    if (!guide) return;
    const bar = p.w.bbox;
    const height = guide.y1 - guide.y0;
    if (Math.abs(bar.y1 - guide.y1) <= baseline * height && bar.y1 - bar.y0 >= minHeight * height && bar.y1 - bar.y0 <= maxHeight * height) {
      out.push(edit('glyph', p.at, p.end, 'I', 'glyph/bar-capital', 0.85));
    }
  });
  return out;
}

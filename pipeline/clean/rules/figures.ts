import type { CleanContext } from '../context.js';
import type { Edit } from '../edits.js';
import { edit, isDigit } from './match.js';

/** What separates the groups of a figure: thousands, decimals, a date's parts, a time's. */
const SEPARATORS = '.,:/';

/**
 * A figure with one glyph OCR misread inside it (`2u26`, `267/200u`, `12:v8`): a figure is digits
 * and separators only, so the odd character is the digit the confusion model says OCR prints it for
 * (`u` for `0`), when that confusion costs at most `figures.maxCost`. The figure must have `figures.minDigits`
 * digits, a digit beside the odd character (across a separator at most), and no other odd character:
 * a code (`A4`, `12bis`, `3x2`) has letters OCR prints for no digit, or more than one; `1u1` is too short to tell.
 */
export function figureEdits(text: string, ctx: CleanContext): Edit[] {
  const cfg = ctx.data.figures;
  const out: Edit[] = [];
  // Tokens that hold a digit: the only place a figure can be.
  for (const m of text.matchAll(/[^\s()[\]"'’;]*\d[^\s()[\]"'’;]*/gu)) {
    // Marks that end a sentence or a clause are not the figure's.
    const token = m[0].replace(/[.,:]+$/u, '');
    const odd = [...token].flatMap((c, i) => (isDigit(c) || SEPARATORS.includes(c) ? [] : [i]));
    if (odd.length !== 1) continue;
    const at = odd[0] as number;
    if ([...token].filter(isDigit).length < cfg.minDigits) continue;
    const near = (i: number) => isDigit(token[i]) || (SEPARATORS.includes(token[i] ?? ' ') && isDigit(token[i + (i < at ? -1 : 1)]));
    if (!near(at - 1) && !near(at + 1)) continue;
    // A figure's groups: no separator at either end, none doubled.
    if (/^[.,:/]|[.,:/]{2}/u.test(token)) continue;
    const glyph = token[at] as string;
    const digit = ctx.confusions.readAs(glyph).find((c) => isDigit(c) && ctx.confusions.sub(glyph, c) <= cfg.maxCost);
    if (!digit) continue;
    const start = (m.index as number) + at;
    out.push(edit('glyph', start, start + 1, digit, 'glyph/figure', 0.85));
  }
  return out;
}

import { isRomanNumeral } from '../../roman.js';
import type { CleanContext } from '../context.js';
import type { Edit } from '../edits.js';
import { dataPattern, edit } from './match.js';

/** A head word, then the token that may be its numeral, before what ends a citation's number. */
const CITATION = (data: CleanContext['data']) =>
  new RegExp(`(?<![\\p{L}])(?:${data.romanNumeralHeads.join('|')})[ \\t]+([IVXl1|]{1,6})(?=[,.;:]|[ \\t]+(?:del|della|dello|dei|degli|delle)\\b|[ \\t]*$)`, 'gimu');

/**
 * A roman numeral of a citation read with `l`, `1` or `|` for its `I`s (`titolo Ill, capo Il, del D.Lgs.`):
 * after a word that numbers so (`romanNumeralHeads`: titolo, capo, sezione), before a comma, a stop, `del`
 * or the line's end, a token of those glyphs and `V`, `X` that reads as a numeral once they are `I`.
 * (`il capo il quale` goes on as a sentence, `sezione l` may be a letter: left.)
 */
export function romanNumeralEdits(text: string, ctx: CleanContext): Edit[] {
  const out: Edit[] = [];
  for (const m of text.matchAll(dataPattern(ctx.data, CITATION))) {
    const token = m[1] as string;
    // A figure is a figure (`sezione 1`), and one letter alone may be a name's (`sezione l` of a manual): a
    // numeral misread has two characters, a letter among them.
    if (!/[l1|]/.test(token) || token.length < 2 || /^[1]+$/.test(token)) continue;
    const numeral = token.replace(/[l1|]/g, 'I');
    if (!isRomanNumeral(numeral)) continue;
    const at = m.index + m[0].length - token.length;
    out.push(edit('glyph', at, at + token.length, numeral, 'glyph/roman-numeral', 0.85));
  }
  return out;
}

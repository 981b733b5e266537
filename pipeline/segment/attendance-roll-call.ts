import type { Cell } from './attendance-rows.js';
import type { LineInfo } from './classify.js';
import { alternationAnyCase, lexGlobal, type SegmentLexicon } from './lexicon.js';

/** `Rossi Mario, presente;`, `Bianchi Anna, Sindaco, presente;`, `Verdi Luca, assente giustificato.`: one member called. */
const CALLED = (lex: SegmentLexicon) =>
  new RegExp(
    `(?<![\\p{L}'’])(\\p{Lu}[\\p{L}'’]+(?:\\s+(?:(?:de|di|da|del|della|lo|la|dal|dalla)\\s+)?\\p{Lu}[\\p{L}'’]+){1,3})\\s*,\\s*(?:(${alternationAnyCase(lex.roles)})\\s*,\\s*)?((?:presente|assente)(?:\\s+(?:giustificat[oa]|ingiustificat[oa]))?)\\s*[;.,]`,
    'gu',
  );

/**
 * A roll call transcribed as it was read out, members one after another in a
 * paragraph (`SEGRETARIO GENERALE: Grazie. Rossi Mario, Sindaco, presente;
 * Bianchi Anna, presente; …`), as a verbatim transcript writes it: the lines
 * from `i` to the paragraph's end (or a line ending with a full stop), when
 * three members or more are called there and the calls are most of the text
 * from the first on. Null for prose that merely says who was there.
 */
export function calledMembers(lines: readonly LineInfo[], i: number, to: number, lex: SegmentLexicon): { cells: Cell[]; last: number } | null {
  const first = lines[i];
  // Cheap first: the line, or its call's end on the next, holds a call (`…, presente;`); the paragraph must hold three.
  if (!first || first.blank || !/,\s*(?:presente|assente)[^;.,]{0,25}[;.,]/iu.test(`${first.text} ${lines[i + 1]?.text ?? ''}`)) return null;
  let text = '';
  let last = i;
  for (let k = i; k < to; k++) {
    const line = lines[k] as LineInfo;
    if (line.blank || line.furniture || (k > i && line.label)) break;
    text += ` ${line.text.trim()}`;
    last = k;
    if (/\.\s*$/.test(line.text)) break;
  }
  const calls = [...text.matchAll(lexGlobal(lex, CALLED))];
  if (calls.length < 3) return null;
  const covered = calls.reduce((n, m) => n + m[0].length, 0);
  if (covered < 0.8 * (text.trimEnd().length - (calls[0]?.index ?? 0))) return null;
  const cells = calls.map((m) => ({
    n: null,
    role: m[2] ?? null,
    name: (m[1] as string).replace(/\s+/g, ' '),
    marks: [(m[3] as string).toLowerCase()],
    remote: false,
    note: null,
    markColumns: [],
    from: 0,
    to: first.text.length,
  }));
  return { cells, last };
}

import type { CleanContext } from '../context.js';
import type { Edit } from '../edits.js';
import { edit, matches } from './match.js';

/**
 * The marks of a roll call: a table that names each member in capitals and
 * gives a mark after the name (`ROSSI MARIO Si BIANCHI ANNA No`, one to three
 * such cells a line), the marks a closed vocabulary (`rollCall.marks`: si,
 * no, presente, assente …). Tesseract reads a mark a speck touches as
 * something else (`S.`, `$i`, `S;:`, `Si.`, `si`, `Sì`), and a speck after a
 * name as its stop (`MASSIMO.`). Where the document has `rollCall.minRows`
 * lines or more of such cells with a mark of the vocabulary, a cell's mark
 * that is none becomes the document's mark it is: the same letters but for
 * marks after them, or the one mark the document's rows print with its first
 * letter (`$` and `5` read as `S`); a spelling of a mark printed at most
 * `rollCall.maxShare` as often as another spelling of it becomes that one
 * (`Sì` twice among `Si` fifteen times), and a mark's stop goes or comes as
 * the rows usually print it. A stop after a name in a cell goes.
 */
export function rollCallEdits(text: string, ctx: CleanContext): Edit[] {
  const cfg = ctx.data.rollCall;
  const vocabulary = new Set(cfg.marks.map(fold));
  const rows: { start: number; cells: Cell[] }[] = [];
  for (const line of matches(text, /^.*\p{Lu}{2}.*$/gmu)) {
    const cells = cellsOf(line[0], vocabulary);
    if (cells) rows.push({ start: line.index, cells });
  }
  // The spellings the rows print for each mark of the vocabulary.
  const spellings = new Map<string, Map<string, number>>();
  for (const { cells } of rows) {
    for (const { mark } of cells) {
      if (!vocabulary.has(fold(mark.text))) continue;
      const seen = spellings.get(fold(mark.text)) ?? new Map<string, number>();
      seen.set(mark.text, (seen.get(mark.text) ?? 0) + 1);
      spellings.set(fold(mark.text), seen);
    }
  }
  const marked = rows.filter((r) => r.cells.some((c) => vocabulary.has(fold(c.mark.text)))).length;
  if (marked < cfg.minRows) return [];
  const usual = new Map([...spellings].map(([key, seen]) => [key, [...seen].sort((a, b) => b[1] - a[1])[0] as [string, number]]));
  const out: Edit[] = [];
  for (const { start, cells } of rows) {
    for (const { mark, names } of cells) {
      const key = markOf(mark.text, usual, cfg.misreadInitials);
      const [spelling, count] = (key && usual.get(key)) || ['', 0];
      // A mark spelt as the rows' usual one but for its stop is that one (the document's print decides whether marks
      // have a stop); other letters are another spelling of it only where they are printed as rarely.
      const letters = mark.text.replace(/[^\p{L}]+$/u, '');
      const own = letters === spelling ? 0 : (spellings.get(key ?? '')?.get(letters) ?? 0);
      if (spelling && spelling !== mark.text && own <= cfg.maxShare * count) {
        out.push(edit('glyph', start + mark.at, start + mark.at + mark.text.length, spelling, 'glyph/roll-call-mark', 0.75));
      }
      for (const name of names) {
        const stop = /[.,:;]+$/u.exec(name.text);
        if (stop) out.push(edit('noise', start + name.at + stop.index, start + name.at + name.text.length, '', 'noise/roll-call-stop', 0.7));
      }
    }
  }
  return out;
}

interface Token {
  at: number;
  text: string;
}
interface Cell {
  names: Token[];
  mark: Token;
}

/** Letters in lower case, accents and marks after them off (`Sì.` is `si`). */
const fold = (token: string) =>
  token
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}]+$/u, '')
    .toLowerCase();

/** A name in capitals, specks and all (`FERRAnTE`, `COLOM.BO`): two letters or more, two thirds of them capitals. */
function isName(token: string): boolean {
  const letters = token.match(/\p{L}/gu) ?? [];
  const capitals = letters.filter((c) => c !== c.toLowerCase()).length;
  return letters.length >= 2 && capitals >= 2 && capitals * 3 >= letters.length * 2;
}

/**
 * A line's cells: two names or more, then a mark (a word of the vocabulary, or a short token that is no
 * name); one to three cells, nothing after them but scraps of two characters (dust the noise rules take).
 */
function cellsOf(line: string, vocabulary: Set<string>): Cell[] | null {
  const tokens = [...line.matchAll(/\S+/gu)].map((m) => ({ at: m.index, text: m[0] }));
  const cells: Cell[] = [];
  let names: Token[] = [];
  let i = 0;
  for (; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    const mark = vocabulary.has(fold(t.text)) || (t.text.length <= 4 && /[\p{L}$]/u.test(t.text) && !isName(t.text));
    if (mark && names.length >= 2) {
      cells.push({ names, mark: t });
      names = [];
    } else if (isName(t.text)) names.push(t);
    else break;
  }
  if (cells.length === 0 || cells.length > 3) return null;
  const rest = [...names, ...tokens.slice(i)];
  return rest.every((t) => t.text.length <= 2 && !vocabulary.has(fold(t.text))) ? cells : null;
}

/** The mark a cell's token stands for, among those the rows print: the same letters, or the one with its first letter. */
function markOf(token: string, usual: Map<string, [string, number]>, misreadInitials: Record<string, string>): string | null {
  const key = fold(token);
  if (usual.has(key)) return key;
  const first = token[0] as string;
  const initial = (misreadInitials[first] ?? first).toLowerCase();
  const fits = [...usual.keys()].filter((k) => k[0] === initial && token.length <= k.length + 2);
  return fits.length === 1 ? (fits[0] as string) : null;
}

import { parseTime } from './dates.js';
import { alternation, lexGlobal, lexRegExp, type SegmentLexicon } from './lexicon.js';
import { naturalCase } from './natural-case.js';
import { LEADING_PARTICLE, looksLikeName, type WordLookup } from './people.js';
import { ABSENT_WITH_REASON, REMOTE_PHRASE, tokenize } from './row-tokens.js';

/** What a reader of attendance needs besides the line: the vocabulary and the lexicon. */
export interface RowContext {
  lexicon: SegmentLexicon;
  words: WordLookup;
  /** Every word the document prints, lower case: evidence for joining a name a text layer split (`CA V ATTON`). */
  docWords: ReadonlySet<string>;
}

/** One person's cell in a row of an attendance list or table, as printed. */
export interface Cell {
  n: number | null;
  role: string | null;
  /** The name as printed (`BIANCHI ANNA`, `Rossi Mario`). */
  name: string;
  /** Presence marks as printed (`Si`, `P`, `AG`, `X`, `presente`, `assente giustificato`). */
  marks: string[];
  remote: boolean;
  /** A note in parentheses (`(entrata alle ore 17.53)`, `(in collegamento meet)`). */
  note: string | null;
  /** Where the cell's marks sit in the line (character columns), for tables whose columns say what a mark means. */
  markColumns: number[];
  /** A mark was printed but which column it stood in is lost (a table whose gaps OCR closed): presence unknown. */
  markLost?: boolean;
  /** Offsets within the line. */
  from: number;
  to: number;
}

/** A dot or a semicolon after a numbered row's name, before the presence word that ends the row. */
const DOTTED_MARK = (lex: SegmentLexicon) =>
  new RegExp(`(?<=^\\s*\\d{1,3}\\s*[.),;:]?\\s+\\p{Lu}[^.;:]*)[.;:]\\s+(?=(?:${alternation([...lex.attendance.presentMarks, ...lex.attendance.absentMarks])})\\s*$)`, 'iu');

/** Words that make capitals a heading, not a name: articles, offices, bodies (`IL CONSIGLIO COMUNALE`). */
const NOT_A_NAME = (lex: SegmentLexicon) =>
  new RegExp(
    `(?<![\\p{L}])(?:il|lo|gli|i|le|${alternation([...lex.roles, ...lex.bodies, ...lex.dispositiveHeads, ...lex.rolePlurals, ...Object.values(lex.attendance.columns).flat(), 'Comunale', 'Consiglio', 'Giunta', 'Comune', 'Provincia', 'Totale', 'Verbale', 'Oggetto'])})(?![\\p{L}])`,
    'iu',
  );
const REMOTE_PHRASE_SOURCE = (lex: SegmentLexicon) => new RegExp(REMOTE_PHRASE(lex).source, 'iu');

/**
 * The cells of an attendance row: `BIANCHI TEODORO Si ZANARDI GEMMA ISA Si`,
 * `1. GUALDI ROCCO A 17. PELLEGRINI NIVES P`, `Il Sindaco BIANCHI TEODORO Si`,
 * `1) MORSTABILINI Angelo Sindaco presente`, `BERTOCCHI LODOVICO - Sindaco -
 * presente`, `CORTINOVIS BEATRICE (in collegamento meet)`, `BRAMBATI OTTAVIO`. A
 * cell ends at its marks; a number opens the next. Null when the line is not
 * a row of names (prose, a heading, a name that is not a person's).
 */
export function parseRow(text: string, ctx: RowContext, inTable = false): Cell[] | null {
  if (text.trim().length === 0 || text.length > 220) return null;
  // A sentence ends inside the line (`… Mario Bellini. Partecipa il Segretario …`): prose, not a row.
  // (A numbered row's name a scan ended with a dot before its mark, `13; SPALLINO Rosario. presente`, is still a row.)
  // (Nor is an abbreviated reason: `DARINI Alessio   assente giust.   TONTINI Giacomo   assente giust.`.)
  const unmarked = text.replace(/\([^()]*\)/g, '').replace(lexRegExp(ctx.lexicon, DOTTED_MARK), ' ').replace(lexGlobal(ctx.lexicon, ABSENT_WITH_REASON), 'assente');
  if (/\p{L}{2,}[.;:]\s+\p{L}/u.test(unmarked)) return null;
  const tokens = tokenize(text, ctx);
  const cells: Cell[] = [];
  let cur: Cell | null = null;
  // Cells whose role came after their name (`ROSSI Mario Sindaco`): a name after that is the next person's.
  const roleAfterName = new Set<Cell>();
  const open = (at: number): Cell => ({ n: null, role: null, name: '', marks: [], remote: false, note: null, markColumns: [], from: at, to: at });
  const close = () => {
    if (cur && (cur.name || cur.marks.length)) cells.push(cur);
    cur = null;
  };
  for (const t of tokens) {
    const c: Cell | null = cur;
    switch (t.kind) {
      case 'num':
        close();
        cur = open(t.at);
        cur.n = Number.parseInt(t.text, 10);
        break;
      case 'role':
        if (c?.name && c.marks.length) close();
        if (cur?.name) roleAfterName.add(cur);
        cur ??= open(t.at);
        (cur as Cell).role = t.text.replace(/^(?:il|la|lo|l['’])\s*/iu, '').trim();
        break;
      case 'name':
        // (`Presiede il Sindaco Mario Tosato`: a verb, a role, a name, no person; the word alone is then no name.)
        if (c && (c.marks.length || c.remote || (c.note && c.name) || roleAfterName.has(c))) close();
        cur ??= open(t.at);
        (cur as Cell).name = `${(cur as Cell).name} ${t.text.replace(/[.,]$/, '')}`.trim();
        break;
      case 'mark':
        if (!c?.name) return null;
        c.marks.push(t.text);
        c.markColumns.push(t.at);
        break;
      case 'remote':
        if (!c) return null;
        c.remote = true;
        break;
      case 'note':
        if (!c) return null;
        c.note = t.text.slice(1, -1).trim();
        if (lexRegExp(ctx.lexicon, REMOTE_PHRASE_SOURCE).test(c.note)) c.remote = true;
        break;
      case 'sep':
        break;
      case 'other':
        return null;
    }
    if (cur) (cur as Cell).to = t.at + t.text.length;
  }
  close();
  if (cells.length === 0) return null;
  mendSplitLetters(cells);
  for (const cell of cells) {
    cell.name = joinSplitName(cell.name, ctx);
    const words = cell.name.split(/\s+/).filter(Boolean);
    // Names are often ordinary words (`GALLO PIERO`, `FIORE MARCO`): in a table, or with a mark beside them, capitals suffice.
    const marked = inTable || cells.every((c) => c.marks.length > 0);
    const capitals =
      words.length >= 2 &&
      words.length <= 5 &&
      words.every((w) => /^\p{Lu}[\p{L}\p{M}'’.-]*$/u.test(w) || /^(?:detta|detto|de|di|da|del|della)$/u.test(w)) &&
      // A particle opens a surname (`della Rovere`): one that ends the words closes a phrase (`Comunicazioni della`).
      !LEADING_PARTICLE.test(words[words.length - 1] as string) &&
      !lexRegExp(ctx.lexicon, NOT_A_NAME).test(cell.name);
    if (words.length < 1 || !(looksLikeName(words, ctx.words, ctx.lexicon) || (marked && capitals))) return null;
    // One word is a name only beside a role or a mark (`Rossi presente`), never alone on a line.
    if (words.length === 1 && !cell.role && cell.marks.length === 0) return null;
  }
  return cells;
}

/**
 * In a numbered row every cell opens with its number: a cell without one after numbered cells is the rest of
 * the cell before, whose last letter a text layer set apart (`2. COST A PAOLO P`) and the row took for a mark.
 */
function mendSplitLetters(cells: Cell[]): void {
  if (cells[0]?.n == null) return;
  for (let i = cells.length - 1; i > 0; i--) {
    const [prev, cell] = [cells[i - 1] as Cell, cells[i] as Cell];
    if (cell.n !== null || cell.role || prev.marks.length !== 1 || !/^\p{Lu}$/u.test(prev.marks[0] as string) || !cell.name) continue;
    cells[i - 1] = { ...cell, n: prev.n, role: prev.role, name: `${prev.name}${prev.marks[0]} ${cell.name}`, from: prev.from };
    cells.splice(i, 1);
  }
}

/** What a cell's marks say: present or not, the reason of an absence, when the person came. */
export function readMarks(cell: Cell, lex: SegmentLexicon, columnMeaning?: (column: number) => boolean | null): {
  present: boolean | null;
  absence: string | null;
  arrivedAt: string | null;
} {
  const a = lex.attendance;
  const isIn = (words: readonly string[], t: string) => words.some((w) => w.toLowerCase() === t.toLowerCase().replace(/[.:]$/, ''));
  let present: boolean | null = null;
  let absence: string | null = null;
  cell.marks.forEach((m, k) => {
    const byColumn = columnMeaning?.(cell.markColumns[k] as number);
    if (byColumn !== undefined && byColumn !== null && /^[x+]$/i.test(m)) {
      present = byColumn;
      if (!byColumn) absence = m;
      return;
    }
    if (/^assent/i.test(m)) {
      present = false;
      absence = /giustificat/i.test(m) ? m.toLowerCase() : absence ?? m.toLowerCase();
    } else if (isIn(a.justifiedWords, m)) {
      present = false;
      absence = absence ? `${absence} ${m}` : m;
    } else if (isIn(a.absentMarks, m)) {
      present = false;
      absence = m;
    } else if (isIn(a.presentMarks, m)) present = true;
  });
  return { present, absence, arrivedAt: cell.note ? arrivalTime(cell.note) : null };
}

/** `entrata alle ore 17.53`, `(*) entra alle ore 17.35, nel corso …` → the time of a late arrival, or null. */
export function arrivalTime(note: string): string | null {
  const t = /(?:entrat[oa]|arrivat[oa]|entra|arriva|collegat[oa]|si\s+collega)\D{0,20}?(\d{1,2})\s*[.:,]\s*(\d{2})/iu.exec(note);
  return t ? parseTime(t[1] as string, t[2]) : null;
}

/**
 * A name in the record's natural order: a register prints `COGNOME NOME`
 * (`BERTOCCHI GIOVANNI`, `LO MORO DORIS`), so in capitals the given names are
 * the words after the surname: the first word, or two when the first is a
 * particle (`DE SANTIS`), or up to the first word the lexicon knows as a
 * given name (`TOSATO ZANETTIN ANNA`). A nickname (`detto GIGI`) stays last.
 * Mixed case (`ROTA Giuseppe`, `Mario Rossi`) shows the order itself.
 */
export function registerName(printed: string, words: WordLookup, knownNatural: ReadonlySet<string>): string {
  // A nickname (`SERRA LUIGI detto GIGI`) stays after the name, whatever its order.
  const nick = /^(.*?)\s+(dett[oa])\s+(.+)$/iu.exec(printed.trim());
  if (nick) return `${registerName(nick[1] as string, words, knownNatural)} ${(nick[2] as string).toLowerCase()} ${naturalCase(nick[3] as string)}`;
  const clean = printed.replace(/\s+/g, ' ').trim();
  const parts = clean.split(' ');
  if (clean !== clean.toUpperCase() || parts.length < 2) {
    const upper = parts.filter((w) => w.length > 1 && w === w.toUpperCase() && /\p{L}/u.test(w));
    if (upper.length > 0 && upper.length < parts.length && parts[0] === upper[0]) {
      return `${parts.slice(upper.length).join(' ')} ${naturalCase(parts.slice(0, upper.length).join(' '))}`;
    }
    return naturalCase(clean);
  }
  const natural = naturalCase(clean);
  if (knownNatural.has(natural)) return natural;
  const core = parts;
  let surnameWords = /^(?:DE|DI|DA|DEL|DELLA|DAL|DALLA|LO|LA|LI|D['’].*)$/u.test(core[0] as string) ? 2 : 1;
  // A word the lexicon has never seen after the surname is more surname (`TOSATO ZANETTIN ANNA`).
  while (surnameWords < core.length - 1 && words((core[surnameWords] as string).toLowerCase()) === 'unknown') surnameWords++;
  if (surnameWords >= core.length) return natural;
  return naturalCase([...core.slice(surnameWords), ...core.slice(0, surnameWords)].join(' '));
}

/**
 * A text layer can cut a name in capitals where letters kern (`CA V ATTON`,
 * `GIOV ANNI`, `DA VIDE`). Join neighbouring pieces when the joined word is
 * printed whole elsewhere in the document or is a given name the lexicon
 * knows, and a piece is not a word on its own.
 */
export function joinSplitName(name: string, ctx: RowContext): string {
  const words = name.split(/\s+/).filter(Boolean);
  if (words.length < 2 || name !== name.toUpperCase()) return name;
  for (let i = 0; i + 1 < words.length; i++) {
    for (const span of [3, 2]) {
      if (i + span > words.length) continue;
      const parts = words.slice(i, i + span);
      if (span === 3 && (parts[1] as string).length !== 1) continue;
      const joined = parts.join('');
      const lower = joined.toLowerCase();
      if (ctx.docWords.has(lower) || (ctx.words(lower) === 'proper' && !parts.some((w) => ctx.words(w.toLowerCase()) === 'proper'))) {
        words.splice(i, span, joined);
        break;
      }
    }
  }
  return words.join(' ');
}

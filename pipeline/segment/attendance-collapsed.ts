import type { Column } from './attendance-columns.js';
import { type Cell, parseRow, type RowContext } from './attendance-rows.js';
import { alternation, lexRegExp, type SegmentLexicon } from './lexicon.js';

/** The presence a row ends with: `presente`, `assente giustificato`, `Si`, `AG`. */
const MARK_AT_END = (lex: SegmentLexicon) => {
  const a = lex.attendance;
  return new RegExp(`(?<![\\p{L}])((?:${alternation([...a.presentMarks, ...a.absentMarks])})(?:\\s+(?:${alternation(a.justifiedWords)}))?)\\s*$`, 'iu');
};
const ROLE_AT = (lex: SegmentLexicon) => new RegExp(`(?<![\\p{L}])(?:${alternation(lex.roles)})(?![\\p{L}])`, 'iu');

/** A role column as printed, its note left out: `Consigliere comunale (maggioranza)`, `Vice Sindaco, delegato dal Sindaco` → the office. */
export const roleOfColumn = (printed: string): string => printed.replace(/\s*\(.*$/, '').replace(/,.*$/, '').trim();

/** What a row with closed gaps holds: its cell, and the entity it starts with, if any. */
export interface CollapsedRow {
  cell: Cell;
  entity: string | null;
}

/**
 * A table row whose gaps OCR closed to single spaces (`ACCEGLIO Giovanni
 * Berardo Sindaco presente` under `COMUNE COMPONENTE QUALIFICA PRESENZA`), so
 * positions say nothing: read by evidence instead, in the header's order. The
 * presence mark ends it; the role starts at the first role the lexicon knows;
 * an entity column's value is the longest run of leading words that is a
 * comune (or, failing that, leading words in capitals before a name that is
 * not); the rest is the name. Null when a column the header names is not found.
 */
export function collapsedRow(text: string, columns: readonly Column[], ctx: RowContext & { comune: (name: string) => string | null }): CollapsedRow | null {
  const kinds = new Set(columns.map((c) => c.kind));
  let rest = text.trim();
  const mark = kinds.has('presence') || kinds.has('present') || kinds.has('absent') ? lexRegExp(ctx.lexicon, MARK_AT_END).exec(rest) : null;
  if (mark) rest = rest.slice(0, mark.index).trim();
  else if (kinds.has('presence')) return null;
  let role: string | null = null;
  if (kinds.has('role')) {
    const at = lexRegExp(ctx.lexicon, ROLE_AT).exec(rest);
    if (!at || at.index === 0) return null;
    role = roleOfColumn(rest.slice(at.index));
    rest = rest.slice(0, at.index).trim();
  }
  let entity: string | null = null;
  if (kinds.has('entity')) {
    const words = rest.split(/\s+/);
    // The longest run of leading words (leaving a name of two) that the comuni know, else capitals before a name in natural case.
    for (let k = Math.min(4, words.length - 2); k >= 1 && entity === null; k--) {
      const lead = words.slice(0, k).join(' ');
      if (ctx.comune(lead)) entity = lead;
    }
    if (entity === null) {
      const caps = words.findIndex((w) => !/^[\p{Lu}'’-]{2,}$/u.test(w));
      if (caps > 0 && words.length - caps >= 2) entity = words.slice(0, caps).join(' ');
    }
    if (entity) rest = rest.slice(rest.indexOf(entity) + entity.length).trim();
  }
  const parsed = parseRow(rest, ctx, true);
  if (parsed?.length !== 1) return null;
  const cell = parsed[0] as Cell;
  if (role) cell.role = role;
  if (mark) cell.marks = [(mark[1] as string).toLowerCase()];
  cell.from = text.indexOf(rest);
  cell.to = text.length;
  return { cell, entity };
}

/**
 * A row of two lists side by side (`1) ROSSI Mario 1) NERI Luca` under
 * `PRESENTI  ASSENTI`) whose gap OCR closed: its entries, in order, are the
 * lists' in order. A row of one numbered entry belongs to the list whose
 * numbering it alone continues; otherwise null (position decides).
 * `lastNumber` keeps each list's last number, by group, down the table.
 */
export function collapsedLists(text: string, columns: readonly Column[], ctx: RowContext, lastNumber: Map<number, number>): Cell[] | null {
  const groups = [...new Set(columns.map((c) => c.group))].sort((a, b) => a - b);
  const cells = parseRow(text, ctx, true);
  if (!cells || groups.length < 2 || cells.length > groups.length) return null;
  let assigned: number[];
  if (cells.length === groups.length) assigned = groups;
  else {
    const n = cells.length === 1 ? cells[0]?.n : null;
    const continues = n == null ? [] : groups.filter((g) => lastNumber.get(g) === n - 1);
    if (continues.length !== 1) return null;
    assigned = continues;
  }
  return cells.map((cell, k) => {
    const group = assigned[k] as number;
    if (cell.n !== null) lastNumber.set(group, cell.n);
    const kind = columns.find((c) => c.group === group)?.kind;
    return { ...cell, marks: kind === 'present' ? ['presente'] : kind === 'absent' ? ['assente'] : cell.marks };
  });
}

import type { AttendanceRegion } from './attendance.js';
import type { Column } from './attendance-columns.js';
import { arrivalTime } from './attendance-rows.js';

/** A call to a legend or a footnote closing a cell (`Presente (*)`, `X (1)`, `X (g)`). */
export const CALL_AFTER = /\s\((\*{1,3}|[\p{L}\d]{1,3})\)$/u;
/** A footnote line: its call, then its words (`(*) entra alle ore 17.35, nel corso della trattazione del punto 1).`). */
const FOOTNOTE = /^\s*\((\*{1,3}|[\p{L}\d]{1,3})\)\s+(\S.*)$/u;

/**
 * A footnote or legend under a table (`(*) entra alle ore 17.35, …`, `(g) assente giustificato`): its words become
 * the note of the rows that call it (their note holds the call, `(*)`), and a late arrival there is no presence at
 * the opening. True when the line was such a footnote.
 */
export function readFootnote(text: string, regions: readonly AttendanceRegion[]): boolean {
  const footnote = FOOTNOTE.exec(text);
  if (!footnote) return false;
  const calling = regions.flatMap((r) => r.members).filter((m) => m.note === `(${footnote[1]})`);
  for (const m of calling) {
    m.note = (footnote[2] as string).trim();
    if (arrivalTime(m.note)) m.present = false;
  }
  return calling.length > 0;
}

/** A line of one piece that starts right of the name column's text (past its label by a gap): no row of its own. */
export function wrappedCell(text: string, columns: readonly Column[]): boolean {
  const piece = text.trim();
  if (!piece || /\S\s{2,}\S/.test(piece)) return false;
  const lead = text.length - text.trimStart().length;
  const names = columns.filter((c) => c.kind === 'name');
  const after = columns.filter((c) => c.kind !== 'name' && c.kind !== 'entity' && c.kind !== 'n' && names.some((n) => c.start > n.start));
  return names.length > 0 && after.length > 0 && lead >= Math.min(...after.map((c) => c.start));
}

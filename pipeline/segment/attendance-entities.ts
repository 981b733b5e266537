import type { AttendanceContext, MemberRow } from './attendance.js';
import { isBlank, type Line } from './lines.js';
import { naturalCase } from './natural-case.js';

const ENTITY_CELL =
  /(?:(\d{1,3}|[-–—])\s*\|?\s*)?((?:COMUNE DI|COMUNIT[AÀ]['’]?\s*MONTANA|UNIONE(?: DEI COMUNI)?)\s+[\p{Lu}\p{M}'’ ]*?[\p{Lu}'’])\s+(si|sì|no|SI|NO|sida|s[iì]da)?(?:\s+(da)\b)?(?:\s+(remoto)\b)?(?=\s+(?:\d{1,3}|[-–—])?\s*\|?\s*(?:COMUNE|COMUNIT|UNIONE)|\s*$)/gu;

/** A line of the two-column table OCR interleaves: `1 | COMUNE DI ALBINO si 11 | COMUNE DI LEFFE si`. */
export function isEntityRow(text: string): boolean {
  ENTITY_CELL.lastIndex = 0;
  return /(?:COMUNE DI|COMUNIT[AÀ]['’]?\s*MONTANA|UNIONE)\s+\p{Lu}/u.test(text) && ENTITY_CELL.test(text);
}

function isNameLine(text: string): boolean {
  const words = text.trim().split(/\s+/).filter((w) => !/^(da|remoto)$/i.test(w));
  return words.length >= 2 && words.length <= 8 && words.every((w) => /^\p{Lu}[\p{Ll}'’]+$/u.test(w));
}

function entityName(printed: string, ctx: AttendanceContext): string {
  const m = /^COMUNE DI\s+(.+)$/u.exec(printed.trim());
  if (m) return `Comune di ${ctx.comune(m[1] as string) ?? naturalCase(m[1] as string)}`;
  return naturalCase(printed.trim().replace(/\s+/g, ' '));
}

function markOf(mark: string | undefined): boolean | null {
  if (!mark) return null;
  return /^s/i.test(mark) ? true : /^no$/i.test(mark) ? false : null;
}

/** `columns`: the numbers of the previous row's cells, to number a cell whose number OCR lost (`- | COMUNE DI …`). */
export function entityRows(line: Line, nameLine: Line | undefined, ctx: AttendanceContext, columns: readonly (number | null)[]): MemberRow[] {
  const cells = [...line.text.matchAll(ENTITY_CELL)];
  const names = nameLine ? splitNames(nameLine.text, cells.length, ctx) : [];
  const end = nameLine ? nameLine.end : line.end;
  return cells.map((m, k) => {
    const printedN = m[1] && /\d/.test(m[1]) ? Number(m[1]) : null;
    const previous = columns[k];
    const n = printedN ?? (previous != null ? previous + 1 : null);
    const name = names[k];
    const remote = Boolean(m[4] || m[5] || /da$/i.test(m[3] ?? '') || name?.remote);
    return {
      n,
      entity: entityName(m[2] as string, ctx),
      person: name?.name ?? null,
      label: null,
      role: null,
      present: markOf(m[3]),
      remote,
      absence: markOf(m[3]) === false ? (m[3] as string) : null,
      note: null,
      start: line.start,
      end,
    };
  });
}

/**
 * The name line under an interleaved row holds one name per column
 * (`Daniele Esposito Silvia Beltrami`, `Mattia Carrara remoto Christian Bertocchi`).
 * The cut that yields names the document prints elsewhere wins; otherwise two
 * words go to each column before the last.
 */
function splitNames(text: string, columns: number, ctx: AttendanceContext): { name: string; remote: boolean }[] {
  const tokens = text.trim().split(/\s+/);
  const words: { w: string; remoteAfter: boolean }[] = [];
  for (const t of tokens) {
    if (/^remoto$/i.test(t)) {
      const last = words[words.length - 1];
      if (last) last.remoteAfter = true;
    } else if (!/^da$/i.test(t)) words.push({ w: t, remoteAfter: false });
  }
  if (columns <= 1) return [{ name: words.map((x) => x.w).join(' '), remote: words.some((x) => x.remoteAfter) }];
  let bestCut = Math.min(2, words.length - 1);
  let bestScore = -1;
  for (let cut = 1; cut < words.length; cut++) {
    const a = words.slice(0, cut).map((x) => x.w).join(' ');
    const b = words.slice(cut).map((x) => x.w).join(' ');
    const score = (ctx.knownPeople.has(a) ? 1 : 0) + (ctx.knownPeople.has(b) ? 1 : 0) + (cut === 2 ? 0.5 : 0);
    if (score > bestScore) {
      bestScore = score;
      bestCut = cut;
    }
  }
  const left = words.slice(0, bestCut);
  const right = words.slice(bestCut);
  return [
    { name: left.map((x) => x.w).join(' '), remote: left.some((x) => x.remoteAfter) },
    { name: right.map((x) => x.w).join(' '), remote: right.some((x) => x.remoteAfter) },
  ];
}


/**
 * The interleaved two-column table of an assembly of comuni (`1 | COMUNE DI
 * ALBINO si 11 | COMUNE DI LEFFE no`), with the names on the next line (or
 * after one blank line when OCR spread the row). Returns the rows and the last
 * line read.
 */
export function readEntityRow(lines: readonly Line[], i: number, ctx: AttendanceContext, columns: readonly (number | null)[]): { rows: MemberRow[]; last: number } {
  const line = lines[i] as Line;
  const j = isBlank(lines[i + 1]) ? i + 2 : i + 1;
  const next = lines[j];
  const nameLine = next && !isEntityRow(next.text) && isNameLine(next.text) ? next : undefined;
  return { rows: entityRows(line, nameLine, ctx, columns), last: nameLine ? j : i };
}

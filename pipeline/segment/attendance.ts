import { isEntityRow, readEntityRow } from './attendance-entities.js';
import { type Cell, parseRow, type RowContext, readMarks, registerName } from './attendance-rows.js';
import type { LineInfo } from './classify.js';
import { alternation, lexRegExp, type SegmentLexicon } from './lexicon.js';
import { naturalCase, personName } from './natural-case.js';
import { looksLikeName, type WordLookup } from './people.js';

/** One member as the attendance prints them, before the Markdown table. */
export interface MemberRow {
  n: number | null;
  entity: string | null;
  person: string | null;
  label: string | null;
  role: string | null;
  present: boolean | null;
  remote: boolean;
  /** The reason or code of an absence as printed (`giustificato`, `AG`, `No`). */
  absence: string | null;
  /** A note printed beside the name (`entrata alle ore 17.53`). */
  note: string | null;
  start: number;
  end: number;
  /** Column and line of the cell in its table: a two-column table reads down the first column, then the second. */
  col?: number;
  row?: number;
}

/** Staff and guests: listed apart from the members who vote. */
export interface StaffRow {
  category: 'staff' | 'guest';
  entity: string | null;
  person: string | null;
  role: string | null;
  present: boolean | null;
  start: number;
  end: number;
}

/** A run of lines the attendance occupies, rendered as one table. */
export interface AttendanceRegion {
  first: number;
  last: number;
  members: MemberRow[];
  staff: StaffRow[];
}

export interface AttendanceContext extends RowContext {
  /** Official spelling of a comune, from the ANPR list (`CAZZANO SANT'ANDREA` → `Cazzano Sant'Andrea`). */
  comune: (name: string) => string | null;
  /** Names the document prints in natural order elsewhere (speaker labels), natural case. */
  knownPeople: ReadonlySet<string>;
}

type Section = { present: boolean | null; absence: string | null; guest: boolean; role: string | null };

const HEAD = (lex: SegmentLexicon) => {
  const a = lex.attendance;
  return new RegExp(`(?<![\\p{L}])(${alternation(a.absentHeads)}|${alternation(a.presentHeads)}|${alternation(a.guestHeads)})(?![\\p{L}])`, 'iu');
};
const ABSENT_HEAD = (lex: SegmentLexicon) => new RegExp(`^(?:${alternation(lex.attendance.absentHeads)})$`, 'iu');
const GUEST_HEAD = (lex: SegmentLexicon) => new RegExp(`^(?:${alternation(lex.attendance.guestHeads)})$`, 'iu');
const JUSTIFIED = (lex: SegmentLexicon) => new RegExp(`(?<![\\p{L}])(?:${alternation(lex.attendance.justifiedWords)})(?![\\p{L}])`, 'iu');
const ROLE_IN = (lex: SegmentLexicon) => new RegExp(`(?<![\\p{L}])(${alternation(lex.roles)})`, 'iu');
/** A table's header row: `COGNOME E NOME … PRESENTE`, `CARICA COGNOME E NOME PRESENTE`, `PRESENTI   ASSENTI`. */
const TABLE_HEADER = /^(?=.*\b(?:PRESENT[EI]|ASSENT[EI]|Presente|Assente)\b)(?:\s*(?:N\.?|N°|COGNOME|NOME|E|CARICA|QUALIFICA|COMPONENTE|CONSIGLIERI?|PRESENT[EI]|ASSENT[EI]|Presente|Assente|Cognome|Nome|Carica|[|,]))+\s*$/u;

/** A line that heads a table of attendance; the columns it names (`PRESENTE` at 40, `ASSENTE` at 52). */
export function tableHeader(text: string): { column: number; present: boolean }[] | null {
  if (!TABLE_HEADER.test(text)) return null;
  return [...text.matchAll(/\b(PRESENT[EI]|ASSENT[EI]|Presente|Assente)\b/gu)].map((m) => ({ column: m.index, present: /^present/i.test(m[1] as string) }));
}

/**
 * A line that opens a section of the attendance, and what its rows are:
 * `… alla presenza dei signori Consiglieri:` (present), `Assenti
 * giustificati:` (absent, justified), `Partecipano le/gli Assessore/i:`
 * (guests with that role), `All'appello nominale risulta:` (marks say).
 * The head's phrase must end the line or be followed by a colon.
 */
export function sectionHead(text: string, lex: SegmentLexicon): (Section & { rest: string }) | null {
  const m = lexRegExp(lex, HEAD).exec(text);
  if (!m) return null;
  const after = text.slice(m.index + m[0].length);
  const colon = /^[^:.;]{0,80}:\s*(.*)$/u.exec(after);
  const ends = /^[^.;:]{0,60}$/u.test(after) && text.trim().length < 120;
  if (!colon && !ends) return null;
  const phrase = (m[1] as string).replace(/\s+/g, ' ');
  const absent = lexRegExp(lex, ABSENT_HEAD).test(phrase);
  const guest = lexRegExp(lex, GUEST_HEAD).test(phrase);
  const tail = colon ? after.slice(0, after.indexOf(':')) : after;
  const role = lexRegExp(lex, ROLE_IN).exec(tail)?.[1] ?? null;
  return {
    present: absent ? false : guest ? true : /risulta|appello/i.test(phrase) ? null : true,
    absence: absent ? (lexRegExp(lex, JUSTIFIED).exec(phrase + tail)?.[0] ?? (/ingiustificat/i.test(phrase) ? 'ingiustificato' : null)) : null,
    guest,
    role: role ? naturalCase(role) : null,
    rest: colon ? (colon[1] as string) : '',
  };
}

/**
 * Read the attendance: sections opened by a head (`alla presenza …:`,
 * `Assenti giustificati:`, `All'appello nominale risulta:`), table headers
 * (`COGNOME E NOME  PRESENTE …`) and runs of rows with marks, each followed by
 * its rows until a line that is not one. Rows may hold one person or several
 * side by side; a row's marks, else its section, say who was there. Lines of
 * prose between sections stay prose: only rows become the table.
 */
export function readAttendance(lines: readonly LineInfo[], from: number, to: number, ctx: AttendanceContext): AttendanceRegion[] {
  const regions: AttendanceRegion[] = [];
  const lex = ctx.lexicon;
  let section: Section | null = null;
  let columns: { column: number; present: boolean }[] | null = null;
  let region: AttendanceRegion | null = null;
  let gap = 0;
  let entityColumns: (number | null)[] = [];
  const closeRegion = () => {
    if (region && (region.members.length || region.staff.length)) {
      if (region.members.some((m) => (m.col ?? 0) > 0) && region.members.every((m) => m.n === null)) {
        region.members.sort((a, b) => (a.col ?? 0) - (b.col ?? 0) || (a.row ?? 0) - (b.row ?? 0));
      } else if (region.members.every((m) => m.n !== null)) region.members.sort((a, b) => (a.n as number) - (b.n as number));
      regions.push(region);
    }
    region = null;
  };
  const meaning = (column: number) => {
    if (!columns || columns.length === 0) return null;
    let best = columns[0] as { column: number; present: boolean };
    for (const c of columns) if (Math.abs(c.column - column) < Math.abs(best.column - column)) best = c;
    return best.present;
  };
  for (let i = from; i < to; i++) {
    const line = lines[i] as LineInfo;
    if (line.blank || line.furniture) {
      gap++;
      if (gap > 2) {
        closeRegion();
        section = null;
        columns = null;
      }
      continue;
    }
    if (line.item || line.label || line.heading) {
      closeRegion();
      section = null;
      columns = null;
      gap = 0;
      continue;
    }
    if (isEntityRow(line.text)) {
      region ??= { first: i, last: i, members: [], staff: [] };
      const { rows, last } = readEntityRow(lines, i, ctx, entityColumns);
      entityColumns = rows.map((r) => r.n);
      region.members.push(...rows);
      region.last = last;
      i = last;
      gap = 0;
      continue;
    }
    if (isStaffLine(line.text, lex)) {
      region ??= { first: i, last: i, members: [], staff: [] };
      region.staff.push(...staffRows(line, lex));
      region.last = i;
      gap = 0;
      continue;
    }
    const header = tableHeader(line.text);
    if (header) {
      closeRegion();
      columns = header;
      section = section ?? { present: null, absence: null, guest: false, role: null };
      region = { first: i, last: i, members: [], staff: [] };
      gap = 0;
      continue;
    }
    const cells = parseRow(line.text, ctx, columns !== null);
    const head = cells ? null : sectionHead(line.text, lex);
    if (head) {
      closeRegion();
      section = head;
      columns = null;
      gap = 0;
      const inline = head.rest ? proseList(head.rest, line, ctx) : [];
      if (inline.length) {
        region = { first: i, last: i, members: [], staff: [] };
        for (const c of inline) addCell(region, c, section, line, ctx, meaning);
        // The list runs on over lines that continue the sentence.
        let k = i + 1;
        let text = head.rest;
        while (k < to && !/[.;]\s*$/.test(text) && !(lines[k] as LineInfo).blank && !sectionHead((lines[k] as LineInfo).text, lex)) {
          const more = proseList((lines[k] as LineInfo).text, lines[k] as LineInfo, ctx);
          if (!more.length) break;
          for (const c of more) addCell(region, c, section, lines[k] as LineInfo, ctx, meaning);
          text = (lines[k] as LineInfo).text;
          region.last = k;
          k++;
        }
        i = k - 1;
        closeRegion();
      }
      continue;
    }
    if (cells && (section || columns || cells.some((c) => c.marks.length || c.n !== null) || cells.length > 1)) {
      if (!region) region = { first: i, last: i, members: [], staff: [] };
      cells.forEach((c, k) => addCell(region as AttendanceRegion, c, section, line, ctx, meaning, k));
      region.last = i;
      gap = 0;
      continue;
    }
    // Prose: it ends a table, and a section unless it only continues the head's sentence.
    closeRegion();
    if (gap > 0 || !section) {
      section = null;
      columns = null;
    }
    gap = 0;
  }
  closeRegion();
  return regions;
}

function addCell(region: AttendanceRegion, cell: Cell, section: Section | null, line: LineInfo, ctx: AttendanceContext, meaning: (c: number) => boolean | null, col = 0): void {
  const marks = readMarks(cell, ctx.lexicon, meaning);
  const label = cell.name.replace(/\s+/g, ' ').trim();
  const person = registerName(label, ctx.words, ctx.knownPeople);
  const start = line.start + cell.from;
  const end = line.start + cell.to;
  if (section?.guest) {
    region.staff.push({ category: 'guest', entity: null, person, role: cell.role ? naturalCase(cell.role) : section.role, present: marks.present ?? true, start, end });
    return;
  }
  const present = marks.arrivedAt ? false : (marks.present ?? section?.present ?? null);
  region.members.push({
    n: cell.n,
    entity: null,
    person,
    label: person !== label ? label : null,
    role: cell.role ? roleCase(cell.role) : null,
    present,
    remote: cell.remote,
    absence: present === false ? (marks.absence ?? section?.absence ?? (marks.arrivedAt ? null : null)) : null,
    note: cell.note,
    start,
    end,
    col,
    row: line.index,
  });
}

const roleCase = (role: string) => {
  const r = naturalCase(role.replace(/\s+/g, ' '));
  return r.charAt(0).toUpperCase() + r.slice(1);
};

/** Names in prose after a head: `Mauro Marinoni, Giulia Pedrocchi e Luca Savoldelli.`, `ROSSI MARIO, VERDI LUCA`. */
function proseList(text: string, _line: LineInfo, ctx: AttendanceContext): Cell[] {
  const cells: Cell[] = [];
  const offset = _line.text.indexOf(text) >= 0 ? _line.text.indexOf(text) : 0;
  for (const m of text.matchAll(/[^,;]+/g)) {
    for (const part of m[0].split(/\s+e\s+(?=\p{Lu})/u)) {
      const at = offset + m.index + m[0].indexOf(part);
      const note = /\(([^()]*)\)/.exec(part)?.[1] ?? null;
      const bare = part.replace(/\([^()]*\)/g, '').replace(/[.:]\s*$/, '').trim();
      if (!bare || /^\/+$/.test(bare)) continue;
      const roleM = lexRegExp(ctx.lexicon, ROLE_LEAD).exec(bare);
      const name = roleM ? bare.slice(roleM[0].length).trim() : bare;
      const words = name.split(/\s+/);
      if (!looksLikeName(words, ctx.words, ctx.lexicon)) return [];
      cells.push({ n: null, role: roleM?.[1] ?? null, name, marks: [], remote: false, note, markColumns: [], from: at, to: at + part.length });
    }
  }
  return cells;
}

const ROLE_LEAD = (lex: SegmentLexicon) => new RegExp(`^(?:(?:il|la|lo|l['’])\\s*)?(${alternation(lex.roles)})\\s+`, 'iu');

/** The counts the opening states: `sono presenti n. 11 Consigliere/i`, `Presenti n° 20 Assenti n° 5`, `partecipano n. 25 componenti`. */
export function readOpeningCount(text: string, lex: SegmentLexicon): { present: number | null; absent: number | null; index: number; length: number } | null {
  const count = `(?:n\\s*[.°]?\\s*|n\\.ro\\s*)?(\\d{1,3})`;
  const words = alternation(lex.attendance.countWords);
  const patterns: [RegExp, 'present' | 'both' | 'absent'][] = [
    [new RegExp(`(?<![\\p{L}])presenti\\s*(?:n\\s*[.°]?\\s*)?(\\d{1,3})\\s*[,;]?\\s*assenti\\s*(?:n\\s*[.°]?\\s*)?(\\d{1,3})`, 'iu'), 'both'],
    [new RegExp(`(?:sono|risultano|erano)\\s+presenti\\s+(?:i\\s+sottoriportati\\s+)?${count}\\s+(?:${words})`, 'iu'), 'present'],
    [new RegExp(`partecipano\\s+${count}\\s+(?:${words})`, 'iu'), 'present'],
    [new RegExp(`presenti\\s*:?\\s*${count}\\s+(?:${words})`, 'iu'), 'present'],
  ];
  let best: { present: number | null; absent: number | null; index: number; length: number } | null = null;
  for (const [re, kind] of patterns) {
    const m = re.exec(text);
    if (!m || (best && best.index <= m.index)) continue;
    best =
      kind === 'both'
        ? { present: Number(m[1]), absent: Number(m[2]), index: m.index, length: m[0].length }
        : { present: Number(m[1]), absent: null, index: m.index, length: m[0].length };
  }
  return best;
}

/** `Responsabile Ufficio di Piano: Dott.ssa Carolina Angelini` — an office and its holder on one line. */
export function isStaffLine(text: string, lex: SegmentLexicon): boolean {
  const m = /^([^:\n]{3,80}):\s*(.+)$/.exec(text.trim());
  if (!m) return false;
  return lexRegExp(lex, HONORIFIC_VALUE).test(m[2] as string);
}

const HONORIFIC_VALUE = (lex: SegmentLexicon) =>
  new RegExp(`^(?:(?:${alternation(lex.roles)})[^:]{0,40}:\\s*)?(?:${alternation(lex.honorifics.filter((h) => h.endsWith('.')))})\\s*\\p{Lu}`, 'u');

/** The staff rows of such a line (`A: Dott. X - ASSENTE; Direttore: Dott. Y`). */
export function staffRows(line: LineInfo, lex: SegmentLexicon): StaffRow[] {
  const [head, ...rest] = line.text.trim().split(':');
  const value = rest.join(':');
  const headIsRole = lexRegExp(lex, ROLE_AT_START).test((head as string).trim());
  return value
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const inner = /^([^:]{3,60}):\s*(.+)$/.exec(part);
      const role = inner ? (inner[1] as string).trim() : headIsRole ? (head as string).trim() : null;
      const who = inner ? (inner[2] as string) : part;
      const absent = /\bASSENTE\b|\bassente\b/.test(who);
      const name = who
        .replace(/[-–—]\s*(ASSENTE|assente|PRESENTE|presente).*$/, '')
        .replace(lexRegExp(lex, LEADING_HONORIFIC), '')
        .trim();
      return { category: 'staff' as const, entity: headIsRole ? null : (head as string).trim(), person: name ? personName(name) : null, role, present: !absent, start: line.start, end: line.end };
    });
}

const ROLE_AT_START = (lex: SegmentLexicon) => new RegExp(`^(?:${alternation(lex.roles)})\\b`, 'iu');
const LEADING_HONORIFIC = (lex: SegmentLexicon) => new RegExp(`^(?:${alternation(lex.honorifics)})\\s*`, 'iu');

export type { WordLookup };

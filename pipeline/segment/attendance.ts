import { collapsedLists, collapsedRow, roleOfColumn } from './attendance-collapsed.js';
import { type Column, type ColumnKind, listsByPresence, readColumns, readStackedColumns, splitRow } from './attendance-columns.js';
import { isEntityRow, readEntityRow } from './attendance-entities.js';
import { CALL_AFTER, readFootnote, wrappedCell } from './attendance-notes.js';
import { guestsIn, proseList, ROLE_IN } from './attendance-prose.js';
import { listedBefore, withoutRestated } from './attendance-restated.js';
import { calledMembers } from './attendance-roll-call.js';
import { type Cell, parseRow, type RowContext, readMarks, registerName } from './attendance-rows.js';
import { isStaffLine, type StaffRow, staffRows } from './attendance-staff.js';
import { type LineInfo, opensSpeech } from './classify.js';
import { alternation, alternationAnyCase, lexRegExp, type SegmentLexicon } from './lexicon.js';
import { naturalCase } from './natural-case.js';
import type { WordLookup } from './people.js';

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
/**
 * The office of guests named after it in the plural (`gli Assessori X, Y`), in the singular the lexicon lists
 * (`Assessore`): the office whose stem the plural shares (`assessor-`, `consiglier-`).
 */
function singularOffice(text: string, lex: SegmentLexicon): string | null {
  const plural = lexRegExp(lex, PLURAL_OFFICE).exec(text)?.[1];
  if (!plural) return null;
  const stem = plural.toLowerCase().slice(0, -1);
  return lex.roles.find((r) => r.toLowerCase().startsWith(stem) && r.length === plural.length) ?? null;
}
const PLURAL_OFFICE = (lex: SegmentLexicon) => new RegExp(`(?<![\\p{L}])(${alternationAnyCase(lex.rolePlurals)})(?![\\p{L}])`, 'u');

/** Words in small letters after a guest's head, up to a person named with a title or people after their office (`, senza diritto di voto, la dott.ssa`, `alla seduta, collegati da remoto, gli Assessori X, Y`): how they take part. */
const GUEST_MANNER = (lex: SegmentLexicon) =>
  new RegExp(`^(?:[\\s,]*[\\p{Ll}'’]+){1,12}?[\\s,]+(?=(?:(?:il|la|lo|l['’])\\s*)?(?:${alternationAnyCase(lex.honorifics)})\\s*\\p{Lu}|(?:i|gli|le)\\s+(?:${alternationAnyCase(lex.rolePlurals)})\\s+\\p{Lu})`, 'u');
const JUSTIFIED = (lex: SegmentLexicon) => new RegExp(`(?<![\\p{L}])(?:${alternation(lex.attendance.justifiedWords)})(?![\\p{L}])`, 'iu');
/** A table's header row: `COGNOME E NOME … PRESENTE`, `CARICA COGNOME E NOME PRESENTE`, `PRESENTI   ASSENTI`. */

/**
 * A line that opens a section of the attendance, and what its rows are:
 * `… alla presenza dei signori Consiglieri:` (present), `Assenti
 * giustificati:` (absent, justified), `Partecipano le/gli Assessore/i:`
 * (guests with that role), `All'appello nominale risulta:` (marks say).
 * The head's phrase must end the line or be followed by a colon.
 */
export function sectionHead(text: string, lex: SegmentLexicon): (Section & { rest: string; at: number }) | null {
  const m = lexRegExp(lex, HEAD).exec(text);
  if (!m) return null;
  // A numbered row whose mark ends it (`4. SAUSA -POMENTEo A E assente`, a row OCR damaged) heads no section.
  if (/^\s*\d{1,3}\s*[.),;:]?\s+\p{Lu}/u.test(text.slice(0, m.index))) return null;
  const after = text.slice(m.index + m[0].length);
  // `Presenti n° 19 Assenti n° 6`, `Comuni presenti: 9 (di cui 2 …)` is a count, not the head of a list (`presenti: 1) …` is).
  if (/^\s*(?:n\s*[.°]|\d)|^\s*:\s*(?:n\s*[.°]|\d+(?![\d\s]*\)))/u.test(after)) return null;
  // Closed by a quote it did not open, the words are a title quoted from lines above (`… dove non sono presenti, X e Y”.`).
  if (/^[^“«]*[”»]/u.test(after)) return null;
  // The colon may come after an abbreviation (`i sottoriportati n. 15 Consiglieri:`).
  const colon = /^(?:[^:.;]|\.(?=\s*\d))*:\s*(.*)$/u.exec(after.length <= 100 ? after : '');
  const ends = /^[^.;:]{0,60}$/u.test(after) && text.trim().length < 120;
  // `Risultano presenti il Sindaco Angelo Lippolis e i Consiglieri Angelini Vito, …`: a list follows without a colon.
  // `Sono presenti, per la Giunta, gli Assessori …`: those present for the executive are guests of a council.
  const forExecutive = /^\s*,?\s*per\s+(?:la\s+giunta|l['’]\s*amministrazione)\s*,?/iu.exec(after);
  const phrase = (m[1] as string).replace(/\s+/g, ' ');
  // `Partecipa, senza diritto di voto, la dott.ssa X`, `Partecipa alla seduta il dott. Y`: how a guest takes part, before whom.
  const guestHead = lexRegExp(lex, GUEST_HEAD).test(phrase);
  const how = guestHead ? lexRegExp(lex, GUEST_MANNER).exec(after) : null;
  const listed = forExecutive ? after.slice(forExecutive[0].length) : how ? after.slice(how[0].length) : after.replace(/^\s*,\s*/, '');
  const list = how !== null || (/^\s*(?:(?:il|la|i|le|gli|l['’])\s*)?(?:\p{Lu}|signori|sigg|consiglier|assessor|sindac)/u.test(listed) && /,|\s(?:e|ed)\s/u.test(listed));
  if (!colon && !ends && !list) return null;
  const absent = lexRegExp(lex, ABSENT_HEAD).test(phrase);
  const guest = guestHead || forExecutive !== null;
  const tail = colon ? after.slice(0, after.indexOf(':')) : after;
  const role = lexRegExp(lex, ROLE_IN).exec(tail)?.[1] ?? (guest ? singularOffice(tail, lex) : null);
  // `All'appello nominale risultano presenti i signori: …`: the word after a roll call's head says who is listed.
  const says = /^\s*(presenti|assenti)(?![\p{L}])/iu.exec(after)?.[1]?.toLowerCase();
  return {
    present: absent || says === 'assenti' ? false : guest || says === 'presenti' ? true : /risulta|appello/i.test(phrase) && !/presen/i.test(phrase) ? null : true,
    absence: absent ? (lexRegExp(lex, JUSTIFIED).exec(phrase + tail)?.[0] ?? (/ingiustificat/i.test(phrase) ? 'ingiustificato' : null)) : null,
    guest,
    role: role ? naturalCase(role) : null,
    rest: (forExecutive || how ? listed : after).replace(/^\s*[:,–-]\s*/, '').replace(/:\s*$/, ''),
    at: m.index,
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
export function readAttendance(lines: readonly LineInfo[], from: number, to: number, ctx: AttendanceContext, isItem: (line: number) => boolean = () => false): AttendanceRegion[] {
  const regions: AttendanceRegion[] = [];
  const lex = ctx.lexicon;
  let section: Section | null = null;
  let columns: Column[] | null = null;
  const entityAbove = new Map<number, string>();
  const lastNumber = new Map<number, number>();
  let region: AttendanceRegion | null = null;
  let gap = 0;
  let rowsInSection = 0;
  let entityColumns: (number | null)[] = [];
  const closeRegion = () => {
    // Members named again with nothing about their presence (`Sono designati scrutatori i Consiglieri: 1) … 2) …`)
    // are already in the attendance: a second list of them is not attendance.
    if (region && region.staff.length === 0 && region.members.length > 0 && region.members.every((m) => m.present === null && listedBefore(regions, m))) region = null;
    if (region) region.members = withoutRestated(regions, region.members);
    if (region && (region.members.length || region.staff.length)) {
      if (region.members.some((m) => (m.col ?? 0) > 0) && region.members.every((m) => m.n === null)) {
        region.members.sort((a, b) => (a.col ?? 0) - (b.col ?? 0) || (a.row ?? 0) - (b.row ?? 0));
      } else if (region.members.every((m) => m.n !== null)) region.members.sort((a, b) => (a.n as number) - (b.n as number));
      regions.push(region);
    }
    region = null;
  };
  // A mark's meaning from the column it sits under (`X` under PRESENTE or ASSENTE).
  const meaning = (column: number) => {
    const marks = columns?.filter((c) => c.kind === 'present' || c.kind === 'absent' || c.kind === 'remote') ?? [];
    if (marks.length === 0) return null;
    let best = marks[0] as Column;
    for (const c of marks) if (Math.abs(c.start - column) < Math.abs(best.start - column)) best = c;
    return best.kind !== 'absent';
  };
  // Members listed without a mark, waiting for a column of marks OCR may have set apart (`ROSSI MARIO` … / `Si` …).
  let unmarked: MemberRow[] = [];
  const markOnly = lexRegExp(lex, MARK_ONLY);
  for (let i = from; i < to; i++) {
    const line = lines[i] as LineInfo;
    // A table read column by column: the names, then their marks, one a line, in the same order (or one row
    // whose mark a scan set on a line of its own: `1. ROSSI Mario` / `presente`).
    if (markOnly.test(line.text) && unmarked.length >= 1) {
      const run: { text: string; index: number }[] = [];
      for (let k = i; k < to && run.length < unmarked.length + 1; k++) {
        const l = lines[k] as LineInfo;
        if (l.blank) continue;
        if (!markOnly.test(l.text)) break;
        run.push({ text: l.text.trim(), index: k });
      }
      if (run.length === unmarked.length) {
        unmarked.forEach((m, j) => {
          const cell: Cell = { n: null, role: null, name: '', marks: [(run[j] as { text: string }).text], remote: false, note: null, markColumns: [], from: 0, to: 0 };
          const read = readMarks(cell, lex);
          if (read.present !== null) {
            m.present = read.present;
            m.absence = read.present ? null : read.absence;
          }
        });
        unmarked = [];
        i = (run[run.length - 1] as { index: number }).index;
        continue;
      }
    }
    // A roll call transcribed as read out (`Rossi Mario, presente; Bianchi Anna, assente; …`), in a label's speech too.
    const called = line.blank ? null : calledMembers(lines, i, to, lex);
    if (called) {
      closeRegion();
      region = { first: i, last: called.last, members: [], staff: [] };
      for (const c of called.cells) addCell(region, c, null, line, ctx, meaning);
      closeRegion();
      i = called.last;
      continue;
    }
    if (line.blank || line.furniture) {
      gap++;
      if (gap > 2) {
        closeRegion();
        section = null;
        columns = null;
      }
      continue;
    }
    if (readFootnote(line.text, region ? [...regions, region] : regions)) continue;
    if (isItem(i) || opensSpeech(line)) {
      closeRegion();
      // The attendance read, the first item opens the body: a list of names in it is a vote by roll call, not who came.
      if (isItem(i) && regions.some((r) => r.members.length > 0)) break;
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
    // A presence word alone on a line (`presente`, a mark a scan set apart from its row) is that mark, no header.
    // The line above a header's second line: OCR may set a blank line between the two (a scan's taller first line).
    const above = lines[i - 1]?.blank && i - 1 > from ? lines[i - 2] : lines[i - 1];
    const header = markOnly.test(line.text)
      ? null
      : (readColumns(line.text, lex) ?? (i > from && above && !above.blank ? readStackedColumns(above.text, line.text, lex) : null));
    if (header) {
      closeRegion();
      columns = header;
      entityAbove.clear();
      lastNumber.clear();
      section = section ?? { present: null, absence: null, guest: false, role: null };
      region = { first: i, last: i, members: [], staff: [] };
      gap = 0;
      continue;
    }
    // Under a section's head, names in capitals are members even when they are ordinary words (`VERDI PAOLO`).
    const cells: Cell[] | null = columns ? (columnCells(line.text, columns, ctx, entityAbove, lastNumber) ?? parseRow(line.text, ctx, true)) : parseRow(line.text, ctx, section !== null);
    const head: (Section & { rest: string }) | null = cells ? null : sectionHead(line.text, lex);
    if (head) {
      closeRegion();
      section = head;
      columns = null;
      gap = 0;
      rowsInSection = 0;
      // A list in prose: after the head on its line and on to the end of the sentence, or, when the head ends with
      // a colon, on the lines below it (`… sono presenti i sottoriportati n. 15 Consiglieri:` / `Alfieri Laura, …`).
      const below = /:\s*$/.test(line.text);
      let last = i;
      let sentence = head.rest;
      let listed: Cell[] = [];
      if (below) {
        // The head's own words may name someone too (`Assenti il Presidente del Municipio Marco Ferri e i seguenti Consiglieri:`).
        listed = proseList(head.rest, ctx);
        sentence = '';
        let k = i + 1;
        if (k < to && (lines[k] as LineInfo).blank) k++;
        for (; k < to && !(lines[k] as LineInfo).blank && !(lines[k] as LineInfo).furniture; k++) {
          const t = (lines[k] as LineInfo).text;
          // Only lines of a list in prose (names and commas), never a table's header or rows.
          if (readColumns(t, lex) || parseRow(t, ctx) || sectionHead(t, lex) || !/,|\s(?:e|ed)\s\p{Lu}/u.test(t)) break;
          sentence += ` ${(lines[k] as LineInfo).text.trim()}`;
          last = k;
        }
      } else {
        for (let k = i + 1; k < to && !/[.;]\s*$/.test(lines[last]?.text ?? ''); k++) {
          // The next head may open after the sentence's end on the same line (`Bianchi ed Elena Galli. Assenti: …`):
          // the words before it close this list, the line is read again as that head.
          const next = sectionHead((lines[k] as LineInfo).text, lex);
          if (next) {
            const words = (lines[k] as LineInfo).text.slice(0, next.at).trim();
            if (/[.;]$/.test(words)) sentence += ` ${words}`;
            break;
          }
          // One blank line inside a sentence that goes on is OCR's paragraph break, not the list's end.
          if ((lines[k] as LineInfo).blank) {
            if (k === last + 1 && k + 1 < to && !(lines[k + 1] as LineInfo).blank) continue;
            break;
          }
          sentence += ` ${(lines[k] as LineInfo).text.trim()}`;
          last = k;
        }
      }
      let inline = [...listed, ...proseList(sentence, ctx)];
      // Guests in a sentence (`Altri presenti: … l'Assessora … Lucia Ferrante.`): the names the sentence holds.
      if (!inline.length && head.guest) inline = guestsIn(sentence, ctx);
      if (inline.length) {
        region = { first: i, last, members: [], staff: [] };
        for (const c of inline) addCell(region, { ...c, from: 0, to: line.text.length }, section, line, ctx, meaning);
        rowsInSection += inline.length;
        i = last;
        closeRegion();
      }
      continue;
    }
    if (cells && (section || columns || cells.some((c) => c.marks.length || c.n !== null) || cells.length > 1)) {
      if (!region) region = { first: i, last: i, members: [], staff: [] };
      for (const [k, c] of cells.entries()) {
        addCell(region, c, section, line, ctx, meaning, k);
        const added = region.members[region.members.length - 1];
        if (added && c.marks.length === 0 && !section?.guest) unmarked.push(added);
        else if (c.marks.length > 0) unmarked = [];
      }
      region.last = i;
      gap = 0;
      rowsInSection++;
      continue;
    }
    // A cell wrapped onto the next line (`Presente (in` / `videoconferenza)`): one piece well right of the names,
    // just under a row, is the rest of that row's cell.
    const rowAbove = region?.members[region.members.length - 1];
    if (columns && region && rowAbove && region.last === i - 1 && wrappedCell(line.text, columns)) {
      const piece = line.text.trim();
      const cell = `${(lines[i - 1] as LineInfo).text.trim().split(/\s{2,}/).pop() ?? ''} ${piece}`;
      rowAbove.note = /\(([^()]*)\)/.exec(cell)?.[1] ?? (rowAbove.note ? `${rowAbove.note} ${piece}` : piece);
      if (attendedHow(cell, lex) === 'remote') rowAbove.remote = true;
      region.last = i;
      continue;
    }
    // Prose: it ends a table, and a section unless it only continues the head's sentence before any row.
    closeRegion();
    if (gap > 0 || !section || rowsInSection > 0) {
      section = null;
      columns = null;
    }
    gap = 0;
  }
  closeRegion();
  return regions;
}

/**
 * The cells of a row under a header, piece by piece: the name (or, in lists
 * headed PRESENTI / ASSENTI, the name under the list it is in), the role and
 * the entity from their columns (an entity printed once holds for the rows
 * below it), the marks from the presence columns.
 */
function columnCells(text: string, columns: readonly Column[], ctx: AttendanceContext, entityAbove: Map<number, string>, lastNumber: Map<number, number>): Cell[] | null {
  const first = Math.min(...columns.map((c) => c.start));
  // Pieces well left of every label (`1) SANNA Giovanni Maria   Sindaco   X` under `PRESENTE   ASSENTE`) are the name and role.
  let pieces = splitRow(text, columns).map((p) => (p.at + 8 < first ? { ...p, column: { start: 0, kind: 'name' as ColumnKind, group: 0 } } : p));
  // One piece under a header of three columns or more: OCR closed the gaps, so the row is read by evidence.
  if (pieces.length === 1 && columns.length >= 3 && columns.every((c) => c.group === 0)) {
    const row = collapsedRow(text, columns, ctx);
    if (row) {
      if (row.entity) entityAbove.set(0, row.entity);
      return [{ ...row.cell, entity: entityAbove.get(0) } as Cell];
    }
  }
  const byList = listsByPresence(columns) && !pieces.some((p) => p.column.kind === 'name');
  if (byList && pieces.length === 1) {
    // A row ending in a bare mark (`1) SANNA Giovanni Maria Sindaco X`) under `PRESENTE ASSENTE`: a table of marks
    // whose gaps OCR closed, not lists of names. The column the mark stood in is lost, and with it the presence.
    const bare = /[ \t]+[xX+✓]$/u.exec(text.trimEnd());
    if (bare) {
      const parsed = parseRow(text.trimEnd().slice(0, bare.index), ctx, true);
      if (parsed?.length === 1) return [{ ...(parsed[0] as Cell), marks: [], markColumns: [], markLost: true }];
    }
    const lists = collapsedLists(text, columns, ctx, lastNumber);
    if (lists) return lists;
  }
  // Names left of PRESENTE / ASSENTE: one person a row, the mark's column says which.
  if (!byList && listsByPresence(columns)) pieces = pieces.map((p) => ({ ...p, column: { ...p.column, group: 0 } }));
  const groups = [...new Set(pieces.map((p) => p.column.group))];
  const cells: Cell[] = [];
  for (const g of groups) {
    const mine = pieces.filter((p) => p.column.group === g);
    const of = (kinds: ColumnKind[]) => mine.filter((p) => kinds.includes(p.column.kind));
    let nameParts = byList ? of(['present', 'absent', 'role', 'n']) : of(['name', 'n']);
    // Left of marks whose header names no other column, a piece apart from the name that opens with an office is the
    // role (`Oberhollenzer Andreas     Sindaco - Bürgermeister     X`), not a second person.
    const office = byList ? -1 : nameParts.findIndex((p, k) => k > 0 && p.column.kind === 'name' && /\p{L}/u.test(nameParts[k - 1]?.text ?? '') && lexRegExp(ctx.lexicon, OFFICE_START).test(p.text));
    const officePiece = office > 0 ? nameParts[office] : undefined;
    if (officePiece) nameParts = nameParts.filter((p) => p !== officePiece);
    if (nameParts.length === 0) continue;
    const parsed = parseRow(nameParts.map((p) => p.text).join(' '), ctx, true);
    if (parsed?.length !== 1) return null;
    const cell = parsed[0] as Cell;
    const role = byList ? null : (of(['role'])[0]?.text ?? officePiece?.text);
    if (role) cell.role = roleOfColumn(knownOffice(role, ctx.lexicon));
    cell.from = (nameParts[0] as { at: number }).at;
    cell.to = text.length;
    const entity = of(['entity'])[0]?.text;
    if (entity) entityAbove.set(g, entity);
    if (entityAbove.has(g)) cell.note = cell.note ?? null;
    (cell as Cell & { entity?: string }).entity = entityAbove.get(g);
    if (byList) {
      const list = nameParts.find((p) => p.column.kind === 'present' || p.column.kind === 'absent');
      if (list) cell.marks = [list.column.kind === 'present' ? 'presente' : 'assente'];
    } else {
      for (const p of of(['presence', 'present', 'absent', 'remote'])) {
        // A mark with a call to the table's legend or a footnote under it (`X (g)`, `X   (1)`, `Presente (*)`): the
        // mark, and the call as its note until the footnote is read.
        const call = CALL_AFTER.exec(p.text);
        const mark = call && call.index > 0 ? p.text.slice(0, call.index).trim() : p.text;
        if (call && call.index > 0) cell.note = `(${call[1]})`;
        const said = attendedHow(mark, ctx.lexicon);
        if (/^[x+✓]$/i.test(mark)) {
          cell.marks.push(p.column.kind === 'absent' ? 'assente' : 'presente');
          if (p.column.kind === 'remote') cell.remote = true;
        } else if (said) {
          cell.marks.push('presente');
          if (said === 'remote') cell.remote = true;
        } else cell.marks.push(...mark.split(/\s+/).filter((w) => !/^[-–]$/.test(w)).length ? [mark.toLowerCase()] : []);
        cell.markColumns.push(p.at);
      }
      // A note beside the marks (`collegato da remoto`, `giustificato`, `in Sala consiliare`): how a member was there, or why not.
      for (const p of of(['note'])) {
        cell.note = p.text;
        if (attendedHow(p.text, ctx.lexicon) === 'remote') cell.remote = true;
        else if (lexRegExp(ctx.lexicon, JUSTIFIED).test(p.text)) cell.marks.push(p.text.toLowerCase());
      }
    }
    cells.push(cell);
  }
  return cells.length ? cells : null;
}

/**
 * The office of a bilingual cell, in the language the lexicon knows: `Syndic / Sindaco` → `Sindaco`,
 * `Sindaco - Bürgermeister` → `Sindaco`; a cell of one language as it is.
 */
function knownOffice(cell: string, lex: SegmentLexicon): string {
  const sides = cell.split(/\s+[-–/]\s+/);
  return sides.length > 1 ? (sides.find((s) => lexRegExp(lex, OFFICE_START).test(s)) ?? cell) : cell;
}

/** A piece of a row that opens with an office (`Sindaco - Bürgermeister`, `consigliera`). */
const OFFICE_START = (lex: SegmentLexicon) => new RegExp(`^(?:${alternationAnyCase(lex.roles)})(?![\\p{L}])`, 'u');

const REMOTE_CELL = (lex: SegmentLexicon) =>
  new RegExp(`(?<![\\p{L}])(?:${alternation([...lex.attendance.remoteWords, ...lex.onlineWords])})(?![\\p{L}])`, 'iu');
const IN_PERSON_CELL = (lex: SegmentLexicon) => new RegExp(`(?<![\\p{L}])(?:${alternation(lex.inPersonWords)})(?![\\p{L}])`, 'iu');

/**
 * A presence column that says how a member attended (`in videoconferenza`, `collegato da remoto`, `in presenza`)
 * says the member was there: remotely or in person. A cell that also says absent (`assente, non collegato`) is not.
 */
function attendedHow(text: string, lex: SegmentLexicon): 'remote' | 'in person' | null {
  if (/assent/iu.test(text)) return null;
  if (lexRegExp(lex, REMOTE_CELL).test(text)) return 'remote';
  return lexRegExp(lex, IN_PERSON_CELL).test(text) ? 'in person' : null;
}

function addCell(region: AttendanceRegion, cell: Cell, section: Section | null, line: LineInfo, ctx: AttendanceContext, meaning: (c: number) => boolean | null, col = 0): void {
  const marks = readMarks(cell, ctx.lexicon, meaning);
  const printedEntity = (cell as Cell & { entity?: string }).entity;
  const label = cell.name.replace(/\s+/g, ' ').trim();
  const person = registerName(label, ctx.words, ctx.knownPeople);
  const start = line.start + cell.from;
  const end = line.start + cell.to;
  if (section?.guest) {
    region.staff.push({ category: 'guest', entity: null, person, role: cell.role ? naturalCase(cell.role) : section.role, present: marks.present ?? true, start, end });
    return;
  }
  const present = marks.arrivedAt ? false : cell.markLost ? null : (marks.present ?? section?.present ?? null);
  region.members.push({
    n: cell.n,
    entity: printedEntity ? entityName(printedEntity, ctx) : null,
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

/** `ACCEGLIO` → `Comune di Acceglio` when the ANPR list knows it as a comune, else the name in natural case. */
function entityName(printed: string, ctx: AttendanceContext): string {
  const bare = printed.replace(/^COMUNE\s+DI\s+/iu, '').trim();
  const comune = ctx.comune(bare);
  return comune ? `Comune di ${comune}` : naturalCase(printed.trim());
}

const roleCase = (role: string) => {
  const r = naturalCase(role.replace(/\s+/g, ' '));
  return r.charAt(0).toUpperCase() + r.slice(1);
};

const MARK_ONLY = (lex: SegmentLexicon) => new RegExp(`^\\s*(?:${alternation([...lex.attendance.presentMarks, ...lex.attendance.absentMarks])})\\s*[.;]?\\s*$`, 'iu');

export type { StaffRow, WordLookup };

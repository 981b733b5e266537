import { alternation, lexRegExp, ROLE_WORD, type SegmentLexicon } from './lexicon.js';
import { isBlank, type Line } from './lines.js';
import { naturalCase, personName } from './natural-case.js';

const HONORIFIC_VALUE = (lex: SegmentLexicon) =>
  new RegExp(`^(?:(?:${alternation(lex.roles)})[^:]{0,40}:\\s*)?(?:Dott\\.(?:ssa)?|Sig\\.(?:ra)?|Avv\\.|Ing\\.|Arch\\.|Prof\\.(?:ssa)?|Rag\\.|Geom\\.|Dr\\.)\\s*\\p{Lu}`, 'u');
const ROLE_BEFORE_NAME = (lex: SegmentLexicon) => new RegExp(`^(${alternation(lex.roles)})\\s+`, 'iu');
const ROLE_AT_START = (lex: SegmentLexicon) => new RegExp(`^(?:${alternation(lex.roles)})\\b`, 'iu');

/** One member row as the text prints it, before it becomes a Markdown table row. */
export interface MemberRow {
  n: number | null;
  entity: string | null;
  person: string | null;
  label: string | null;
  role: string | null;
  present: boolean | null;
  remote: boolean;
  /** Lines the row was read from (clean offsets). */
  start: number;
  end: number;
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

export interface AttendanceContext {
  lexicon: SegmentLexicon;
  /** Official spelling of a comune, from the ANPR list (`CAZZANO SANT'ANDREA` → `Cazzano Sant'Andrea`). */
  comune: (name: string) => string | null;
  /** Names the document prints elsewhere (speaker labels), natural case. */
  knownPeople: ReadonlySet<string>;
}

const ENTITY_CELL =
  /(?:(\d{1,3}|[-–—])\s*\|?\s*)?((?:COMUNE DI|COMUNIT[AÀ]['’]?\s*MONTANA|UNIONE(?: DEI COMUNI)?)\s+[\p{Lu}\p{M}'’ ]*?[\p{Lu}'’])\s+(si|sì|no|SI|NO|sida|s[iì]da)?(?:\s+(da)\b)?(?:\s+(remoto)\b)?(?=\s+(?:\d{1,3}|[-–—])?\s*\|?\s*(?:COMUNE|COMUNIT|UNIONE)|\s*$)/gu;

/** A line of the two-column table OCR interleaves: `1 | COMUNE DI ALBINO si 11 | COMUNE DI LEFFE si`. */
export function isEntityRow(text: string): boolean {
  ENTITY_CELL.lastIndex = 0;
  return /(?:COMUNE DI|COMUNIT[AÀ]['’]?\s*MONTANA|UNIONE)\s+\p{Lu}/u.test(text) && ENTITY_CELL.test(text);
}

const PRESENCE = /\b(presente|assente)\b(\s+giustificat[oaie])?(?=(?:\s+(?:da\s+remoto|in\s+collegamento|in\s+videoconferenza))?\s*[.;]?\s*$)/i;
const REMOTE = /\b(da\s+remoto|in\s+collegamento|in\s+videoconferenza|collegat[oa]\s+da\s+remoto)\b/i;

/** A row that states a person's presence in words: `1) ROTA Giuseppe Sindaco presente`, `ROSSI MARIO - Sindaco - assente giustificato`. */
export function isPersonRow(text: string): boolean {
  if (!PRESENCE.test(text) || text.length > 160) return false;
  if (/\bCOGNOME\b/i.test(text) && /\bNOME\b/i.test(text)) return false; // a table's header row
  return /\p{Lu}{2,}|\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}+/u.test(text) && !/[.;:]\s+\p{Ll}/u.test(text);
}

/** `Responsabile Ufficio di Piano: Dott.ssa Carolina Angelini`, `ASST Bergamo Est: Dott.ssa Patrizia Martinelli - ASSENTE`. */
export function isStaffLine(text: string, lex: SegmentLexicon): boolean {
  const m = /^([^:\n]{3,80}):\s*(.+)$/.exec(text.trim());
  if (!m) return false;
  const value = m[2] as string;
  return lexRegExp(lex, HONORIFIC_VALUE).test(value);
}

/** A presence list in prose: `Sono presenti: ROSSI Mario, BIANCHI Anna.` / `Assenti giustificati: VERDI Luca`. */
export function isPresenceList(text: string): boolean {
  return /^\s*(?:sono\s+)?(?:presenti|assenti)(?:\s+giustificati)?(?:\s+i\s+(?:signori|consiglieri|sigg\.))?\s*:\s*\p{L}/iu.test(text);
}

/** Read every member and staff row in the attendance region's lines. */
export function parseAttendance(lines: readonly Line[], ctx: AttendanceContext): { members: MemberRow[]; staff: StaffRow[] } {
  const members: MemberRow[] = [];
  const staff: StaffRow[] = [];
  let columns: (number | null)[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as Line;
    const text = line.text;
    if (isEntityRow(text)) {
      // The names sit on the next line, or after one blank line when OCR spread the row.
      const j = isBlank(lines[i + 1]) ? i + 2 : i + 1;
      const next = lines[j];
      const nameLine = next && !isEntityRow(next.text) && isNameLine(next.text) ? next : undefined;
      const rows = entityRows(line, nameLine, ctx, columns);
      columns = rows.map((r) => r.n);
      members.push(...rows);
      if (nameLine) i = j;
    } else if (isPresenceList(text)) {
      // A list OCR wrapped over several lines goes on until a line ends the sentence.
      let last = line;
      while (!/[.;]\s*$/.test(last.text) && lines[i + 1] && !isBlank(lines[i + 1]) && !isPresenceList((lines[i + 1] as Line).text) && !isPersonRow((lines[i + 1] as Line).text)) {
        last = lines[++i] as Line;
      }
      const joined = lines.slice(lines.indexOf(line), i + 1).map((l) => l.text).join(' ');
      members.push(...presenceList({ ...line, text: joined, end: last.end }, ctx, members.length));
    } else if (isStaffLine(text, ctx.lexicon)) {
      staff.push(...staffRows(line, ctx));
    } else if (isPersonRow(text)) {
      members.push(personRow(line, ctx, members.length));
    }
  }
  members.sort((a, b) => (a.n ?? Number.MAX_SAFE_INTEGER) - (b.n ?? Number.MAX_SAFE_INTEGER));
  return { members, staff };
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
function entityRows(line: Line, nameLine: Line | undefined, ctx: AttendanceContext, columns: readonly (number | null)[]): MemberRow[] {
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

function personRow(line: Line, ctx: AttendanceContext, count: number): MemberRow {
  let text = line.text.trim();
  const num = /^(\d{1,3})\s*[).\-–]?\s+/.exec(text);
  if (num) text = text.slice(num[0].length);
  const presence = PRESENCE.exec(text);
  const remote = REMOTE.test(text);
  const entity = /\bComune di\s+\p{Lu}[\p{L}'’]*(?:\s+(?:di|del|della|al|sul|in|\p{Lu}[\p{L}'’]*))*/u.exec(text)?.[0] ?? null;
  const roleRe = lexRegExp(ctx.lexicon, ROLE_WORD);
  const role = roleRe.exec(text)?.[1] ?? null;
  const nameText = text
    .slice(0, presence?.index ?? text.length)
    .replace(roleRe, ' ')
    .replace(entity ?? '\u0000', ' ')
    .replace(/[-–—|,:]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const name = nameText ? registerName(nameText, ctx) : null;
  return {
    n: num ? Number(num[1]) : count + 1,
    entity,
    person: name,
    label: name && name !== nameText ? nameText : null,
    role: role ? role.charAt(0).toUpperCase() + role.slice(1).toLowerCase() : null,
    present: presence ? /^present/i.test(presence[1] as string) : null,
    remote,
    start: line.start,
    end: line.end,
  };
}

/**
 * A register prints `COGNOME NOME` (`BERTOCCHI GIOVANNI`): all in capitals the
 * order cannot be seen, so the register's convention (surname first) applies
 * unless the document prints the name in natural order elsewhere.
 */
function registerName(printed: string, ctx: AttendanceContext): string {
  const words = printed.split(/\s+/);
  if (printed !== printed.toUpperCase() || words.length < 2) return personName(printed);
  const natural = naturalCase(printed);
  if (ctx.knownPeople.has(natural)) return natural;
  return naturalCase([...words.slice(1), words[0]].join(' '));
}

function presenceList(line: Line, ctx: AttendanceContext, count: number): MemberRow[] {
  const m = /^\s*(?:sono\s+)?(presenti|assenti)[^:]*:\s*(.*)$/i.exec(line.text) as RegExpExecArray;
  const present = /^presenti/i.test(m[1] as string);
  return (m[2] as string)
    .split(/[,;]|\s+e\s+(?=\p{Lu})/u)
    .map((s) => s.replace(/\(.*?\)|\.$/g, '').trim())
    .filter((s) => /\p{Lu}/u.test(s))
    .map((printed, k) => {
      const role = lexRegExp(ctx.lexicon, ROLE_BEFORE_NAME).exec(printed)?.[1] ?? null;
      const bare = role ? printed.slice(role.length).trim() : printed;
      const name = personName(bare);
      return {
        n: count + k + 1,
        entity: null,
        person: name,
        label: name !== bare ? bare : null,
        role,
        present,
        remote: REMOTE.test(printed),
        start: line.start,
        end: line.end,
      };
    });
}

function staffRows(line: Line, ctx: AttendanceContext): StaffRow[] {
  const [head, ...rest] = line.text.trim().split(':');
  const value = rest.join(':');
  const roleRe = lexRegExp(ctx.lexicon, ROLE_AT_START);
  const headIsRole = roleRe.test((head as string).trim());
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
        .replace(/^(Dott\.(?:ssa)?|Sig\.(?:ra)?|Avv\.|Ing\.|Arch\.|Prof\.(?:ssa)?|Rag\.|Geom\.|Dr\.)\s*/, '')
        .trim();
      return {
        category: 'staff' as const,
        entity: headIsRole ? null : (head as string).trim(),
        person: name ? personName(name) : null,
        role,
        present: !absent,
        start: line.start,
        end: line.end,
      };
    });
}

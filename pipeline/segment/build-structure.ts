import type { AgendaItem, Attendance, Decision, MeetingEvent, StaffEntry, Turn, VerbaleRecord, Warning } from '../../schemas/index.js';
import { parseEvent } from './events.js';
import { closingTimeOf, parseHeader } from './header.js';
import { alternation, cachedRegExp, type SegmentLexicon } from './lexicon.js';
import type { MarkdownOutline, Range } from './read-markdown.js';
import { spanMaker } from './read-markdown.js';
import { parseSignatures } from './signatures.js';
import { type ParsedLabel, parseLabel } from './speakers.js';
import { outcomeOf, parseVotes, subjectOf } from './votes.js';

/** The record's structural fields, as the segment stage produces them. */
export type Structure = Pick<
  VerbaleRecord,
  'meeting' | 'officers' | 'attendance' | 'staff' | 'agenda' | 'events' | 'signatures' | 'attachments' | 'warnings'
>;

const yes = (v: string | undefined) => (v ? /^(si|sì|s|x|yes|true|1)$/i.test(v.trim()) : false);
const mark = (v: string | undefined): boolean | null => (v === undefined || v.trim() === '' ? null : yes(v));
const orNull = (v: string | undefined) => (v && v.trim() !== '' ? v.trim() : null);

/**
 * Turn the Markdown outline into the record's structure: read the cells and
 * texts, resolve speakers to the people of the attendance, count votes against
 * who was present at that moment, fill arrivals and departures, and report the
 * cross-checks that fail as warnings.
 */
export function buildStructure(outline: MarkdownOutline, clean: string, lex: SegmentLexicon): Structure {
  const slice = (r: Range) => clean.slice(r.start, r.end);
  const toSpan = spanMaker(clean);
  const warnings: Warning[] = [];

  const attendance: Attendance[] = outline.members.map(({ cells, range }, i) => ({
    n: Number(cells.n) || i + 1,
    entity: orNull(cells.ente),
    person: orNull(cells.persona),
    role: orNull(cells.ruolo),
    present: mark(cells.presente),
    remote: yes(cells.remoto),
    arrivedAt: null,
    leftAt: null,
    span: toSpan(range),
  }));
  const staff: StaffEntry[] = outline.staff.map(({ cells, range }) => ({
    category: /ospite|guest/i.test(cells.tipo ?? '') ? 'guest' : 'staff',
    entity: orNull(cells.ente),
    person: orNull(cells.persona),
    role: orNull(cells.ruolo),
    present: mark(cells.presente),
    span: toSpan(range),
  }));

  const headerText = outline.header.map(slice).join('\n\n');
  const inRoom = attendance.filter((a) => a.present && !a.remote).length;
  const remote = attendance.filter((a) => a.present && a.remote).length;
  const meeting = {
    ...parseHeader(headerText, lex, { remote, inRoom }),
    endTime: outline.closing.map((r) => closingTimeOf(slice(r))).find((t) => t !== null) ?? null,
  };

  const events: (MeetingEvent & { at: number })[] = [];
  const decisionsAt: { decision: Decision; at: number; item: number | null }[] = [];
  for (const item of outline.items) {
    for (const r of item.events) {
      const parsed = parseEvent(slice(r).replace(/\s+/g, ' '), lex);
      if (parsed) events.push({ ...parsed, ...matchMember(parsed, attendance), agendaItem: item.number, span: toSpan(r), at: r.start });
    }
  }
  // Roles the document states elsewhere (`Arriva … il Sindaco del Comune di Albino, Daniele Esposito`, `il Sindaco di Aviatico`), before speakers are resolved.
  fillRoles(attendance, events, clean, lex);
  const agenda: AgendaItem[] = outline.items.map((item) => {
    const turns: Turn[] = item.turns.map((t) => ({
      speaker: resolveSpeaker(parseLabel(t.label, lex), attendance, staff),
      text: clean.slice(t.textStart, t.range.end).replace(/^[\s:*]+/, '').trim(),
      span: toSpan(t.range),
    }));
    const decisions: Decision[] = item.decisions.map(({ range }) => {
      const raw = slice(range);
      const prefix = /^(?:>\s?)?\s*DECISIONE\s*:\s*/u.exec(raw)?.[0].length ?? 0;
      const text = raw
        .slice(prefix)
        .split('\n')
        .map((l) => l.replace(/^>\s?/, ''))
        .join('\n')
        .trim();
      const decision: Decision = {
        text,
        outcome: 'other',
        votes: null,
        span: toSpan({ start: range.start + prefix, end: range.end }),
        subject: subjectOf(text),
      };
      decisionsAt.push({ decision, at: range.start, item: item.number });
      return decision;
    });
    return { number: item.number, title: item.title, span: toSpan(item.range), turns, decisions };
  });

  fillArrivals(attendance, events);
  for (const { decision, at, item } of decisionsAt) {
    const present = attendance.length ? presentAt(attendance, events, at) : null;
    decision.votes = parseVotes(decision.text, present);
    decision.outcome = outcomeOf(decision.text, decision.votes);
    const v = decision.votes;
    if (v && present !== null && v.favorevoli !== null && v.contrari !== null && v.astenuti !== null && !v.unanimous) {
      const total = v.favorevoli + v.contrari + v.astenuti;
      if (total !== present) {
        warnings.push({
          code: 'vote-total-mismatch',
          message: `item ${item ?? '?'}: ${total} votes counted (${v.favorevoli}+${v.contrari}+${v.astenuti}) but ${present} members present at that moment`,
          span: decision.span,
        });
      }
    }
  }
  checkSpeakers(agenda, attendance, events, warnings);
  checkNumbers(agenda, warnings);

  const signatures = outline.signatures ? parseSignatures(slice(outline.signatures), lex) : [];
  return {
    meeting,
    officers: officersOf(headerText, agenda, signatures, staff, lex),
    attendance,
    staff,
    agenda,
    events: events.map(({ at: _at, ...e }) => e),
    signatures,
    attachments: outline.attachments.map((r) => {
      const text = slice(r).replace(/\\\n/g, '\n');
      return { title: text.split('\n')[0]?.trim() ?? '', text, span: toSpan(r) };
    }),
    warnings,
  };
}

const surname = (name: string) => name.split(/\s+/).pop()?.toLowerCase() ?? '';

/** Find the member a label, an event or a role points to: full name, then a unique surname. */
function findMember(name: string | null, attendance: readonly Attendance[]): Attendance | undefined {
  if (!name) return undefined;
  const lower = name.toLowerCase();
  const exact = attendance.find((a) => a.person?.toLowerCase() === lower);
  if (exact) return exact;
  const bySurname = attendance.filter((a) => a.person && surname(a.person) === surname(name));
  return bySurname.length === 1 ? bySurname[0] : undefined;
}

function resolveSpeaker(label: ParsedLabel, attendance: readonly Attendance[], staff: readonly StaffEntry[]): Turn['speaker'] {
  let { name, role, entity } = label;
  const member = findMember(name, attendance) ?? (name === null && role ? roleHolder(role, attendance) : undefined);
  if (member) {
    if (name === null || name.split(/\s+/).length < 2) name = member.person;
    entity = entity ?? member.entity;
    role = role ?? member.role;
  } else if (name && name.split(/\s+/).length < 2) {
    const staffer = staff.find((s) => s.person && surname(s.person) === surname(name as string));
    if (staffer) name = staffer.person;
  }
  return { name, label: label.label, role, entity };
}

function roleHolder(role: string, attendance: readonly Attendance[]): Attendance | undefined {
  const holders = attendance.filter((a) => a.role?.toLowerCase() === role.toLowerCase());
  return holders.length === 1 ? holders[0] : undefined;
}

function matchMember(event: Pick<MeetingEvent, 'person' | 'entity'>, attendance: readonly Attendance[]): Pick<MeetingEvent, 'person' | 'entity'> {
  const byName = findMember(event.person, attendance);
  const member = byName ?? (event.entity ? attendance.find((a) => a.entity === event.entity) : undefined);
  return { person: member?.person ?? event.person, entity: event.entity ?? member?.entity ?? null };
}

function memberOf(e: Pick<MeetingEvent, 'person' | 'entity'>, a: Attendance): boolean {
  return (e.person !== null && a.person === e.person) || (e.person === null && e.entity !== null && a.entity === e.entity);
}

/**
 * A member whose row states no role gets the one the text gives them: an
 * arrival or departure naming their role, or `Sindaco di X` / `Sindaco del
 * Comune di X` for the member of Comune di X. Only when exactly one role is stated.
 */
function fillRoles(attendance: Attendance[], events: readonly MeetingEvent[], clean: string, lex: SegmentLexicon): void {
  const stated = new Map<Attendance, Set<string>>();
  const add = (a: Attendance | undefined, role: string) => {
    if (!a || a.role) return;
    stated.set(a, (stated.get(a) ?? new Set()).add(role.charAt(0).toUpperCase() + role.slice(1).toLowerCase()));
  };
  for (const e of events) if (e.role) add(attendance.find((a) => memberOf(e, a)), e.role);
  const roles = alternation(lex.roles);
  const re = new RegExp(`\\b(${roles})\\s+(?:del\\s+Comune\\s+)?di\\s+(\\p{Lu}[\\p{L}'’]*(?:\\s+(?:al|di|del|della|sul|in|\\p{Lu}[\\p{L}'’]*))*)`, 'gu');
  for (const m of clean.matchAll(re)) {
    const place = (m[2] as string).replace(/\s+/g, ' ').replace(/ (?:al|di|del|della|sul|in)$/u, '');
    add(
      attendance.find((a) => a.entity === `Comune di ${place}`),
      m[1] as string,
    );
  }
  for (const [a, set] of stated) if (set.size === 1) a.role = [...set][0] as string;
}

function fillArrivals(attendance: Attendance[], events: readonly MeetingEvent[]): void {
  for (const a of attendance) {
    const mine = events.filter((e) => memberOf(e, a));
    a.arrivedAt = mine.find((e) => e.type === 'arrival')?.time ?? null;
    a.leftAt = [...mine].reverse().find((e) => e.type === 'departure')?.time ?? null;
  }
}

/** Was a member there at a point of the text: their last arrival or departure before it, else their mark (one who arrives later was not yet there). */
function isPresentAt(a: Attendance, events: readonly (MeetingEvent & { at: number })[], at: number): boolean {
  const mine = events.filter((e) => memberOf(e, a));
  const last = mine.filter((e) => e.at < at).pop();
  if (last) return last.type === 'arrival';
  if (mine.some((e) => e.type === 'arrival')) return false;
  return a.present === true;
}

/** Members there at a point of the text. */
function presentAt(attendance: readonly Attendance[], events: readonly (MeetingEvent & { at: number })[], at: number): number {
  return attendance.filter((a) => isPresentAt(a, events, at)).length;
}

function checkSpeakers(agenda: readonly AgendaItem[], attendance: readonly Attendance[], events: readonly (MeetingEvent & { at: number })[], warnings: Warning[]): void {
  for (const item of agenda) {
    for (const turn of item.turns) {
      const member = findMember(turn.speaker.name, attendance);
      if (!member || isPresentAt(member, events, turn.span?.start ?? 0)) continue;
      warnings.push({ code: 'speaker-not-present', message: `${turn.speaker.name} speaks but is not present at that point`, span: turn.span });
    }
  }
}

function checkNumbers(agenda: readonly AgendaItem[], warnings: Warning[]): void {
  let previous: number | null = null;
  for (const item of agenda) {
    if (item.number === null || item.number === undefined) continue;
    if (previous !== null && item.number !== previous + 1) {
      warnings.push({ code: 'agenda-number-skipped', message: `agenda item ${item.number} follows item ${previous}`, span: item.span });
    }
    previous = item.number;
  }
}

function officersOf(
  header: string,
  agenda: readonly AgendaItem[],
  signatures: readonly { role: string; person: string | null }[],
  staff: readonly StaffEntry[],
  lex: SegmentLexicon,
): VerbaleRecord['officers'] {
  const NAME = "(\\p{Lu}[\\p{L}'’]+(?:\\s+\\p{Lu}[\\p{L}'’]+){1,2})";
  const chair =
    cachedRegExp(`(?:[Ii]l|[Ll]a)\\s+[Pp]residente,?\\s+(?:(?:Sig|Dott)\\.(?:ra|ssa)?\\s+)?${NAME}`, 'u').exec(header)?.[1] ??
    cachedRegExp(`(?:presiede|presieduta\\s+da|sotto\\s+la\\s+presidenza\\s+d\\w+)\\s+(?:il\\s+|la\\s+)?(?:(?:${alternation(lex.roles)})\\s+)?(?:(?:Sig|Dott)\\.(?:ra|ssa)?\\s+)?${NAME}`, 'iu').exec(header)?.[1] ??
    agenda.flatMap((i) => i.turns).find((t) => /^presidente$/i.test(t.speaker.role ?? ''))?.speaker.name ??
    signatures.find((s) => /presidente|sindac/i.test(s.role) && !/vice/i.test(s.role))?.person ??
    null;
  const secretary =
    signatures.find((s) => /segretari|verbalizzante/i.test(s.role))?.person ??
    cachedRegExp(`(?:assiste|con\\s+l['’]assistenza\\s+d\\w+|partecipa)\\s+(?:il\\s+|la\\s+|del\\s+|della\\s+)?[Ss]egretari[oa](?:\\s+\\p{Lu}?\\p{Ll}+)?\\s+(?:(?:Dott|Sig)\\.(?:ssa|ra)?\\s+)?${NAME}`, 'u').exec(header)?.[1] ??
    staff.find((s) => /segretari|verbalizzante/i.test(s.role ?? ''))?.person ??
    null;
  return { president: chair, secretary };
}

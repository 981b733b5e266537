import type { AgendaItem, Attendance, ChairChange, Decision, MeetingEvent, OpeningCount, RollCall, StaffEntry, Turn, VerbaleRecord, Warning } from '../../schemas/index.js';
import { arrivalTime } from './attendance-rows.js';
import { type CheckContext, checkStructure } from './checks.js';
import { findEvents } from './events.js';
import { closingTimeOf, parseHeader } from './header.js';
import type { DocumentKind } from './kind.js';
import { alternation, lexRegExp, type SegmentLexicon } from './lexicon.js';
import { officeInCapacity, readOfficers } from './officers.js';
import { readOpeningCount } from './opening-count.js';
import { PeopleIndex, type WordLookup } from './people.js';
import type { MarkdownOutline, OutlineItem, OutlineTurn, Range, TextPart } from './read-markdown.js';
import { spanMaker } from './read-markdown.js';
import { readRollCalls } from './roll-calls.js';
import { parseSignatures } from './signatures.js';
import { mentionsIn, type ParsedLabel, parseLabel } from './turns.js';
import { withoutRestatements } from './vote-restatements.js';
import { outcomeOf, parseBallot, parseVotes, subjectOf, unreadVoteTable } from './votes.js';

/** The record's structural fields, as the segment stage produces them. */
export type Structure = Pick<VerbaleRecord, 'meeting' | 'officers' | 'attendance' | 'staff' | 'agenda' | 'events' | 'signatures' | 'attachments' | 'warnings'> & {
  kind: DocumentKind;
  turnsBeforeAgenda: Turn[];
  chairs: ChairChange[];
  openingCount: OpeningCount | null;
  rollCalls: RollCall[];
};

export interface StructureContext {
  lexicon: SegmentLexicon;
  words: WordLookup;
}

const yes = (v: string | undefined) => (v ? /^(si|sì|s|x|yes|true|1)$/i.test(v.trim()) : false);
const mark = (v: string | undefined): boolean | null => (v === undefined || v.trim() === '' ? null : yes(v));
const orNull = (v: string | undefined) => (v && v.trim() !== '' ? v.trim() : null);

/**
 * Turn the Markdown outline into the record's structure: read the cells and
 * texts, resolve speakers to the people of the attendance (a surname to the
 * full name, an office to whoever held it then: the chair, the Sindaco), read
 * the votes exactly as printed, list arrivals and departures, and report the
 * cross-checks that fail as warnings with a code and a place.
 */
export function buildStructure(outline: MarkdownOutline, clean: string, ctx: StructureContext): Structure {
  const lex = ctx.lexicon;
  const toSpan = spanMaker(clean);
  const kind: DocumentKind = outline.kind ?? 'verbale';

  const attendance: Attendance[] = outline.members.map(({ cells, range }, i) => ({
    n: Number(cells.n) || i + 1,
    entity: orNull(cells.ente),
    person: orNull(cells.persona),
    role: orNull(cells.ruolo),
    present: mark(cells.presente),
    remote: yes(cells.remoto),
    arrivedAt: cells.nota ? arrivalTime(cells.nota) : null,
    leftAt: null,
    span: toSpan(range),
    absence: orNull(cells.assenza),
    note: orNull(cells.nota),
  }));
  const staff: StaffEntry[] = outline.staff.map(({ cells, range }) => ({
    category: /ospite|guest/i.test(cells.tipo ?? '') ? 'guest' : 'staff',
    entity: orNull(cells.ente),
    person: orNull(cells.persona),
    role: orNull(cells.ruolo),
    present: mark(cells.presente),
    span: toSpan(range),
  }));

  const people = new PeopleIndex();
  for (const a of attendance) if (a.person) people.add({ name: a.person, role: a.role, entity: a.entity, member: true });
  for (const s of staff) if (s.person) people.add({ name: s.person, role: s.role, entity: s.entity, member: false });

  const frontText = outline.front.map((p) => p.text).join('\n\n');
  const bodyParts: (TextPart & { item: OutlineItem | null })[] = [
    ...outline.front.map((p) => ({ ...p, item: null })),
    ...outline.items.flatMap((item) => [...item.paragraphs, ...item.decisions].map((p) => ({ ...p, item }))),
  ].sort((a, b) => a.range.start - b.range.start);
  const bodyText = bodyParts.map((p) => p.text).join('\n\n');

  // Officers, and the chair through the sitting.
  const officersRead = readOfficers(frontText, '', lex, ctx.words);
  const resolveName = (name: string | null | undefined) => (name ? (people.resolve(name)?.name ?? parseLabel(name, lex).name ?? name) : null);
  const named = resolveName(officersRead.president?.name);
  const chairs: (ChairChange & { at: number })[] = [];
  for (const p of bodyParts) {
    const found = readOfficers('', p.text, lex, ctx.words).chairs;
    for (const c of found) {
      const person = resolveName(c.name) as string;
      if (person === (chairs[chairs.length - 1]?.person ?? named) && chairs.length === 0 && p.item === null) continue;
      if (chairs[chairs.length - 1]?.person === person) continue;
      chairs.push({ person, span: toSpan(p.range), at: p.range.start });
    }
  }
  // With no chair in the front matter's formulas, a chair taken before anyone else speaks or votes is the sitting's
  // (`Il Sindaco, sig. X, riconosciuto legale il numero …, assume la presidenza`; a deliberation's opening after its subject).
  const firstAct = Math.min(...outline.items.flatMap((i) => [...i.turns.map((t) => t.range.start), ...i.decisions.map((d) => d.range.start)]));
  const president = named ?? (chairs[0] && chairs[0].at <= firstAct ? chairs[0].person : null);
  if (president && chairs[0]?.person === president && chairs[0].at <= Math.max(firstAct, outline.items[0]?.range.start ?? Number.POSITIVE_INFINITY)) chairs.shift();
  const chairAt = (offset: number) => [...chairs].reverse().find((c) => c.at <= offset)?.person ?? president;
  for (const c of chairs) people.add({ name: c.person, role: 'Presidente', entity: null, member: false });
  if (president) people.add({ name: president, role: 'Presidente', entity: null, member: false });
  // The chair's office in the formula (`…, nella sua qualità di Sindaco`) is the office of their row, if it has none:
  // a later `Il Sindaco replica …` is then the chair.
  const chairRow = president ? attendance.find((a) => a.person === president && a.role === null) : undefined;
  const chairOffice = chairRow ? officeInCapacity(president as string, bodyText, lex) : null;
  if (chairRow && chairOffice && !attendance.some((a) => a.role?.toLowerCase() === chairOffice.toLowerCase())) chairRow.role = chairOffice.charAt(0).toUpperCase() + chairOffice.slice(1).toLowerCase();

  const inRoom = attendance.filter((a) => a.present && !a.remote).length;
  const remote = attendance.filter((a) => a.present && a.remote).length;
  const furnitureText = [...outline.furniture, ...outline.listing].map((p) => p.text).join('\n');
  const header = parseHeader(frontText, lex, { remote, inRoom }, furnitureText);
  // A deliberation may print its subject (`OGGETTO: …`) before its opening (`L'anno … alle ore …`): the opening is then
  // the first item's first paragraphs, and the sitting's date, hour and place are read there when the front has none.
  const opening = header.date === null ? (outline.items[0]?.paragraphs.slice(0, 2) ?? []).map((p) => p.text).join('\n\n') : '';
  const withOpening = opening ? parseHeader(`${frontText}\n\n${opening}`, lex, { remote, inRoom }, furnitureText) : header;
  const meeting = {
    ...header,
    date: header.date ?? withOpening.date,
    startTime: header.startTime ?? withOpening.startTime,
    place: header.place ?? withOpening.place,
    endTime: outline.closing.map((p) => closingTimeOf(p.text, lex)).find((t) => t !== null) ?? null,
  };
  const signatures = outline.signatures ? parseSignatures(outline.signatures.text, lex, clean.replace(outline.signatures.text, '')) : [];
  const secretary =
    resolveName((officersRead.secretary ?? readOfficers(bodyText, '', lex, ctx.words).secretary)?.name) ??
    signatures.find((s) => /segretari|verbalizzante/i.test(s.role))?.person ??
    staff.find((s) => /segretari|verbalizzante/i.test(s.role ?? ''))?.person ??
    null;
  const officers = {
    president:
      president ??
      outline.items.flatMap((i) => i.turns).map((t) => (t.mode === 'label' ? parseLabel(t.label, lex) : null)).find((l) => l && /^presidente$/i.test(l.role ?? '') && l.name)?.name ??
      signatures.find((s) => /presidente|sindac/i.test(s.role) && !/vice/i.test(s.role))?.person ?? null,
    secretary,
  };
  if (secretary) people.add({ name: secretary, role: 'Segretario', entity: null, member: false });

  const openingM = readOpeningCount(frontText, lex);
  const openingCount: OpeningCount | null = openingM
    ? { present: openingM.present, absent: openingM.absent, span: spanOfText(outline.front, frontText, openingM.index, toSpan) }
    : null;

  // Arrivals and departures, anywhere in the text.
  const events: (MeetingEvent & { at: number })[] = [];
  const mentionFinder = (s: string) => mentionsIn(s, lex, people, ctx.words);
  for (const p of bodyParts) {
    for (const e of findEvents(p.text, lex, people, mentionFinder)) {
      const { start: _s, end: _e, ...rest } = e;
      events.push({ ...rest, agendaItem: p.item?.number ?? null, span: toSpan(p.range), at: p.range.start });
    }
  }
  fillRoles(attendance, events, [frontText, ...bodyParts.map((p) => p.text)].join('\n'), lex);

  const rollCalls: RollCall[] = bodyParts.flatMap((p) => readRollCalls(p.text, lex).map((r) => ({ ...r, span: toSpan(p.range) })));

  const resolveTurn = (label: string, at: number, titled: readonly ParsedLabel[]): Turn['speaker'] & { resolved: boolean } =>
    resolveSpeaker(parseLabel(label, lex), people, attendance, chairAt(at) ?? officers.president, officers.secretary, titled);
  // A speech that runs on over a page's header or footer (a text export with no page breaks keeps them) leaves it out.
  const furniture = outline.furniture.map((f) => f.range).filter((r) => Number.isFinite(r.start));
  const turnText = (t: OutlineTurn) => {
    let text = '';
    let at = t.textStart;
    for (const f of furniture) {
      if (f.end <= at || f.start >= t.range.end) continue;
      text += clean.slice(at, f.start);
      at = f.end;
    }
    return (text + clean.slice(at, t.range.end)).replace(/^[\s:*.]+/, '').trim();
  };
  const toTurn = (t: OutlineTurn, titled: readonly ParsedLabel[]): Turn => {
    const { resolved, ...speaker } = resolveTurn(t.label, t.range.start, titled);
    return { speaker, text: turnText(t), span: toSpan(t.range), mode: t.mode, resolved };
  };
  const decisionsAt: CheckContext['decisionsAt'][number][] = [];
  let agenda: AgendaItem[] = outline.items.map((item) => {
    // People the item's title names with an office (`Intervento dell'Assessora Nome Cognome`): who `l'Assessora` is in it.
    const titled = mentionFinder(item.title)
      .filter((m) => m.named)
      .map((m) => parseLabel(m.text, lex))
      .filter((l) => l.name && l.role);
    const turns = item.turns.map((t) => toTurn(t, titled));
    const read = item.decisions.map(({ range, text: plain }) => {
      const prefix = lexRegExp(lex, DECISION_PREFIX).exec(plain)?.[0].length ?? 0;
      const text = plain.slice(prefix).trim();
      const ballot = parseBallot(text, lex);
      const votes = ballot ? null : parseVotes(text, lex);
      const decision: Decision = {
        text,
        outcome: outcomeOf(text, votes, lex),
        votes,
        span: toSpan({ start: range.start + prefix, end: range.end }),
        subject: subjectOf(text, lex),
        ballot,
      };
      return { decision, at: range.start };
    });
    const decisions = withoutRestatements(read.map((r) => r.decision), lex);
    for (const r of read) if (decisions.includes(r.decision)) decisionsAt.push({ decision: r.decision, at: r.at, item: item.number, unreadTable: unreadVoteTable(r.decision.text, lex) });
    return { number: item.number, originalNumber: item.original, status: 'discussed', title: item.title, span: toSpan(item.range), turns, decisions };
  });
  agenda = mergeResumed(agenda);
  agenda.push(...notDiscussed(outline, agenda, toSpan));
  fillArrivals(attendance, events);

  // A label whose words the opening's readers took (`Presidente Bellini` over `Presenti 20 Consiglieri. Dichiaro aperta …`) is no speech.
  const before = outline.beforeItems.filter((t) => turnText(t) !== '');
  const turnsBeforeAgenda = before.map((t) => toTurn(t, []));
  const beforeItemsSpan = before.length > 0 ? toSpan({ start: (before[0] as (typeof before)[number]).range.start, end: (before[before.length - 1] as (typeof before)[number]).range.end }) : null;
  const checkCtx: CheckContext = { kind, attendance, staff, agenda, events, decisionsAt, meeting, openingCount, president: officers.president, people, outline: { ...outline, beforeItems: before }, beforeItemsSpan };
  const warnings: Warning[] = checkStructure(checkCtx);
  return {
    kind,
    meeting,
    officers,
    chairs: chairs.map(({ at: _at, ...c }) => c),
    openingCount,
    attendance,
    rollCalls,
    staff,
    agenda,
    turnsBeforeAgenda,
    events: events.map(({ at: _at, ...e }) => e),
    signatures,
    attachments: outline.attachments.map((a) => {
      const text = a.text;
      // Its first line with words: a rule above a certificate is no title.
      return { title: (text.split('\n').find((l) => /[\p{L}\p{N}]/u.test(l)) ?? text.split('\n')[0] ?? '').trim(), text, span: toSpan(a.range) };
    }),
    warnings,
  };
}

const DECISION_PREFIX = (lex: SegmentLexicon) => new RegExp(`^\\s*(?:${alternation(lex.votes.decisionHeads)})\\s*:\\s*`, 'u');

/** The span of an offset into the joined front text. */
function spanOfText(parts: readonly TextPart[], _joined: string, index: number, toSpan: (r: Range) => ReturnType<ReturnType<typeof spanMaker>>) {
  let at = 0;
  for (const p of parts) {
    const end = at + p.text.length;
    if (index < end) return toSpan(p.range);
    at = end + 2;
  }
  return null;
}


/**
 * The speaker a label or mention names: the person of the attendance, guests
 * or officers it resolves to (a surname to the full name), else whoever held
 * the office it names at that point: the chair for `il Presidente`, the
 * secretary, the only member with that role (`il Sindaco`), or, when the
 * attendance has none, the only one of that office the item's title names.
 */
function resolveSpeaker(
  label: ParsedLabel,
  people: PeopleIndex,
  attendance: readonly Attendance[],
  chair: string | null,
  secretary: string | null,
  titled: readonly ParsedLabel[],
): Turn['speaker'] & { resolved: boolean } {
  let { name, role, entity } = label;
  let person = people.resolve(name);
  if (!person && !name && role) {
    const sameOffice = (r: string | null) => r !== null && r.toLowerCase().slice(0, 6) === role?.toLowerCase().slice(0, 6);
    if (/^(?:presidente|la presidente|il presidente)$/i.test(role) && chair) person = people.resolve(chair);
    else if (/^segretari/i.test(role) && secretary) person = people.resolve(secretary);
    else {
      const holders = attendance.filter((a) => sameOffice(a.role));
      if (holders.length === 1) person = people.resolve(holders[0]?.person);
      // Else the only one of that office the item's title names, listed or not.
      const named = titled.filter((t) => sameOffice(t.role));
      if (!person && holders.length === 0 && named.length === 1) {
        name = (named[0] as ParsedLabel).name;
        person = people.resolve(name);
      }
    }
  }
  if (person) {
    name = person.name;
    entity = entity ?? person.entity;
    role = role ?? person.role;
  }
  return { name, label: label.label, role, entity, resolved: Boolean(person) || name === null };
}

/** An item the minutes leave and take up again (`Punto 4` suspended, resumed later) is one item. */
function mergeResumed(agenda: AgendaItem[]): AgendaItem[] {
  const out: AgendaItem[] = [];
  for (const item of agenda) {
    const earlier = item.number !== null ? out.find((o) => o.number === item.number && (o.originalNumber ?? null) === (item.originalNumber ?? null)) : undefined;
    if (earlier && earlier.title.slice(0, 30) === item.title.slice(0, 30)) {
      earlier.turns.push(...item.turns);
      earlier.decisions.push(...item.decisions);
    } else out.push(item);
  }
  return out;
}

/** Items the agenda lists that no heading of the minutes takes up: kept, marked not discussed. */
function notDiscussed(outline: MarkdownOutline, agenda: readonly AgendaItem[], toSpan: (r: Range) => AgendaItem['span']): AgendaItem[] {
  if (outline.listing.length === 0 || agenda.length === 0) return [];
  const text = outline.listing.map((p) => p.text).join('\n');
  const entries = [...text.matchAll(/^\s*(\d{1,3})\s*[.)]\s+(.+)$/gmu)].map((m) => ({ n: Number(m[1]), title: (m[2] as string).trim() }));
  const covered = new Set(agenda.map((i) => i.originalNumber ?? i.number));
  const listingSpan = outline.listing[0] ? toSpan({ start: (outline.listing[0] as TextPart).range.start, end: (outline.listing[outline.listing.length - 1] as TextPart).range.end }) : null;
  const seen = new Set<number>();
  const out: AgendaItem[] = [];
  let expect = 1;
  for (const e of entries) {
    if (e.n !== expect || seen.has(e.n)) continue;
    seen.add(e.n);
    expect++;
    if (covered.has(e.n)) continue;
    out.push({ number: null, originalNumber: e.n, status: 'not-discussed', title: e.title, span: listingSpan, turns: [], decisions: [] });
  }
  return out;
}

/**
 * A member whose row states no role gets the one the text gives them: an
 * arrival or departure naming their role, or `Sindaco di X` / `Sindaco del
 * Comune di X` for the member of Comune di X. Only when exactly one role is stated.
 */
function fillRoles(attendance: Attendance[], events: readonly MeetingEvent[], text: string, lex: SegmentLexicon): void {
  const stated = new Map<Attendance, Set<string>>();
  const add = (a: Attendance | undefined, role: string) => {
    if (!a || a.role) return;
    stated.set(a, (stated.get(a) ?? new Set()).add(role.charAt(0).toUpperCase() + role.slice(1).toLowerCase()));
  };
  for (const e of events) if (e.role && e.person) add(attendance.find((a) => a.person === e.person), e.role);
  const re = new RegExp(`(?<![\\p{L}])(${alternation(lex.roles)})\\s+(?:del\\s+Comune\\s+)?di\\s+(\\p{Lu}[\\p{L}'’]*(?:\\s+(?:al|di|del|della|sul|in|\\p{Lu}[\\p{L}'’]*))*)`, 'gu');
  for (const m of text.matchAll(re)) {
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
    const mine = events.filter((e) => e.person !== null && e.person === a.person);
    a.arrivedAt = a.arrivedAt ?? mine.find((e) => e.type === 'arrival')?.time ?? null;
    a.leftAt = [...mine].reverse().find((e) => e.type === 'departure')?.time ?? null;
  }
}

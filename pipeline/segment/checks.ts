import type { AgendaItem, Attendance, Decision, Meeting, MeetingEvent, OpeningCount, StaffEntry, Warning } from '../../schemas/index.js';
import type { WarningCode } from '../../schemas/warnings.js';
import type { DocumentKind } from './kind.js';
import type { PeopleIndex } from './people.js';
import type { MarkdownOutline } from './read-markdown.js';

export interface CheckContext {
  kind: DocumentKind;
  attendance: readonly Attendance[];
  staff: readonly StaffEntry[];
  agenda: readonly AgendaItem[];
  events: readonly (MeetingEvent & { at: number })[];
  /** Each decision, where it starts, its item, and whether it prints a vote table whose counts could not be read. */
  decisionsAt: readonly { decision: Decision; at: number; item: number | null; unreadTable: boolean }[];
  meeting: Meeting;
  openingCount: OpeningCount | null;
  president: string | null;
  people: PeopleIndex;
  outline: MarkdownOutline;
  /** Where the speeches before the first item run, when there are any. */
  beforeItemsSpan: Warning['span'];
}

/**
 * Speeches before the first item that are more than an opening: the president opening the sitting and the
 * secretary calling the roll are at most 3 speeches by 2 speakers in every verbale of the corpus and our own;
 * a sitting that opens with question time has dozens (one of the real corpus: 62 by 23 speakers).
 */
const OPENING_TURNS = 5;
const OPENING_SPEAKERS = 3;

const SOURCE = 'verbali:segment';

/**
 * The cross-checks a careful reader makes, as warnings with a code, a place
 * and the figures that disagree: the opening count against the members
 * listed, each vote's counts against its voters (or those present) and its
 * outcome, speakers nobody lists, text nobody speaks in a transcript, numbers
 * out of sequence, and sections not found.
 */
export function checkStructure(ctx: CheckContext): Warning[] {
  const warnings: Warning[] = [];
  const warn = (code: WarningCode, message: string, span: Warning['span'] = null, reader = '') =>
    warnings.push({ code, message, span, page: span?.page ?? null, source: reader ? `${SOURCE}/${reader}` : SOURCE });
  if (ctx.kind === 'other') return warnings;
  if (ctx.attendance.length === 0) warn('attendance-not-found', 'no attendance list, table or roll call was found: present and absent members are unknown', null, 'attendance');
  if (ctx.agenda.length === 0) warn('agenda-not-found', 'no agenda item was found', null, 'agenda');
  if (ctx.meeting.date === null) warn('date-not-found', 'the date of the sitting was not found', null, 'header');
  if (ctx.president === null) warn('chair-unresolved', 'who chaired the sitting was not found', null, 'officers');

  const members = ctx.attendance.length;
  // A list read without its head or its marks looks complete and says nothing: say so, at the first such member.
  const unknown = ctx.attendance.filter((a) => a.present === null);
  if (unknown.length > 0) {
    const names = unknown.slice(0, 3).map((a) => a.person ?? a.label ?? '?');
    const more = unknown.length > 3 ? ` and ${unknown.length - 3} more` : '';
    warn('attendance-presence-unknown', `${unknown.length} of ${members} members listed with no presence read (${names.join(', ')}${more})`, unknown[0]?.span ?? null, 'attendance');
  }
  const present = ctx.attendance.filter((a) => a.present === true).length;
  const oc = ctx.openingCount;
  if (oc && members > 0 && oc.present !== null && oc.present !== present) {
    warn('attendance-count-mismatch', `the opening states ${oc.present} present, the attendance lists ${present} present of ${members}`, oc.span, 'attendance');
  } else if (oc && members > 0 && oc.absent !== null && oc.absent !== members - present) {
    warn('attendance-count-mismatch', `the opening states ${oc.absent} absent, the attendance lists ${members - present} absent of ${members}`, oc.span, 'attendance');
  }

  for (const { decision, at, item, unreadTable } of ctx.decisionsAt) {
    const v = decision.votes;
    const where = `item ${item ?? '-'}`;
    if (unreadTable) warn('vote-counts-unread', `${where}: the vote is printed as a table with no total row that could be read; its counts are left empty, check them in the table`, decision.span, 'votes');
    if (v && v.favorevoli !== null) {
      const total = v.favorevoli + (v.contrari ?? 0) + (v.astenuti ?? 0);
      const printed = v.votanti ?? null;
      if (printed !== null && total !== printed && v.favorevoli + (v.contrari ?? 0) !== printed) {
        warn('vote-total-mismatch', `${where}: ${total} votes counted (${v.favorevoli}+${v.contrari ?? 0}+${v.astenuti ?? 0}) but ${printed} voters printed`, decision.span, 'votes');
      } else if (printed === null && v.presenti != null && total > v.presenti) {
        warn('vote-total-mismatch', `${where}: ${total} votes counted but ${v.presenti} present printed`, decision.span, 'votes');
      } else if (printed === null && v.presenti == null && members > 0 && !v.unanimous && v.contrari !== null && v.astenuti !== null) {
        const there = presentAt(ctx.attendance, ctx.events, at);
        if (total > there) warn('vote-total-mismatch', `${where}: ${total} votes counted (${v.favorevoli}+${v.contrari}+${v.astenuti}) but ${there} members present at that moment`, decision.span, 'votes');
      }
      if (v.contrari !== null && decision.outcome === 'approved' && v.favorevoli < v.contrari) {
        warn('vote-outcome-mismatch', `${where}: approved with ${v.favorevoli} in favour and ${v.contrari} against`, decision.span, 'votes');
      } else if (v.contrari !== null && decision.outcome === 'rejected' && v.favorevoli > v.contrari + (v.astenuti ?? 0)) {
        warn('vote-outcome-mismatch', `${where}: rejected with ${v.favorevoli} in favour and ${v.contrari} against`, decision.span, 'votes');
      }
    }
  }

  const labelled = ctx.agenda.some((i) => i.turns.some((t) => t.mode === 'label'));
  // One warning per unknown speaker, at their first turn: a person checks who they are once.
  const warnedUnknown = new Set<string>();
  for (const item of ctx.agenda) {
    for (const t of item.turns) {
      if (t.speaker.name && t.resolved === false && (ctx.attendance.length > 0 || ctx.staff.length > 0) && !warnedUnknown.has(t.speaker.name)) {
        warnedUnknown.add(t.speaker.name);
        warn('speaker-unknown', `${t.speaker.name} speaks but is neither in the attendance nor a listed guest or officer`, t.span, 'turns');
      }
      const member = ctx.attendance.find((a) => a.person !== null && a.person === t.speaker.name);
      if (member && !isPresentAt(member, ctx.events, t.span?.start ?? 0)) {
        warn('speaker-not-present', `${t.speaker.name} speaks but is not present at that point`, t.span, 'turns');
      }
    }
  }
  if (labelled) {
    for (const item of ctx.outline.items) {
      const covered = (r: { start: number; end: number }) =>
        item.turns.some((t) => t.range.start <= r.start && t.range.end >= r.end) || item.decisions.some((d) => d.range.start <= r.start && d.range.end >= r.end);
      const loose = item.paragraphs.find((p) => p.text.length > 200 && !covered(p.range));
      if (loose) warn('text-unattributed', `item ${item.number ?? '-'}: a passage of ${loose.text.length} characters has no speaker`, null, 'turns');
    }
  }
  const before = ctx.outline.beforeItems;
  const speakers = new Set(before.map((t) => t.label.toLowerCase()));
  if (ctx.agenda.length > 0 && before.length >= OPENING_TURNS && speakers.size >= OPENING_SPEAKERS) {
    const chars = before.reduce((n, t) => n + t.range.end - t.range.start, 0);
    warn(
      'turns-outside-agenda',
      `${before.length} speeches by ${speakers.size} speakers (${chars} characters) come before the first agenda item and are in no item (turnsBeforeAgenda): question time or communications, or an item the reader missed; check the agenda`,
      ctx.beforeItemsSpan,
      'agenda',
    );
  }
  let previous: number | null = null;
  for (const item of ctx.agenda) {
    if (item.number === null || item.status === 'not-discussed') continue;
    if (previous !== null && item.number !== previous + 1 && item.number !== previous) {
      warn('agenda-number-skipped', `agenda item ${item.number} follows item ${previous}`, item.span, 'agenda');
    }
    previous = item.number;
  }
  for (const item of ctx.agenda) {
    if (item.status === 'not-discussed') warn('agenda-item-not-discussed', `item ${item.originalNumber} of the agenda as listed ("${item.title.slice(0, 60)}") is never taken up`, item.span, 'agenda');
  }
  return warnings;
}

const memberOf = (e: MeetingEvent, a: Attendance) => (e.person !== null && a.person === e.person) || (e.person === null && e.entity !== null && a.entity === e.entity);

/** Was a member there at a point of the text: their last arrival or departure before it, else their mark (one who arrives later was not yet there). */
function isPresentAt(a: Attendance, events: readonly (MeetingEvent & { at: number })[], at: number): boolean {
  const mine = events.filter((e) => memberOf(e, a));
  const last = mine.filter((e) => e.at < at).pop();
  if (last) return last.type === 'arrival';
  if (mine.some((e) => e.type === 'arrival') && a.present !== true) return false;
  return a.present !== false || a.arrivedAt !== null;
}

function presentAt(attendance: readonly Attendance[], events: readonly (MeetingEvent & { at: number })[], at: number): number {
  return attendance.filter((a) => isPresentAt(a, events, at)).length;
}

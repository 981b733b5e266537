import type { AttendanceRegion, MemberRow } from './attendance.js';

/*
 * Members named again after the attendance lists them: by a sentence of their
 * own (`Il Vice Sindaco X è presente in videoconferenza`), or in a list that
 * only names them (`Sono designati scrutatori i Consiglieri: …`).
 */

/** A member's name as a key: its words in any order and case. */
const nameKey = (name: string | null) => (name ?? '').toLowerCase().split(/\s+/).sort().join(' ');

/** The row of an earlier region for this member (by the words of the name). */
function earlierRow(regions: readonly Pick<AttendanceRegion, 'members'>[], member: MemberRow): MemberRow | undefined {
  const mine = nameKey(member.person);
  if (mine === '') return undefined;
  for (const r of regions) for (const m of r.members) if (nameKey(m.person) === mine) return m;
  return undefined;
}

/** Is this member (by the words of the name, in any order and case) in an earlier region? */
export function listedBefore(regions: readonly AttendanceRegion[], member: MemberRow): boolean {
  return earlierRow(regions, member) !== undefined;
}

/** The member's earlier row, when there is one, updated with what a later sentence says of their presence; whether there was. */
function restated(regions: readonly Pick<AttendanceRegion, 'members'>[], member: MemberRow): boolean {
  const row = earlierRow(regions, member);
  if (!row) return false;
  row.present = member.present;
  row.remote ||= member.remote;
  if (member.present === false) row.absence = member.absence ?? row.absence;
  else row.absence = null;
  return true;
}

/**
 * A region's members less those it restates. A member the table listed, said again by a sentence of one or two
 * people to be there in some way: what it adds goes to the table's row, not to a second row for the same person
 * (a later roll call, naming many, is no such sentence: it says who was there then, not at the opening). The same
 * name twice in one region is such a sentence too (no table lists one person twice).
 */
export function withoutRestated(regions: readonly AttendanceRegion[], members: readonly MemberRow[]): MemberRow[] {
  const few = members.length <= 2;
  return members.filter((m, k) => m.present === null || !restated(few ? [...regions, { members: members.slice(0, k) }] : [{ members: members.slice(0, k) }], m));
}

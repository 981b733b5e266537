import type { AttendanceRegion, MemberRow } from './attendance.js';

/*
 * Members named again after the attendance lists them: by a sentence of their
 * own (`Il Vice Sindaco X è presente in videoconferenza`), or in a list that
 * only names them (`Sono designati scrutatori i Consiglieri: …`).
 */

/** A member's name as a key: its words in any order and case. */
const nameKey = (name: string | null) => (name ?? '').toLowerCase().split(/\s+/).sort().join(' ');

/** The row of an earlier region for this member (by the words of the name). */
function earlierRow(regions: readonly AttendanceRegion[], member: MemberRow): MemberRow | undefined {
  const mine = nameKey(member.person);
  if (mine === '') return undefined;
  for (const r of regions) for (const m of r.members) if (nameKey(m.person) === mine) return m;
  return undefined;
}

/** Is this member (by the words of the name, in any order and case) in an earlier region? */
export function listedBefore(regions: readonly AttendanceRegion[], member: MemberRow): boolean {
  return earlierRow(regions, member) !== undefined;
}

/** `row` updated with what a later sentence says of the member's presence. */
function restate(row: MemberRow, member: MemberRow): void {
  row.present = member.present;
  row.remote ||= member.remote;
  row.absence = member.present === false ? (member.absence ?? row.absence) : null;
}

/**
 * A region's members less those it restates. A member the table listed, said again by a sentence of one or two
 * people to be there in some way: what it adds goes to the table's row, not to a second row for the same person
 * (a later roll call, naming many, is no such sentence: it says who was there then, not at the opening). The same
 * name twice in one region is such a sentence too (no table lists one person twice).
 */
export function withoutRestated(regions: readonly AttendanceRegion[], members: readonly MemberRow[]): MemberRow[] {
  const few = members.length <= 2;
  const kept = new Map<string, MemberRow>();
  return members.filter((m) => {
    const key = nameKey(m.person);
    const row = m.present === null ? undefined : ((key && kept.get(key)) || (few ? earlierRow(regions, m) : undefined));
    if (row) restate(row, m);
    else if (key && !kept.has(key)) kept.set(key, m);
    return !row;
  });
}

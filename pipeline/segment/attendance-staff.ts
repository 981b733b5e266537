import type { LineInfo } from './classify.js';
import { alternation, lexRegExp, type SegmentLexicon } from './lexicon.js';
import { personName } from './natural-case.js';

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

/** `Responsabile Ufficio di Piano: Dott.ssa Carolina Angelini` — an office and its holder on one line. */
export function isStaffLine(text: string, lex: SegmentLexicon): boolean {
  const m = /^([^:\n]{3,80}):\s*(.+)$/.exec(text.trim());
  if (!m) return false;
  return lexRegExp(lex, HONORIFIC_VALUE).test(m[2] as string);
}

const HONORIFIC_VALUE = (lex: SegmentLexicon) =>
  new RegExp(`^(?:(?:${alternation(lex.roles)})[^:]{0,40}:\\s*)?(?:${alternation(lex.honorifics.filter((h) => h.includes('.')))})\\s*\\p{Lu}`, 'u');

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
/** An honorific opening a name (`Dott.ssa`, `Sig.`). */
export const LEADING_HONORIFIC = (lex: SegmentLexicon) => new RegExp(`^(?:${alternation(lex.honorifics)})\\s*`, 'iu');

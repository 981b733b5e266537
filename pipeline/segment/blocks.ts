import { type AttendanceContext, isEntityRow, isPersonRow, isPresenceList, isStaffLine, type MemberRow, parseAttendance, type StaffRow } from './attendance.js';
import { isEventText } from './events.js';
import { isClosingText } from './header.js';
import type { SegmentLexicon } from './lexicon.js';
import { isBlank, type Line, splitLines } from './lines.js';
import { isSignatureRoleLine, isSignerLine } from './signatures.js';
import { matchTurnLabel } from './speakers.js';
import { isDecisionText } from './votes.js';

/** A run of the clean text and what it is; the Markdown writer renders each kind its own way. */
export type Block =
  | { kind: 'paragraph'; lines: Line[] }
  | { kind: 'attendance'; lines: Line[]; members: MemberRow[]; staff: StaffRow[] }
  | { kind: 'item'; lines: Line[] }
  | { kind: 'turn'; lines: Line[]; labelEnd: number }
  | { kind: 'decision'; paragraphs: Line[][] }
  | { kind: 'signatures'; lines: Line[] }
  | { kind: 'attachment'; lines: Line[] };

const ITEM_RES = [
  /^\s*(\d{1,2})\s*[)\]]\s+\S/u,
  /^\s*(?:[Pp]unto|PUNTO)\s+(?:[Nn]\.?\s*)?(\d{1,2})\b/u,
  /^\s*OGGETTO\s*(?:N\.?\s*)?(\d{1,3})?\s*[:.\-–]/u,
  /^\s*(\d{1,2})\.\s+\p{Lu}/u,
];

/** The agenda item number a line opens, NaN for an unnumbered `OGGETTO:`, or null. */
export function itemNumber(text: string): number | null {
  for (const re of ITEM_RES) {
    const m = re.exec(text);
    if (m) return m[1] ? Number(m[1]) : Number.NaN;
  }
  return null;
}

function isAttendanceLine(text: string, lex: SegmentLexicon): boolean {
  return isEntityRow(text) || isPersonRow(text) || isPresenceList(text) || isStaffLine(text, lex);
}

/**
 * Cut clean text into blocks: header paragraphs, the attendance, agenda items
 * with their turns and decisions, the signatures and what follows them
 * (attachments). Everything is decided line by line from the genre's cues, so
 * a block is never invented: each covers lines of the text.
 */
export function planBlocks(clean: string, ctx: AttendanceContext): Block[] {
  const lex = ctx.lexicon;
  const lines = splitLines(clean);
  // Signatures first: they follow the closing, and what follows them (slides) is never agenda.
  const closing = lines.findIndex((l) => isClosingText(l.text));
  const sigFrom = closing === -1 ? Math.floor(lines.length / 2) : closing + 1;
  let sigStart = lines.findIndex((l, i) => i >= sigFrom && isSignatureRoleLine(l.text, lex));
  if (sigStart === -1) sigStart = lines.length;
  let sigEnd = sigStart;
  if (sigStart < lines.length) {
    sigEnd = sigStart + 1;
    while (sigEnd < lines.length && sigEnd - sigStart < 10) {
      const line = lines[sigEnd] as Line;
      if (line.pageBreak) break;
      if (isBlank(line) && isSignerLine((lines[sigEnd - 1] as Line).text)) break;
      sigEnd++;
    }
  }
  const items = lines
    .slice(0, sigStart)
    .filter((l) => itemNumber(l.text) !== null && !isAttendanceLine(l.text, lex))
    .map((l) => l.index);
  // An agenda announced up front (`1) …  2) …`) and then discussed: the discussion starts at the last restart at 1.
  let firstItem = items[0] ?? sigStart;
  for (const i of items) if (itemNumber((lines[i] as Line).text) === 1 && i > firstItem) firstItem = i;
  const itemSet = new Set(items.filter((i) => i >= firstItem));

  const blocks: Block[] = [];
  // Header and attendance: before the first item.
  const head = lines.slice(0, Math.min(firstItem, sigStart));
  const attIdx = head.filter((l) => isAttendanceLine(l.text, lex)).map((l) => l.index);
  if (attIdx.length > 0) {
    const a = attIdx[0] as number;
    const b = attIdx[attIdx.length - 1] as number;
    const end = b + 1 < head.length && !isBlank(lines[b + 1]) && !isAttendanceLine((lines[b + 1] as Line).text, lex) && (lines[b + 1] as Line).text.length < 80 ? b + 2 : b + 1;
    blocks.push(...paragraphs(lines.slice(0, a)));
    const attLines = lines.slice(a, end);
    blocks.push({ kind: 'attendance', lines: attLines, ...parseAttendance(attLines, ctx) });
    blocks.push(...paragraphs(lines.slice(end, head.length)));
  } else {
    blocks.push(...paragraphs(head));
  }
  blocks.push(...agendaBlocks(lines.slice(firstItem, sigStart), itemSet, lex));
  if (sigStart < lines.length) blocks.push({ kind: 'signatures', lines: lines.slice(sigStart, sigEnd).filter((l) => !isBlank(l)) });
  blocks.push(...attachments(lines.slice(sigEnd)));
  return blocks;
}

function paragraphs(lines: readonly Line[]): Block[] {
  const out: Block[] = [];
  let current: Line[] = [];
  for (const line of lines) {
    if (isBlank(line) || line.pageBreak) {
      if (current.length) out.push({ kind: 'paragraph', lines: current });
      current = [];
    }
    if (!isBlank(line)) current.push(line);
  }
  if (current.length) out.push({ kind: 'paragraph', lines: current });
  return out;
}

function agendaBlocks(lines: readonly Line[], items: ReadonlySet<number>, lex: SegmentLexicon): Block[] {
  const out: Block[] = [];
  let current: Block | null = null;
  let decision: Line[][] | null = null;
  const close = () => {
    if (current) out.push(current);
    current = null;
  };
  const closeDecision = () => {
    if (decision) out.push({ kind: 'decision', paragraphs: decision.filter((p) => p.length) });
    decision = null;
  };
  for (const line of lines) {
    const text = line.text;
    if (isBlank(line)) {
      if (current && (current as Block).kind === 'item') close();
      else if (current) close();
      if (decision) decision.push([]);
      continue;
    }
    const label = matchTurnLabel(text, lex);
    const startsNew = items.has(line.index) || label !== null || isEventText(text, lex) || /^\s*DECISIONE\s*:/u.test(text) || isClosingText(text);
    if (decision && !startsNew) {
      const last = decision[decision.length - 1];
      if (last) last.push(line);
      else decision.push([line]);
      continue;
    }
    if (decision && startsNew && !/^\s*DECISIONE\s*:/u.test(text)) closeDecision();
    if (current && !startsNew && !line.pageBreak) {
      (current as { lines: Line[] }).lines.push(line);
      continue;
    }
    close();
    if (items.has(line.index)) current = { kind: 'item', lines: [line] };
    else if (/^\s*DECISIONE\s*:/u.test(text)) {
      closeDecision();
      decision = [[line]];
    } else if (label && !isClosingText(text)) current = { kind: 'turn', lines: [line], labelEnd: line.start + label.end };
    else current = { kind: 'paragraph', lines: [line] };
  }
  close();
  closeDecision();
  // Vote paragraphs outside a DECISIONE block are decisions too; adjacent ones form one block.
  const merged: Block[] = [];
  for (const b of out) {
    const isVote = b.kind === 'paragraph' && isDecisionText(b.lines.map((l) => l.text).join(' ')) && !isEventText(b.lines[0]?.text ?? '', lex);
    const block: Block = isVote ? { kind: 'decision', paragraphs: [b.lines] } : b;
    const prev = merged[merged.length - 1];
    if (block.kind === 'decision' && prev?.kind === 'decision') prev.paragraphs.push(...block.paragraphs);
    else merged.push(block);
  }
  return merged;
}

/** What follows the signatures: slides, tables. One attachment per page, or per run of blank lines (3+). */
function attachments(lines: readonly Line[]): Block[] {
  const out: Block[] = [];
  let current: Line[] = [];
  let blankRun = 0;
  for (const line of lines) {
    if ((line.pageBreak || blankRun >= 3) && current.length) {
      out.push({ kind: 'attachment', lines: current });
      current = [];
    }
    if (isBlank(line)) blankRun++;
    else {
      blankRun = 0;
      current.push(line);
    }
  }
  if (current.length) out.push({ kind: 'attachment', lines: current });
  return out;
}

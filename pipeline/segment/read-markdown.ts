import type { Blockquote, Root, RootContent, Table } from 'mdast';
import { toString as mdToString } from 'mdast-util-to-string';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Span } from '../../schemas/index.js';
import { pageLookup } from '../pages.js';
import { itemNumber } from './blocks.js';
import { isEventText } from './events.js';
import { isClosingText } from './header.js';
import type { SegmentLexicon } from './lexicon.js';
import type { OffsetMap } from './offset-map.js';
import { remarkTable } from './remark-table.js';
import { isDecisionText, parseVotes } from './votes.js';
import { ATTENDANCE_HEADER, MARK } from './write-markdown.js';

/** A stretch of `text.clean`. */
export interface Range {
  start: number;
  end: number;
}

/** What the Markdown's syntax says, before names are resolved and votes counted. */
export interface MarkdownOutline {
  header: Range[];
  members: { cells: Record<string, string>; range: Range }[];
  staff: { cells: Record<string, string>; range: Range }[];
  items: {
    title: string;
    number: number | null;
    range: Range;
    turns: { label: string; range: Range; textStart: number }[];
    decisions: { range: Range }[];
    events: Range[];
  }[];
  closing: Range[];
  signatures: Range | null;
  attachments: Range[];
}

const parser = unified().use(remarkParse).use(remarkTable);

/**
 * Read the structure from the Markdown syntax tree: `##` headings are agenda
 * items, a paragraph opening in bold is a speaker's turn (later paragraphs
 * without a label continue it), block quotes are decisions, the table after
 * the attendance marker lists who attended. Positions are mapped back to
 * clean-text offsets with `map`.
 */
export function readMarkdown(markdown: string, map: OffsetMap, lex: SegmentLexicon): MarkdownOutline {
  const tree = parser.parse(markdown) as Root;
  const out: MarkdownOutline = { header: [], members: [], staff: [], items: [], closing: [], signatures: null, attachments: [] };
  let section: 'header' | 'agenda' | 'signatures' | 'attachment' = 'header';
  let turn: MarkdownOutline['items'][number]['turns'][number] | null = null;
  const range = (node: RootContent): Range => ({
    start: map(node.position?.start.offset ?? 0, 'start'),
    end: map(node.position?.end.offset ?? 0, 'end'),
  });
  const extend = (r: Range | null, node: RootContent): Range => {
    const n = range(node);
    return r ? { start: r.start, end: Math.max(r.end, n.end) } : n;
  };

  for (const node of tree.children) {
    if (node.type === 'html') {
      const v = node.value.trim();
      if (v === MARK.signatures) section = 'signatures';
      else if (v === MARK.attachment) {
        section = 'attachment';
        out.attachments.push({ start: Number.NaN, end: Number.NaN });
      }
      continue;
    }
    if (section === 'signatures') {
      out.signatures = extend(out.signatures, node);
      continue;
    }
    if (section === 'attachment') {
      const last = out.attachments[out.attachments.length - 1] as Range;
      const r = range(node);
      if (Number.isNaN(last.start)) Object.assign(last, r);
      else last.end = r.end;
      continue;
    }
    if (node.type === 'table' && isAttendanceTable(node)) {
      readTable(node, range, out);
      continue;
    }
    if (node.type === 'heading' && node.depth === 2) {
      section = 'agenda';
      turn = null;
      const text = mdToString(node).replace(/\s+/g, ' ').trim();
      const n = itemNumber(text);
      out.items.push({
        title: stripNumber(text),
        number: n === null || Number.isNaN(n) ? null : n,
        range: range(node),
        turns: [],
        decisions: [],
        events: [],
      });
      continue;
    }
    const item = out.items[out.items.length - 1];
    if (section === 'header' || !item) {
      const text = mdToString(node);
      if (isClosingText(text)) out.closing.push(range(node));
      else out.header.push(range(node));
      continue;
    }
    item.range.end = range(node).end;
    if (node.type === 'blockquote') {
      readDecisions(node, range, item);
      turn = null;
      continue;
    }
    const text = mdToString(node);
    if (node.type === 'paragraph' && node.children[0]?.type === 'strong') {
      const label = mdToString(node.children[0]).replace(/\s*:\s*$/, '').trim();
      const r = range(node);
      turn = { label, range: r, textStart: map(node.children[0].position?.end.offset ?? 0, 'end') };
      item.turns.push(turn);
    } else if (isEventText(text, lex)) {
      item.events.push(range(node));
    } else if (isClosingText(text)) {
      out.closing.push(range(node));
      turn = null;
    } else if (node.type === 'paragraph' && isDecisionText(text)) {
      item.decisions.push({ range: range(node) });
      turn = null;
    } else if (turn) {
      turn.range.end = range(node).end;
    }
  }
  out.attachments = out.attachments.filter((a) => !Number.isNaN(a.start));
  return out;
}

function isAttendanceTable(node: Table): boolean {
  const head = node.children[0]?.children.map((c) => mdToString(c).trim().toLowerCase()) ?? [];
  return ATTENDANCE_HEADER.every((h) => head.includes(h));
}

function readTable(node: Table, range: (n: RootContent) => Range, out: MarkdownOutline): void {
  const [head, ...rows] = node.children;
  const names = head?.children.map((c) => mdToString(c).trim().toLowerCase()) ?? [];
  for (const row of rows) {
    const cells: Record<string, string> = {};
    row.children.forEach((c, i) => {
      cells[names[i] ?? String(i)] = mdToString(c).trim();
    });
    const entry = { cells, range: range(row as unknown as RootContent) };
    if (/^(staff|ospite|guest)$/i.test(cells.tipo ?? '')) out.staff.push(entry);
    else out.members.push(entry);
  }
}

/**
 * A quote holds one or more decisions: a paragraph that states a vote opens
 * one; the rest (`IL CONSIGLIO COMUNALE DELIBERA`, `di approvare …`) continue it.
 */
function readDecisions(node: Blockquote, range: (n: RootContent) => Range, item: MarkdownOutline['items'][number]): void {
  let first = true;
  for (const child of node.children) {
    const last = item.decisions[item.decisions.length - 1];
    if (first || !last || parseVotes(mdToString(child), null) !== null) item.decisions.push({ range: range(child) });
    else last.range.end = range(child).end;
    first = false;
  }
}

/** `1) Approvazione …` → `Approvazione …`; `OGGETTO N. 1: …`, `Punto n. 2 all'ordine del giorno: …` likewise. */
function stripNumber(title: string): string {
  return title
    .replace(/^\s*(?:\d{1,2}\s*[)\].]|(?:[Pp]unto|PUNTO)\s+(?:[Nn]\.?\s*)?\d{1,2}[^:]*:|OGGETTO\s*(?:N\.?\s*)?\d{0,3}\s*[:.\-–])\s*/u, '')
    .trim();
}

/**
 * Turns clean-text ranges into record spans, narrowed to start and end on
 * text, not white space. The page breaks are found once per text.
 */
export function spanMaker(clean: string): (r: Range) => Span {
  const pageAt = pageLookup(clean);
  return (r) => {
    let { start, end } = r;
    while (start < end && /\s/.test(clean[start] as string)) start++;
    while (end > start && /\s/.test(clean[end - 1] as string)) end--;
    return { page: pageAt(start), start, end: Math.max(start, end) };
  };
}

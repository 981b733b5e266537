import type { Blockquote, Paragraph, PhrasingContent, Root, RootContent, Strong, Table } from 'mdast';
import { toString as mdToString } from 'mdast-util-to-string';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Span } from '../../schemas/index.js';
import { pageLookup } from '../pages.js';
import { readItemHead } from './agenda.js';
import { opensQuestion } from './classify.js';
import { isClosingText } from './header.js';
import type { DocumentKind } from './kind.js';
import type { SegmentLexicon } from './lexicon.js';
import type { Range } from './lines.js';
import type { OffsetMap } from './offset-map.js';
import { remarkTable } from './remark-table.js';
import { isVoteLine, parseVotes } from './votes.js';
import { ATTENDANCE_REQUIRED, MARK } from './write-markdown.js';

export type { Range };

/** A block of the text: where it is in `text.clean`, and its plain text (Markdown syntax resolved). */
export interface TextPart {
  range: Range;
  text: string;
}

export interface OutlineTurn {
  label: string;
  range: Range;
  /** Where the speech starts, past the label. */
  textStart: number;
  /** A label or heading the text opens with, or a speaker the narrative reports. */
  mode: 'label' | 'reported';
  /** The label stands alone on its line over the speech (a transcript's heading). */
  heading?: boolean;
}

export interface OutlineItem {
  title: string;
  number: number | null;
  original: number | null;
  range: Range;
  turns: OutlineTurn[];
  decisions: TextPart[];
  paragraphs: TextPart[];
}

/** What the Markdown's syntax says, before names are resolved and votes counted. */
export interface MarkdownOutline {
  kind: DocumentKind | null;
  /** The front matter: the text before the first item (and, in a deliberation, the first item's text before its decisions). */
  front: TextPart[];
  listing: TextPart[];
  /** Letterhead, running headers and footers. */
  furniture: TextPart[];
  members: { cells: Record<string, string>; range: Range }[];
  staff: { cells: Record<string, string>; range: Range }[];
  items: OutlineItem[];
  closing: TextPart[];
  signatures: TextPart | null;
  attachments: TextPart[];
  /** Speeches before the first item of a sitting that has items (question time, communications): in no item. */
  beforeItems: OutlineTurn[];
}

const parser = unified().use(remarkParse).use(remarkTable);

/** A node's plain text: Markdown syntax resolved, a hard line break kept as a line break (mdast-util-to-string drops it). */
export function plainText(node: { type: string; value?: string; children?: unknown[] }): string {
  if (node.type === 'break') return '\n';
  if (typeof node.value === 'string' && node.type !== 'html') return node.value;
  if (!node.children) return '';
  const sep = node.type === 'blockquote' || node.type === 'list' || node.type === 'listItem' || node.type === 'root' ? '\n\n' : '';
  return (node.children as { type: string; value?: string; children?: unknown[] }[]).map(plainText).join(sep);
}

/**
 * Read the structure from the Markdown syntax tree: `##` headings are agenda
 * items; a paragraph opening in bold is a speaker's turn (later paragraphs
 * without one continue it), bold inside a paragraph marks a speaker the
 * narrative reports; block quotes are decisions; the table after the
 * attendance marker lists who attended; markers give the kind, the agenda as
 * listed, furniture, signatures and attachments. Positions are mapped back to
 * clean-text offsets with `map`. Proceedings with no agenda item to hold
 * them (a sitting that treats none) become one item without a number.
 */
export function readMarkdown(markdown: string, map: OffsetMap, lex: SegmentLexicon): MarkdownOutline {
  const tree = parser.parse(markdown) as Root;
  const out: MarkdownOutline = { kind: null, front: [], listing: [], furniture: [], members: [], staff: [], items: [], closing: [], signatures: null, attachments: [], beforeItems: [] };
  type Section = 'front' | 'agenda' | 'listing' | 'furniture' | 'signatures' | 'attachment';
  let section: Section = 'front';
  let turn: OutlineTurn | null = null;
  let lastLabel: string | null = null;
  const preliminary: OutlineItem = { title: '', number: null, original: null, range: { start: 0, end: 0 }, turns: [], decisions: [], paragraphs: [] };
  const range = (node: { position?: { start: { offset?: number }; end: { offset?: number } } }): Range => ({
    start: map(node.position?.start.offset ?? 0, 'start'),
    end: map(node.position?.end.offset ?? 0, 'end'),
  });
  const part = (node: RootContent): TextPart => ({ range: range(node), text: plainText(node) });

  for (const node of tree.children) {
    if (node.type === 'html') {
      const v = node.value.trim();
      const kind = /^<!-- verbali:kind (verbale|deliberazione|other) -->$/.exec(v);
      if (kind) out.kind = kind[1] as DocumentKind;
      else if (v === MARK.signatures) section = 'signatures';
      else if (v === MARK.attachment) {
        section = 'attachment';
        out.attachments.push({ range: { start: Number.NaN, end: Number.NaN }, text: '' });
      } else if (v === MARK.agenda) section = 'listing';
      else if (v === MARK.agendaEnd) section = out.items.length ? 'agenda' : 'front';
      else if (v === MARK.furniture && section !== 'signatures' && section !== 'attachment') section = 'furniture';
      continue;
    }
    if (section === 'furniture') {
      out.furniture.push(part(node));
      section = out.items.length ? 'agenda' : 'front';
      continue;
    }
    if (section === 'listing') {
      out.listing.push(part(node));
      continue;
    }
    if (section === 'signatures') {
      const p = part(node);
      out.signatures = out.signatures ? { range: { start: out.signatures.range.start, end: p.range.end }, text: `${out.signatures.text}\n${p.text}` } : p;
      continue;
    }
    if (section === 'attachment') {
      const last = out.attachments[out.attachments.length - 1] as TextPart;
      const p = part(node);
      if (Number.isNaN(last.range.start)) Object.assign(last, p);
      else {
        last.range.end = p.range.end;
        last.text = `${last.text}\n${p.text}`;
      }
      continue;
    }
    if (node.type === 'table' && isAttendanceTable(node)) {
      readTable(node, range, out);
      // A roll call is no part of the speech before it: what follows it is a speech of its own or the front.
      turn = null;
      continue;
    }
    if (node.type === 'heading' && node.depth === 2) {
      section = 'agenda';
      turn = null;
      lastLabel = null;
      const text = mdToString(node).replace(/\s+/g, ' ').trim();
      const head = readItemHead(text, lex);
      out.items.push({
        title: head ? text.slice(head.titleAt).trim() : text,
        number: head?.number ?? null,
        original: head?.original ?? null,
        range: range(node),
        turns: [],
        decisions: [],
        paragraphs: [],
      });
      continue;
    }
    const item = section === 'agenda' ? (out.items[out.items.length - 1] as OutlineItem) : preliminary;
    const p = part(node);
    // Before the agenda a speech goes on over a page break as it does in an item: only text before the first speech is
    // the front's, and a title standing alone (`Comunicazioni`), which no speech is made of and which ends the one before.
    if (section === 'front' && node.type !== 'blockquote' && !startsWithStrong(node) && !hasStrong(node) && (!turn || isTitle(p.text))) {
      turn = null;
      if (isClosingText(p.text, lex)) out.closing.push(p);
      else out.front.push(p);
      continue;
    }
    if (section === 'agenda') item.range.end = p.range.end;
    if (node.type === 'blockquote') {
      readDecisions(node, range, item, lex);
      addMentions(node, range, item);
      // A speech under a heading (`**Presidente Bellini**` / its text) goes on after the vote as a new turn of the same speaker.
      if (!(turn?.heading)) lastLabel = null;
      turn = null;
      continue;
    }
    if (node.type === 'paragraph' && startsWithStrong(node)) {
      const strong = (node as Paragraph).children[0] as Strong;
      const label = mdToString(strong).replace(/\s*[:.]\s*$/, '').trim();
      turn = { label, range: p.range, textStart: map(strong.position?.end.offset ?? 0, 'end'), mode: 'label', heading: isHeading(node as Paragraph) };
      lastLabel = label;
      item.turns.push(turn);
      item.paragraphs.push(p);
      continue;
    }
    item.paragraphs.push(p);
    if (isClosingText(p.text, lex)) {
      out.closing.push(p);
      turn = null;
      continue;
    }
    if (hasStrong(node)) {
      addMentions(node, range, item);
      // A question's heading names who speaks under it: that speech goes on over a page break as a labelled one does.
      const asker = item.turns[item.turns.length - 1];
      turn = node.type === 'paragraph' && opensQuestion(p.text, lex) && asker?.mode === 'reported' ? asker : null;
      lastLabel = null;
      continue;
    }
    if (node.type === 'paragraph' && section === 'agenda' && !turn && isVoteLine(p.text, lex) && parseVotes(p.text, lex) !== null) {
      item.decisions.push(p);
      continue;
    }
    if (turn) turn.range.end = p.range.end;
    else if (lastLabel) {
      turn = { label: lastLabel, range: p.range, textStart: p.range.start, mode: 'label', heading: true };
      item.turns.push(turn);
    }
  }
  out.attachments = out.attachments.filter((a) => !Number.isNaN(a.range.start));
  // A sitting that treats no agenda item: its proceedings are one item without a number.
  if (out.items.length === 0 && (preliminary.turns.length || preliminary.decisions.length)) {
    const first = Math.min(...[...preliminary.turns.map((t) => t.range.start), ...preliminary.decisions.map((d) => d.range.start)]);
    const last = Math.max(...[...preliminary.turns.map((t) => t.range.end), ...preliminary.decisions.map((d) => d.range.end)]);
    preliminary.range = { start: first, end: last };
    out.items.push(preliminary);
  } else {
    // Otherwise what came before the first item is front matter; its speeches, if any, are in no item.
    for (const para of preliminary.paragraphs) out.front.push(para);
    out.beforeItems = preliminary.turns;
  }
  // A deliberation's front matter runs into its one item: the opening formula and the attendance follow its subject.
  if (out.kind === 'deliberazione' && out.items[0]) {
    const first = out.items[0];
    const until = Math.min(first.decisions[0]?.range.start ?? Number.POSITIVE_INFINITY, first.turns[0]?.range.start ?? Number.POSITIVE_INFINITY);
    for (const para of first.paragraphs) if (para.range.start < until) out.front.push(para);
  }
  out.front.sort((a, b) => a.range.start - b.range.start);
  return out;
}

/**
 * A paragraph that opens with a speaker's label: bold first, ending the
 * label with a colon or a full stop (`**ROSSI:**`, `**PRESIDENTE.**`, `**ROSSI**:`)
 * or alone on its line (`**Presidente Bellini**` over the speech). Bold
 * followed by more of the sentence (`**La Presidente** introduce …`) is a
 * speaker the narrative reports.
 */
function startsWithStrong(node: RootContent): boolean {
  if (node.type !== 'paragraph' || node.children[0]?.type !== 'strong') return false;
  const label = mdToString(node.children[0]).trim();
  const next = node.children[1];
  if (/[:.]$/.test(label) || !next) return true;
  const after = next.type === 'text' ? next.value : next.type === 'break' ? '\n' : '';
  return /^\s*[:.]|^[ \t]*\n/.test(after);
}

/** A label alone on its line, the speech below it. */
function isHeading(node: Paragraph): boolean {
  const next = node.children[1];
  return !next || (next.type === 'text' && /^[ \t]*\n/.test(next.value)) || next.type === 'break';
}

function hasStrong(node: RootContent): boolean {
  if (node.type === 'paragraph') return node.children.some((c) => c.type === 'strong');
  if (node.type === 'blockquote') return node.children.some((c) => c.type === 'paragraph' && c.children.some((k) => k.type === 'strong'));
  return false;
}

/** Each bold name inside running text opens a reported turn that runs to the next one or the paragraph's end. */
function addMentions(node: RootContent, range: (n: { position?: { start: { offset?: number }; end: { offset?: number } } }) => Range, item: OutlineItem): void {
  const paragraphs: Paragraph[] = node.type === 'paragraph' ? [node] : node.type === 'blockquote' ? (node.children.filter((c) => c.type === 'paragraph') as Paragraph[]) : [];
  for (const para of paragraphs) {
    const p = range(para);
    const strongs = para.children.filter((c): c is Strong => c.type === 'strong');
    strongs.forEach((s, k) => {
      const r = range(s);
      const next = strongs[k + 1];
      const end = next ? range(next).start : p.end;
      item.turns.push({ label: mdToString(s as PhrasingContent).trim(), range: { start: k === 0 ? p.start : r.start, end }, textStart: k === 0 ? p.start : r.start, mode: 'reported' });
    });
  }
}

/** A short line of its own, capitalised and without a sentence's end: a title (`Comunicazioni`, `Interrogazioni`). */
const isTitle = (text: string) => /^\p{Lu}[^\n.;:!?,]*$/u.test(text.trim()) && text.trim().split(/\s+/).length <= 4;

function isAttendanceTable(node: Table): boolean {
  const head = node.children[0]?.children.map((c) => mdToString(c).trim().toLowerCase()) ?? [];
  return ATTENDANCE_REQUIRED.every((h) => head.includes(h));
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
 * A quote holds one or more decisions: it opens with the sentence that puts
 * a question to the vote or with the vote; a later paragraph that states
 * another vote (`e, con separata votazione unanime, DELIBERA …`) opens the
 * next one once the current one has its own; the rest (`DELIBERA`, `di
 * approvare …`) continue it.
 */
function readDecisions(node: Blockquote, range: (n: RootContent) => Range, item: OutlineItem, lex: SegmentLexicon): void {
  let current: TextPart | null = null;
  let currentOpens = false;
  // A vote block split by a page break (`Favorevoli 3` / footer / `Astenuti 2`) is one vote: only a paragraph that
  // states votes in favour or unanimity opens the next decision, once the current one has its own.
  const opens = (text: string) => {
    const v = parseVotes(text, lex);
    return v !== null && (v.favorevoli !== null || v.unanimous || v.printed?.favorevoli !== undefined);
  };
  for (const child of node.children) {
    const text = plainText(child);
    const thisOpens = opens(text);
    if (!current || (thisOpens && currentOpens)) {
      current = { range: range(child), text };
      currentOpens = thisOpens;
      item.decisions.push(current);
    } else {
      currentOpens ||= thisOpens;
      current.range.end = range(child).end;
      current.text = `${current.text}\n\n${text}`;
    }
  }
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

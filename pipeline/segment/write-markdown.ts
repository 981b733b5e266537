import type { MemberRow, StaffRow } from './attendance.js';
import type { DocumentKind } from './kind.js';
import type { Range } from './lines.js';
import { MarkdownBuilder, type OffsetMap } from './offset-map.js';
import type { Block } from './plan-blocks.js';

/** Markers for what Markdown has no syntax for; invisible when rendered, kept by a person who edits the file. */
export const MARK = {
  kind: (kind: DocumentKind) => `<!-- verbali:kind ${kind} -->`,
  attendance: '<!-- verbali:attendance -->',
  agenda: '<!-- verbali:agenda -->',
  agendaEnd: '<!-- verbali:/agenda -->',
  furniture: '<!-- verbali:furniture -->',
  signatures: '<!-- verbali:signatures -->',
  attachment: '<!-- verbali:attachment -->',
} as const;

/** The attendance table's columns; `assenza` and `nota` were added later, so a reader accepts tables without them. */
export const ATTENDANCE_HEADER = ['n', 'tipo', 'ente', 'persona', 'ruolo', 'presente', 'remoto', 'assenza', 'nota'] as const;
export const ATTENDANCE_REQUIRED = ['n', 'tipo', 'ente', 'persona', 'ruolo', 'presente', 'remoto'] as const;

/**
 * Render the blocks as the reviewable Markdown: the document's kind as a
 * marker, agenda items as `##` headings, speakers in bold (a label at a
 * paragraph's start, a reported speaker where the text names them),
 * decisions as block quotes, the attendance as a table, the agenda as listed
 * and page furniture between markers. The text is copied as printed, with
 * the characters Markdown would read as syntax escaped. Returns the Markdown
 * and the map of its offsets to clean text.
 */
export function writeMarkdown(clean: string, kind: DocumentKind, blocks: readonly Block[]): { markdown: string; map: OffsetMap } {
  const md = new MarkdownBuilder(clean);
  md.insert(`${MARK.kind(kind)}`, 0);
  const gap = (at: number) => md.insert('\n\n', at);
  for (const block of blocks) {
    switch (block.kind) {
      case 'paragraph':
        gap(block.range.start);
        copy(md, clean, block.range, '', block.mentions);
        break;
      case 'furniture':
        gap(block.range.start);
        md.insert(`${MARK.furniture}\n\n`, block.range.start);
        copy(md, clean, block.range, '', []);
        break;
      case 'listing':
        gap(block.range.start);
        md.insert(`${MARK.agenda}\n\n`, block.range.start);
        copy(md, clean, block.range, '', [], true);
        md.insert(`\n\n${MARK.agendaEnd}`, block.range.end);
        break;
      case 'item': {
        const first = block.lines[0];
        if (!first) break;
        const start = first.start + (first.text.length - first.text.trimStart().length);
        gap(start);
        md.insert('## ', start);
        block.lines.forEach((l, i) => {
          const s = i === 0 ? start : l.start + (l.text.length - l.text.trimStart().length);
          if (i > 0) md.insert(' ', l.start - 1, s);
          copyInline(md, clean, s, l.start + l.text.trimEnd().length, []);
        });
        break;
      }
      case 'turn': {
        gap(block.range.start);
        md.insert('**', block.range.start);
        copyInline(md, clean, block.range.start, block.labelEnd, []);
        md.insert('**', block.labelEnd);
        copy(md, clean, { start: block.labelEnd, end: block.range.end }, '', block.mentions, false, true);
        break;
      }
      case 'decision':
        // One quote per decision, a quoted blank line between its paragraphs.
        block.paragraphs.forEach((p, i) => {
          if (i === 0) gap(p.start);
          else md.insert('\n>\n', p.start);
          copy(md, clean, p, '> ', block.mentions);
        });
        break;
      case 'attendance':
        gap(block.range.start);
        md.insert(`${MARK.attendance}\n\n`, block.range.start);
        md.insert(`| ${ATTENDANCE_HEADER.join(' | ')} |\n|${ATTENDANCE_HEADER.map(() => ' --- ').join('|')}|`, block.range.start, block.range.end);
        for (const row of block.members) md.insert(`\n${memberRow(row)}`, row.start, row.end);
        for (const row of block.staff) md.insert(`\n${staffRow(row)}`, row.start, row.end);
        break;
      case 'signatures':
        gap(block.range.start);
        md.insert(`${MARK.signatures}\n\n`, block.range.start);
        copy(md, clean, block.range, '', [], true);
        break;
      case 'attachment':
        gap(block.range.start);
        md.insert(`${MARK.attachment}\n\n`, block.range.start);
        copy(md, clean, block.range, '', [], true);
        break;
    }
  }
  md.insert('\n', clean.length);
  return { markdown: md.toString(), map: md.map() };
}

/**
 * Copy a range line by line, each line prefixed and stripped of its
 * indentation (four spaces would make it code); `hard` keeps line breaks for
 * free-form text (slides, signatures); `continued` means the range starts
 * mid-line after a label, so its first line needs no prefix.
 */
function copy(md: MarkdownBuilder, clean: string, r: Range, prefix: string, strong: readonly Range[], hard = false, continued = false): void {
  let at = r.start;
  let first = true;
  while (at <= r.end) {
    let eol = clean.indexOf('\n', at);
    const ff = clean.indexOf('\f', at);
    if (eol === -1 || (ff !== -1 && ff < eol)) eol = ff;
    if (eol === -1 || eol > r.end) eol = r.end;
    let s = at;
    while (s < eol && /[ \t]/.test(clean[s] as string)) s++;
    let e = eol;
    while (e > s && /[ \t]/.test(clean[e - 1] as string)) e--;
    if (!first) md.insert(hard ? '\\\n' : '\n', at - 1, s);
    if (!(first && continued)) md.insert(prefix, s);
    else if (s > at) md.insert(' ', at, s);
    if (e > s) {
      escapeLineStart(md, clean, s, e, !(first && continued));
      copyInline(md, clean, s, e, strong);
    }
    first = false;
    if (eol >= r.end) break;
    at = eol + 1;
  }
}

/** A line that Markdown would read as a block (`# `, `> `, `- `, `1. `, `---`, `<div`) gets its first mark escaped. */
function escapeLineStart(_md: MarkdownBuilder, clean: string, s: number, e: number, atBlockStart: boolean): void {
  if (!atBlockStart) return;
  const text = clean.slice(s, e);
  const ordered = /^(\d{1,9})([.)])(?=\s|$)/.exec(text);
  if (ordered) {
    // `1.` → `1\.`: the escape goes before the dot; copyInline copies the digits.
    pendingEscapes.set(s + (ordered[1] as string).length, true);
    return;
  }
  if (/^(?:[#>+=~]|[-*_](?:\s|$|[-*_])|`{3}|<[\p{L}!/?])/u.test(text)) pendingEscapes.set(s, true);
}

/** Escapes `escapeLineStart` asks for, consumed by `copyInline`. Module state lives only within one `writeMarkdown` call. */
const pendingEscapes = new Map<number, true>();

/** Characters Markdown reads inline: emphasis, code, links, HTML, entities, escapes, table pipes. */
const INLINE = /[*_`[\]<>\\|&]/;

/** Copy clean text with inline syntax escaped, wrapping the `strong` ranges in `**`. */
function copyInline(md: MarkdownBuilder, clean: string, s: number, e: number, strong: readonly Range[]): void {
  let from = s;
  const flush = (to: number) => {
    if (to > from) md.copy(from, to);
    from = to;
  };
  // A name can run onto the next line (`la Consigliera` / `Veronica Galli`): bold opens on one line and closes on another.
  const opens = new Set(strong.filter((r) => r.start >= s && r.start < e).map((r) => r.start));
  const closes = new Set(strong.filter((r) => r.end > s && r.end <= e).map((r) => r.end));
  for (let i = s; i <= e; i++) {
    if (closes.has(i)) {
      flush(i);
      md.insert('**', i);
    }
    if (i === e) break;
    if (opens.has(i)) {
      flush(i);
      md.insert('**', i);
    }
    const c = clean[i] as string;
    if (pendingEscapes.has(i) || (INLINE.test(c) && needsEscape(clean, i))) {
      pendingEscapes.delete(i);
      flush(i);
      md.insert('\\', i);
    }
  }
  flush(e);
}

/** `&` only before an entity, `\` only before punctuation, `>` only at a line start; the rest always. */
function needsEscape(clean: string, i: number): boolean {
  const c = clean[i] as string;
  const next = clean[i + 1] ?? '';
  if (c === '&') return /^&(?:#\d+|#x[\da-f]+|[a-z][a-z\d]*);/i.test(clean.slice(i, i + 12));
  if (c === '\\') return /[!-/:-@[-`{-~]/.test(next) || next === '';
  if (c === '>') return false;
  if (c === '<') return /[\p{L}!/?]/u.test(next);
  return true;
}

const cell = (v: string | number | boolean | null) => (v === null ? '' : typeof v === 'boolean' ? (v ? 'si' : 'no') : String(v).replace(/\|/g, '\\|'));

function memberRow(r: MemberRow): string {
  return `| ${[r.n, 'membro', r.entity, r.person, r.role, r.present, r.remote ? true : null, r.absence, r.note].map(cell).join(' | ')} |`;
}

function staffRow(r: StaffRow): string {
  return `| ${['', r.category === 'staff' ? 'staff' : 'ospite', r.entity, r.person, r.role, r.present, null, null, null].map(cell).join(' | ')} |`;
}

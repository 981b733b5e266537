import type { MemberRow, StaffRow } from './attendance.js';
import type { Block } from './blocks.js';
import type { Line } from './lines.js';
import { MarkdownBuilder, type OffsetMap } from './offset-map.js';

/** Markers for what Markdown has no syntax for; invisible when rendered, kept by a person who edits the file. */
export const MARK = {
  attendance: '<!-- verbali:attendance -->',
  signatures: '<!-- verbali:signatures -->',
  attachment: '<!-- verbali:attachment -->',
} as const;

export const ATTENDANCE_HEADER = ['n', 'tipo', 'ente', 'persona', 'ruolo', 'presente', 'remoto'] as const;

/**
 * Render the blocks as the reviewable Markdown: agenda items as `##`
 * headings, speaker labels in bold, decisions as block quotes, the attendance
 * as a table. Returns the Markdown and the map of its offsets to clean text.
 */
export function writeMarkdown(clean: string, blocks: readonly Block[]): { markdown: string; map: OffsetMap } {
  const md = new MarkdownBuilder(clean);
  let first = true;
  const gap = (at: number) => {
    if (!first) md.insert('\n\n', at);
    first = false;
  };
  for (const block of blocks) {
    switch (block.kind) {
      case 'paragraph':
        gap(block.lines[0]?.start ?? 0);
        lines(md, block.lines, '');
        break;
      case 'item': {
        const start = block.lines[0]?.start ?? 0;
        gap(start);
        md.insert('## ', start);
        block.lines.forEach((l, i) => {
          if (i > 0) md.insert(' ', l.start - 1, l.start);
          md.copy(l.start, l.end);
        });
        break;
      }
      case 'turn': {
        const [head, ...rest] = block.lines as [Line, ...Line[]];
        gap(head.start);
        const labelStart = head.start + (head.text.length - head.text.trimStart().length);
        md.insert('**', labelStart).copy(labelStart, block.labelEnd).insert('**', block.labelEnd).copy(block.labelEnd, head.end);
        if (rest.length) {
          md.insert('\n', head.end, head.end + 1);
          lines(md, rest, '');
        }
        break;
      }
      case 'decision':
        // One quote per DECISIONE block, a quoted blank line between its paragraphs.
        block.paragraphs.forEach((p, i) => {
          if (i === 0) gap(p[0]?.start ?? 0);
          else md.insert('\n>\n', p[0]?.start ?? 0);
          lines(md, p, '> ');
        });
        break;
      case 'attendance': {
        const start = block.lines[0]?.start ?? 0;
        const end = block.lines[block.lines.length - 1]?.end ?? start;
        gap(start);
        md.insert(`${MARK.attendance}\n\n`, start);
        md.insert(`| ${ATTENDANCE_HEADER.join(' | ')} |\n|${ATTENDANCE_HEADER.map(() => ' --- ').join('|')}|`, start, end);
        for (const row of block.members) md.insert(`\n${memberRow(row)}`, row.start, row.end);
        for (const row of block.staff) md.insert(`\n${staffRow(row)}`, row.start, row.end);
        break;
      }
      case 'signatures':
        gap(block.lines[0]?.start ?? 0);
        md.insert(`${MARK.signatures}\n\n`, block.lines[0]?.start ?? 0);
        lines(md, block.lines, '');
        break;
      case 'attachment':
        gap(block.lines[0]?.start ?? 0);
        md.insert(`${MARK.attachment}\n\n`, block.lines[0]?.start ?? 0);
        lines(md, block.lines, '', true);
        break;
    }
  }
  md.insert('\n', clean.length);
  return { markdown: md.toString(), map: md.map() };
}

/** Copy lines, each prefixed; `hard` keeps line breaks for free-form text (slides). */
function lines(md: MarkdownBuilder, ls: readonly Line[], prefix: string, hard = false): void {
  ls.forEach((l, i) => {
    if (i > 0) md.insert(hard ? '\\\n' : '\n', l.start - 1, l.start);
    md.insert(prefix, l.start);
    md.copy(l.start, l.end);
  });
}

const cell = (v: string | number | boolean | null) => (v === null ? '' : typeof v === 'boolean' ? (v ? 'si' : 'no') : String(v).replace(/\|/g, '\\|'));

function memberRow(r: MemberRow): string {
  return `| ${[r.n, 'membro', r.entity, r.person, r.role, r.present, r.remote ? true : null].map(cell).join(' | ')} |`;
}

function staffRow(r: StaffRow): string {
  return `| ${['', r.category === 'staff' ? 'staff' : 'ospite', r.entity, r.person, r.role, r.present, null].map(cell).join(' | ')} |`;
}

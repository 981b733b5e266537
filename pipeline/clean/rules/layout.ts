import type { CleanContext } from '../context.js';
import type { Edit } from '../edits.js';
import { edit, matches } from './match.js';

/** Lines a page may begin or end with that are page furniture wherever they appear. */
const PAGE_NUMBER = /^[ \t|]*(?:pag(?:ina)?\.?[ \t]*\d{1,4}(?:[ \t]*(?:di|\/)[ \t]*\d{1,4})?|[-–—][ \t]*\d{1,4}[ \t]*[-–—]|\d{1,4}(?:[ \t]*\/[ \t]*\d{1,4})?)[ \t|]*$/i;
/** How many lines from each page edge furniture is looked for in. */
const EDGE_LINES = 3;

/**
 * Page furniture: a header or footer repeated on most pages (digits ignored, so
 * `Verbale n. 12 – pag. 3` matches its siblings) and lone page numbers at a
 * page's edge are taken out of the text flow. Needs the `\f` page breaks.
 */
export function furnitureEdits(text: string, _ctx: CleanContext): Edit[] {
  const pages = splitPages(text);
  const out: Edit[] = [];
  const edgeLines = pages.map((p) => edges(text, p.start, p.end));
  const counts = new Map<string, number>();
  for (const lines of edgeLines) {
    for (const key of new Set(lines.map((l) => l.key))) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const repeatedAt = Math.max(3, Math.ceil(pages.length / 2));
  for (const lines of edgeLines) {
    for (const line of lines) {
      const count = counts.get(line.key) ?? 0;
      // Most of 3+ pages; on 2 pages, a long line on both.
      const repeated = line.key.length >= 3 && ((pages.length >= 3 && count >= repeatedAt) || (pages.length === 2 && count === 2 && line.key.length >= 10));
      if (repeated || PAGE_NUMBER.test(line.text)) {
        out.push(edit('layout', line.start, line.end, '', repeated ? 'layout/running-header' : 'layout/page-number', 0.9));
      }
    }
  }
  return out;
}

interface Line {
  start: number;
  /** End including the line's newline, so removing it leaves no blank line behind. */
  end: number;
  text: string;
  key: string;
}

function splitPages(text: string): { start: number; end: number }[] {
  const pages: { start: number; end: number }[] = [];
  let start = 0;
  for (let i = text.indexOf('\f'); i !== -1; i = text.indexOf('\f', start)) {
    pages.push({ start, end: i });
    start = i + 1;
  }
  pages.push({ start, end: text.length });
  return pages;
}

/** The first and last few non-blank lines of a page, found without walking the whole page. */
function edges(text: string, start: number, end: number): Line[] {
  const line = (at: number): Line => {
    const nl = text.indexOf('\n', at);
    const lineEnd = nl === -1 || nl >= end ? end : nl;
    const body = text.slice(at, lineEnd);
    // Letters only: OCR reads the same header `N. 12` on one page and `N. 1!` on the next.
    return { start: at, end: Math.min(end, lineEnd + 1), text: body, key: body.toLowerCase().replace(/[^\p{L}]+/gu, '') };
  };
  const head: Line[] = [];
  for (let at = start; at < end && head.length < EDGE_LINES; ) {
    const l = line(at);
    if (l.text.trim() !== '') head.push(l);
    at = l.end === at ? end : Math.max(l.end, at + 1);
  }
  const tail: Line[] = [];
  for (let stop = end; stop > start && tail.length < EDGE_LINES; ) {
    const from = stop - (text[stop - 1] === '\n' ? 2 : 1);
    const nl = from < start ? -1 : text.lastIndexOf('\n', from);
    const at = nl < start ? start : nl + 1;
    if (at >= stop) break;
    const l = line(at);
    if (l.text.trim() !== '') tail.unshift(l);
    if (at === start) break;
    stop = at;
  }
  // A short page (head and tail overlap): only its very first and last lines can be furniture.
  const overlap = tail.some((t) => head.some((h) => h.start === t.start));
  if (overlap) return head.length > 1 ? [head[0] as Line, tail[tail.length - 1] as Line] : [];
  return [...head, ...tail];
}

/**
 * Words hyphenated at a line end are rejoined and the line break moved after
 * the word (`rappre-\nsentanti del` → `rappresentanti\ndel`), so lines keep
 * their count. A real compound (`socio-\neducativo`: both halves words, the
 * join not) keeps its hyphen.
 */
export function hyphenationEdits(text: string, ctx: CleanContext): Edit[] {
  const out: Edit[] = [];
  // `-`, the Unicode hyphen groff and PDFs use, and the soft hyphen.
  for (const hit of matches(text, /[-‐\u00AD][ \t]*\n[ \t]*\p{L}/gu)) {
    // Anchor on the rare hyphen-newline, then read the words around it.
    const head = /\p{L}+$/u.exec(text.slice(Math.max(0, hit.index - 40), hit.index));
    if (!head) continue;
    const m = /^(\p{L}+)[-‐\u00AD][ \t]*\n[ \t]*(\p{L}+)([ \t]?)/u.exec(text.slice(hit.index - head[0].length, hit.index + 80));
    if (!m) continue;
    m.index = hit.index - head[0].length;
    const a = m[1] as string;
    const b = m[2] as string;
    const joined = a + b;
    const lower = joined.toLowerCase();
    const aWord = ctx.lexicon.isWord(a.toLowerCase());
    const bWord = ctx.lexicon.isWord(b.toLowerCase());
    if (b[0] !== b[0]?.toLowerCase()) continue; // `Valle-\nSeriana`: a capital starts a new word
    if (!ctx.lexicon.isWord(lower) && aWord && bWord) continue;
    if (!ctx.lexicon.isWord(lower) && (ctx.lexicon.get(lower)?.freq ?? null) === null && (aWord || bWord)) continue;
    out.push(edit('layout', m.index, m.index + m[0].length, m[3] ? `${joined}\n` : joined, 'layout/hyphenation', 0.9));
  }
  return out;
}

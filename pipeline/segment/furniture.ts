import { isBlank, type Line } from './lines.js';

/** A line giving an office's address, phone, e-mail, web site or tax number: letterhead, not minutes. */
const CONTACT =
  /\b(?:tel|telefono|fax|cell|cellulare)\b\.?\s*:?\s*\+?\d|[\w.-]+@[\w-]+\.[\w.]+|\bwww\.|\bP\.?\s?IVA\b|\bC\.\s?F\.?\s*(?:e\s+P\.?\s?IVA)?\s*:?\s*\d{8,}|\bsede\s+legale\b|\bPEC\b\s*:|\b\d{5}\s+\p{Lu}\p{Ll}+(?:\s+\(\p{Lu}{2}\))?\s*(?:$|[|I]\s)/iu;

/** A short line that could belong to a letterhead block: no sentence punctuation at its end. */
const isShort = (line: Line) => {
  const t = line.text.trim();
  return t.length > 0 && t.length <= 90 && !/[.;:,]$/.test(t);
};

/**
 * Lines that are page furniture, not minutes: letterhead blocks (a run of
 * short lines between blank lines holding an address, phone, e-mail or tax
 * number, as office templates print on a page, often in the middle of the
 * agenda), and running headers and footers (the same line, digits aside, at
 * the top or bottom of two pages or more). The clean stage removes what it is
 * sure of; these are left in the text and kept out of the structure.
 */
export function furnitureLines(lines: readonly Line[]): Set<number> {
  const out = new Set<number>();
  // Letterhead: a block between blank lines whose lines are short, two of them contact lines.
  let i = 0;
  while (i < lines.length) {
    if (isBlank(lines[i])) {
      i++;
      continue;
    }
    let j = i;
    while (j < lines.length && !isBlank(lines[j]) && !(j > i && (lines[j] as Line).pageBreak)) j++;
    const block = lines.slice(i, j);
    const contacts = block.filter((l) => CONTACT.test(l.text)).length;
    if (contacts >= 2 || (contacts === 1 && block.length <= 3)) {
      if (block.every((l) => isShort(l) || CONTACT.test(l.text))) for (const l of block) out.add(l.index);
    }
    i = j;
  }
  // Running headers and footers: a line, digits aside, repeated at page edges.
  const edges = new Map<string, number[]>();
  const pageStarts = lines.filter((l) => l.index === 0 || l.pageBreak).map((l) => l.index);
  pageStarts.push(lines.length);
  for (let p = 0; p + 1 < pageStarts.length; p++) {
    const page = lines.slice(pageStarts[p], pageStarts[p + 1]).filter((l) => !isBlank(l));
    const edge = [...page.slice(0, 2), ...page.slice(-2)];
    for (const l of new Set(edge)) {
      const key = l.text.replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();
      if (key.length < 3 || !/\p{L}|#/u.test(key)) continue;
      edges.set(key, [...(edges.get(key) ?? []), l.index]);
    }
  }
  if (pageStarts.length === 2) for (const index of numberedRunningLines(lines)) out.add(index);
  for (const [key, where] of edges) {
    // A page number (`3`, `- 3 -`, `pagina 2 di 6`) at a page edge, or a longer line on three pages: a vote line
    // (`Favorevoli 10`) can end two pages, a running header ends or starts most of them.
    const pageWords = /^(?:#|[-–—]\s*#\s*[-–—])$|\bpag(?:ina|\.)?\b|#\s*(?:di|\/|a)\s*#\s*$/iu.test(key);
    if ((pageWords && where.length >= 1 && /\bpag|^[-–—\s#]+$/iu.test(key)) || (pageWords && where.length >= 2) || (key.split(' ').length >= 3 && where.length >= 3)) {
      for (const w of where) out.add(w);
    }
  }
  return out;
}

/** Times a numbered running line must recur in a text with no page breaks: a page number's steps are rarely seen by chance that often. */
const RUNNING_MIN = 5;

/**
 * A text extracted with no page breaks (a `.txt` export) still prints each page's header or footer: a short line,
 * the same each time but for its last number, which goes up by one a page at a time (`3 MARZO 2025      36`). A
 * vote's count line recurs too, but its numbers do not count pages; an item's heading numbers more than pages.
 */
function numberedRunningLines(lines: readonly Line[]): number[] {
  const byKey = new Map<string, { index: number; n: number }[]>();
  for (const l of lines) {
    const text = l.text.trim();
    const last = /(\d+)\D*$/u.exec(text);
    // An index's entry (`Argomento n. 143 …… 6`) counts pages too, but is the index's.
    if (!last || text.split(/\s+/).length > 8 || /\.{4,}|…{2,}/u.test(text)) continue;
    // Only the page's number changes: the rest, its other figures too (the sitting's date), is the same line.
    const key = `${text.slice(0, last.index)}#${text.slice(last.index + (last[1] as string).length)}`.replace(/\s+/g, ' ');
    const seen = byKey.get(key) ?? [];
    seen.push({ index: l.index, n: Number(last[1]) });
    byKey.set(key, seen);
  }
  const out: number[] = [];
  for (const seen of byKey.values()) {
    if (seen.length < RUNNING_MIN) continue;
    const paged = seen.every((s, k) => k === 0 || s.n === (seen[k - 1] as { n: number }).n + 1);
    if (paged) out.push(...seen.map((s) => s.index));
  }
  return out;
}

import { esc } from './html.js';
import type { ReviewDoc } from './read-output.js';

/** Words OCR'd with less confidence than this (0-100) are marked: on our scans misread words fall below it, and 1% of words do. */
export const LOW_CONFIDENCE = 80;

/** Something placed at one offset of the clean text (an anchor, a removed stretch, a warning). */
interface Point {
  at: number;
  html: string;
}

/** A marked stretch of the clean text: corrections of it (indexes into `record.corrections`) and/or a low OCR confidence. */
interface Stretch {
  start: number;
  end: number;
  corrections: number[];
  confidence: number | null;
  /** What OCR read there (the first correction's `from`). */
  raw?: string;
}

/** Every mark of a document's clean text, in order: what the page texts are drawn with. */
export interface TextMarks {
  points: Point[];
  stretches: Stretch[];
}

/** Where a warning is shown: its span, else the start of its page, else nowhere in the text (the list at the top). */
export function warningPlace(warning: { span?: { page?: number; start: number } | null; page?: unknown }, pageStarts: readonly number[]): number | null {
  if (warning.span && typeof warning.span.start === 'number') return warning.span.start;
  const page = typeof warning.page === 'number' ? warning.page : null;
  return page !== null && pageStarts[page - 1] !== undefined ? (pageStarts[page - 1] as number) : null;
}

/**
 * The marks of a document's text: corrections (a removed stretch as a point),
 * low-confidence words, warnings at their place and the anchors the outline
 * links to. Overlapping stretches merge, so a word fixed twice is one mark.
 */
export function textMarks(doc: ReviewDoc, pageStarts: readonly number[], anchors: readonly Point[]): TextMarks {
  const { record } = doc;
  const points: Point[] = [...anchors];
  const raw: Stretch[] = [];
  (record.corrections ?? []).forEach((c, i) => {
    if (c.to.length === 0) {
      points.push({ at: c.cleanOffset, html: `<mark class="c del" id="c${i}" data-c="${i}" data-raw="${esc(c.from)}" tabindex="-1"></mark>` });
    } else raw.push({ start: c.cleanOffset, end: c.cleanOffset + c.to.length, corrections: [i], confidence: null, raw: c.from });
  });
  for (const page of doc.words.values()) {
    for (const w of page.words) {
      if (w[4] < LOW_CONFIDENCE && w[7] >= 0) raw.push({ start: w[7], end: w[8], corrections: [], confidence: w[4] });
    }
  }
  (record.warnings ?? []).forEach((w, i) => {
    const at = warningPlace(w, pageStarts);
    if (at !== null) points.push({ at, html: `<mark class="wb" id="w${i}" data-w="${i}" tabindex="-1"></mark>` });
  });
  raw.sort((a, b) => a.start - b.start || b.end - a.end);
  const stretches: Stretch[] = [];
  for (const s of raw) {
    const last = stretches[stretches.length - 1];
    if (last && s.start < last.end) {
      last.end = Math.max(last.end, s.end);
      last.corrections.push(...s.corrections);
      last.raw ??= s.raw;
      if (s.confidence !== null) last.confidence = Math.min(last.confidence ?? 100, s.confidence);
    } else stretches.push({ ...s, corrections: [...s.corrections] });
  }
  points.sort((a, b) => a.at - b.at);
  return { points, stretches };
}

/** The opening tag of a stretch; its continuation on the next page is not a second stop for the keyboard. */
function openStretch(s: Stretch, continued: boolean): string {
  const lc = s.confidence !== null ? ` data-lc="${s.confidence}"` : '';
  if (s.corrections.length === 0) return `<span class="lc"${lc}>`;
  const stop = continued ? '' : ` id="c${s.corrections[0]}" data-c="${s.corrections.join(' ')}" data-raw="${esc(s.raw ?? '')}" tabindex="-1"`;
  return `<mark class="c${s.confidence !== null ? ' lc' : ''}"${stop}${lc}>`;
}

/**
 * The HTML of the clean text from `start` to `end` (one page): the text
 * exactly, escaped, with the marks that fall in it. The page's element
 * carries `data-s="start"`, so the browser maps any text position back to an
 * offset in `text.clean` by counting characters (marks add none).
 */
export function pageTextHtml(clean: string, start: number, end: number, marks: TextMarks, cursor: { point: number; stretch: number }): string {
  let html = '';
  let at = start;
  const { points, stretches } = marks;
  const emitUntil = (limit: number, inclusive: boolean) => {
    while (cursor.point < points.length) {
      const p = points[cursor.point] as Point;
      if (p.at > limit || (!inclusive && p.at === limit)) break;
      if (p.at > at) {
        html += esc(clean.slice(at, p.at));
        at = p.at;
      }
      html += p.html;
      cursor.point++;
    }
    if (limit > at) {
      html += esc(clean.slice(at, limit));
      at = limit;
    }
  };
  while (cursor.stretch < stretches.length) {
    const s = stretches[cursor.stretch] as Stretch;
    if (s.start >= end) break;
    cursor.stretch++;
    const from = Math.max(s.start, at);
    const to = Math.min(s.end, end);
    if (to <= from) continue;
    emitUntil(from, true);
    html += openStretch(s, s.start < start);
    emitUntil(to, false);
    html += s.corrections.length ? '</mark>' : '</span>';
    if (s.end > end) cursor.stretch--; // goes on into the next page
  }
  emitUntil(end, true);
  // On the last page, marks placed past the text's end (a span from a stale record) still show, at its end.
  if (end === clean.length) for (; cursor.point < points.length; cursor.point++) html += (points[cursor.point] as Point).html;
  return html;
}

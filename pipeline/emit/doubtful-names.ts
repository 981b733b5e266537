import type { Warning, WordsPage } from '../../schemas/index.js';
import type { Structure } from '../segment/index.js';

/**
 * Under this confidence tesseract doubts what it read. Names it read so are
 * as often wrong as right: on a scan of a member list with dot leaders, of
 * the names read under 50, half were misread (`RATMONDE` for RAIMONDI at 25,
 * `PRESTTANNT` at 3), half right but doubted for the dots beside them; names
 * read at 80 or more were right.
 */
export const DOUBTED_NAME_CONFIDENCE = 50;

/**
 * A person of the attendance or the staff whose name comes from words the OCR
 * doubted: the record holds the name as read, so it says where a person
 * should look (`name-doubtful`, one warning each, with the row's span). The
 * name's parts are found in the row's clean text and the OCR words there
 * weighed; a text layer or a `.txt` has no doubts.
 */
export function doubtfulNames(structure: Structure, clean: string, pages: readonly WordsPage[]): Warning[] {
  if (pages.length === 0) return [];
  // Each OCR word still in the clean text, by its clean range, with its confidence.
  const words = pages.flatMap((p) => p.words.filter((w) => w[7] >= 0).map((w) => ({ start: w[7], end: w[8], confidence: w[4] })));
  const out: Warning[] = [];
  const people = [...structure.attendance, ...structure.staff];
  for (const entry of people) {
    if (!entry.person || !entry.span) continue;
    const row = clean.slice(entry.span.start, entry.span.end).toLowerCase();
    let least = Number.POSITIVE_INFINITY;
    for (const part of entry.person.toLowerCase().split(/\s+/)) {
      const at = row.indexOf(part);
      if (at === -1 || part.length < 2) continue;
      const [start, end] = [entry.span.start + at, entry.span.start + at + part.length];
      for (const w of words) if (w.start < end && start < w.end) least = Math.min(least, w.confidence);
    }
    if (least >= DOUBTED_NAME_CONFIDENCE) continue;
    out.push({
      code: 'name-doubtful',
      message: `${entry.person}: read from words the OCR doubted (confidence ${Math.round(least)} of 100); check the name against the page`,
      span: entry.span,
      page: entry.span.page,
      source: 'verbali:emit',
    });
  }
  return out;
}

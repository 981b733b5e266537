/** A line of the clean text with its offsets (`end` excludes the line break). */
export interface Line {
  index: number;
  start: number;
  end: number;
  text: string;
  /** A page break (`\f`) comes right before this line. */
  pageBreak: boolean;
}

/** A stretch of `text.clean`: start inclusive, end exclusive. */
export interface Range {
  start: number;
  end: number;
}

/** Split text into lines; a form feed is a line break that also starts a page. */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  let pageBreak = false;
  for (let i = 0; i <= text.length; i++) {
    const c = text[i];
    if (i === text.length || c === '\n' || c === '\f') {
      lines.push({ index: lines.length, start, end: i, text: text.slice(start, i), pageBreak });
      pageBreak = c === '\f';
      start = i + 1;
    }
  }
  return lines;
}

export const isBlank = (line: Line | undefined): boolean => line === undefined || line.text.trim() === '';

/** Where a line's text starts, past its indentation. */
export const textStart = (line: Line): number => line.start + (line.text.length - line.text.trimStart().length);

/** Where a line's text ends, before trailing white space. */
export const textEnd = (line: Line): number => line.start + line.text.trimEnd().length;

/** The stop before `end` closes an abbreviation (`Dott. Rossi`, `n. 5`, `art. 27`, `Ass. Ferrante`, `l'arch. Rossi`), not a sentence. */
export const abbreviationEnds = (text: string, end: number): boolean => /(?:^|[\s('’])(?:\p{L}{1,4}|\p{Lu}\p{L}*\.\p{L}+)\.$/u.test(text.slice(Math.max(0, end - 8), end));

/** Sentences of a text as ranges (a full stop, `?`, `!` or `;` then white space and a capital or a digit). */
export function sentences(text: string, offset = 0): Range[] {
  const out: Range[] = [];
  let start = 0;
  const re = /[.?!;:](?=\s+["“«(]?[\p{Lu}\d])/gu;
  for (const m of text.matchAll(re)) {
    const end = m.index + 1;
    if (m[0] === '.' && abbreviationEnds(text, end)) continue;
    if (end > start) out.push({ start: offset + start, end: offset + end });
    start = end;
  }
  if (start < text.length) out.push({ start: offset + start, end: offset + text.length });
  return out;
}

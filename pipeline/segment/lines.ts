/** A line of the clean text with its offsets (`end` excludes the line break). */
export interface Line {
  index: number;
  start: number;
  end: number;
  text: string;
  /** A page break (`\f`) comes right before this line. */
  pageBreak: boolean;
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

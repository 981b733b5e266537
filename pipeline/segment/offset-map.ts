/** A piece of generated Markdown: copied from the clean text, or inserted markup anchored to a clean range. */
interface Piece {
  mdStart: number;
  mdEnd: number;
  cleanStart: number;
  cleanEnd: number;
  copied: boolean;
}

/**
 * Builds Markdown from the clean text while remembering where each piece came
 * from, so positions in the Markdown syntax tree map back to clean offsets
 * (spans point into `text.clean`, never into the Markdown).
 */
export class MarkdownBuilder {
  private readonly parts: string[] = [];
  private readonly pieces: Piece[] = [];
  private length = 0;

  constructor(private readonly clean: string) {}

  /** Copy `clean[start, end)` verbatim. */
  copy(start: number, end: number): this {
    if (end > start) this.push(this.clean.slice(start, end), start, end, true);
    return this;
  }

  /** Insert markup that stands for `clean[anchorStart, anchorEnd)` (or nothing: a point). */
  insert(text: string, anchorStart: number, anchorEnd = anchorStart): this {
    if (text) this.push(text, anchorStart, anchorEnd, false);
    return this;
  }

  private push(text: string, cleanStart: number, cleanEnd: number, copied: boolean): void {
    this.parts.push(text);
    this.pieces.push({ mdStart: this.length, mdEnd: this.length + text.length, cleanStart, cleanEnd, copied });
    this.length += text.length;
  }

  toString(): string {
    return this.parts.join('');
  }

  /** The finished map from Markdown offsets to clean offsets. */
  map(): OffsetMap {
    const pieces = [...this.pieces];
    return (offset, side) => {
      // An end is exclusive: it belongs to the piece that holds the character before it, not to the piece that
      // starts there (a table row's end is not the next row's, whose source may lie earlier in the text).
      const at = side === 'end' && offset > 0 ? offset - 1 : offset;
      let lo = 0;
      let hi = pieces.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const p = pieces[mid] as Piece;
        if (at < p.mdStart) hi = mid - 1;
        else if (at >= p.mdEnd) lo = mid + 1;
        else return p.copied ? p.cleanStart + (offset - p.mdStart) : side === 'start' ? p.cleanStart : p.cleanEnd;
      }
      const before = pieces[Math.min(lo, pieces.length) - 1];
      return before ? before.cleanEnd : 0;
    };
  }
}

/** Markdown offset → clean offset; `start` and `end` differ only inside inserted markup. */
export type OffsetMap = (mdOffset: number, side: 'start' | 'end') => number;

export const identityMap: OffsetMap = (offset) => offset;

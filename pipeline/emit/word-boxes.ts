import { type VerbaleRecord, WORDS_SCHEMA_ID, type WordBox, type WordsHeader, type WordsPage } from '../../schemas/index.js';
import { sha256Hex } from '../ingest/index.js';
import { locateWords, type RecognizedPage } from '../ocr/index.js';

/**
 * The word boxes of the OCR'd pages, each word placed in `text.raw` (pages
 * joined with `\f`, as the record's) and mapped through cleaning into
 * `text.clean`. A word cleaning removed (page furniture) keeps its box with
 * clean offsets -1; a word not found in the page's text is left out.
 */
export function buildWordPages(pages: readonly RecognizedPage[], toClean: (rawOffset: number) => number): WordsPage[] {
  const out: WordsPage[] = [];
  let base = 0;
  for (const page of pages) {
    if (page.words && page.frame) {
      const starts = locateWords(page.text, page.words);
      const words: WordBox[] = [];
      page.words.forEach((w, i) => {
        const at = starts[i] as number;
        if (at < 0) return;
        const rawStart = base + at;
        const rawEnd = rawStart + w.text.length;
        const cleanStart = toClean(rawStart);
        const cleanEnd = toClean(rawEnd);
        const kept = cleanEnd > cleanStart;
        const { x0, y0, x1, y1 } = w.bbox;
        words.push([x0, y0, x1, y1, Math.round(w.confidence * 10) / 10, rawStart, rawEnd, kept ? cleanStart : -1, kept ? cleanEnd : -1]);
      });
      out.push({ n: page.n, width: page.frame.width, height: page.frame.height, rotation: page.rotation, skew: page.frame.skew, words });
    }
    base += page.text.length + 1;
  }
  return out;
}

/** The `<name>.words.jsonl` sidecar: a header line naming the record, then one line per OCR'd page. */
export function wordsSidecar(record: VerbaleRecord, pages: readonly WordsPage[]): string {
  const header: WordsHeader = { schema: WORDS_SCHEMA_ID, id: record.id, cleanSha256: sha256Hex(Buffer.from(record.text.clean, 'utf8')) };
  return `${[header, ...pages].map((line) => JSON.stringify(line)).join('\n')}\n`;
}

/**
 * The word boxes of a record's OCR'd pages, kept in a sidecar file beside the
 * record (`OUT/<name>.words.jsonl`, contract `verbali.words/1`, see
 * docs/record.md): one JSON line of {@link WordsHeader}, then one line of
 * {@link WordsPage} per OCR'd page. Kept apart from the record so that records
 * piped into other systems stay small (boxes are about 15 KB a page, more than
 * the page's text), and written only where there is an output folder.
 */
import { z } from 'zod';

export const WORDS_SCHEMA_ID = 'verbali.words/1';

/** The sidecar's first line: which record it belongs to. */
export const WordsHeader = z.object({
  schema: z.literal(WORDS_SCHEMA_ID),
  /** The record's `id`. */
  id: z.string(),
  /** sha256 of the record's `text.clean`: offsets are valid only against that text. */
  cleanSha256: z.string().regex(/^[0-9a-f]{64}$/),
});

/**
 * One word: `[x0, y0, x1, y1, confidence, rawStart, rawEnd, cleanStart, cleanEnd]`.
 * The box is in pixels of the image tesseract read (the page after turning and
 * straightening, see {@link WordsPage}); confidence 0-100; offsets into
 * `text.raw` and `text.clean` (end exclusive), the clean ones -1 where
 * cleaning removed the word (a running header, say).
 */
export const WordBox = z.tuple([
  z.number().int(),
  z.number().int(),
  z.number().int(),
  z.number().int(),
  z.number(),
  z.number().int().min(0),
  z.number().int().min(0),
  z.number().int().min(-1),
  z.number().int().min(-1),
]);

/** The words of one OCR'd page, and the geometry of the image they were read on. */
export const WordsPage = z.object({
  n: z.number().int().min(1),
  /** Size in pixels of the image tesseract read. */
  width: z.number().int().min(1),
  height: z.number().int().min(1),
  /** Degrees the page was turned clockwise before OCR (as `source.pages[].rotation`). */
  rotation: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]),
  /** Degrees it was then straightened (counter-clockwise positive, about its centre); 0 when not. */
  skew: z.number(),
  words: z.array(WordBox),
});

export type WordsHeader = z.infer<typeof WordsHeader>;
export type WordBox = z.infer<typeof WordBox>;
export type WordsPage = z.infer<typeof WordsPage>;

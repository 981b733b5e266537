import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { RECORD_SCHEMA_ID, type VerbaleRecord, WordsHeader, WordsPage } from '../../schemas/index.js';

/**
 * What the site needs of a record, checked leniently: the segment stage gains
 * fields over time (`kind`, vote `presenti`…), and a site built from records
 * of an older or newer verbali should still show everything it can.
 */
const Essentials = z.looseObject({
  schema: z.literal(RECORD_SCHEMA_ID),
  id: z.string(),
  source: z.looseObject({
    file: z.string(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    mediaType: z.string(),
    pages: z.array(
      z.looseObject({
        n: z.number().int().min(1),
        method: z.string(),
        confidence: z.number().nullable(),
        rotation: z.number(),
      }),
    ),
  }),
  text: z.looseObject({ raw: z.string(), clean: z.string() }),
});

/** A record as the site reads it: the essentials checked, every other field optional. */
export type RecordView = z.infer<typeof Essentials> & Partial<Omit<VerbaleRecord, 'schema' | 'id' | 'source' | 'text'>>;

/** One record of the output folder, with its word boxes. */
export interface ReviewDoc {
  /** Output base name: `OUT/<name>.json`. */
  name: string;
  record: RecordView;
  /** Word boxes by page number; empty without a sidecar (text inputs, records from `run` to stdout). */
  words: Map<number, WordsPage>;
  /** `OUT/<name>.md` exists. */
  markdown: boolean;
}

/** What reading the folder found: the records, and why some files were passed over. */
export interface OutputFolder {
  docs: ReviewDoc[];
  skipped: { file: string; reason: string }[];
}

/**
 * The records of an output folder (`OUT/*.json` whose `schema` is a verbali
 * record; `summary.json` and other JSON are not), sorted by name, each with
 * its `<name>.words.jsonl` when that belongs to it (same record id and clean text).
 */
export function readOutputFolder(out: string): OutputFolder {
  const docs: ReviewDoc[] = [];
  const skipped: OutputFolder['skipped'] = [];
  const files = readdirSync(out)
    .filter((f) => f.endsWith('.json'))
    .sort();
  for (const file of files) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(join(out, file), 'utf8'));
    } catch (error) {
      skipped.push({ file, reason: `not JSON: ${(error as Error).message}` });
      continue;
    }
    if ((json as { schema?: unknown } | null)?.schema !== RECORD_SCHEMA_ID) continue;
    const parsed = Essentials.safeParse(json);
    if (!parsed.success) {
      skipped.push({ file, reason: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
      continue;
    }
    const name = file.slice(0, -'.json'.length);
    const record = parsed.data as RecordView;
    const sidecar = readWords(join(out, `${name}.words.jsonl`), record);
    if (sidecar.problem) skipped.push({ file: `${name}.words.jsonl`, reason: sidecar.problem });
    docs.push({ name, record, words: sidecar.pages, markdown: existsSync(join(out, `${name}.md`)) });
  }
  return { docs, skipped };
}

function readWords(path: string, record: RecordView): { pages: Map<number, WordsPage>; problem?: string } {
  const pages = new Map<number, WordsPage>();
  if (!existsSync(path)) return { pages };
  const [head, ...lines] = readFileSync(path, 'utf8').split('\n');
  const header = WordsHeader.safeParse(safeJson(head));
  if (!header.success) return { pages, problem: 'not a verbali.words/1 file: its boxes are not shown' };
  const cleanSha256 = createHash('sha256').update(record.text.clean).digest('hex');
  if (header.data.id !== record.id || header.data.cleanSha256 !== cleanSha256) {
    return { pages, problem: 'belongs to another version of the record (its text changed): its boxes are not shown' };
  }
  for (const line of lines) {
    if (!line.trim()) continue;
    const page = WordsPage.safeParse(safeJson(line));
    if (page.success) pages.set(page.data.n, page.data);
  }
  return { pages };
}

function safeJson(text: string | undefined): unknown {
  try {
    return JSON.parse(text ?? '');
  } catch {
    return null;
  }
}

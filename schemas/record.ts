/**
 * The verbale record, contract `verbali.record/1` (see docs/record.md).
 *
 * These zod schemas are the single source of truth: TypeScript types come from
 * `z.infer`, `verbali schema` prints the JSON Schema generated from them, and
 * every record is parsed by {@link VerbaleRecord} before it is written.
 * Fields may be added; the contract's fields are never renamed or re-meant.
 */
import { z } from 'zod';

export const RECORD_SCHEMA_ID = 'verbali.record/1';

/** `HH:MM`, 24h. */
export const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time must be HH:MM (24h)');
/** `YYYY-MM-DD`. */
export const IsoDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'date must be YYYY-MM-DD');
const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

/** Character offsets into `text.clean` (start inclusive, end exclusive) and the page the span starts on. */
export const Span = z
  .object({
    page: z.number().int().min(1),
    start: z.number().int().min(0),
    end: z.number().int().min(0),
  })
  .refine((s) => s.end >= s.start, { message: 'span end before start' });

export const MediaType = z.enum([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/tiff',
  'text/plain',
  'text/markdown',
]);

export const PageMethod = z.enum(['ocr', 'text-layer', 'text']);

export const SourcePage = z.object({
  n: z.number().int().min(1),
  method: PageMethod,
  /** Mean OCR word confidence 0-100; null when the page was not OCR'd. */
  confidence: z.number().min(0).max(100).nullable(),
  /** Degrees the page was turned before OCR. */
  rotation: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]),
});

export const Source = z.object({
  /** As given on the command line. */
  file: z.string(),
  sha256: Sha256Hex,
  bytes: z.number().int().min(0),
  mediaType: MediaType,
  pages: z.array(SourcePage),
  /** Other paths with the same bytes, seen in the same batch (addition to the contract). */
  aliases: z.array(z.string()).optional(),
});

export const Pipeline = z.object({
  version: z.string(),
  /** OCR engine and language, null when nothing was OCR'd. */
  ocr: z.string().nullable(),
  dictionaries: z.array(z.string()),
});

export const MeetingMode = z.enum(['in-person', 'online', 'hybrid']);

export const Meeting = z.object({
  body: z.string().nullable(),
  organization: z.string().nullable(),
  date: IsoDate.nullable(),
  startTime: Time.nullable(),
  endTime: Time.nullable(),
  mode: MeetingMode.nullable(),
  place: z.string().nullable(),
});

export const Officers = z.object({
  president: z.string().nullable(),
  secretary: z.string().nullable(),
});

export const AttendanceCategory = z.enum(['staff', 'guest']);

export const Attendance = z.object({
  n: z.number().int().min(1),
  entity: z.string().nullable(),
  person: z.string().nullable(),
  role: z.string().nullable(),
  present: z.boolean().nullable(),
  remote: z.boolean(),
  arrivedAt: Time.nullable(),
  leftAt: Time.nullable(),
  span: Span.nullable(),
  /** The name as printed, where it differs from `person` (addition). */
  label: z.string().optional(),
  /** The reason or code of an absence as printed: `giustificato`, `AG`, `No` (addition; null when present). */
  absence: z.string().nullable().optional(),
  /** A note printed beside the name: `entrata alle ore 17.53`, `in collegamento meet` (addition). */
  note: z.string().nullable().optional(),
});

/** Staff and guests: listed apart from the voting members (addition to the contract). */
export const StaffEntry = z.object({
  category: AttendanceCategory,
  entity: z.string().nullable(),
  person: z.string().nullable(),
  role: z.string().nullable(),
  present: z.boolean().nullable(),
  span: Span.nullable(),
});

export const Speaker = z.object({
  name: z.string().nullable(),
  label: z.string(),
  role: z.string().nullable(),
  entity: z.string().nullable(),
});

export const Turn = z.object({
  speaker: Speaker,
  text: z.string(),
  span: Span.nullable(),
  /** How the text gives the speaker: a label or heading opening the speech, or a narrative that reports it (addition). */
  mode: z.enum(['label', 'reported']).optional(),
  /** The speaker is neither in the attendance nor a listed guest or officer (addition). */
  resolved: z.boolean().optional(),
});

/** A count field of a vote. */
export const VoteField = z.enum(['favorevoli', 'contrari', 'astenuti', 'votanti', 'presenti', 'nonVotanti', 'assenti']);

export const Votes = z.object({
  favorevoli: z.number().int().min(0).nullable(),
  contrari: z.number().int().min(0).nullable(),
  astenuti: z.number().int().min(0).nullable(),
  unanimous: z.boolean(),
  against: z.array(z.string()),
  abstainers: z.array(z.string()),
  /** Members present at the vote, where printed (addition). */
  presenti: z.number().int().min(0).nullable().optional(),
  /** Members who voted, where printed (addition). */
  votanti: z.number().int().min(0).nullable().optional(),
  /** Named voters in favour, where printed (addition). */
  inFavour: z.array(z.string()).optional(),
  /**
   * What the text printed for each count it prints, exactly: `11`, `dieci`,
   * `nessuno`, `/`, `//`, `` (a blank), `names` (counted from a named list).
   * A count is a number only where a number (or `nessuno`, or a named list)
   * is printed; a blank or a slash leaves it null (addition).
   */
  printed: z.partialRecord(VoteField, z.string()).optional(),
  /** How the vote was taken, where the text says (addition). */
  method: z.enum(['show-of-hands', 'roll-call', 'electronic', 'secret']).nullable().optional(),
});

export const Outcome = z.enum(['approved', 'rejected', 'acknowledged', 'other']);

export const Decision = z.object({
  text: z.string(),
  outcome: Outcome,
  /** Null when no vote is recorded. */
  votes: Votes.nullable(),
  span: Span.nullable(),
  /** What the vote was on: the deliberation, its immediate enforceability, an amendment, or the conduct of the sitting (addition). */
  subject: z.enum(['deliberation', 'immediate-execution', 'amendment', 'procedural']),
  /** A secret ballot's figures: voters, blank and spoilt ballots, votes per candidate (addition). */
  ballot: z
    .object({
      votanti: z.number().int().min(0).nullable(),
      bianche: z.number().int().min(0).nullable(),
      nulle: z.number().int().min(0).nullable(),
      results: z.array(z.object({ candidate: z.string(), votes: z.number().int().min(0) })),
    })
    .nullable()
    .optional(),
});

export const AgendaItem = z.object({
  number: z.number().int().min(0).nullable(),
  /** The number in the agenda as convened, where the sitting reordered it (`in origine punto 2`) (addition). */
  originalNumber: z.number().int().min(0).nullable().optional(),
  /** `discussed`, or `not-discussed` for an item listed in the agenda that the minutes never reach (addition). */
  status: z.enum(['discussed', 'not-discussed']).optional(),
  title: z.string(),
  span: Span.nullable(),
  turns: z.array(Turn),
  decisions: z.array(Decision),
});

export const EventType = z.enum(['arrival', 'departure']);

export const MeetingEvent = z.object({
  type: EventType,
  time: Time.nullable(),
  person: z.string().nullable(),
  entity: z.string().nullable(),
  role: z.string().nullable(),
  agendaItem: z.number().int().nullable(),
  span: Span.nullable(),
});

export const Signature = z.object({
  role: z.string(),
  person: z.string().nullable(),
});

export const Attachment = z.object({
  title: z.string(),
  text: z.string(),
  span: Span.nullable(),
});

export const CorrectionRule = z.enum(['glyph', 'accent', 'lexical', 'names', 'layout', 'noise']);

export const Correction = z.object({
  from: z.string(),
  to: z.string(),
  rule: CorrectionRule,
  page: z.number().int().min(1),
  rawOffset: z.number().int().min(0),
  cleanOffset: z.number().int().min(0),
  confidence: z.number().min(0).max(1),
  /** The rule's sub-class, e.g. `glyph/e-grave` (addition). */
  ruleId: z.string().optional(),
});

export const Warning = z.object({
  /** One of the codes in docs/record.md (`WarningCode` in schemas/warnings.ts). */
  code: z.string(),
  message: z.string(),
  span: Span.nullable(),
  /** The page the warning is about, also when there is no span (addition). */
  page: z.number().int().min(1).nullable().optional(),
  /** Which stage or reader raised it: `verbali:segment/votes`, `verbali:ocr` (addition). */
  source: z.string().optional(),
});

export const RecordText = z.object({
  /** OCR or text-layer output exactly as produced, pages joined with `\f`. */
  raw: z.string(),
  /** The corrected text every span points into. */
  clean: z.string(),
});

/** What the document is (addition). */
export const DocumentKind = z.enum(['verbale', 'deliberazione', 'other']);

/** A roll call during the sitting: when, the count printed, the members named (addition). */
export const RollCall = z.object({
  time: Time.nullable(),
  present: z.number().int().min(0).nullable(),
  names: z.array(z.string()),
  span: Span.nullable(),
});

/** The count the opening states: `sono presenti n. 11 Consiglieri`, `Presenti n° 20 Assenti n° 5` (addition). */
export const OpeningCount = z.object({
  present: z.number().int().min(0).nullable(),
  absent: z.number().int().min(0).nullable(),
  span: Span.nullable(),
});

/** A change of chair during the sitting (addition). */
export const ChairChange = z.object({ person: z.string(), span: Span.nullable() });

export const VerbaleRecord = z.object({
  schema: z.literal(RECORD_SCHEMA_ID),
  kind: DocumentKind.optional(),
  id: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  source: Source,
  pipeline: Pipeline,
  meeting: Meeting,
  officers: Officers,
  /** Changes of chair after the opening, in order (addition). */
  chairs: z.array(ChairChange).optional(),
  openingCount: OpeningCount.nullable().optional(),
  attendance: z.array(Attendance),
  rollCalls: z.array(RollCall).optional(),
  staff: z.array(StaffEntry),
  agenda: z.array(AgendaItem),
  /**
   * Speeches before the first agenda item, which no item holds: the chair's opening words, communications,
   * question time (addition). Empty where the proceedings open on an item or where the sitting treats no item
   * (its speeches are then one item without a number).
   */
  turnsBeforeAgenda: z.array(Turn).optional(),
  events: z.array(MeetingEvent),
  signatures: z.array(Signature),
  attachments: z.array(Attachment),
  text: RecordText,
  corrections: z.array(Correction),
  warnings: z.array(Warning),
});

export type Span = z.infer<typeof Span>;
export type MediaType = z.infer<typeof MediaType>;
export type SourcePage = z.infer<typeof SourcePage>;
export type Source = z.infer<typeof Source>;
export type Pipeline = z.infer<typeof Pipeline>;
export type Meeting = z.infer<typeof Meeting>;
export type Officers = z.infer<typeof Officers>;
export type Attendance = z.infer<typeof Attendance>;
export type StaffEntry = z.infer<typeof StaffEntry>;
export type Speaker = z.infer<typeof Speaker>;
export type Turn = z.infer<typeof Turn>;
export type Votes = z.infer<typeof Votes>;
export type Decision = z.infer<typeof Decision>;
export type AgendaItem = z.infer<typeof AgendaItem>;
export type MeetingEvent = z.infer<typeof MeetingEvent>;
export type Signature = z.infer<typeof Signature>;
export type Attachment = z.infer<typeof Attachment>;
export type Correction = z.infer<typeof Correction>;
export type Warning = z.infer<typeof Warning>;
export type VerbaleRecord = z.infer<typeof VerbaleRecord>;
export type DocumentKind = z.infer<typeof DocumentKind>;
export type RollCall = z.infer<typeof RollCall>;
export type OpeningCount = z.infer<typeof OpeningCount>;
export type ChairChange = z.infer<typeof ChairChange>;

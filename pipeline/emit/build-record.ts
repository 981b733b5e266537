import type { Correction, MediaType, Pipeline, SourcePage } from '../../schemas/index.js';
import { RECORD_SCHEMA_ID, VerbaleRecord } from '../../schemas/index.js';
import { VerbaliError } from '../errors.js';
import type { Structure } from '../segment/index.js';

/** Everything the stages produced for one document. */
export interface RecordParts {
  source: { file: string; sha256: string; bytes: number; mediaType: MediaType; pages: SourcePage[]; aliases?: string[] };
  pipeline: Pipeline;
  raw: string;
  clean: string;
  corrections: Correction[];
  structure: Structure;
}

/**
 * Assemble and validate the record. A record the schema rejects is a bug in
 * verbali, never output: it is thrown as `E_SCHEMA` with zod's reasons.
 */
export function buildRecord(parts: RecordParts): VerbaleRecord {
  const { structure } = parts;
  const candidate = {
    schema: RECORD_SCHEMA_ID,
    id: `sha256:${parts.source.sha256}`,
    kind: structure.kind,
    source: parts.source,
    pipeline: parts.pipeline,
    meeting: structure.meeting,
    officers: structure.officers,
    chairs: structure.chairs,
    openingCount: structure.openingCount,
    attendance: structure.attendance,
    rollCalls: structure.rollCalls,
    staff: structure.staff,
    agenda: structure.agenda,
    turnsBeforeAgenda: structure.turnsBeforeAgenda,
    events: structure.events,
    signatures: structure.signatures,
    attachments: structure.attachments,
    text: { raw: parts.raw, clean: parts.clean },
    corrections: parts.corrections,
    warnings: structure.warnings,
  };
  const parsed = VerbaleRecord.safeParse(candidate);
  if (!parsed.success) {
    const reasons = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new VerbaliError('E_SCHEMA', `the record failed validation (a bug in verbali, please report it): ${reasons}`, {
      file: parts.source.file,
      cause: parsed.error,
    });
  }
  return parsed.data;
}

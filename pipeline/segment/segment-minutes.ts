import { z } from 'zod';
import type { AttendanceContext } from './attendance.js';
import { planBlocks } from './blocks.js';
import { buildStructure, type Structure } from './build-structure.js';
import { loadSegmentLexicon, type SegmentLexicon } from './lexicon.js';
import { personName } from './natural-case.js';
import { identityMap } from './offset-map.js';
import { readMarkdown } from './read-markdown.js';
import { matchTurnLabel, parseLabel } from './speakers.js';
import { writeMarkdown } from './write-markdown.js';

/** Options of the segment stage (none yet: the genre's vocabulary is in `dictionaries/segment-lexicon.json`). */
export const SegmentOptions = z.object({});
export type SegmentOptions = z.input<typeof SegmentOptions>;

/** What the segment stage reads besides the text. */
export interface SegmentContext {
  lexicon: SegmentLexicon;
  /** Official spelling of a comune from its printed name, or null (see `NameDictionary`). */
  comune: (printed: string) => string | null;
}

export interface SegmentResult {
  /** The reviewable Markdown (`run --out` writes it as `<name>.md`). */
  markdown: string;
  structure: Structure;
}

export function createSegmentContext(comune: SegmentContext['comune'] = () => null): SegmentContext {
  return { lexicon: loadSegmentLexicon(), comune };
}

/**
 * Segment clean text: render it as Markdown, then read the structure back from
 * the Markdown syntax tree, so the text a person reviews and the record never
 * disagree. Spans point into `clean`.
 */
export function segmentMinutes(clean: string, _options: SegmentOptions = {}, ctx: SegmentContext = createSegmentContext()): SegmentResult {
  const attendanceCtx: AttendanceContext = { lexicon: ctx.lexicon, comune: ctx.comune, knownPeople: labelledPeople(clean, ctx.lexicon) };
  const { markdown, map } = writeMarkdown(clean, planBlocks(clean, attendanceCtx));
  const structure = buildStructure(readMarkdown(markdown, map, ctx.lexicon), clean, ctx.lexicon);
  return { markdown, structure };
}

/**
 * Segment Markdown a person reviewed (as `run --out` wrote it): the Markdown
 * is the clean text, and spans point into it.
 */
export function segmentMarkdown(markdown: string, _options: SegmentOptions = {}, ctx: SegmentContext = createSegmentContext()): SegmentResult {
  return { markdown, structure: buildStructure(readMarkdown(markdown, identityMap, ctx.lexicon), markdown, ctx.lexicon) };
}

/** Names the speaker labels print, in natural case: evidence for cutting the attendance's name lines. */
function labelledPeople(clean: string, lex: SegmentLexicon): Set<string> {
  const people = new Set<string>();
  for (const line of clean.split('\n')) {
    const label = matchTurnLabel(line, lex);
    const name = label ? parseLabel(label.label, lex).name : null;
    if (name) people.add(personName(name));
  }
  return people;
}

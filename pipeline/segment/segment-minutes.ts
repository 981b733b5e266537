import { z } from 'zod';
import { loadLexicon } from '../clean/lexicon.js';
import { buildStructure, type Structure } from './build-structure.js';
import { loadSegmentLexicon, type SegmentLexicon } from './lexicon.js';
import { identityMap } from './offset-map.js';
import type { WordKind, WordLookup } from './people.js';
import { documentWords, type Evidence, planBlocks } from './plan-blocks.js';
import { readMarkdown } from './read-markdown.js';
import { matchTurnLabel, parseLabel } from './turns.js';
import { writeMarkdown } from './write-markdown.js';

/** Options of the segment stage (none yet: the genre's vocabulary is in `dictionaries/segment-lexicon.json`). */
export const SegmentOptions = z.object({});
export type SegmentOptions = z.input<typeof SegmentOptions>;

/** What the segment stage reads besides the text. */
export interface SegmentContext {
  lexicon: SegmentLexicon;
  /** Official spelling of a comune from its printed name, or null (see `NameDictionary`). */
  comune: (printed: string) => string | null;
  /** What the Italian lexicon says of a word: evidence for telling names from words. */
  words: WordLookup;
}

export interface SegmentResult {
  /** The reviewable Markdown (`run --out` writes it as `<name>.md`). */
  markdown: string;
  structure: Structure;
  /** What each reader found, where, and how sure it is. */
  evidence: Evidence[];
}

/** The segment context: the genre's vocabulary, the comuni, and the lexicon (loaded once per process). */
export function createSegmentContext(comune: SegmentContext['comune'] = () => null, words?: WordLookup): SegmentContext {
  return { lexicon: loadSegmentLexicon(), comune, words: words ?? lexiconLookup() };
}

/** Words of the Italian lexicon as ordinary words, names it knows, or unknown. */
export function lexiconLookup(): WordLookup {
  const lexicon = loadLexicon();
  return (lower: string): WordKind => {
    const info = lexicon.get(lower);
    if (!info) return 'unknown';
    return info.word ? 'common' : info.proper ? 'proper' : 'unknown';
  };
}

/**
 * Segment clean text: read its evidence into blocks, render them as Markdown,
 * then read the structure back from the Markdown syntax tree, so the text a
 * person reviews and the record never disagree. Spans point into `clean`.
 */
export function segmentMinutes(clean: string, _options: SegmentOptions = {}, ctx: SegmentContext = createSegmentContext()): SegmentResult {
  const plan = planBlocks(clean, {
    lexicon: ctx.lexicon,
    words: ctx.words,
    comune: ctx.comune,
    knownPeople: labelledPeople(clean, ctx),
    docWords: documentWords(clean),
  });
  const { markdown, map } = writeMarkdown(clean, plan.kind, plan.blocks);
  const structure = buildStructure(readMarkdown(markdown, map, ctx.lexicon), clean, { lexicon: ctx.lexicon, words: ctx.words });
  return { markdown, structure: withKindWarning(structure), evidence: plan.evidence };
}

/**
 * Segment Markdown a person reviewed (as `run --out` wrote it): the Markdown
 * is the clean text, and spans point into it.
 */
export function segmentMarkdown(markdown: string, _options: SegmentOptions = {}, ctx: SegmentContext = createSegmentContext()): SegmentResult {
  const structure = buildStructure(readMarkdown(markdown, identityMap, ctx.lexicon), markdown, { lexicon: ctx.lexicon, words: ctx.words });
  return { markdown, structure: withKindWarning(structure), evidence: [] };
}

/** A document that is not minutes gets an empty structure and says so. */
function withKindWarning(s: Structure): Structure {
  if (s.kind !== 'other') return s;
  return {
    ...s,
    attendance: [],
    staff: [],
    agenda: [],
    turnsBeforeAgenda: [],
    events: [],
    rollCalls: [],
    chairs: [],
    openingCount: null,
    warnings: [
      { code: 'not-minutes', message: 'the document does not read as minutes (no sitting, attendance, agenda or vote found): its structure is left empty', span: null, page: null, source: 'verbali:segment/kind' },
      ...s.warnings,
    ],
  };
}

/** Names the speaker labels print, in natural case: evidence for the order of a name in capitals. */
function labelledPeople(clean: string, ctx: SegmentContext): Set<string> {
  const people = new Set<string>();
  for (const line of clean.split('\n')) {
    const label = matchTurnLabel(line, ctx.lexicon, ctx.words);
    const name = label ? parseLabel(label.label, ctx.lexicon).name : null;
    // Only a name printed in mixed case shows its order (`Mario Rossi`); `ROSSI MARIO:` shows none.
    if (name && label && label.label !== label.label.toUpperCase()) people.add(name);
  }
  return people;
}

import type { LineInfo } from './classify.js';
import type { SegmentLexicon } from './lexicon.js';
import { textStart } from './lines.js';
import type { PeopleIndex, WordLookup } from './people.js';
import type { Block, Evidence } from './plan-blocks.js';
import { findSpeakerMentions, mentionsIn } from './turns.js';

/**
 * Speakers named in running text, marked where they are named (`Block.mentions`): in paragraphs and
 * decisions only, since inside a labelled speech a name is only referred to. A question's heading names its
 * questioner first, and the words under it are theirs; elsewhere the readers of reported speech decide.
 */
export function markSpeakers(
  blocks: readonly Block[],
  lines: readonly LineInfo[],
  clean: string,
  ctx: { lexicon: SegmentLexicon; people: PeopleIndex; words: WordLookup },
  evidence: Evidence[],
): void {
  const { lexicon: lex, people, words } = ctx;
  const questions = new Map(lines.filter((l) => l.question).map((l) => [textStart(l), l]));
  for (const b of blocks) {
    if (b.kind !== 'paragraph' && b.kind !== 'decision') continue;
    const parts = b.kind === 'decision' ? b.paragraphs : [b.range];
    for (const p of parts) {
      const from = p.start;
      // A heading with no words under it (the session's list of questions, each with its page) is no speech.
      const question = questions.get(from);
      const spoken = question && /[.?!][”"»)]?\s*\n\s*\S/u.test(clean.slice(from, p.end));
      const asker = spoken ? mentionsIn(question.text.trimStart(), lex, people, words).find((m) => m.named) : undefined;
      if (asker) {
        b.mentions.push({ start: from + asker.start, end: from + asker.end });
        evidence.push({ reader: 'turns', what: asker.text, range: { start: from + asker.start, end: from + asker.end }, confidence: 0.7 });
        continue;
      }
      for (const m of findSpeakerMentions(clean.slice(from, p.end), lex, people, words)) {
        b.mentions.push({ start: from + m.start, end: from + m.end });
        evidence.push({ reader: 'turns', what: m.text, range: { start: from + m.start, end: from + m.end }, confidence: 0.6 });
      }
    }
  }
}

import { type ItemHead, readItemHead } from './agenda.js';
import { isStaffLine } from './attendance-staff.js';
import { furnitureLines } from './furniture.js';
import { isClosingText } from './header.js';
import { alternation, alternationAnyCase, lexRegExp, type SegmentLexicon } from './lexicon.js';
import { type Line, splitLines } from './lines.js';
import type { WordLookup } from './people.js';
import { isSignatureRoleLine } from './signatures.js';
import { matchSpeakerHeading, matchSpeakerHeadingAcross, matchTurnLabel } from './turns.js';
import { isCountLine, isPresenceCountLine, isVoteLine } from './votes.js';

/** A line and what it is, decided once for every reader. */
export interface LineInfo extends Line {
  blank: boolean;
  /** Columns of indentation. */
  indent: number;
  /** A table-of-contents line (`Argomento n. 143 …… 6`): never structure. */
  toc: boolean;
  /** Letterhead, running header or footer, page number. */
  furniture: boolean;
  /** The agenda item the line opens, if it reads as a heading. */
  item: ItemHead | null;
  /** A numbered entry (`1.`, `2)`): its number and where its text starts. */
  numbered: { n: number; at: number } | null;
  /** A speaker label opening the line (`ROSSI:`, `PRESIDENTE.`) and where it ends. */
  label: { label: string; end: number } | null;
  /** A speaker heading alone on the line (`Consigliere Bellini (PD)`). */
  heading: boolean;
  /** A speaker heading that goes on to the next line: the office here, the name alone there (no label or heading of one line). */
  headingAcross: boolean;
  /** The line opens a question of question time (`N. 25 - Interrogazione della Consigliera X …`). */
  question: boolean;
  /** The line carries a vote (a count, a method, unanimity in a vote). */
  vote: boolean;
  /** The line is a count line of a vote block (`Favorevoli 10`, `Astenuti`, `Votazione palese …`). */
  voteWord: boolean;
  /** A count of those present and absent only (`Presenti n° 20 Assenti n° 5`): the opening's count before the body. */
  presenceCount: boolean;
  /** A dispositive heading (`DELIBERA`, `PROPONE`). */
  dispositive: boolean;
  /** After a dispositive heading, until the next item or signatures. */
  inDispositive: boolean;
  signatureRoles: boolean;
  closing: boolean;
}

/** A line that opens a speech: a label, a heading, or a heading over two lines. */
export const opensSpeech = (l: LineInfo): boolean => l.label !== null || l.heading || l.headingAcross;

const NUMBERED = /^\s*(\d{1,3})\s*[.)]\s+(?=\S)/u;
/** A question's heading: its number or none, the head, and whose (`N. 25 - Interrogazione della Consigliera …`). */
const QUESTION = (lex: SegmentLexicon) =>
  new RegExp(`^\\s*(?:(?:N\\.?\\s*)?\\d{1,3}\\s*[-–.)]\\s*)?(?:${alternationAnyCase(lex.questionHeads)})\\s+(?:del|della|dello|dei|delle|degli|dell['’])\\s*\\p{Lu}`, 'u');
/** Whether a line opens a question of question time (`N. 25 - Interrogazione della Consigliera X …`). */
export function opensQuestion(line: string, lex: SegmentLexicon): boolean {
  return lexRegExp(lex, QUESTION).test(line);
}
const TOC = /(?:\.{4,}|…{2,}|(?:\.\s){4,})\s*\d{1,4}\s*$/u;
const DISPOSITIVE = (lex: SegmentLexicon) => new RegExp(`^\\s*(?:[-–•]\\s*)?(?:(?:IL|LA)\\s+[\\p{Lu} ']+\\s+)?(?:${alternation(lex.dispositiveHeads)})\\s*[:.]?\\s*$`, 'u');

/** Split the clean text into lines and classify each line once. */
export function classifyLines(clean: string, lex: SegmentLexicon, words: WordLookup): LineInfo[] {
  const lines = splitLines(clean);
  const furniture = furnitureLines(lines);
  let inDispositive = false;
  const out: LineInfo[] = lines.map((l, k) => {
    const trimmed = l.text.trim();
    const blank = trimmed === '';
    const toc = TOC.test(l.text);
    const numbered = NUMBERED.exec(l.text);
    const item = blank || toc ? null : readItemHead(l.text, lex);
    const dispositive = !blank && lexRegExp(lex, DISPOSITIVE).test(l.text);
    if (item?.keyword) inDispositive = false;
    if (dispositive) inDispositive = true;
    const vote = !blank && !toc && (isVoteLine(l.text, lex) || voteAcrossBreak(l.text, lines[k + 1]?.text, lex));
    // `Responsabile Ufficio di Piano: Dott.ssa Carolina Angelini` names an office's holder: attendance, not a speech.
    const label = blank || toc || isStaffLine(l.text, lex) || continuesSentence(lines[k - 1]?.text, l.text) ? null : matchTurnLabel(l.text.trimStart(), lex, words);
    const heading = !blank && !toc && matchSpeakerHeading(l.text, lex, words);
    return {
      ...l,
      blank,
      indent: l.text.length - l.text.trimStart().length,
      toc,
      furniture: furniture.has(l.index),
      item,
      numbered: numbered ? { n: Number(numbered[1]), at: numbered[0].length } : null,
      label,
      heading,
      headingAcross: !blank && !toc && !label && !heading && matchSpeakerHeadingAcross(l.text, lines[k + 1]?.text, lines[k - 1]?.text, lex, words),
      question: !blank && !toc && opensQuestion(l.text, lex),
      vote,
      voteWord: vote && isCountLine(l.text, lex),
      presenceCount: vote && isPresenceCountLine(l.text, lex),
      dispositive,
      inDispositive: inDispositive && !dispositive,
      signatureRoles: !blank && isSignatureRoleLine(l.text, lex),
      closing: !blank && isClosingText(l.text, lex),
    };
  });
  return out;
}

/**
 * A line that goes on with the sentence the line above left open (it ends in
 * a lower-case word) cannot open a stenographic label: `… presentato da RFI
 * nel` / `PFTE. Dall'articolo …` is one sentence, not PFTE speaking. A label
 * with a colon is left alone.
 */
function continuesSentence(above: string | undefined, line: string): boolean {
  return above !== undefined && /\p{Ll}\s*$/u.test(above) && /^\s*[\p{Lu}'’\s-]{2,40}\.\s/u.test(line);
}

/**
 * A vote told across a line break (`… la Giunta, con voti` / `unanimi espressi in forma palese, approva`): the
 * line's last words and the next line's first make a vote that neither line makes alone. The line that opens it
 * carries the vote, so the decision starts there.
 */
function voteAcrossBreak(text: string, next: string | undefined, lex: SegmentLexicon): boolean {
  if (!next?.trim()) return false;
  const tail = text.trim().split(/\s+/).slice(-3).join(' ');
  const head = next.trim().split(/\s+/).slice(0, 6).join(' ');
  return !isVoteLine(head, lex) && !isVoteLine(tail, lex) && isVoteLine(`${tail} ${head}`, lex);
}

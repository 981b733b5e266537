import { type ItemStart, readItems, readListing } from './agenda.js';
import { type AttendanceContext, type AttendanceRegion, type MemberRow, readAttendance, type StaffRow } from './attendance.js';
import { parseRow } from './attendance-rows.js';
import { classifyLines, type LineInfo, opensSpeech } from './classify.js';
import { type DocumentKind, readKind } from './kind.js';
import { alternation, lexRegExp, type SegmentLexicon } from './lexicon.js';
import { type Line, type Range, sentences, textEnd, textStart } from './lines.js';
import { readOfficers } from './officers.js';
import { PeopleIndex, type WordLookup } from './people.js';
import { isSignerLine } from './signatures.js';
import { markSpeakers } from './speaker-marks.js';
import { isVoteLine, namesVoters, voteStartIn } from './votes.js';

/** A run of the clean text and what it is; the Markdown writer renders each kind its own way. */
export type Block =
  | { kind: 'paragraph'; range: Range; mentions: Range[] }
  | { kind: 'furniture'; range: Range }
  | { kind: 'listing'; range: Range }
  | { kind: 'attendance'; range: Range; members: MemberRow[]; staff: StaffRow[] }
  | { kind: 'item'; lines: Line[] }
  | { kind: 'turn'; range: Range; labelEnd: number; mentions: Range[] }
  | { kind: 'decision'; paragraphs: Range[]; mentions: Range[] }
  | { kind: 'signatures'; range: Range }
  | { kind: 'attachment'; range: Range };

/** What a reader found, where, and how sure it is (0-1): the plan's evidence, for debugging a reading. */
export interface Evidence {
  reader: 'kind' | 'attendance' | 'agenda' | 'listing' | 'turns' | 'votes' | 'signatures' | 'furniture';
  what: string;
  range: Range;
  confidence: number;
}

export interface Plan {
  kind: DocumentKind;
  blocks: Block[];
  evidence: Evidence[];
}

export interface PlanContext extends AttendanceContext {
  lexicon: SegmentLexicon;
  words: WordLookup;
}

/** Words a document prints, lower case: evidence for repairing names a text layer split. */
export function documentWords(clean: string): Set<string> {
  return new Set(clean.toLowerCase().match(/\p{L}+(?:['’]\p{L}+)*/gu) ?? []);
}

/**
 * Cut clean text into blocks by reading its evidence: lines classified once,
 * then the readers of kind, signatures, agenda (listing and items),
 * attendance, votes and speakers, and one pass that assembles them in text
 * order. A block is never invented: each covers text the document prints.
 */
export function planBlocks(clean: string, ctx: PlanContext): Plan {
  const lex = ctx.lexicon;
  const lines = classifyLines(clean, lex, ctx.words);
  const evidence: Evidence[] = [];
  const rangeOf = (a: number, b: number): Range => ({ start: textStart(lines[a] as Line), end: textEnd(lines[b] as Line) });

  const [sigStart, sigEnd] = signatureLines(lines, lex);
  const firstKeyword = lines.find((l) => l.index < sigStart && l.item?.keyword && l.item.number !== null && !l.toc && !l.furniture)?.index ?? sigStart;
  const listing = readListing(lines, firstKeyword, lex);
  if (listing) evidence.push({ reader: 'listing', what: `${listing.entries.length} entries`, range: rangeOf(listing.first, listing.last), confidence: 0.8 });
  // A numbered line of names with marks or offices (`1) ROSSI Mario   Sindaco   X`) is a row of the attendance, not an item.
  const isRow = (l: LineInfo) => (parseRow(l.text, ctx, true) ?? []).some((c) => c.marks.length > 0 || c.role !== null);
  const items = readItems(lines, 0, sigStart, listing, lex, isRow);
  for (const it of items) evidence.push({ reader: 'agenda', what: `item ${it.number ?? '-'}${it.original ? ` (was ${it.original})` : ''}`, range: rangeOf(it.line, it.last), confidence: lines[it.line]?.item?.keyword ? 0.9 : 0.6 });
  const firstBody = Math.min(
    ...items.filter((it) => it.number !== null).map((it) => it.line),
    ...lines.filter((l) => l.index < sigStart && (opensSpeech(l) || (l.voteWord && !l.presenceCount))).map((l) => l.index).slice(0, 1),
    sigStart,
  );
  const itemLines = new Set(items.flatMap((it) => range(it.line, it.last)));
  // A transcript calls the roll inside the first speeches: the attendance is read up to the first item or vote.
  const attendanceEnd = Math.min(
    ...items.filter((it) => it.number !== null).map((it) => it.line),
    ...lines.filter((l) => l.index < sigStart && l.voteWord && !l.presenceCount).map((l) => l.index).slice(0, 1),
    sigStart,
  );
  const regions = readAttendance(lines, 0, Math.max(firstBody, attendanceEnd), ctx, (i) => itemLines.has(i));
  for (const r of regions) evidence.push({ reader: 'attendance', what: `${r.members.length} members, ${r.staff.length} others`, range: rangeOf(r.first, r.last), confidence: 0.8 });
  const { kind, confidence } = readKind(lines, items.length, regions.some((r) => r.members.length > 0), lex);
  evidence.push({ reader: 'kind', what: kind, range: { start: 0, end: 0 }, confidence });
  if (kind === 'other') return { kind, blocks: paragraphsOf(lines, 0, lines.length), evidence };

  // People the document lists: evidence for reading a bare surname as a speaker.
  const people = new PeopleIndex();
  for (const r of regions) {
    for (const m of r.members) if (m.person) people.add({ name: m.person, role: m.role, entity: m.entity, member: true });
    for (const s of r.staff) if (s.person) people.add({ name: s.person, role: s.role, entity: s.entity, member: false });
  }
  const front = clean.slice(0, lines[firstBody]?.start ?? clean.length);
  const officers = readOfficers(front, clean, lex, ctx.words);
  for (const o of [officers.president, officers.secretary, ...officers.chairs]) if (o) people.add({ name: o.name, role: null, entity: null, member: false });

  const blocks: Block[] = [];
  const byLine = new Map<number, 'attendance' | 'listing' | 'item'>();
  for (const r of regions) for (const i of range(r.first, r.last)) byLine.set(i, 'attendance');
  if (listing) for (const i of range(listing.first, listing.last)) byLine.set(i, 'listing');
  for (const i of itemLines) byLine.set(i, 'item');

  let i = 0;
  while (i < sigStart) {
    const line = lines[i] as LineInfo;
    const role = byLine.get(i);
    if (role === 'attendance') {
      const r = regions.find((x) => x.first === i) as AttendanceRegion;
      blocks.push({ kind: 'attendance', range: rangeOf(r.first, r.last), members: r.members, staff: r.staff });
      i = r.last + 1;
      continue;
    }
    if (role === 'listing' && listing) {
      blocks.push({ kind: 'listing', range: rangeOf(listing.first, listing.last) });
      i = listing.last + 1;
      continue;
    }
    if (role === 'item') {
      const it = items.find((x) => x.line === i) as ItemStart;
      blocks.push({ kind: 'item', lines: lines.slice(it.line, it.last + 1) });
      i = it.last + 1;
      continue;
    }
    if (line.blank) {
      i++;
      continue;
    }
    if (line.furniture || line.toc) {
      blocks.push({ kind: 'furniture', range: rangeOf(i, i) });
      i++;
      continue;
    }
    if (line.vote && !(line.presenceCount && (i < firstBody || !votesFollow(lines, i, sigStart)))) {
      i = decision(lines, i, sigStart, blocks, clean, lex, byLine);
      continue;
    }
    if (opensSpeech(line)) {
      i = turn(lines, i, sigStart, blocks, byLine);
      continue;
    }
    i = paragraph(lines, i, sigStart, blocks, byLine, clean, lex);
  }
  if (sigStart < lines.length) {
    blocks.push({ kind: 'signatures', range: rangeOf(sigStart, Math.max(sigStart, sigEnd - 1)) });
    evidence.push({ reader: 'signatures', what: 'signature block', range: rangeOf(sigStart, Math.max(sigStart, sigEnd - 1)), confidence: 0.8 });
  }
  blocks.push(...attachments(lines, sigEnd));

  for (const b of blocks) {
    if (b.kind === 'decision') {
      const r = { start: b.paragraphs[0]?.start ?? 0, end: b.paragraphs[b.paragraphs.length - 1]?.end ?? 0 };
      evidence.push({ reader: 'votes', what: clean.slice(r.start, Math.min(r.end, r.start + 60)).replace(/\s+/g, ' '), range: r, confidence: 0.8 });
    } else if (b.kind === 'furniture') evidence.push({ reader: 'furniture', what: 'page furniture', range: b.range, confidence: 0.7 });
    else if (b.kind === 'turn') evidence.push({ reader: 'turns', what: clean.slice(b.range.start, b.labelEnd), range: { start: b.range.start, end: b.labelEnd }, confidence: 0.9 });
  }
  markSpeakers(blocks, lines, clean, { lexicon: lex, people, words: ctx.words }, evidence);
  return { kind, blocks, evidence };
}

const range = (a: number, b: number) => Array.from({ length: Math.max(0, b - a + 1) }, (_, k) => a + k);

/** The signature block: office lines after the closing (or in the second half), with the names under them. */
function signatureLines(lines: readonly LineInfo[], lex: SegmentLexicon): [number, number] {
  const closing = lines.map((l) => l.closing).lastIndexOf(true);
  const from = closing === -1 ? Math.floor(lines.length / 2) : closing + 1;
  let start = lines.findIndex((l, i) => i >= from && l.signatureRoles);
  if (start === -1) return [lines.length, lines.length];
  // `LETTO, APPROVATO E SOTTOSCRITTO` just above belongs to the block.
  while (start > from && (lines[start - 1] as LineInfo).blank) start--;
  if (start > from && /letto|sottoscritto|firmato/iu.test((lines[start - 1] as LineInfo).text)) start--;
  while ((lines[start] as LineInfo).blank) start++;
  // The block runs over offices, their full titles and the signers' names, to a page break, the blank line after
  // the last signer, or a line of prose.
  let end = start + 1;
  let lastUseful = start;
  let sawSigner = false;
  while (end < lines.length && end - start < 12) {
    const l = lines[end] as LineInfo;
    if (l.pageBreak && !l.furniture) break;
    const signer = isSignerLine(l.text, lex);
    if (l.blank) {
      // A blank line after a signer ends the block, unless more offices follow (`IL SINDACO` / … / `IL CONSIGLIERE ANZIANO   IL SEGRETARIO`).
      const next = lines.slice(end + 1).find((n) => !n.blank);
      if (sawSigner && end > lastUseful && !next?.signatureRoles) break;
    } else if (l.signatureRoles || signer || /\(?(?:firmato|f\.to)\b|digitalmente|sottoscritt/iu.test(l.text) || l.furniture || /^[\s_]+$/.test(l.text)) {
      lastUseful = end;
      // (A line of offices in capitals reads like names: it is no signer. A line of underscores is the line to sign on.)
      sawSigner ||= signer && !l.signatureRoles;
    } else if (l.text.trim().length < 100 && !/[.;]\s*$/.test(l.text) && !sawSigner) lastUseful = end;
    else break;
    end++;
  }
  return [start, lastUseful + 1];
}

/** A paragraph: lines until a blank line or a line that opens something else. */
function paragraph(lines: readonly LineInfo[], i: number, to: number, blocks: Block[], byLine: ReadonlyMap<number, string>, clean: string, lex: SegmentLexicon): number {
  let j = i;
  while (j + 1 < to) {
    const n = lines[j + 1] as LineInfo;
    if (n.blank || byLine.has(n.index) || opensSpeech(n) || n.question || n.furniture || n.toc || n.pageBreak) break;
    if (n.vote) {
      // A vote stated mid-line: the sentence before it stays in this paragraph.
      const at = voteStartIn(n.text, lex);
      if (at > 0) {
        blocks.push({ kind: 'paragraph', range: { start: textStart(lines[i] as Line), end: n.start + at }, mentions: [] });
        return decisionFrom(lines, j + 1, n.start + at, to, blocks, clean, lex, byLine);
      }
      break;
    }
    j++;
  }
  blocks.push({ kind: 'paragraph', range: { start: textStart(lines[i] as Line), end: textEnd(lines[j] as Line) }, mentions: [] });
  return j + 1;
}

/** A turn: a label or heading line, then the lines of the speech until a blank line or a line that opens something else. */
function turn(lines: readonly LineInfo[], i: number, to: number, blocks: Block[], byLine: ReadonlyMap<number, string>): number {
  const head = lines[i] as LineInfo;
  const labelStart = textStart(head);
  // A heading across two lines ends with the name on the second.
  const across = head.headingAcross && i + 1 < to;
  const labelEnd = head.label ? head.start + (head.text.length - head.text.trimStart().length) + head.label.end : textEnd(across ? (lines[i + 1] as LineInfo) : head);
  let j = across ? i + 1 : i;
  const headEnd = j;
  while (j + 1 < to) {
    const n = lines[j + 1] as LineInfo;
    // A heading's speech starts on the next line; a label's runs to the blank line.
    if ((n.blank && !((head.heading || across) && j === headEnd)) || byLine.has(n.index) || opensSpeech(n) || n.question || n.vote || n.furniture || n.toc) break;
    j++;
  }
  blocks.push({ kind: 'turn', range: { start: labelStart, end: textEnd(lines[j] as Line) }, labelEnd, mentions: [] });
  return j + 1;
}

function decision(lines: readonly LineInfo[], i: number, to: number, blocks: Block[], clean: string, lex: SegmentLexicon, byLine: ReadonlyMap<number, string>): number {
  const line = lines[i] as LineInfo;
  const at = voteStartIn(line.text, lex);
  if (at > 0) {
    blocks.push({ kind: 'paragraph', range: { start: textStart(line), end: line.start + at }, mentions: [] });
    return decisionFrom(lines, i, line.start + at, to, blocks, clean, lex, byLine);
  }
  return decisionFrom(lines, i, textStart(line), to, blocks, clean, lex, byLine);
}

/** A count of those present opens a vote block only when counts of the vote follow (`Consiglieri presenti n.20 (…)` / `Voti favorevoli n.16`). */
function votesFollow(lines: readonly LineInfo[], i: number, to: number): boolean {
  for (let k = i + 1; k < Math.min(to, i + 5); k++) {
    const l = lines[k] as LineInfo;
    if (l.vote && !l.presenceCount) return true;
  }
  return false;
}

const VOTE_CUE = /(?:pone|mette|messa|messo|posta|posto)\s+(?:quindi\s+|pertanto\s+|poi\s+)?(?:in\s+votazione|ai\s+voti)|(?:aperta|apre)\s+la\s+votazione|(?:con|per)\s+votazione|si\s+(?:procede\s+alla\s+|passa\s+alla\s+)?vota(?:zione)?|prepar\w+\s+(?:il\s+)?voto|votazione\s*:?\s*$/iu;
const DISPOSITIVE_LINE = /^\s*(?:[-–•·]\s*)?(?:di\s|DI\s|che\s|Di\s|\d{1,2}\s*[).]\s*(?:di|DI)\s|DELIBERA|DETERMINA|PROPONE|DICHIARA|APPROVA)/u;

/**
 * A decision: the vote's lines (counts, method, named voters, a result such as
 * `Il documento viene pertanto respinto.`), the sentence that put it to the
 * vote just before (`… pone in votazione il punto 2 …:`), and the dispositive
 * that follows (`DELIBERA` / `di approvare …`), across page furniture and
 * single blank lines.
 */
function decisionFrom(lines: readonly LineInfo[], i: number, start: number, to: number, blocks: Block[], clean: string, lex: SegmentLexicon, byLine: ReadonlyMap<number, string>): number {
  // The sentence that put it to the vote, at the end of the block just before.
  const prev = blocks[blocks.length - 1];
  let paragraphs: Range[] = [];
  if (prev && (prev.kind === 'paragraph' || prev.kind === 'turn') && clean.slice(prev.range.end, start).split('\n').length <= 3) {
    const from = prev.kind === 'turn' ? prev.labelEnd : prev.range.start;
    const ss = sentences(clean.slice(from, prev.range.end), from);
    const last = ss[ss.length - 1];
    if (last && VOTE_CUE.test(clean.slice(last.start, last.end))) {
      const cut = last.start;
      if (cut <= from) {
        if (prev.kind === 'paragraph') {
          blocks.pop();
          paragraphs = [{ start: prev.range.start, end: prev.range.end }];
        }
      } else {
        prev.range.end = trimEnd(clean, cut);
        paragraphs = [{ start: trimStart(clean, cut), end: last.end }];
      }
    }
  }
  let current: Range = { start, end: textEnd(lines[i] as Line) };
  let j = i;
  let sawDispositive = false;
  while (j + 1 < to) {
    const n = lines[j + 1] as LineInfo;
    if (byLine.has(n.index) || opensSpeech(n) || n.closing) break;
    if (n.furniture || n.toc) {
      j++;
      continue;
    }
    if (n.blank || isRule(n)) {
      // Past a blank line (or a page's rule under its header) only into more of the vote or its dispositive.
      let k = j + 1;
      while (k < to && ((lines[k] as LineInfo).blank || (lines[k] as LineInfo).furniture || isRule(lines[k] as LineInfo))) k++;
      const after = lines[k];
      if (!after || k >= to || byLine.has(k)) break;
      // At most two blank lines; a page turn between (its footer, header) brings its own.
      const pageTurn = lines.slice(j + 1, k).some((l) => l.furniture) || clean.slice(current.end, textStart(after)).includes('\f');
      if (k - j > (pageTurn ? 12 : 3)) break;
      // A list of voters cut by OCR's paragraph break (`… Lorusso,` / blank / `Morea, …`) goes on too.
      const listOpen = /,\s*$/.test(clean.slice(current.start, current.end));
      const more = listOpen || after.voteWord || after.dispositive || namesVoters(after.text, lex) || (sawDispositive && DISPOSITIVE_LINE.test(after.text)) || (after.vote && /^\s*(?:e|ed|con|successivamente|quindi|indi)[\s,]/iu.test(after.text));
      if (!more) break;
      paragraphs.push(current);
      current = { start: textStart(after), end: textEnd(after) };
      if (after.dispositive) sawDispositive = true;
      j = k;
      continue;
    }
    // On the next line only what continues the vote: more counts, a sentence or a list still open, the dispositive.
    const prevText = clean.slice(current.start, current.end);
    // A line ending with a colon introduces what follows (`Ottengono voti:` / the candidates).
    const open = !/[.;!?]\s*$/.test(prevText) || prevText.split('(').length > prevText.split(')').length;
    // `Il documento viene pertanto respinto.`, `La delibera è immediatamente eseguibile.`, `Approvata.`
    const result = /^\s*(?:(?:approvat|respint|accolt|bocciat)\w*[.!]|[^.]{0,60}?(?:è|viene|vengono|sono|risulta|risultano)\s+(?:\p{L}+\s+){0,2}(?:approvat|respint|accolt|bocciat|immediatamente\s+eseguibil))/iu.test(n.text);
    if (!(n.vote || n.dispositive || open || result || (sawDispositive && DISPOSITIVE_LINE.test(n.text)))) break;
    if (n.dispositive) sawDispositive = true;
    current.end = textEnd(n);
    j++;
  }
  paragraphs.push(current);
  // A second vote told in the same paragraph (`… approva. Con separata unanime votazione la dichiara immediatamente
  // eseguibile.`) is a decision of its own.
  const last = paragraphs[paragraphs.length - 1] as Range;
  const second = lexRegExp(lex, SEPARATE_VOTE).exec(clean.slice(last.start, last.end));
  if (second && second.index > 0 && isVoteLine(clean.slice(last.start, last.start + second.index), lex)) {
    const at = last.start + second.index + second[0].length - (second[1] as string).length;
    blocks.push({ kind: 'decision', paragraphs: [...paragraphs.slice(0, -1), { start: last.start, end: trimEnd(clean, at) }], mentions: [] });
    blocks.push({ kind: 'decision', paragraphs: [{ start: at, end: last.end }], mentions: [] });
  } else blocks.push({ kind: 'decision', paragraphs, mentions: [] });
  return j + 1;
}

/** A sentence that opens a separate vote: `Con separata (unanime) votazione`, `Successivamente, con separata votazione`. */
const SEPARATE_VOTE = (lex: SegmentLexicon) =>
  new RegExp(`[.;]\\s+((?:successivamente,?\\s+)?con\\s+(?:${alternation(lex.votes.separate)})\\s+(?:\\p{L}+\\s+){0,2}votazione)`, 'iu');

/** A line of rule characters only (`______`, `------`): a page's header or footer rule, a separator. */
const isRule = (l: LineInfo) => !l.blank && /^[\s_\-–—=]+$/.test(l.text);

const trimEnd = (text: string, at: number) => {
  let e = at;
  while (e > 0 && /\s/.test(text[e - 1] as string)) e--;
  return e;
};
const trimStart = (text: string, at: number) => {
  let s = at;
  while (s < text.length && /\s/.test(text[s] as string)) s++;
  return s;
};

function paragraphsOf(lines: readonly LineInfo[], from: number, to: number): Block[] {
  const out: Block[] = [];
  let start: number | null = null;
  let end = 0;
  for (let i = from; i < to; i++) {
    const l = lines[i] as LineInfo;
    if (l.blank || l.pageBreak) {
      if (start !== null) out.push({ kind: 'paragraph', range: { start, end }, mentions: [] });
      start = null;
    }
    if (!l.blank) {
      start ??= textStart(l);
      end = textEnd(l);
    }
  }
  if (start !== null) out.push({ kind: 'paragraph', range: { start, end }, mentions: [] });
  return out;
}

/** What follows the signatures: slides, tables. One attachment per page, or per run of blank lines (3+). */
function attachments(lines: readonly LineInfo[], from: number): Block[] {
  const out: Block[] = [];
  let start: number | null = null;
  let end = 0;
  let blankRun = 0;
  for (let i = from; i < lines.length; i++) {
    const l = lines[i] as LineInfo;
    if ((l.pageBreak || blankRun >= 3) && start !== null) {
      out.push({ kind: 'attachment', range: { start, end } });
      start = null;
    }
    if (l.blank) blankRun++;
    else {
      blankRun = 0;
      start ??= textStart(l);
      end = textEnd(l);
    }
  }
  if (start !== null) out.push({ kind: 'attachment', range: { start, end } });
  return out;
}

import type { Decision, Votes } from '../../schemas/index.js';
import { alternation, cachedGlobal, cachedRegExp, findWord, hasWord, lexGlobal, lexRegExp, type SegmentLexicon } from './lexicon.js';
import { abbreviationEnds } from './lines.js';
import { wordsToNumber } from './numbers.js';

/** The count fields a vote can print, with the vocabulary each is written with. */
const FIELDS = ['favorevoli', 'contrari', 'astenuti', 'votanti', 'presenti', 'nonVotanti', 'assenti'] as const;
type Field = (typeof FIELDS)[number];
const words = (lex: SegmentLexicon, f: Field): readonly string[] => {
  const v = lex.votes;
  return { favorevoli: v.favour, contrari: v.against, astenuti: v.abstain, votanti: v.voters, presenti: v.present, nonVotanti: v.nonVoting, assenti: v.absent }[f];
};


const STARTS_WITH_COUNT = (lex: SegmentLexicon) =>
  new RegExp(`^\\s*(?:[-–•·●▪*]\\s*)?(?:(?:con|e|ed|voti|n\\.?)\\s+)?(?:${alternation([...FIELDS.flatMap((f) => words(lex, f))])})(?![\\p{L}])\\s*(?:[:=]|n\\s*[.°]|\\d|\\/|\\(|;|$)`, 'iu');
const COUNT_ANYWHERE = (lex: SegmentLexicon) =>
  new RegExp(`(?:(?<![\\p{L}])(?:${alternation([...lex.votes.favour, ...lex.votes.against, ...lex.votes.abstain, ...lex.votes.voters])})\\s*(?:[:=]\\s*)?(?:n\\s*[.°]\\s*)?\\d)|(?:\\d{1,3}\\s+(?:voti\\s+)?(?:favorevoli|contrari|astenut[oi]))`, 'iu');
const UNANIMITY_VOTE = (lex: SegmentLexicon) =>
  new RegExp(
    `(?:(?<![\\p{L}])(?:${alternation(lex.votes.voteCues)})(?![\\p{L}])[^.;]{0,60}(?:${alternation(lex.votes.unanimity)}))|(?:(?:all['’]|ad\\s+|a\\s+)(?:${alternation(lex.votes.unanimity)}))|(?:(?:${alternation(lex.votes.unanimity)})[^.;]{0,30}(?:vot[oi]|votazione|favorevol))|(?:(?:approvat|respint|adottat|accolt)\\w*\\s+a\\s+maggioranza)`,
    'iu',
  );
const DECISION_HEAD = (lex: SegmentLexicon) => new RegExp(`^\\s*(?:${alternation(lex.votes.decisionHeads)})\\s*:`, 'u');
/** `Il Consiglio prende atto della relazione.`: a body acknowledging, a decision without a vote. */
const ACKNOWLEDGES = (lex: SegmentLexicon) =>
  new RegExp(`(?:^|[.;]\\s+)(?:il|la|l['’])\\s*(?:${alternation(lex.bodies.map((b) => b.split(' ')[0] as string))})(?:\\s+\\p{L}+){0,3}?\\s+(?:${alternation(lex.votes.acknowledged.filter((w) => /atto/.test(w)))})`, 'iu');
const METHOD_LINE = /^\s*(?:[-–•·●▪*]\s*)?(?:votazione\s+(?:palese|segreta|a\s+scrutinio|per\s+appello|elettronica|nominale)|esito\s+della\s+votazione|chiusa\s+la\s+votazione|risultato\s+della\s+votazione|v\s?otazione\.?\s*$)/iu;
const SECRET = (lex: SegmentLexicon) => new RegExp(`(?:${alternation(lex.votes.secretBallot)})`, 'iu');

/** A line whose only counts are of those present and absent (`Presenti n° 20 Assenti n° 5`): an opening count, or part of a vote block. */
export function isPresenceCountLine(text: string, lex: SegmentLexicon): boolean {
  return lexRegExp(lex, STARTS_WITH_COUNT).test(text) && !lexRegExp(lex, COUNT_ANYWHERE).test(text) && !lexRegExp(lex, OTHER_COUNT_WORD).test(text);
}
const OTHER_COUNT_WORD = (lex: SegmentLexicon) =>
  new RegExp(`(?<![\\p{L}])(?:${alternation([...lex.votes.favour, ...lex.votes.against, ...lex.votes.abstain, ...lex.votes.voters])})(?![\\p{L}])`, 'iu');

/** `favorevoli dieci`, `contrari uno`, `astenuti nessuno`: a count in words after its word. */
function countInWords(text: string, lex: SegmentLexicon): boolean {
  for (const m of text.matchAll(lexGlobal(lex, WORD_THEN_WORD))) {
    const w = m[1] as string;
    if (wordsToNumber(w) !== null || isNone(w, lex)) return true;
  }
  return false;
}
const WORD_THEN_WORD = (lex: SegmentLexicon) =>
  new RegExp(`(?<![\\p{L}])(?:${alternation([...lex.votes.favour, ...lex.votes.against, ...lex.votes.abstain])})\\s*[:=]?\\s*(\\p{L}+)`, 'giu');

/** Does a line carry a vote: a count (`Favorevoli 10`, `Voti contrari n. //`, `con 12 voti favorevoli`, `favorevoli dieci`), a method (`Votazione palese …`), unanimity with a vote? */
export function isVoteLine(text: string, lex: SegmentLexicon): boolean {
  // Most lines say nothing of a vote: a cheap look for any of its words first.
  if (!lexRegExp(lex, ANY_VOTE_WORD).test(text)) return false;
  return (
    lexRegExp(lex, STARTS_WITH_COUNT).test(text) ||
    tableColumns(text, lex) !== null ||
    countInWords(text, lex) ||
    lexRegExp(lex, COUNT_ANYWHERE).test(text) ||
    METHOD_LINE.test(text) ||
    lexRegExp(lex, UNANIMITY_VOTE).test(text) ||
    lexRegExp(lex, SECRET).test(text) ||
    lexRegExp(lex, DECISION_HEAD).test(text) ||
    lexRegExp(lex, ACKNOWLEDGES).test(text)
  );
}

const ANY_VOTE_WORD = (lex: SegmentLexicon) =>
  new RegExp(
    `(?:${alternation([...FIELDS.flatMap((f) => words(lex, f)), ...lex.votes.unanimity, ...lex.votes.secretBallot, ...lex.votes.voteCues, ...lex.votes.decisionHeads, ...lex.votes.acknowledged])})|maggioranza|scrutinio`,
    'iu',
  );

/** Does a line only state a count, so that the lines around it belong to the same vote block (`Astenuti`, `Contrari /`, `• votanti: 11`)? */
export function isCountLine(text: string, lex: SegmentLexicon): boolean {
  return lexRegExp(lex, STARTS_WITH_COUNT).test(text) || METHOD_LINE.test(text) || tableColumns(text, lex) !== null;
}

/** A vote printed as a table whose counts cannot be read: no total row, or one whose cells do not fit the header. */
export function unreadVoteTable(text: string, lex: SegmentLexicon): boolean {
  const totals = tableTotals(text, lex);
  return totals !== null && Object.keys(totals).length === 0;
}

/** Where, in a line, the vote sentence starts (a vote stated at the end of a paragraph's line). */
export function voteStartIn(text: string, lex: SegmentLexicon): number {
  const cues = [lexRegExp(lex, COUNT_ANYWHERE).exec(text), lexRegExp(lex, UNANIMITY_VOTE).exec(text), METHOD_LINE.exec(text), lexRegExp(lex, ACKNOWLEDGES).exec(text)].filter(
    (m): m is RegExpExecArray => m !== null,
  );
  if (lexRegExp(lex, STARTS_WITH_COUNT).test(text) || lexRegExp(lex, DECISION_HEAD).test(text) || cues.length === 0) return 0;
  const at = Math.min(...cues.map((m) => m.index));
  // Back to the start of that sentence (an abbreviation's stop ends none: `…, dott. Luca Neri, la Giunta, con voti …`).
  const before = text.slice(0, at);
  let stop = Math.max(before.lastIndexOf('; '), before.lastIndexOf(': '));
  for (let dot = before.lastIndexOf('. '); dot > stop; dot = dot > 0 ? before.lastIndexOf('. ', dot - 1) : -1) {
    if (!abbreviationEnds(before, dot + 1)) {
      stop = dot;
      break;
    }
  }
  return stop === -1 ? 0 : stop + 2;
}

export interface ReadVotes extends Votes {
  presenti: number | null;
  votanti: number | null;
  inFavour: string[];
  printed: Partial<Record<Field, string>>;
  method: 'show-of-hands' | 'roll-call' | 'electronic' | 'secret' | null;
}

/** Names in the parentheses after a count: `Astenuti n. 4 ( Gualdi, Zanardi F., …)`, `Favorevoli 2 (Consiglieri Brambati e Pellegrini)`. */
function namesIn(list: string): string[] {
  return list
    .replace(/^\s*(?:i\s+|le\s+)?(?:consiglier[ei](?:\/[ie])?|consigliera|sigg?\.|signori)\s+/iu, '')
    .split(/\s*[,;]\s*|\s+(?:e|ed)\s+(?=(?:(?:il|la|i|le|gli)\s+)?(?:\p{Lu}|consiglier|sindac|assessor))/u)
    .map((s) => s.replace(/^(?:il|la|i|le|gli)\s+(?:consiglier[eai]|sindac[oa]|assessor[eia])\s+/iu, '').replace(/\s+/g, ' ').trim())
    .filter((s) => /\p{Lu}/u.test(s) && !/^(?:restant|rimanent|tutti|gli altri)/iu.test(s));
}

/** One side's phrases naming voters (`namedVoters` of the lexicon), any run of spaces between their words. */
const named = (lex: SegmentLexicon, side: keyof SegmentLexicon['votes']['namedVoters']) => alternation(lex.votes.namedVoters[side]).replace(/ /g, '\\s+');
const NAMES_VOTERS = (lex: SegmentLexicon) => new RegExp(`^\\s*(?:${named(lex, 'favour')}|${named(lex, 'against')}|${named(lex, 'abstain')})(?![\\p{L}])`, 'iu');

/** Does a line open with the names of who voted a way (`Si è astenuto il consigliere X.`): more of the vote before it. */
export function namesVoters(text: string, lex: SegmentLexicon): boolean {
  return lexRegExp(lex, NAMES_VOTERS).test(text);
}

/** A named list without counts: `Votano a favore: A, B e C.`, `Votano contro: D.`, `Si astengono: E.` */
function namedList(text: string, lead: string): string[] | null {
  const m = cachedRegExp(`(?:${lead})\\s*(?:i\\s+consiglieri\\s*)?:?\\s*([^.;:]+)`, 'iu').exec(text);
  if (!m) return null;
  if (/^\s*(?:nessuno|nessun)/iu.test(m[1] as string)) return [];
  return namesIn(m[1] as string);
}

const fieldsOfWords = new WeakMap<SegmentLexicon, Map<string, Field>>();
/** Each count word of the lexicon (lower case) to its field, built once per lexicon. */
function fieldOfWord(lex: SegmentLexicon): Map<string, Field> {
  let map = fieldsOfWords.get(lex);
  if (!map) {
    map = new Map(FIELDS.flatMap((f) => words(lex, f).map((w) => [w.toLowerCase(), f] as const)).reverse());
    fieldsOfWords.set(lex, map);
  }
  return map;
}

/**
 * A vote table's header (`COMUNE   PRESENTI   FAVOREVOLI   CONTRARI   ASTENUTI`): cells apart by two
 * spaces or a bar, three or more of them count words of different fields, no figure. Returns each
 * cell's field (null for a cell that names no count: the row's label).
 */
function tableColumns(line: string, lex: SegmentLexicon): (Field | null)[] | null {
  if (/\d/.test(line)) return null;
  let cells = line.trim().split(/\s*\|\s*|\s{2,}/u).filter(Boolean);
  // A scan read with its gaps closed (`COMUNE PRESENTI FAVOREVOLI CONTRARI ASTENUTI`): one word a cell, when every
  // word but a label's is a count's.
  const closed = cells.length < 3;
  if (closed) cells = line.trim().split(/\s+/u);
  if (cells.length < 3) return null;
  const fields = cells.map((c) => fieldOfWord(lex).get(c.toLowerCase()) ?? null);
  const named = fields.filter((f): f is Field => f !== null);
  if (closed && named.length < cells.length - 1) return null;
  return new Set(named).size >= 3 && named.length === new Set(named).size ? fields : null;
}

/**
 * The counts of a vote printed as a table, one row per Comune or group, from
 * its total row (`TOTALE   18   17   0   1`): each figure under its column's
 * field, in order (the label cells come first). Null when the text holds no
 * such table; empty when it has no total row that fits its header: the rows
 * are not summed here.
 */
function tableTotals(text: string, lex: SegmentLexicon): Partial<Record<Field, Count>> | null {
  const lines = text.split('\n');
  let columns: Field[] | null = null;
  let head = -1;
  for (const [k, l] of lines.entries()) {
    const found = tableColumns(l, lex);
    if (found) {
      columns = found.filter((f): f is Field => f !== null);
      head = k;
      break;
    }
  }
  if (!columns) return null;
  const totalRow = cachedRegExp(`^\\s*(?:${alternation(lex.votes.totalRow)})(?![\\p{L}])\\s*:?`, 'iu');
  const row = lines.slice(head + 1).find((l) => totalRow.test(l));
  if (!row) return {};
  const values = row.replace(totalRow, '').trim().split(/\s*\|\s*|\s+/u).filter(Boolean);
  if (values.length !== columns.length || !values.every((v) => /^(?:\d{1,3}|[-–/]{1,2})$/u.test(v))) return {};
  const out: Partial<Record<Field, Count>> = {};
  columns.forEach((f, k) => {
    const v = values[k] as string;
    out[f] = { value: /^\d/.test(v) ? Number(v) : null, printed: v, names: [] };
  });
  return out;
}

/** What follows a count word: a number, a slash, a number in words, `nessuno`; `n.` and a colon may come first. */
const VALUE = /^[ \t]*(?:[:=][ \t]*)?(?:n[ \t]*[.°][ \t]*(?:ro\.?)?[ \t]*|n\.ro[ \t]*)?(?:(\d{1,3})(?![\d]|[.,]\d)|(\/{1,2}|-{1,2}|–)|(\p{L}+))?/iu;
const PARENS = /^[ \t]*[,;]?[ \t]*\(([^()]*)\)/u;
const NEXT_LINE_PARENS = /^[ \t]*[,;]?[ \t]*\n[ \t]*\(([^()]*)\)/u;

interface Count {
  value: number | null;
  printed: string;
  names: string[];
}

/**
 * One count field as printed: `Favorevoli 11`, `Voti contrari n. //`,
 * `astenuti: nessuno`, `Astenuti` alone on its line (a blank), or, in prose,
 * `12 voti favorevoli`, `uno (Fornoni)`. Null when the text does not print it.
 */
function readCount(text: string, field: Field, lex: SegmentLexicon): Count | null {
  const alt = alternation(words(lex, field));
  const guard = field === 'votanti' ? '(?<!non\\s+)' : '';
  for (const m of text.matchAll(cachedGlobal(`${guard}(?<![\\p{L}])(?:${alt})(?![\\p{L}])`, 'giu'))) {
    // A line break may fall between the word and its count (`astenuti` / `1 (Chiara Ferrari)`, `contrari` / `sei (6)`).
    const raw = text.slice(m.index + m[0].length);
    const next = /^[ \t]*\n[ \t]*(\d|\p{L}+)/u.exec(raw)?.[1];
    const tail = next !== undefined && (/\d/.test(next) || wordsToNumber(next) !== null) ? raw.replace(/^[ \t]*\n/, ' ') : raw;
    const v = VALUE.exec(tail) as RegExpExecArray;
    const rest = tail.slice(v[0].length);
    // The names may come on the next line (`astenuti 4` / `(Rossi, Bianchi, Galli, Neri)`) when they are as many as the count.
    const below = NEXT_LINE_PARENS.exec(rest)?.[1];
    const names = PARENS.exec(rest)?.[1] ?? (below && v[1] !== undefined && namesIn(below).length === Number(v[1]) ? below : undefined);
    const lineStart = /(?:^|\n)[ \t]*(?:[-–•·●▪*][ \t]*)?(?:voti[ \t]+)?$/iu.test(text.slice(0, m.index));
    if (v[1] !== undefined) return { value: Number(v[1]), printed: v[1], names: names ? namesIn(names) : [] };
    if (v[2] !== undefined) return { value: null, printed: v[2], names: [] };
    if (v[3] !== undefined) {
      const word = v[3];
      if (isNone(word, lex)) return { value: 0, printed: word, names: [] };
      const n = wordsToNumber(word);
      if (n !== null) return { value: n, printed: word, names: names ? namesIn(names) : [] };
    }
    // `Astenuti` alone on its line in a vote block: printed blank.
    if (lineStart && /^[ \t]*[:=]?[ \t]*(?:\n|$)/u.test(tail) && (field === 'favorevoli' || field === 'contrari' || field === 'astenuti' || field === 'votanti')) {
      return { value: null, printed: '', names: [] };
    }
  }
  // The count before the word, its figure in parentheses too (`ed uno (1) astenuto`).
  for (const m of text.matchAll(cachedGlobal(`(?<![\\p{L}\\d])(\\d{1,3}|\\p{L}+)(?:\\s*\\(\\d{1,3}\\))?\\s+(?:voti\\s+)?(?:${alt})(?![\\p{L}])`, 'giu'))) {
    const value = /^\d/.test(m[1] as string) ? Number(m[1]) : wordsToNumber(m[1] as string);
    if (value === null) continue;
    const names = PARENS.exec(text.slice(m.index + m[0].length))?.[1];
    return { value, printed: m[1] as string, names: names ? namesIn(names) : [] };
  }
  return null;
}

/**
 * The votes a decision's text prints, exactly: each count in figures or words
 * (`n. 16`, `dieci`, `nessuno` = 0), a blank or `/` left null with what was
 * printed kept in `printed`; the names in parentheses per side; unanimity.
 * A count the text does not print is never filled in.
 */
export function parseVotes(text: string, lex: SegmentLexicon): ReadVotes | null {
  // A table's total row first: the count words of its header are no counts of their own.
  const counts: Partial<Record<Field, Count>> = tableTotals(text, lex) ?? {};
  for (const f of FIELDS) {
    const c = counts[f] ? null : readCount(text, f, lex);
    if (c) counts[f] = c;
  }
  const flat = text.replace(/\s+/g, ' ');
  const favourNames = namedList(flat, named(lex, 'favour'));
  const againstNames = namedList(flat, named(lex, 'against'));
  const abstainNames = namedList(flat, named(lex, 'abstain'));
  const fromNames = (f: Field, list: string[] | null) => {
    const had = counts[f];
    if (list && had?.value == null) counts[f] = { value: list.length, printed: 'names', names: list };
    // A count the table or the block printed, and the people it counts named in a sentence after it.
    else if (list && had && had.names.length === 0 && had.value === list.length) counts[f] = { ...had, names: list };
  };
  fromNames('favorevoli', favourNames);
  fromNames('contrari', againstNames);
  fromNames('astenuti', abstainNames);
  // `e l'astensione del Consigliere Rinaldi`: one abstention, named.
  const abstention = /l['’]\s*astensione\s+(?:del|della|dei|delle)\s+(?:consiglier[eai]\s+)?(\p{Lu}[\p{L}'’]+(?:\s+(?:e|ed|,)\s*\p{Lu}[\p{L}'’]+)*)/u.exec(flat);
  if (abstention && counts.astenuti?.value == null) {
    const names = namesIn(abstention[1] as string);
    counts.astenuti = { value: names.length, printed: 'names', names };
  }
  if (/nessun\s+astenut/iu.test(flat) && counts.astenuti?.value == null) counts.astenuti = { value: 0, printed: 'nessun astenuto', names: [] };
  if (/nessun\s+(?:voto\s+)?contrari/iu.test(flat) && counts.contrari?.value == null) counts.contrari = { value: 0, printed: 'nessun contrario', names: [] };
  // `presenti e votanti n. 14`, `12 consiglieri presenti e votanti`: one count for both.
  const both = cachedRegExp(`(?<![\\p{L}])(?:${alternation(words(lex, 'presenti'))})\\s+e\\s+(?:${alternation(words(lex, 'votanti'))})(?![\\p{L}])`, 'iu').test(flat);
  if (both) {
    if (counts.presenti && !counts.votanti) counts.votanti = counts.presenti;
    else if (counts.votanti && !counts.presenti) counts.presenti = counts.votanti;
  }
  const unanimous = hasWord(flat, lex.votes.unanimity);
  // The unanimous votes of the voters the text counts (`all'unanimità dei 12 votanti`) are that many in favour.
  if (unanimous && !counts.favorevoli && counts.votanti?.value != null) counts.favorevoli = { ...counts.votanti, names: [] };
  // Its count in parentheses (`voti unanimi favorevoli espressi in forma palese (n. 14)`): that many, all in favour.
  const counted = unanimous && !counts.favorevoli ? /\((?:n\s*[.°]\s*)?(\d{1,3})(?:\s+(?:voti|favorevoli|presenti|votanti))?\)/iu.exec(flat) : null;
  if (counted) counts.favorevoli = { value: Number(counted[1]), printed: counted[0], names: [] };
  // The votes of those present, unanimous and counted (`con voti unanimi dei 3 componenti presenti`): the votes are
  // theirs, so that many in favour. (`all'unanimità dei 12 presenti` says no more than that none dissented.)
  const ofPresent =
    unanimous && !counts.favorevoli
      ? cachedRegExp(`(?<![\\p{L}])voti\\s+(?:${alternation(lex.votes.unanimity)})\\s+(?:dei|degli|delle)\\s+(\\d{1,3})\\s+(?:\\p{L}+\\s+)?(?:${alternation([...words(lex, 'presenti'), ...words(lex, 'votanti')])})(?![\\p{L}])`, 'iu').exec(flat)
      : null;
  if (ofPresent) counts.favorevoli = { value: Number(ofPresent[1]), printed: ofPresent[0], names: [] };
  const stated = counts.favorevoli !== undefined || counts.contrari !== undefined || counts.astenuti !== undefined;
  if (!stated && !unanimous) return null;
  const method: ReadVotes['method'] = lexRegExp(lex, SECRET).test(flat)
    ? 'secret'
    : hasWord(flat, lex.votes.rollCall)
      ? 'roll-call'
      : /elettronic|chiusa\s+la\s+votazione/iu.test(flat)
        ? 'electronic'
        : /alzata\s+di\s+mano|palese/iu.test(flat)
          ? 'show-of-hands'
          : null;
  const printed: Partial<Record<Field, string>> = {};
  for (const f of FIELDS) if (counts[f]) printed[f] = (counts[f] as Count).printed;
  return {
    favorevoli: counts.favorevoli?.value ?? null,
    // Unanimity says no one was against or abstained; it does not say how many were in favour.
    contrari: counts.contrari?.value ?? (unanimous ? 0 : null),
    astenuti: counts.astenuti?.value ?? (unanimous ? 0 : null),
    unanimous,
    against: counts.contrari?.names ?? [],
    abstainers: counts.astenuti?.names ?? [],
    inFavour: counts.favorevoli?.names ?? [],
    presenti: counts.presenti?.value ?? null,
    votanti: counts.votanti?.value ?? null,
    printed,
    method,
  };
}

const isNone = (w: string, lex: SegmentLexicon) => lex.votes.none.some((n) => n.toLowerCase() === w.toLowerCase());

/** approved / rejected / acknowledged from the words, else from the counts. */
export function outcomeOf(text: string, votes: Votes | null, lex: SegmentLexicon): Decision['outcome'] {
  if (findWord(text, lex.votes.rejected)) return 'rejected';
  if (findWord(text, lex.votes.acknowledged) && !votes?.favorevoli) return 'acknowledged';
  if (findWord(text, lex.votes.approved) || /\bDELIBERA\b|all['’]unanimità|unanim/iu.test(text)) return 'approved';
  if (votes?.favorevoli != null && votes.contrari != null) return votes.favorevoli > votes.contrari ? 'approved' : 'rejected';
  return 'other';
}

export type Subject = 'deliberation' | 'immediate-execution' | 'amendment' | 'procedural';

/**
 * What a vote was on: the object of `pone in votazione …` / `il voto sul …`
 * when the text names it, else what the result says (`La delibera è
 * immediatamente eseguibile`, `L'emendamento è respinto`). A vote on the item
 * and its immediate enforceability together is on the deliberation.
 */
export function subjectOf(text: string, lex: SegmentLexicon): Subject {
  const flat = text.replace(/\s+/g, ' ');
  const object = /(?:pone\s+(?:quindi\s+|pertanto\s+)?in\s+votazione|mette\s+ai\s+voti|votazione\s+(?:per\s+appello\s+nominale\s+)?(?:su|sul|sulla|sull['’]|sugli)|il\s+voto\s+(?:su|sul|sulla|sull['’])|si\s+vota|votare)\s+(.{0,80})/iu.exec(flat)?.[1];
  const judge = (s: string): Subject | null => {
    if (/^(?:l['’]\s*)?(?:immediata|immediatamente)/iu.test(s.trim()) || (/^(?:la\s+)?(?:dichiarazione\s+di\s+)?immediat/iu.test(s.trim()))) return 'immediate-execution';
    if (cachedRegExp(`^(?:l['’]\\s*|gli\\s+|il\\s+)?(?:${alternation(lex.votes.amendment)})`, 'iu').test(s.trim())) return 'amendment';
    if (cachedRegExp(`^(?:la\\s+|il\\s+|l['’]\\s*)?(?:${alternation(lex.votes.procedural)})`, 'iu').test(s.trim())) return 'procedural';
    return null;
  };
  if (object) {
    const j = judge(object);
    if (j) return j;
    return 'deliberation';
  }
  const immediate = hasWord(flat, lex.votes.immediate);
  const separate = /separata\s+votazione|successivamente|con\s+separat/iu.test(flat);
  if (immediate && (separate || !/di\s+approvare|approvat[ao]|la\s+proposta/iu.test(flat.replace(/immediatamente\s+eseguibil\w*/giu, '')))) return 'immediate-execution';
  if (cachedRegExp(`(?:${alternation(lex.votes.amendment)})`, 'iu').test(flat) && !/la\s+proposta\s+(?:di\s+delibera(?:zione)?\s+)?(?:è|viene)\s+approvat/iu.test(flat)) return 'amendment';
  if (cachedRegExp(`(?:${alternation(lex.votes.procedural)})`, 'iu').test(flat)) return 'procedural';
  return 'deliberation';
}

/** A secret ballot's figures: `votanti: 11`, `schede bianche: 0`, `schede nulle: 0`, `Ferrante Lucia con n° voti 11`. */
export interface Ballot {
  votanti: number | null;
  bianche: number | null;
  nulle: number | null;
  results: { candidate: string; votes: number }[];
}

export function parseBallot(text: string, lex: SegmentLexicon): Ballot | null {
  if (!lexRegExp(lex, SECRET).test(text)) return null;
  const num = (re: RegExp) => {
    const m = re.exec(text);
    return m ? Number(m[1]) : null;
  };
  const results: Ballot['results'] = [];
  for (const m of text.matchAll(/^\s*(?:[-–•·]\s*)?(\p{Lu}[\p{L}'’]+(?:\s+\p{Lu}[\p{L}'’]+){1,3})\s*(?:con\s+)?(?:n\s*[°.]?\s*)?(?:voti\s*)?(\d{1,3})\s*(?:voti|voto)?\s*$/gmu)) {
    results.push({ candidate: (m[1] as string).trim(), votes: Number(m[2]) });
  }
  for (const m of text.matchAll(/^\s*(?:[-–•·]\s*)?(\p{Lu}[\p{L}'’]+(?:\s+\p{Lu}[\p{L}'’]+){1,3})\s+con\s+n\s*[°.]?\s*voti\s+(\d{1,3})\s*$/gmu)) {
    if (!results.some((r) => r.candidate === (m[1] as string).trim())) results.push({ candidate: (m[1] as string).trim(), votes: Number(m[2]) });
  }
  return {
    votanti: num(/votanti\s*:?\s*(?:n\s*[.°]\s*)?(\d{1,3})/iu),
    bianche: num(/schede\s+bianche\s*:?\s*(?:n\s*[.°]\s*)?(\d{1,3})/iu),
    nulle: num(/schede\s+nulle\s*:?\s*(?:n\s*[.°]\s*)?(\d{1,3})/iu),
    results,
  };
}

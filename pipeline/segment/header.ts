import type { Meeting } from '../../schemas/index.js';
import { findDate, parseTime, TIME_RE } from './dates.js';
import { alternation, alternationAnyCase, cachedRegExp, escapeRe, lexRegExp, type SegmentLexicon } from './lexicon.js';
import { naturalCase } from './natural-case.js';

/**
 * Letter-spaced words as title pages print them (`C o m u n e   di   P a d o v a`,
 * `V E R B A L E`): three or more single letters one space apart become a word.
 */
export function unspace(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      // A line spaced out letter by letter spaces its short words too (`C O M U N E   D I   M A C O M E R`).
      /(?<![\p{L}])\p{L}(?: \p{L}){2,}(?![\p{L}])/u.test(line) ? line.replace(/(?<![\p{L}])\p{L}(?: \p{L})+(?![\p{L}])/gu, (m) => m.replace(/ /g, '')) : line,
    )
    .join('\n');
}

/**
 * The meeting's header fields from the front matter (the text before the
 * first agenda item, with the attendance): body, organization, date, start
 * time, mode, place. `attendance` counts who attended in the room and from a
 * distance (someone `da remoto` makes a meeting in presence hybrid). Fields
 * the text does not state stay null.
 */
export function parseHeader(front: string, lex: SegmentLexicon, attendance: { remote: number; inRoom: number }, furniture = ''): Omit<Meeting, 'endTime'> {
  const text = unspace(front);
  const flat = text.replace(/\s+/g, ' ');
  // The body named first (the title), the longest name where two start together (`Giunta Comunale` in `DELIBERAZIONE DELLA GIUNTA COMUNALE`, not the Consiglio it proposes to).
  let body: string | null = null;
  let at = Number.POSITIVE_INFINITY;
  for (const b of lex.bodies) {
    const m = cachedRegExp(`(?<![\\p{L}])${escapeRe(b)}(?![\\p{L}])`, 'iu').exec(flat);
    if (m && (m.index < at || (m.index === at && b.length > (body?.length ?? 0)))) {
      body = b;
      at = m.index;
    }
  }
  return {
    body,
    // Letterhead names the comune a circoscrizione belongs to.
    organization: organizationOf(`${text}\n${unspace(furniture)}`, lex),
    date: findDate(flat, lex.months)?.date ?? null,
    startTime: startTimeOf(flat),
    mode: modeOf(flat, lex, attendance),
    place: placeOf(flat),
  };
}

const NAME_WORDS = "(?:\\p{Lu}[\\p{L}'’]*|di|del|della|dei|al|sul|in|d['’]|DI|DEL|DELLA)(?:\\s+(?:\\p{Lu}[\\p{L}'’]*|di|del|della|dei|al|sul|in|d['’]|DI|DEL|DELLA))*";
const ORG = (lex: SegmentLexicon) =>
  new RegExp(`(?<![\\p{L}])((?:${alternationAnyCase(lex.organizationHeads)})(?:\\s+[Nn]\\.?\\s*°?\\s*\\d{1,3})?)\\s+(?:(di|DI|Di|dei|DEI|della|DELLA|del|DEL)\\s+)?(${NAME_WORDS})`, 'u');
const SUB = (lex: SegmentLexicon) => new RegExp(`(?<![\\p{L}])(${alternationAnyCase(lex.subMunicipalHeads)})\\s+(?:(di|DI|Di|del|DEL)\\s+)?(${NAME_WORDS})`, 'u');

/**
 * The organization: the first line naming one (`COMUNE DI CLUSONE`, `CITTA' di
 * LAMEZIA TERME`, `DELL'AMBITO TERRITORIALE SOCIALE …`), up to where prose
 * starts. A body of a part of a comune (a circoscrizione, a municipio) belongs
 * to both: `Circoscrizione di Povo, Comune di Trento`.
 */
function organizationOf(text: string, lex: SegmentLexicon): string | null {
  const find = (re: RegExp) => {
    for (const line of text.split('\n')) {
      const m = re.exec(line);
      if (!m) continue;
      const name = `${m[1]}${m[2] ? ` ${m[2]}` : ''} ${cutAtLowerRun(m[3] as string)}`;
      return naturalCase(name.replace(/\s+/g, ' ').trim()).replace(/^(\p{Ll})/u, (c) => c.toUpperCase());
    }
    return null;
  };
  const sub = find(lexRegExp(lex, SUB));
  const org = find(lexRegExp(lex, ORG));
  if (sub && org && !org.toLowerCase().includes(sub.toLowerCase())) return `${sub}, ${org}`;
  return org ?? sub;
}

/** `VALLE SERIANA In data` → stop where ordinary prose (a capital then lower case words) starts. */
function cutAtLowerRun(name: string): string {
  const words = name.split(/\s+/);
  const upper = words[0] === words[0]?.toUpperCase();
  const out: string[] = [];
  for (const w of words) {
    if (upper && w !== w.toUpperCase()) break;
    if (!upper && out.length > 0 && /^\p{Lu}/u.test(w) && /^(?:Sede|Via|Piazza|Provincia|Tel|Servizio|Ufficio|Consiglio|Giunta|Verbale|Seduta|Prot)/u.test(w)) break;
    out.push(w);
  }
  while (out.length > 1 && /^(di|del|della|dei|al|sul|in|DI|DEL|DELLA)$/.test(out[out.length - 1] as string)) out.pop();
  return out.join(' ');
}

function startTimeOf(flat: string): string | null {
  const m = cachedRegExp(`(?:alle|all\\s?e|dalle|a\\s+partire\\s+dalle)\\s+${TIME_RE}`, 'i').exec(flat);
  if (m) return parseTime(m[1] as string, m[2]);
  // A heading's field: `Ora di inizio: 22.50`, `Inizio seduta: ore 21,00`.
  // Or a transcript's line, with no `ore`: `La seduta inizia alle 17,12`, `I lavori hanno inizio alle 9.30`.
  const field =
    /(?:ora\s+di\s+inizio|inizio\s+(?:della\s+)?(?:seduta|lavori))\s*:?\s*(?:ore\s+)?(\d{1,2})\s*[:.,]\s*(\d{2})/iu.exec(flat) ??
    /(?:la\s+seduta|i\s+lavori)\s+(?:inizia|iniziano|ha\s+inizio|hanno\s+inizio|si\s+apre|si\s+aprono|comincia|cominciano)\s+alle\s+(\d{1,2})\s*[:.,]\s*(\d{2})(?!\d)/iu.exec(flat);
  return field ? parseTime(field[1] as string, field[2]) : null;
}

function modeOf(flat: string, lex: SegmentLexicon, attendance: { remote: number; inRoom: number }): Meeting['mode'] {
  const online = cachedRegExp(`(?:${alternation(lex.onlineWords.filter((w) => w !== 'da remoto'))})`, 'iu').test(flat);
  const inPerson = cachedRegExp(`(?:${alternation(lex.inPersonWords)})`, 'iu').test(flat);
  if (online && inPerson) return 'hybrid';
  if (online) return 'online';
  if (attendance.remote > 0 && attendance.inRoom > 0) return 'hybrid';
  if (inPerson) return 'in-person';
  if (attendance.remote > 0 && attendance.inRoom === 0) return 'online';
  return null;
}

function placeOf(flat: string): string | null {
  // `nella solita sala delle adunanze`, `nella Sala consiliare del Palazzo comunale unitamente al Segretario`,
  // `presso la sede dell'Azienda ULSS n. 4` (a number's abbreviation is no full stop).
  const m = /\b(?:presso|nella|nel)\s+((?:la\s+|il\s+|l['’])?(?:(?:solita|consueta|apposita)\s+)?(?:sede|sala|residenza|palazzo|municipio|aula)\b(?:[^.;,]|(?<=(?<![\p{L}])n)\.(?=\s*\d)){0,80}?)(?=[;,]|\.(?!\s*\d)|\s+alle\s+ore|\s+in\s+seguito|\s+e\s+(?:da|in)\s|\s+(?:unitamente|insieme|previa|dove|ove)\s|$)/iu.exec(flat);
  return m ? (m[1] as string).trim() : null;
}

const CLOSING = (lex: SegmentLexicon) =>
  new RegExp(
    `(?:${alternation(lex.closingPhrases)})[^.]{0,80}?${TIME_RE}|${TIME_RE}[^.]{0,80}?(?:${alternation(lex.closingPhrases)})|(?:${alternation(lex.closingPhrases)})\\s+alle\\s+(\\d{1,2})\\s*[:.,]\\s*(\\d{2})(?!\\d)`,
    'iu',
  );

/** When the sitting closed: `si chiude alle ore 19:47`, `dichiara chiusa la seduta alle ore 23,05`, `Alle ore 19:40 … dichiara chiusa la seduta`. */
export function closingTimeOf(text: string, lex: SegmentLexicon): string | null {
  if (!/(?:ore|alle)\s+\d/i.test(text)) return null;
  const m = lexRegExp(lex, CLOSING).exec(text.replace(/\s+/g, ' '));
  if (!m) return null;
  // The hour and minutes of whichever form matched: `… alle ore 19:47`, `Alle ore 19:40 … chiusa`, `La seduta termina alle 19,48`.
  const at = [1, 3, 5].find((k) => m[k] !== undefined) as number;
  return parseTime(m[at] as string, m[at + 1]);
}

/** Does a text close the sitting? */
export function isClosingText(text: string, lex: SegmentLexicon): boolean {
  return closingTimeOf(text, lex) !== null;
}

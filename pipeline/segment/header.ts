import type { Meeting } from '../../schemas/index.js';
import { findDate, parseTime, TIME_RE } from './dates.js';
import { alternation, cachedRegExp, escapeRe, type SegmentLexicon } from './lexicon.js';
import { naturalCase } from './natural-case.js';

/**
 * The meeting's header fields from the text before the first agenda item:
 * body, organization, date, start time, mode, place. `remoteCount` and
 * `presentCount` come from the attendance (someone `da remoto` makes a
 * meeting in presence hybrid). Fields the text does not state stay null.
 */
export function parseHeader(
  header: string,
  lex: SegmentLexicon,
  attendance: { remote: number; inRoom: number },
): Omit<Meeting, 'endTime'> {
  const flat = header.replace(/\s+/g, ' ');
  const body = lex.bodies.find((b) => cachedRegExp(`\\b${escapeRe(b)}\\b`, 'iu').test(flat)) ?? null;
  return {
    body,
    organization: organizationOf(header, lex),
    date: findDate(flat, lex.months)?.date ?? null,
    startTime: startTimeOf(flat),
    mode: modeOf(flat, lex, attendance),
    place: placeOf(flat),
  };
}

/** The organization: the first header line naming one (`COMUNE DI CLUSONE`, `DELL'AMBITO TERRITORIALE SOCIALE …`), up to where prose starts. */
function organizationOf(header: string, lex: SegmentLexicon): string | null {
  const heads = alternation(lex.organizationHeads);
  const NAME = "(?:\\p{Lu}[\\p{L}'’]*|di|del|della|dei|al|sul|in|d['’])(?:\\s+(?:\\p{Lu}[\\p{L}'’]*|di|del|della|dei|al|sul|in|d['’]))*";
  const re = cachedRegExp(`\\b(${heads})\\s+(?:(di|DI|dei|DEI)\\s+)?(${NAME})`, 'iu');
  for (const line of header.split('\n')) {
    const m = re.exec(line);
    if (!m) continue;
    const name = `${m[1]}${m[2] ? ` ${m[2]}` : ''} ${cutAtLowerRun(m[3] as string)}`;
    return naturalCase(name.replace(/\s+/g, ' ').trim()).replace(/^(\p{Ll})/u, (c) => c.toUpperCase());
  }
  return null;
}

/** `VALLE SERIANA In data` → stop where ordinary prose (a capital then lower case words) starts. */
function cutAtLowerRun(name: string): string {
  const words = name.split(/\s+/);
  const upper = words[0] === words[0]?.toUpperCase();
  const out: string[] = [];
  for (const w of words) {
    if (upper && w !== w.toUpperCase()) break;
    out.push(w);
  }
  while (out.length > 1 && /^(di|del|della|dei|al|sul|in|DI|DEL|DELLA)$/.test(out[out.length - 1] as string)) out.pop();
  return out.join(' ');
}

function startTimeOf(flat: string): string | null {
  const m = cachedRegExp(`(?:alle|dalle|a partire dalle)\\s+${TIME_RE}`, 'i').exec(flat);
  return m ? parseTime(m[1] as string, m[2]) : null;
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
  const m = /\b(?:presso|nella|nel)\s+((?:la\s+|il\s+|l['’])?(?:sede|sala|residenza|palazzo|municipio|aula)\b[^.;,]{0,80}?)(?=[.;,]|\s+alle\s+ore|\s+e\s+(?:da|in)\s|$)/iu.exec(flat);
  return m ? (m[1] as string).trim() : null;
}

/** When the sitting closed: `si chiude alle ore 19:47`, `dichiara chiusa la seduta alle ore 23,05`. */
export function closingTimeOf(text: string): string | null {
  const flat = text.replace(/\s+/g, ' ');
  const re = cachedRegExp(
    `(?:si\\s+chiude|chiusa\\s+la\\s+seduta|si\\s+conclude|termina|è\\s+tolta|viene\\s+chiusa|chiude\\s+la\\s+seduta|si\\s+scioglie)[^.]{0,80}?${TIME_RE}|${TIME_RE}[^.]{0,60}?(?:chiusa|si\\s+chiude|termina|si\\s+conclude)`,
    'iu',
  );
  const m = re.exec(flat);
  if (!m) return null;
  return m[1] !== undefined ? parseTime(m[1], m[2]) : parseTime(m[3] as string, m[4]);
}

/** Is this line the closing of the sitting? */
export function isClosingText(text: string): boolean {
  return closingTimeOf(text) !== null;
}

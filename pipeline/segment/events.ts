import type { MeetingEvent } from '../../schemas/index.js';
import { parseTime, TIME_RE } from './dates.js';
import { alternation, lexRegExp, ROLE_WORD, type SegmentLexicon } from './lexicon.js';
import { personName } from './natural-case.js';

const MOVE_VERB = (lex: SegmentLexicon) => new RegExp(`(?:^|\\s)(?:${alternation([...lex.arrivalVerbs, ...lex.departureVerbs])})\\b`, 'iu');
const DEPARTURE_VERB = (lex: SegmentLexicon) => new RegExp(`(?:^|\\s)(?:${alternation(lex.departureVerbs)})\\b`, 'iu');
const TIME = new RegExp(TIME_RE, 'i');

/** Is a paragraph an arrival or departure (`Arriva alle ore 17:51 il consigliere …`)? */
export function isEventText(text: string, lex: SegmentLexicon): boolean {
  if (text.length > 300) return false;
  return lexRegExp(lex, MOVE_VERB).test(text) && TIME.test(text);
}

/** The event a paragraph states, without span and agenda item (the reader adds them). */
export function parseEvent(text: string, lex: SegmentLexicon): Omit<MeetingEvent, 'span' | 'agendaItem'> | null {
  if (!isEventText(text, lex)) return null;
  const departure = lexRegExp(lex, DEPARTURE_VERB).test(text);
  const time = TIME.exec(text);
  const roleM = lexRegExp(lex, ROLE_WORD).exec(text);
  const entityM = /\bComune\s+di\s+\p{Lu}[\p{L}'’]*(?:\s+(?:di|del|della|al|sul|in|\p{Lu}[\p{L}'’]*))*?(?=[,.;]|\s+(?:\p{Lu}\p{Ll}+\s+\p{Lu}|[a-z])|$)/u.exec(text);
  // The person: capitalised words that are not the entity, the role or the sentence's first word.
  let rest = text;
  if (entityM) rest = rest.replace(entityM[0], ' ');
  if (roleM) rest = rest.replace(roleM[0], ' ');
  const candidates = [...rest.matchAll(/(?<![\p{L}])(\p{Lu}[\p{L}'’]+(?:\s+\p{Lu}[\p{L}'’]+){0,2})/gu)]
    .map((m) => m[1] as string)
    .filter((w) => !/^(Arriva|Entra|Esce|Alle|Il|La|Lo|Si|Rientra|Giunge|Abbandona|Lascia|Sono|Arrivano|Escono|Entrano)$/u.test(w.split(/\s+/)[0] as string));
  const person = candidates[0] ? personName(candidates[0]) : null;
  return {
    type: departure ? 'departure' : 'arrival',
    time: time ? parseTime(time[1] as string, time[2]) : null,
    person,
    entity: entityM ? entityM[0].trim() : null,
    role: roleM ? (roleM[1] as string).toLowerCase() : null,
  };
}

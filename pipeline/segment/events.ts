import type { MeetingEvent } from '../../schemas/index.js';
import { parseTime } from './dates.js';
import { alternation, alternationAnyCase, lexGlobal, lexRegExp, type SegmentLexicon } from './lexicon.js';
import { type Range, sentences } from './lines.js';
import type { PeopleIndex } from './people.js';
import { parseLabel } from './turns.js';

const MOVE = (lex: SegmentLexicon) =>
  new RegExp(`(?<![\\p{L}])(?:(${alternation(lex.arrivalVerbs)})|(${alternation(lex.departureVerbs)}))(?![\\p{L}])`, 'giu');
/** `la minore entrata`, `l'entrata in vigore`: money or law, not someone coming in. */
const NOT_MOVEMENT_BEFORE = (lex: SegmentLexicon) => new RegExp(`(?<![\\p{L}])(?:${alternation(lex.notMovementBefore)})\\s+$`, 'iu');
const NOT_MOVEMENT_AFTER = (lex: SegmentLexicon) => new RegExp(`^\\s+(?:${alternation(lex.notMovementAfter)})(?![\\p{L}])`, 'iu');
/** `alle ore 17:51`, `ore 21.00`, `alle 14,17`. */
const TIME = /(?:ore|alle)\s+(\d{1,2})\s*[:.,]\s*(\d{2})|ore\s+(\d{1,2})(?![\d:.,])/iu;

/**
 * Between two people a verb moves together: a comma or `e`, after a place or a parenthesis (`il Sindaco del Comune
 * di Prazzo, Renato Dao`), before an office in the plural (`l'Assessore X e i Consiglieri Y e Z`).
 */
const LISTED_WITH = (lex: SegmentLexicon) =>
  new RegExp(
    `^\\s*(?:(?:di|del|della|dei|delle|dell['’])\\s*[\\p{L}'’ ]*?)?\\s*(?:\\([^()]*\\)\\s*)?(?:,|,?\\s*(?:e|ed)(?![\\p{L}]))\\s*(?:(?:i|le|gli)\\s+(?:${alternationAnyCase(lex.rolePlurals)})\\s*)?$`,
    'u',
  );

export type FoundEvent = Omit<MeetingEvent, 'agendaItem' | 'span'> & Range;

/**
 * Arrivals and departures a text states: a verb of coming or going (`entra`,
 * `esce dall'aula`, `si collega`, `lascia i lavori`, `l'uscita`), the people
 * it moves (an office with a name, or a name the document lists: the next
 * ones after the verb, else the one before it) and the time in the same
 * sentence, if any. `(Esce il Segretario Rossi ed entra il Vice Segretario
 * Neri)` gives two events. Offsets are into `text`.
 */
export function findEvents(text: string, lex: SegmentLexicon, people: PeopleIndex, mentions: (s: string) => (Range & { text: string })[]): FoundEvent[] {
  const out: FoundEvent[] = [];
  for (const s of sentences(text)) {
    const sentence = text.slice(s.start, s.end);
    const verbs = [...sentence.matchAll(lexGlobal(lex, MOVE))].filter((v) => !lexRegExp(lex, NOT_MOVEMENT_BEFORE).test(sentence.slice(0, v.index)) && !lexRegExp(lex, NOT_MOVEMENT_AFTER).test(sentence.slice(v.index + v[0].length)));
    if (verbs.length === 0) continue;
    const time = TIME.exec(sentence);
    const at = time ? parseTime((time[1] ?? time[3]) as string, time[2]) : null;
    const found = mentions(sentence).filter((m) => /\p{Lu}/u.test(m.text));
    verbs.forEach((v, k) => {
      const next = verbs[k + 1]?.index ?? sentence.length;
      // The people the verb moves: the first after it, and those listed with it (`Escono i consiglieri X, Y e Z`), not
      // the subject of the clause that follows (`Dopo l'uscita dell'Ass. X, riprende la parola la Presidente Y`).
      const after: typeof found = [];
      for (const m of found.filter((m) => m.start >= v.index && m.start < next)) {
        const last = after[after.length - 1];
        if (last && !lexRegExp(lex, LISTED_WITH).test(sentence.slice(last.end, m.start))) break;
        after.push(m);
      }
      const before = found.filter((m) => m.end <= v.index && (k === 0 || m.start > (verbs[k - 1]?.index ?? 0)));
      const who = after.length ? after : before.slice(-1);
      const departure = Boolean(v[2]);
      // `il consigliere del Comune di Colzate, Mario Nappo`: an office and a name that is one person; the name wins.
      const named = who.map((m) => ({ m, label: parseLabel(m.text, lex) })).map((x) => ({ ...x, person: people.resolve(x.label.name ?? x.m.text) }));
      const anyResolved = named.some((x) => x.person);
      for (const [k, { label, person }] of named.entries()) {
        if (!label.name && !person) continue;
        if (anyResolved && !person) continue;
        // The office printed just before the name it belongs to gives the role.
        const office = named[k - 1] && !named[k - 1]?.person ? named[k - 1]?.label.role : null;
        if (office && !label.role) label.role = office;
        out.push({
          type: departure ? 'departure' : 'arrival',
          time: at,
          person: person?.name ?? label.name,
          entity: person?.entity ?? label.entity,
          role: (label.role ?? person?.role ?? null)?.toLowerCase() ?? null,
          start: s.start,
          end: s.end,
        });
      }
    });
  }
  return out;
}

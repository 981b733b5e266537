import type { RollCall } from '../../schemas/index.js';
import { parseTime } from './dates.js';
import { alternation, lexGlobal, type SegmentLexicon } from './lexicon.js';
import { sentences } from './lines.js';

const ROLL_CALL = (lex: SegmentLexicon) => new RegExp(`(?:${alternation(lex.votes.rollCall)}|secondo\\s+appello|appello)`, 'giu');

/**
 * Roll calls during the sitting: `Alle ore 19:30 viene effettuato l'appello
 * nominale dal quale risultano presenti n. 29 componenti … e precisamente i
 * Consiglieri Conti, Bellotti, … e Zanella`. The time, the count printed and the
 * names listed after `precisamente` or a colon. Not the vote `per appello
 * nominale` (no count of those present).
 */
export function readRollCalls(text: string, lex: SegmentLexicon): Omit<RollCall, 'span'>[] {
  const out: Omit<RollCall, 'span'>[] = [];
  for (const s of sentences(text)) {
    const sentence = text.slice(s.start, s.end).replace(/\s+/g, ' ');
    if (![...sentence.matchAll(lexGlobal(lex, ROLL_CALL))].length) continue;
    const count = /presenti\s*(?:n\s*\.?\s*°?\s*)?(\d{1,3})\s*\p{L}/iu.exec(sentence);
    const names = /(?:precisamente|e\s+cioè|i\s+seguenti)[^:]*?(?:consiglieri|componenti|signori)?\s*:?\s*((?:\p{Lu}[\p{L}'’]+(?:\s+\p{Lu}[\p{L}'’.]+)*\s*(?:,\s*|\s+e\s+|\s+ed\s+)?)+)/u.exec(sentence);
    if (!count && !names) continue;
    const time = /ore\s+(\d{1,2})\s*[:.,]\s*(\d{2})/iu.exec(sentence);
    out.push({
      time: time ? parseTime(time[1] as string, time[2]) : null,
      present: count ? Number(count[1]) : null,
      names: names ? (names[1] as string).split(/\s*,\s*|\s+e\s+|\s+ed\s+/u).map((n) => n.replace(/[.;]$/, '').trim()).filter(Boolean) : [],
    });
  }
  return out;
}

import type { Decision, Votes } from '../../schemas/index.js';
import { cachedRegExp } from './lexicon.js';
import { parseCount } from './numbers.js';

const COUNT = "(\\d+|n\\.\\s*\\d+|[\\p{L}]+)";

/** Does a paragraph record a decision (a vote, an approval, an acknowledgement)? */
export function isDecisionText(text: string): boolean {
  return /^\s*DECISIONE\s*:|vot[oi]\s+favorevol|favorevoli\s+(?:n\.\s*)?\d|con\s+(?:il\s+)?vot[oi]\b|unanimit|unanim[ie]\b|prende\s+atto|presa\s+d['’]atto|a\s+maggioranza|\bDELIBERA\b|astenut[oi]\s+(?:n\.\s*)?\d|viene\s+(?:approvat|respint)|(?:è|sono)\s+(?:approvat|respint)[oaie]\s+(?:con|all['’]unanimit|dai\s+presenti)/iu.test(
    text,
  );
}

function countBefore(text: string, word: string): number | null {
  const m = cachedRegExp(`${COUNT}\\s+(?:voti\\s+)?${word}`, 'iu').exec(text);
  return m ? parseCount(m[1] as string) : null;
}

function countAfter(text: string, word: string): number | null {
  const m = cachedRegExp(`${word}\\s*(?:[:=]\\s*)?${COUNT}`, 'iu').exec(text);
  return m ? parseCount(m[1] as string) : null;
}

/** Names in the parentheses after a word: `astenuti n. 2 (Rossi, Bianchi)`, `1 astenuto (Comune di Cene)`. */
function namesAfter(text: string, word: string): string[] {
  const m = cachedRegExp(`${word}\\s*(?:n\\.\\s*)?(?:\\d+|\\p{L}+)?\\s*\\(([^()]+)\\)`, 'iu').exec(text);
  if (!m) return [];
  return (m[1] as string)
    .split(/\s*[,;]\s*|\s+e\s+(?=\p{Lu})/u)
    .map((s) => s.trim())
    .filter((s) => /\p{Lu}/u.test(s));
}

/**
 * The votes a decision's text states: counts in figures or words, named
 * against and abstainers, unanimity. Counts the text does not state stay null;
 * unanimity fills them only when `presentMembers` (who was there) is known.
 */
export function parseVotes(text: string, presentMembers: number | null): Votes | null {
  const fav = countBefore(text, 'favorevol[ie]') ?? countAfter(text, '(?:voti\\s+)?favorevol[ie]');
  const con = countBefore(text, 'contrar[io]') ?? countAfter(text, 'contrar[io]');
  const ast = countBefore(text, 'astenut[oi]') ?? countAfter(text, 'astenut[oi]');
  const noneAgainst = /nessun\s+(?:voto\s+)?contrari/i.test(text);
  const noneAbstained = /nessun\s+astenut/i.test(text);
  const unanimous = /unanimit|unanim[ie]\b|all['’]unanimità/iu.test(text);
  if (fav === null && con === null && ast === null && !unanimous) return null;
  const against = namesAfter(text, 'contrar[io]');
  const abstainers = namesAfter(text, 'astenut[oi]');
  if (unanimous && fav === null) {
    return {
      favorevoli: presentMembers,
      contrari: presentMembers === null ? null : 0,
      astenuti: presentMembers === null ? null : 0,
      unanimous: true,
      against: [],
      abstainers: [],
    };
  }
  const stated = fav !== null || con !== null || ast !== null;
  return {
    favorevoli: fav,
    contrari: con ?? (noneAgainst || (stated && fav !== null) ? 0 : null),
    astenuti: ast ?? (noneAbstained || (stated && fav !== null) ? 0 : null),
    unanimous,
    against,
    abstainers,
  };
}

/** approved / rejected / acknowledged from the words, else from the counts. */
export function outcomeOf(text: string, votes: Votes | null): Decision['outcome'] {
  if (/prende\s+atto|presa\s+d['’]atto|prendono\s+atto/i.test(text)) return 'acknowledged';
  if (/respint|non\s+(?:viene\s+)?approvat|bocciat/i.test(text)) return 'rejected';
  if (/approvat|approva\b|APPROVA|\bDELIBERA\b|all['’]unanimità/iu.test(text)) return 'approved';
  if (votes?.favorevoli != null && votes.contrari != null) return votes.favorevoli > votes.contrari ? 'approved' : 'rejected';
  return 'other';
}

export function subjectOf(text: string): 'deliberation' | 'immediate-execution' {
  return /immediat[ae]\w*\s+eseguibil|immediata\s+esecutivit/i.test(text) ? 'immediate-execution' : 'deliberation';
}

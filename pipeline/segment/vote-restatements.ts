import type { Decision } from '../../schemas/index.js';
import { alternation, lexRegExp, type SegmentLexicon } from './lexicon.js';

/**
 * An item's decisions less the votes stated twice: a result announced (`Voti favorevoli quattordici (14), contrari
 * sei (6)`) and restated by the act that follows from it (`Con voti favorevoli quattordici (14), contrari sei (6) ed
 * uno (1) astenuto … DELIBERA`) are one vote, not two. The next decision is such a restatement when it opens with
 * the act's formula (a second vote called, on an amendment then the whole, opens with its own call or result), is
 * about the same thing, and prints the same three counts; what only it says (the present, the voters, the method)
 * goes to the first.
 */
export function withoutRestatements(decisions: readonly Decision[], lex: SegmentLexicon): Decision[] {
  const restating = lexRegExp(lex, RESTATING);
  const out: Decision[] = [];
  for (const d of decisions) {
    const prev = out[out.length - 1];
    const [a, b] = [prev?.votes, d.votes];
    const same =
      prev && a && b && restating.test(d.text) && !restating.test(prev.text) && prev.subject === d.subject && a.favorevoli !== null && (['favorevoli', 'contrari', 'astenuti'] as const).every((f) => a[f] === b[f]);
    if (!same) {
      out.push(d);
      continue;
    }
    (prev as Decision).votes = { ...a, presenti: a.presenti ?? b.presenti, votanti: a.votanti ?? b.votanti, method: a.method ?? b.method };
  }
  return out;
}

const RESTATING = (lex: SegmentLexicon) => new RegExp(`^\\s*(?:${alternation(lex.votes.restating)})(?![\\p{L}])`, 'iu');

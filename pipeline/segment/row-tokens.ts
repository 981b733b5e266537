/**
 * The tokens of an attendance row (numbers, presence marks, offices, names,
 * notes, separators), read once for `parseRow` to cut into cells.
 */
import type { RowContext } from './attendance-rows.js';
import { alternation, lexGlobal, lexRegExp, type SegmentLexicon } from './lexicon.js';

/** A piece of a row: a number, a presence mark, an office, a name, a note, a separator. */
export interface Token {
  text: string;
  at: number;
  kind: 'num' | 'mark' | 'role' | 'name' | 'note' | 'sep' | 'remote' | 'other';
}

/** An absence with its reason, one mark: `assente giustificato`, `assente giust.`, `assenti ingiustificati`. */
export const ABSENT_WITH_REASON = (lex: SegmentLexicon) =>
  new RegExp(`(?<![\\p{L}])(?:assente|assenti)\\s+(?:${alternation(lex.attendance.justifiedWords)}|ingiustificat[oaie])(?![\\p{L}])`, 'giu');
const MARK_WORDS = (lex: SegmentLexicon) => {
  const a = lex.attendance;
  return new RegExp(`^(?:${alternation([...a.presentMarks, ...a.absentMarks, ...a.justifiedWords])})$`, 'iu');
};
export const REMOTE_PHRASE = (lex: SegmentLexicon) => new RegExp(`(?<![\\p{L}])(?:${alternation(lex.attendance.remoteWords)})(?![\\p{L}])`, 'giu');
const ROLE_PHRASE = (lex: SegmentLexicon) =>
  new RegExp(`(?<![\\p{L}])(?:(?:il|la|lo|l['’])\\s*)?(?:${alternation(lex.roles)})(?![\\p{L}])`, 'giu');
const PARTICLE = /^(?:de|di|da|del|della|dello|dei|dal|dalla|lo|la|le|li|detta|detto|d['’]\p{L}*)$/iu;

/**
 * A line cut into tokens: numbers, presence marks, roles, names, notes in
 * parentheses, separators (pipes, dashes, runs of spaces). Marks are told from
 * names by the vocabulary and by position: a one-letter mark (`P`, `A`, `X`)
 * only after a name.
 */
export function tokenize(text: string, ctx: RowContext): Token[] {
  const lex = ctx.lexicon;
  const spans: { at: number; end: number; kind: Token['kind'] }[] = [];
  const claim = (re: RegExp, kind: Token['kind']) => {
    for (const m of text.matchAll(re)) {
      const at = m.index;
      const end = at + m[0].length;
      if (spans.some((s) => at < s.end && end > s.at)) continue;
      spans.push({ at, end, kind });
    }
  };
  claim(/\([^()]{1,80}\)/g, 'note');
  claim(lexGlobal(lex, REMOTE_PHRASE), 'remote');
  claim(lexGlobal(lex, ROLE_PHRASE), 'role');
  claim(lexGlobal(lex, ABSENT_WITH_REASON), 'mark');
  const tokens: Token[] = [];
  let i = 0;
  const sorted = spans.sort((a, b) => a.at - b.at);
  const pushWords = (from: number, to: number) => {
    for (const m of text.slice(from, to).matchAll(/\S+/g)) {
      const at = from + m.index;
      const t = m[0];
      // Dot leaders, whole or as OCR leaves them on a scan (`id...`, `..i`): a separator.
      if (/^[|;.,:?!…]+$/.test(t) || /^[-–—]+$/.test(t) || /^(?:è|e['’]|risulta)$/iu.test(t) || /^\p{L}{0,2}(?:\.{2,}|…)\p{L}{0,2}$/u.test(t)) tokens.push({ text: t, at, kind: 'sep' });
      // A row's number; OCR reads its dot as a comma or a semicolon on a scan (`3,`, `13;`).
      else if (/^\d{1,3}[.),;]?$/.test(t)) tokens.push({ text: t, at, kind: 'num' });
      else if (lexRegExp(ctx.lexicon, HONORIFIC).test(t)) tokens.push({ text: t, at, kind: 'sep' });
      else tokens.push({ text: t.replace(/[,;]$/, ''), at, kind: 'other' });
    }
  };
  for (const s of sorted) {
    pushWords(i, s.at);
    tokens.push({ text: text.slice(s.at, s.end), at: s.at, kind: s.kind });
    i = s.end;
  }
  pushWords(i, text.length);
  const markRe = lexRegExp(lex, MARK_WORDS);
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k] as Token;
    if (t.kind !== 'other') continue;
    const prev = tokens[k - 1];
    const afterName = prev !== undefined && (prev.kind === 'name' || prev.kind === 'role' || prev.kind === 'note' || prev.kind === 'mark' || prev.kind === 'remote');
    const word = t.text.replace(/[.:]$/, '');
    if (markRe.test(t.text) || markRe.test(word)) {
      // `A` or `P` alone opens no name: a mark after a name; a mark word (`presente`, `Si`) anywhere after the first token.
      if (word.length > 2 || afterName) {
        t.kind = 'mark';
        continue;
      }
    }
    // A roll call asks each name (`Aicardi Roberto? Presente.`): the question mark ends the name.
    if (/^\p{Lu}[\p{L}\p{M}'’-]*[.,?]?$/u.test(t.text) || PARTICLE.test(t.text)) {
      t.kind = 'name';
      t.text = t.text.replace(/\?$/, '');
    }
  }
  leaderScraps(tokens);
  return tokens;
}

/**
 * Dot leaders a scan's OCR read as letters (`TUMMINELLO Ignazio ne A presente`): between a name of
 * two words and a presence word, tokens of one or two letters that are no particle or initial
 * (`M.`) are separators, not part of the name nor a one-letter mark.
 */
function leaderScraps(tokens: Token[]): void {
  for (let k = 0; k < tokens.length; k++) {
    if (tokens[k]?.kind !== 'mark' || (tokens[k] as Token).text.replace(/[.:]$/, '').length <= 2) continue;
    let j = k - 1;
    const scraps: Token[] = [];
    while (j >= 0) {
      const t = tokens[j] as Token;
      const letters = t.text.replace(/[^\p{L}]/gu, '');
      if (t.kind === 'sep' || ((t.kind === 'other' || t.kind === 'name' || t.kind === 'mark') && letters.length > 0 && letters.length <= 2 && !/\d/.test(t.text) && !PARTICLE.test(t.text) && !/^\p{Lu}\.$/u.test(t.text))) {
        if (t.kind !== 'sep') scraps.push(t);
        j--;
        continue;
      }
      break;
    }
    // Only after a name of two words at least, each of three letters or more.
    let names = 0;
    for (let i = j; i >= 0 && (tokens[i] as Token).kind === 'name'; i--) if ((tokens[i] as Token).text.replace(/[^\p{L}]/gu, '').length >= 3) names++;
    if (names >= 2) for (const t of scraps) t.kind = 'sep';
  }
}

const HONORIFIC = (lex: SegmentLexicon) => new RegExp(`^(?:${alternation(lex.honorifics)})$`, 'iu');

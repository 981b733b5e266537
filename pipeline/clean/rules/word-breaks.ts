import { weightedDistance } from '../confusion-model.js';
import type { CleanContext } from '../context.js';
import type { Edit } from '../edits.js';
import { accentedForms } from './glyph.js';
import { applyCase, caseOf, dataPattern, edit, isDigit, isLetter, type LetterRun, letterRuns, lettersBefore, wordAlternation } from './match.js';
import { slashedFormEdits } from './slashed-forms.js';

/**
 * Word boundaries OCR got wrong, repaired only when the lexicon agrees:
 * - a mark inside a word (`Funz.onamento`, `con'risorse`, `al-progetto`,
 *   `pagament'o`, `il*bonus`, `Il'Presidente`): a misread letter, a space,
 *   or nothing, whichever alone makes words (an elision keeps its apostrophe);
 * - a word split by a space (`prove dere`): the halves joined are a word, and
 *   not both halves are;
 * - an elision that lost its apostrophe (`lintervento`): an elided article or
 *   preposition and a word that starts with a vowel.
 * Both halves of a space or hyphen that make two words stay (`socio-sanitario`).
 */
export function wordBreakEdits(text: string, ctx: CleanContext): Edit[] {
  // Each rule reads the text's words (and their neighbours), or finds the rare character it is about (an
  // apostrophe, a slash, `n.` before a figure) and reads the words there: none runs a regex at every letter.
  return [...innerMarks(text, ctx), ...splitWords(text, ctx), ...lostApostrophes(text, ctx), ...gluedHeads(text, ctx), ...gluedNumberSigns(text, ctx), ...pageRanges(text, ctx), ...damagedElisions(text, ctx), ...slashedFormEdits(text, ctx)];
}

/** Each word with the word before it. */
function* neighbours(text: string): Generator<[LetterRun, LetterRun]> {
  let first: LetterRun | undefined;
  for (const second of letterRuns(text)) {
    if (first) yield [first, second];
    first = second;
  }
}


const LOWER = /^\p{Ll}+$/u;
/** One capital consonant: no Italian word (`A`, `E`, `I`, `O` are). */
const LONE_CAPITAL = /^[B-DF-HJ-NP-TV-Z]$/u;
/** The character at `i` is one of `chars` (false outside the text). */
const charIn = (text: string, i: number, chars: string) => i >= 0 && i < text.length && chars.includes(text[i] as string);

const known = (w: string, ctx: CleanContext) => {
  const info = ctx.lexicon.get(w.toLowerCase());
  return !!info && (info.word || (info.freq ?? -9) >= ctx.data.confusionModel.commonUnlistedLog10);
};

/** A frequent word: a half that stands alone must be one. */
const frequent = (w: string, ctx: CleanContext) => known(w, ctx) && ctx.lexicon.freq(w.toLowerCase()) >= ctx.data.wordBreaks.minPartLog10;

/** Marks that are never part of a word as printed: an apostrophe no elision explains, a speck read as `*` or `+`. */
const DUST_MARKS = "'’‘`*+";

/** Letters a faded strike can leave as a mark (inside a word here, at its end in `end-marks.ts`). */
export const LOST_LETTERS = [...'abcdefghilmnopqrstuvzàèéìòù'];

function innerMarks(text: string, ctx: CleanContext): Edit[] {
  const cfg = ctx.data.wordBreaks;
  const out: Edit[] = [];
  // Two words joined by one mark, not inside a code or an abbreviation's run of dots; a match does not reach into the next.
  let taken = 0;
  for (const [first, second] of neighbours(text)) {
    if (second.index !== first.end + 1 || first.index < taken || !charIn(text, first.end, `.,:;-${DUST_MARKS}`)) continue;
    if (charIn(text, first.index - 1, ".'’‘-") || isDigit(text[first.index - 1])) continue;
    if (isDigit(text[second.end]) || (charIn(text, second.end, ".'’‘-") && isLetter(text[second.end + 1]))) continue;
    taken = second.end;
    const [a, mark, b] = [first.word, text[first.end] as string, second.word];
    const whole = text.slice(first.index, second.end);
    const m = { index: first.index };
    // Abbreviations keep their dots (`Dott.ssa`, `c.d.`, `p.to`), elisions their apostrophes.
    if (ctx.data.abbreviations.some((x) => x.toLowerCase().startsWith(`${a}${mark}${b}`.toLowerCase()))) continue;
    const shape = caseOf(`${a}${b}`);
    // Two words each as printed (`Il'Presidente`, `Comunale*Il`): a mark no abbreviation has between them stands for a space.
    if (shape === 'mixed') {
      const asWord = (w: string) => caseOf(w) !== 'mixed' && frequent(w, ctx);
      if (DUST_MARKS.includes(mark) && !ctx.data.elisions.includes(a.toLowerCase()) && asWord(a) && asWord(b) && b.length >= 2) {
        out.push(edit('lexical', first.index, second.end, `${a} ${b}`, 'lexical/inner-space', 0.85));
      }
      continue;
    }
    const short = a.length < 2 || b.length < 2;
    if (short && (a.length + b.length < cfg.lostLetterMinLength || !`.,:;${DUST_MARKS}`.includes(mark))) continue;
    const lowerA = a.toLowerCase();
    const lowerB = b.toLowerCase();
    if (/['’‘`]/.test(mark) && ctx.data.elisions.includes(lowerA)) continue;
    if (known(`${a}${mark}${b}`, ctx)) continue;
    const fixes: { to: string; ruleId: string }[] = [];
    const hyphen = mark === '-';
    // Two words either side of a hyphen are a compound (`socio-economico`): the hyphen is print.
    if (hyphen && known(a, ctx) && known(b, ctx) && !cfg.beforeHyphen.includes(lowerA)) continue;
    // The mark is a letter OCR misread: one the confusion model says it prints this mark for.
    for (const letter of ctx.confusions.readAs(mark)) {
      if (!/\p{L}/u.test(letter)) continue;
      const word = `${lowerA}${letter}${lowerB}`;
      if (known(word, ctx)) fixes.push({ to: applyCase(word, shape), ruleId: 'lexical/inner-mark' });
    }
    // A letter faded to its foot (`Consiglie.e`, `de.le`): the one letter that makes a frequent word.
    // (Only where some word starts so: most marks inside words are codes and abbreviations, and one trie walk rules them out.)
    if (fixes.length === 0 && '.,:;'.includes(mark) && a.length + b.length >= cfg.lostLetterMinLength && ctx.lexicon.prefixPrior(lowerA) !== null) {
      const words = LOST_LETTERS.map((l) => `${lowerA}${l}${lowerB}`).filter((w) => known(w, ctx) && ctx.lexicon.freq(w) >= cfg.lostLetterMinLog10);
      if (words.length === 1) fixes.push({ to: applyCase(words[0] as string, shape), ruleId: 'lexical/lost-letter' });
    }
    // Such a mark inside a word (`pagament'o`, no elision): dust, where the word read without it is one.
    if (short && fixes.length === 0 && DUST_MARKS.includes(mark) && known(`${lowerA}${lowerB}`, ctx)) {
      out.push(edit('lexical', m.index, m.index + whole.length, applyCase(`${lowerA}${lowerB}`, shape), 'lexical/inner-mark', 0.8));
      continue;
    }
    if (short) {
      if (fixes.length === 1) out.push(edit('lexical', m.index, m.index + whole.length, (fixes[0] as { to: string }).to, 'lexical/lost-letter', 0.8));
      continue;
    }
    // The mark is dust on a word.
    if (known(`${lowerA}${lowerB}`, ctx) && a.length + b.length >= 4) fixes.push({ to: applyCase(`${lowerA}${lowerB}`, shape), ruleId: 'lexical/inner-mark' });
    // The mark stands for a space: two frequent words (after a hyphen, only an article or preposition: `al-progetto`).
    if (frequent(a, ctx) && frequent(b, ctx) && (!hyphen || cfg.beforeHyphen.includes(lowerA)) && b.length >= 2) {
      fixes.push({ to: `${a} ${b}`, ruleId: 'lexical/inner-space' });
    }
    const unique = [...new Set(fixes.map((f) => f.to))];
    if (unique.length !== 1) continue;
    const fix = fixes.find((f) => f.to === unique[0]) as { to: string; ruleId: string };
    out.push(edit('lexical', m.index, m.index + whole.length, fix.to, fix.ruleId, 0.85));
  }
  return out;
}

/** `prove dere` → `prevedere`: two pieces on one line whose join is a frequent word, one piece at least not a word. */
function splitWords(text: string, ctx: CleanContext): Edit[] {
  const cfg = ctx.data.wordBreaks;
  const out: Edit[] = [];
  // Every pair of lower-case neighbours one space apart.
  for (const [first, second] of neighbours(text)) {
    if (second.index !== first.end + 1 || text[first.end] !== ' ') continue;
    if (!standsApart(text, first.index, second.end, "'’.-", "'’")) continue;
    const [a, b] = [first.word, second.word];
    if (!LOWER.test(b)) continue;
    const m = { index: first.index };
    const whole = `${a} ${b}`;
    const joined = `${a}${b}`;
    // A capital consonant alone, no initial's dot after it, is no Italian word: a capitalised word's first letter set
    // apart (`Triennale dei F abbisogni`), where the whole is a word likelier than its rest.
    if (LONE_CAPITAL.test(a)) {
      const lower = joined.toLowerCase();
      if (known(lower, ctx) && ctx.lexicon.freq(lower) >= cfg.minJoinedLog10 && ctx.lexicon.freq(lower) > ctx.lexicon.freq(b)) {
        out.push(edit('lexical', m.index, m.index + whole.length, joined, 'lexical/join', 0.8));
      }
      continue;
    }
    if (!LOWER.test(a)) continue;
    if (joined.length < cfg.minJoinedLength || !known(joined, ctx) || ctx.lexicon.freq(joined) < cfg.minJoinedLog10) continue;
    // Not two words, and the piece that is no word is no form running text shows either (`mission e` stays).
    if (known(a, ctx) === known(b, ctx) ? known(a, ctx) : ctx.lexicon.get(known(a, ctx) ? b : a) !== undefined) continue;
    // Two forms of running text, each commoner than the whole, are a phrase written in two words (a foreign
    // compound: `guard rail`), not one word split by the OCR.
    if (ctx.lexicon.get(a) && ctx.lexicon.get(b) && Math.min(ctx.lexicon.freq(a), ctx.lexicon.freq(b)) > ctx.lexicon.freq(joined)) continue;
    out.push(edit('lexical', m.index, m.index + whole.length, joined, 'lexical/join', 0.85));
  }
  return out;
}

/** `lintervento` → `l'intervento`, `dellAssemblea` → `dell'Assemblea`: the longest elided form that leaves a word. */
function lostApostrophes(text: string, ctx: CleanContext): Edit[] {
  const cfg = ctx.data.wordBreaks;
  const out: Edit[] = [];
  for (const m of letterRuns(text)) {
    const token = m.word;
    if (token.length < 4 || !standsApart(text, m.index, m.end, "'’", "'’")) continue;
    // A lower-case token (`lintervento`), or one capitalised after its elided head (`dellAssemblea`): a capital first is a name.
    if (known(token, ctx) || !/^\p{Ll}+(?:\p{Lu}\p{Ll}+)?$/u.test(token)) continue;
    for (let cut = Math.min(6, token.length - 3); cut >= 1; cut--) {
      const head = token.slice(0, cut);
      const rest = token.slice(cut);
      if (!ctx.data.elisions.includes(head.toLowerCase()) || !/^[aeiouàèéìòùh]/i.test(rest)) continue;
      if (!frequent(rest, ctx) || ctx.lexicon.freq(rest.toLowerCase()) < cfg.minPartLog10) continue;
      // A word that lost its final accent (`comunita`) is the accent rule's, not `com'unita`.
      if (accentedForms(token.toLowerCase()).some((w) => ctx.lexicon.isWord(w))) break;
      out.push(edit('lexical', m.index, m.index + token.length, `${head}'${rest}`, 'lexical/elision-apostrophe', 0.85));
      break;
    }
  }
  return out;
}

/**
 * `uell'annualità` → `dell'annualità`, `de.l'articolo` → `dell'articolo`: what stands before an apostrophe
 * and a word opening with a vowel is an elided form, a closed class: a token that is none becomes the one
 * elision the confusion model puts within `elisionMaxCost` of it, when no other comes within `elisionMargin` more.
 */
function damagedElisions(text: string, ctx: CleanContext): Edit[] {
  const { elisionMaxCost, elisionMargin } = ctx.data.wordBreaks;
  const out: Edit[] = [];
  // Anchored on the apostrophe before a vowel; the token before it (up to six letters, figures and marks) by hand.
  for (const m of text.matchAll(/['’](?=[aeiouàèéìòùhAEIOUÈH])/g)) {
    let start = m.index;
    while (start > m.index - 6 && start > 0 && /[\p{L}\p{N}.,;:]/u.test(text[start - 1] as string)) start--;
    if (start === m.index || /[\p{L}\p{N}.,;:'’]/u.test(text[start - 1] ?? ' ')) continue;
    const token = text.slice(start, m.index);
    if (!isLetter(token[0]) || ctx.data.elisions.includes(token.toLowerCase())) continue;
    const query = ctx.confusions.query(token.toLowerCase());
    const ranked = ctx.data.elisions.map((e) => ({ e, cost: weightedDistance(ctx.confusions, query, e) })).sort((a, b) => a.cost - b.cost);
    const [best, next] = ranked;
    if (!best || best.cost > elisionMaxCost || (next && next.cost - best.cost < elisionMargin)) continue;
    out.push(edit('lexical', start, m.index, applyCase(best.e, caseOf(token) === 'mixed' ? 'lower' : caseOf(token)), 'lexical/elision', 0.8));
  }
  return out;
}

/**
 * `LISTAN. 3` → `LISTA N. 3`, `deliberan. 5` → `delibera n. 5`: the number sign glued to the word before a
 * figure, when the word without it is a lexicon word of four letters or more and with it none.
 */
function gluedNumberSigns(text: string, ctx: CleanContext): Edit[] {
  const out: Edit[] = [];
  // Anchored on the sign's dot before a figure (rare), the word read back by hand.
  for (const m of text.matchAll(/[nN]\.(?=[ \t]*\d)/g)) {
    const head = lettersBefore(text, m.index);
    const start = m.index - head.length;
    if (head.length < 4 || /[\p{N}.'’]/u.test(text[start - 1] ?? ' ')) continue;
    const sign = m[0][0] as string;
    if (!known(head, ctx) || ctx.lexicon.get(`${head}${sign}`.toLowerCase())) continue;
    out.push(edit('lexical', start, m.index + 2, `${head} ${sign}.`, 'lexical/split', 0.8));
  }
  return out;
}

/**
 * `Pag. 4a 8`, `Pag. 2a8` → `Pag. 4 a 8`: a page's number out of the count after a page word
 * (`wordBreaks.pageWords`), the narrow spaces round its `a` closed by OCR. Only after such a word:
 * `4a` alone is an ordinal (`4a commissione`).
 */
function pageRanges(text: string, ctx: CleanContext): Edit[] {
  const re = dataPattern(ctx.data, PAGE_RANGE);
  const out: Edit[] = [];
  for (const m of text.matchAll(re)) {
    const [whole, from, before, after, to] = m as unknown as [string, string, string, string, string];
    if (before && after) continue;
    const start = (m.index as number) + whole.length - `${from}${before}a${after}${to}`.length;
    out.push(edit('lexical', start, (m.index as number) + whole.length, `${from} a ${to}`, 'lexical/page-range', 0.9));
  }
  return out;
}

const PAGE_RANGE = (data: CleanContext['data']) =>
  new RegExp(`(?<![\\p{L}])(?:${wordAlternation(data.wordBreaks.pageWords)})[ \\t]*(\\d+)([ \\t]?)a([ \\t]?)(\\d+)(?![\\p{L}\\d])`, 'giu');

/** `irisultati` → `i risultati`, `econ` → `e con`: a short function word glued to a frequent word. */
function gluedHeads(text: string, ctx: CleanContext): Edit[] {
  const cfg = ctx.data.wordBreaks;
  const out: Edit[] = [];
  for (const m of letterRuns(text)) {
    const token = m.word;
    if (token.length < 6 || !standsApart(text, m.index, m.end, "'’.-", "'’-")) continue;
    if (!LOWER.test(token)) continue;
    if (known(token, ctx) || ctx.lexicon.get(token) !== undefined) continue;
    const cuts = cfg.gluedHeads
      .filter((h) => token.startsWith(h) && token.length - h.length >= 2)
      .map((h) => token.slice(h.length))
      .filter((rest) => known(rest, ctx) && ctx.lexicon.freq(rest) >= cfg.minPartLog10);
    if (cuts.length !== 1) continue;
    const rest = cuts[0] as string;
    out.push(edit('lexical', m.index, m.index + token.length, `${token.slice(0, token.length - rest.length)} ${rest}`, 'lexical/split', 0.8));
  }
  return out;
}

/** The letters at [start, end) are a word of their own: no digit touches them, nor one of `before` / `after` (an elision, a code). */
function standsApart(text: string, start: number, end: number, before: string, after: string): boolean {
  return !(charIn(text, start - 1, before) || isDigit(text[start - 1]) || charIn(text, end, after) || isDigit(text[end]));
}

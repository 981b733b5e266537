import { distance } from 'fastest-levenshtein';
import { weightedDistance } from '../confusion-model.js';
import { APOS_CHARS, type CleanContext } from '../context.js';
import type { Edit } from '../edits.js';
import { nameKey } from '../names-dictionary.js';
import { lowerAbbreviations } from '../rules-data.js';
import { applyCase, dataPattern, edit, isLetter, type LetterRun, letterRuns, tokenRuns, wordAlternation } from './match.js';
import { type DocumentWords, documentWords, known, lettersOf, lowerOf, mixedCapitals, plausible, readable, type Shape, shapeOf } from './token-words.js';

/**
 * Non-words read back to words with the OCR confusion model (a noisy
 * channel): every form of the lexicon, every comune and every word the same
 * document prints at least twice, within a confusion cost of the OCR word, is
 * a candidate; its score is how likely it is to be written (log10 frequency,
 * or the document's own count) plus how likely tesseract is to print the OCR
 * word for it (the weighted edit distance). The word changes only when the
 * best candidate beats both the next one and the word itself (an unknown but
 * real word or name) by a clear margin, and the word is not itself plausible:
 * a lexicon form, a comune, or a word the document prints again. A capital
 * opening a sentence is read as a lower-case word would be (a name is no
 * likelier there than elsewhere); a word a mark cuts (`de.le`) is read whole,
 * its mark one of the characters the model says OCR prints for a letter.
 */
export function confusionEdits(text: string, ctx: CleanContext): Edit[] {
  const doc = documentWords(text, ctx);
  const memo = new Map<string, Choice | null>();
  const afterTitle = honorificEnd(ctx);
  const consider = (index: number, token: string, marked: boolean, out: Edit[], end = index + token.length) => {
    // An elision (`dell'`) or a typewriter's accent (`citta'`) is as written.
    if (APOS_CHARS.includes(text[end] ?? '\0')) return;
    // Codes and figures (`art.12bis`, `n.4`, `2025ai`): a token glued to digits or a dot is not prose.
    // A slash between words (`Riva/Valdorezzo`) joins names: such a piece is repaired only to a name the document prints.
    const slashed = slashedName(text, index, end);
    if (!slashed && (/[\d./_@]/.test(text[index - 1] ?? ' ') || /[\d/_@]/.test(text[end] ?? ' '))) return;
    // A piece of a word marks cut (`eserci.io`, `risus,.tano`) that was not read whole: a word of its own only by chance.
    if (!marked && /^[.,:;]{1,2}\p{Ll}/u.test(text.slice(end, end + 3))) return;
    // A short word before a dot is an abbreviation (`conv.`, `lett.`).
    if (token.length <= 5 && text[end] === '.') return;
    // A capital opening a sentence says nothing of a name: such a word is read as a lower-case one would be.
    const opening = !marked && sentenceStart(text, index);
    const key = opening ? `${token}\u0000` : token;
    // The word first (most are words, and the answer is the same wherever it stands), its context only then,
    // and the search for candidates (the costly part) last, once per word, for a word whose context allows a change.
    let choice = memo.get(key);
    if (choice === null) return;
    if (choice === undefined) {
      const shape = readable(token, marked) ? searchable(token, doc, ctx, marked) : null;
      if (!shape || (marked && !markedWord(text, token, shape, ctx))) {
        memo.set(key, null);
        return;
      }
    }
    // A name after a title is the names rule's (`Dott. lorio` is `Iorio`, not `loro`).
    if (afterTitle.test(text.slice(Math.max(0, index - 12), index))) return;
    // A word cut at a line's end (`adole` for `adolescenti` on a slide): a beginning, not a misreading.
    if (/^[.,;:]*[ \t]*$/.test(text.slice(end, text.indexOf('\n', end) === -1 ? text.length : text.indexOf('\n', end))) && truncated(token, ctx)) return;
    // A lower-case word is read against the lexicon in prose, not in a row of names and marks (`SELVINO sida`);
    // a long one anywhere (`Assenti inaiustificati:` heads a list): that many letters are a word's, not a code's.
    if (token === token.toLowerCase() && token.length < ctx.data.confusionModel.anywhereLength && !inProse(text, index)) return;
    if (choice === undefined) {
      choice = choose(token, shapeOf(token) as Shape, doc, ctx, opening);
      memo.set(key, choice);
    }
    if (!choice || anotherPerson(text, index, choice, ctx) || (slashed && choice.ruleId !== 'names/document')) return;
    out.push(edit(choice.rule, index, end, choice.to, choice.ruleId, choice.confidence));
  };
  // Words a mark cut (`de.le`, `p.ù`): a strike of worn type read as a dot or a comma, or a letter lost to one.
  // Such a word read whole wins over a reading of its pieces.
  const whole: Edit[] = [];
  for (const m of markedTokens(text, (w) => plausibleAsPrinted(w, doc, ctx))) consider(m.index, m.word, true, whole, m.end);
  const pieces: Edit[] = [];
  for (const m of tokenRuns(text)) consider(m.index, m.word, false, pieces);
  return [...whole, ...pieces.filter((p) => !whole.some((w) => w.start < p.end && p.start < w.end))];
}

const CAPITALISED = /^\p{Lu}\p{Ll}+$/u;

/**
 * A capitalised run of letters a slash joins to another capitalised word (`Riva/Naldorezzo-Brno`), and glued
 * to no figure or code on its other side.
 */
function slashedName(text: string, index: number, end: number): boolean {
  const left = text[index - 1] === '/';
  if ((!left && text[end] !== '/') || !CAPITALISED.test(text.slice(index, end))) return false;
  const other = left ? /\p{Lu}\p{Ll}+$/u.test(text.slice(Math.max(0, index - 30), index - 1)) : /^\p{Lu}\p{Ll}+/u.test(text.slice(end + 1, end + 30));
  return other && !/[\d./_@]/.test((left ? text[end] : text[index - 1]) ?? ' ');
}

/** A run of letters is a word as printed (the lexicon's, a comune, or printed again in the document). */
function plausibleAsPrinted(word: string, doc: DocumentWords, ctx: CleanContext): boolean {
  return plausible(word.toLowerCase(), shapeOf(word) ?? 'lower', doc, ctx);
}

/** Marks OCR reads inside a word for a letter it could not make out. */
const INNER_MARKS = '.,:;';

/**
 * Runs of letters joined by one mark each (up to three runs: `de.le`, `eseguibi,li.à`), standing apart
 * from figures, other marks and other words glued to them. A mark and a space join two runs too when
 * either is no word as printed (`Funzioname, to`, `necessa, io`): a letter read as a comma, with the
 * space its width left; the word is the runs and the mark, the span the space as well.
 */
function* markedTokens(text: string, plausible: (word: string) => boolean): Generator<LetterRun> {
  let group: LetterRun[] = [];
  let spaced = false;
  const flush = function* () {
    if (group.length >= 2 && group.length <= 3) {
      const first = group[0] as LetterRun;
      const last = group[group.length - 1] as LetterRun;
      const span = text.slice(first.index, last.end);
      yield { index: first.index, end: last.end, word: spaced ? span.replace(/([.,:;]) /u, '$1') : span };
    }
    group = [];
    spaced = false;
  };
  for (const run of letterRuns(text)) {
    const prev = group[group.length - 1];
    if (prev && run.index === prev.end + 1 && INNER_MARKS.includes(text[prev.end] as string)) {
      group.push(run);
      continue;
    }
    // One such gap a word, between its two pieces, the second in small letters, one of them no word.
    if (prev && group.length === 1 && run.index === prev.end + 2 && ',.'.includes(text[prev.end] as string) && text[prev.end + 1] === ' ' && /^\p{Ll}/u.test(run.word) && !(plausible(prev.word) && plausible(run.word))) {
      group.push(run);
      spaced = true;
      yield* flush();
      continue;
    }
    yield* flush();
    group = [run];
  }
  yield* flush();
}

/**
 * A marked token that may be a damaged word: not an abbreviation the rules know (`Dott.ssa`, `p.to`), no
 * piece a known abbreviation (`lett.e`), not printed again in the document (`f.to` under every signature),
 * and no capital after a mark in a word that is not all capitals (`Consiglio.Il` is two sentences).
 */
function markedWord(text: string, token: string, shape: Shape, ctx: CleanContext): boolean {
  if (shape === 'title' && /[.,:;]\p{Lu}/u.test(token)) return false;
  const lower = token.toLowerCase();
  const abbreviations = lowerAbbreviations(ctx.data);
  if (abbreviations.some((a) => a.startsWith(lower) || lower.startsWith(a))) return false;
  if (lower.split(/[.,:;]/).some((piece) => abbreviations.includes(`${piece}.`))) return false;
  return text.indexOf(token, text.indexOf(token) + token.length) === -1;
}

/** The word at `index` opens a sentence: after a full stop, a colon, a question or an exclamation (not after an initial). */
function sentenceStart(text: string, index: number): boolean {
  let i = index - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  if (i < 0) return true;
  if (!'.:!?'.includes(text[i] as string) || i === index - 1) return false;
  // `M. Rossi`: an initial's dot.
  return !(text[i] === '.' && isLetter(text[i - 1]) && !isLetter(text[i - 2]));
}

/**
 * A surname after a first name (`Giovanna Perri`) is someone's name as printed: a name the document
 * prints often (`Ferri`) is evidence for it only when the document prints that person (`Giovanna Ferri`).
 * First names are the words Hunspell knows only capitalised.
 */
function anotherPerson(text: string, index: number, choice: Choice, ctx: CleanContext): boolean {
  if (choice.rule !== 'names') return false;
  const first = /(?<![\p{L}])(\p{Lu}\p{Ll}+)[ \t]+$/u.exec(text.slice(Math.max(0, index - 24), index))?.[1];
  if (!first) return false;
  const info = ctx.lexicon.get(first.toLowerCase());
  return Boolean(info?.proper && !info.word) && !text.includes(`${first} ${choice.to}`);
}

/** The line holds at least two other lower-case words of three letters or more. */
function inProse(text: string, index: number): boolean {
  const start = text.lastIndexOf('\n', index) + 1;
  const nl = text.indexOf('\n', index);
  const line = text.slice(start, nl === -1 ? text.length : nl);
  return (line.match(/(?<![\p{L}])\p{Ll}{3,}(?![\p{L}])/gu) ?? []).length >= 3;
}

/** Matches text that ends with an honorific and a space. */
const honorificEnd = (ctx: CleanContext): RegExp => dataPattern(ctx.data, HONORIFIC_END);
const HONORIFIC_END = (data: CleanContext['data']) => new RegExp(`(?:^|[^\\p{L}])(?:${wordAlternation(data.honorifics)})[ \\t]+$`, 'u');

/** A lower-case beginning of a frequent word. */
function truncated(token: string, ctx: CleanContext): boolean {
  if (!/^\p{Ll}+$/u.test(token)) return false;
  const best = ctx.lexicon.prefixPrior(token);
  return best !== null && best >= ctx.data.confusionModel.truncatedPrefixLog10;
}

/**
 * How much likelier a misreading is in this document than the model's scale says: nothing for a clean
 * reading, up to `damageMaxLift` (log10) where tesseract doubted many of its words (a worn typescript).
 */
function lift(damage: number, ctx: CleanContext): number {
  const { damageFrom, damageGain, damageMaxLift } = ctx.data.confusionModel;
  return damage <= damageFrom ? 0 : Math.min(damageMaxLift, damageGain * Math.log10(damage / damageFrom));
}

interface Choice {
  to: string;
  rule: 'lexical' | 'names';
  ruleId: string;
  confidence: number;
}

interface Candidate {
  word: string;
  /** log10 chance the writer wrote it. */
  prior: number;
  cost: number;
  source: 'lexicon' | 'comune' | 'document';
}

/** The token's shape when it is worth a search for candidates: not itself plausible, not an acronym, not too short. */
function searchable(token: string, doc: DocumentWords, ctx: CleanContext, marked: boolean): Shape | null {
  const shape = shapeOf(token);
  if (!shape) return null;
  const cfg = ctx.data.confusionModel;
  const plainLetters = /^\p{L}+$/u.test(token);
  if (plainLetters && plausible(lowerOf(token), shape, doc, ctx)) return null;
  // A small letter glued before a word in capitals (`eCOMUNE`) is a word of its own, not a capital read small.
  if (shape === 'upper' && token[0] !== token[0]?.toUpperCase() && plausible(lowerOf(token.slice(1)), shape, doc, ctx)) return null;
  if (shape === 'upper' && token.length < cfg.minUpperLength) return null; // acronyms
  // A short lower-case non-word (`uel`, `ui`) is read too, against frequent words only (see `choose`).
  const least = marked ? cfg.minMarkedLength : shape === 'lower' && plainLetters ? cfg.shortMinLength : cfg.minLength;
  if (token.length < least) return null;
  return shape;
}

/** The best candidate for a `searchable` token, when it wins by a clear margin. */
function choose(token: string, shape: Shape, doc: DocumentWords, ctx: CleanContext, opening: boolean): Choice | null {
  const cfg = ctx.data.confusionModel;
  const lower = lowerOf(token);
  // A word of two or three letters is one cheap confusion from a frequent word (`uel` del, `ui` di), or left alone:
  // so short, any word is a plain edit or two from many others.
  const short = token.length < cfg.minLength && /^\p{L}+$/u.test(token);
  const maxCost = short ? cfg.shortMaxCost : Math.min(cfg.maxCost, Math.max(cfg.minMaxCost, cfg.maxCostPerChar * token.length));
  // The channel's chances, scaled to how damaged the document's reading is (`lift`).
  const perCost = ctx.confusions.plainLog10Chance + lift(doc.damage, ctx);
  const candidates = new Map<string, Candidate>();
  const offer = (c: Candidate) => {
    if (c.word === lower) return;
    const had = candidates.get(c.word);
    if (!had || c.prior - c.cost * -perCost > had.prior - had.cost * -perCost) candidates.set(c.word, c);
  };
  // A word the engine itself doubted is less likely a real word it read right; one a clean reading read with
  // confidence is as printed, even a slip of the print's: a scan of print the engine reads well misreads few words,
  // and those it doubts. A word with no OCR behind it is neither.
  const read = doc.confidence.get(lower);
  const doubted = read !== undefined && read < cfg.doubtedConfidence ? cfg.doubtedUnknownDropLog10 : 0;
  const trusted = doc.cleanReading && read !== undefined && read >= cfg.trustedConfidence ? cfg.trustedUnknownLiftLog10 : 0;
  // A word a mark cuts (`trac.tare`, `FERRAN:E`) that no abbreviation explains is no word print has.
  const cut = /[.,:;]/u.test(lower) ? cfg.cutUnknownDropLog10 : 0;
  // Capitals read partly small are damaged for sure: no name is printed so.
  const lowerLike = shape === 'lower' || (shape === 'title' && opening) || mixedCapitals(lettersOf(token));
  const unknown = (lowerLike ? cfg.unknownLowerLog10 : cfg.unknownNameLog10) - doubted - cut + trusted;
  // Only candidates likelier than the word itself matter (to win, or to rival the winner).
  for (const c of ctx.lexicon.near(lower, ctx.confusions, maxCost, unknown)) {
    const known = c.info.word || (c.info.freq ?? -9) >= cfg.commonUnlistedLog10;
    // A form Hunspell knows only capitalised is a name: no target for a lower-case word.
    if (!known && !(c.info.proper && shape !== 'lower')) continue;
    if (c.info.proper && !c.info.word && shape === 'lower') continue;
    if (short && (c.info.freq ?? -9) < cfg.shortMinLog10) continue;
    // A lexicon form the document itself prints again is likelier here than in running Italian.
    const printed = doc.count.get(c.word) ?? 0;
    const prior = printed >= cfg.documentMinCount ? Math.max(c.prior, Math.log10(printed / doc.total)) : c.prior;
    offer({ word: c.word, prior, cost: c.cost, source: 'lexicon' });
  }
  // Names the document prints capitalised, for a capitalised token (a name printed cleanly three times is
  // strong evidence for its damaged fourth); a lower-case word is no misread name.
  if (shape !== 'lower') {
    const query = ctx.confusions.query(lower);
    for (const word of doc.names) {
      if (word === lower || Math.abs(word.length - lower.length) > 3 || distance(word, lower) > cfg.documentMaxEdits) continue;
      const cost = weightedDistance(ctx.confusions, query, word);
      if (cost > maxCost * cfg.documentCostFactor) continue;
      const prior = Math.log10((doc.count.get(word) ?? 1) / doc.total);
      offer({ word, prior: Math.max(prior, ctx.lexicon.get(word)?.freq ?? prior), cost, source: known(word, ctx) ? 'lexicon' : 'document' });
    }
  }
  if (shape !== 'lower') {
    const query = ctx.confusions.query(lower);
    for (const { comune, name } of oneWordComuni(ctx).get(nameKey(token)[0] as string) ?? []) {
      if (Math.abs(comune.length - token.length) > 2 || distance(comune, lower) > cfg.documentMaxEdits) continue;
      const cost = weightedDistance(ctx.confusions, query, comune);
      if (cost <= maxCost) offer({ word: name.toLowerCase(), prior: cfg.comuneLog10, cost, source: 'comune' });
    }
  }
  const ranked = [...candidates.values()]
    .map((c) => ({ ...c, score: c.prior + c.cost * perCost }))
    .sort((a, b) => b.score - a.score);
  const best = ranked[0];
  if (!best) return null;
  // The word as printed is a hypothesis too: a form running text shows, at its own frequency.
  const own = ctx.lexicon.get(lower)?.freq ?? Number.NEGATIVE_INFINITY;
  // A capitalised word near a name the document prints often: a new name that close is as unlikely as a non-word.
  const nearName = shape !== 'lower' && (doc.capitalised.get(best.word) ?? 0) >= cfg.strongNameCount;
  const rival = Math.max(ranked[1]?.score ?? Number.NEGATIVE_INFINITY, nearName ? cfg.unknownLowerLog10 + trusted : unknown, own);
  const margin = best.score - rival;
  if (margin < cfg.marginLog10) return null;
  const to = applyCase(best.word, shape);
  if (to === token) return null;
  // A name the document prints is the names rule's evidence, even when the lexicon knows it too.
  const source = nearName ? 'document' : best.source;
  return {
    to,
    rule: source === 'lexicon' ? 'lexical' : 'names',
    ruleId: source === 'lexicon' ? 'lexical/confusion-model' : source === 'comune' ? 'names/comune' : 'names/document',
    confidence: Number(Math.min(0.95, 0.6 + margin / 10).toFixed(2)),
  };
}

const oneWordComuniOf = new WeakMap<CleanContext['names'], Map<string, { comune: string; name: string }[]>>();
/** The comuni of one word by initial, in lower case: candidates for a capitalised token. */
function oneWordComuni(ctx: CleanContext): Map<string, { comune: string; name: string }[]> {
  let found = oneWordComuniOf.get(ctx.names);
  if (!found) {
    found = new Map();
    for (const [initial, list] of ctx.names.comuniByInitial) {
      found.set(
        initial,
        list.filter(({ key }) => !key.includes(' ')).map(({ key, name }) => ({ comune: key.toLowerCase(), name })),
      );
    }
    oneWordComuniOf.set(ctx.names, found);
  }
  return found;
}

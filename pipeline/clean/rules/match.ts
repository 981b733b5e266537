import type { Correction } from '../../../schemas/index.js';
import { APOS_CHARS, type CleanContext } from '../context.js';
import type { Edit } from '../edits.js';

const dataPatterns = new WeakMap<CleanContext['data'], Map<(data: CleanContext['data']) => RegExp, RegExp>>();
/** The pattern `build` makes of the rules data, made once per data (a batch shares it). */
export function dataPattern(data: CleanContext['data'], build: (data: CleanContext['data']) => RegExp): RegExp {
  let built = dataPatterns.get(data);
  if (!built) {
    built = new Map();
    dataPatterns.set(data, built);
  }
  let re = built.get(build);
  if (!re) {
    re = build(data);
    built.set(build, re);
  }
  return re;
}

/** Words of the rules data as one alternation, their dots literal (`pag.`, `Dott.`). */
export const wordAlternation = (words: readonly string[]): string => words.map((w) => w.replace(/\./g, '\\.')).join('|');

/** Every match of a global regex, safe against empty matches. */
export function* matches(text: string, re: RegExp): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    yield m;
    if (m[0] === '') re.lastIndex++;
  }
}

export function edit(
  rule: Correction['rule'],
  start: number,
  end: number,
  to: string,
  ruleId: string,
  confidence: number,
): Edit {
  return { start, end, to, rule, ruleId, confidence };
}

/**
 * Every match of a global regex that `accept` takes; where it refuses one, the
 * search goes on from the next character, as a look-behind would have it. A
 * look-behind at a pattern's start is tried at every position of the text;
 * a pattern that starts with its own characters is found by a quick scan, and
 * only its few hits are checked.
 */
export function* matchesWhere(text: string, re: RegExp, accept: (m: RegExpExecArray) => boolean): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (!accept(m)) {
      // On by one character; a whole one in a unicode pattern, which never starts inside a surrogate pair (it would find the pair again).
      const c = text.charCodeAt(m.index);
      const pair = re.unicode && c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(m.index + 1) & 0xfc00) === 0xdc00;
      re.lastIndex = m.index + (pair ? 2 : 1);
      continue;
    }
    yield m;
    if (m[0] === '') re.lastIndex++;
  }
}

/** The run of letters that ends at `end` (empty when none does). */
export function lettersBefore(text: string, end: number): string {
  let start = end;
  while (start > 0 && isLetter(text[start - 1])) start--;
  return text.slice(start, end);
}

const LETTER = /\p{L}/u;

/** A maximal run of letters: where it starts and ends in the text, and its letters. */
export interface LetterRun {
  index: number;
  end: number;
  word: string;
}

/** Which UTF-16 code units are letters (`\p{L}`), tested once: the rules ask it of every character. */
let letterUnits: Uint8Array | undefined;
function letterTable(): Uint8Array {
  if (!letterUnits) {
    letterUnits = new Uint8Array(0x10000);
    // Every BMP character once (surrogates as spaces: they are halves, never letters), read by one regex.
    const units = new Uint16Array(0x10000);
    for (let c = 0; c < 0x10000; c++) units[c] = c >= 0xd800 && c <= 0xdfff ? 32 : c;
    const all = new TextDecoder('utf-16le').decode(units);
    for (const m of all.matchAll(/\p{L}/gu)) letterUnits[m.index] = 1;
  }
  return letterUnits;
}

/** How many code units the letter at `i` takes (2 for one beyond the BMP), 0 when none stands there. */
function letterLength(text: string, i: number, table: Uint8Array): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return table[c] as number;
  const low = text.charCodeAt(i + 1);
  return low >= 0xdc00 && low <= 0xdfff && LETTER.test(text.slice(i, i + 2)) ? 2 : 0;
}

/**
 * Maximal runs of letters (as `/\p{L}+/gu` finds them), each with where it
 * starts and ends: the fast way to visit every word (a regex with a look-behind
 * is tried at every position, and `\p{L}` is slow to match). Made one at a
 * time: a long document's runs held at once would outlive the young generation.
 */
export function letterRuns(text: string): Generator<LetterRun> {
  return runsOf(text, false);
}

/** Maximal runs of letters, digits and bars (as `/[\p{L}\d|]+/gu` finds them): OCR reads `l` as `1` or `|` inside words. */
export function tokenRuns(text: string): Generator<LetterRun> {
  return runsOf(text, true);
}

function* runsOf(text: string, digitsAndBars: boolean): Generator<LetterRun> {
  const table = letterTable();
  const n = text.length;
  let i = 0;
  let start = -1;
  while (i < n) {
    const c = text.charCodeAt(i);
    let k: number;
    if (c < 0xd800) k = table[c] === 1 || (digitsAndBars && ((c >= 48 && c <= 57) || c === 124)) ? 1 : 0;
    else k = letterLength(text, i, table);
    if (k > 0) {
      if (start < 0) start = i;
      i += k;
    } else {
      if (start >= 0) yield { index: start, end: i, word: text.slice(start, i) };
      start = -1;
      i++;
    }
  }
  if (start >= 0) yield { index: start, end: n, word: text.slice(start, n) };
}

/** The character that ends at `end` (a whole surrogate pair included) is a letter. */
export function letterBefore(text: string, end: number): boolean {
  const c = text.charCodeAt(end - 1);
  if ((c & 0xfc00) === 0xdc00 && (text.charCodeAt(end - 2) & 0xfc00) === 0xd800) return LETTER.test(text.slice(end - 2, end));
  return isLetter(text[end - 1]);
}

export const isDigit = (c: string | undefined) => c !== undefined && c.length === 1 && c.charCodeAt(0) >= 48 && c.charCodeAt(0) <= 57;
export const isLetter = (c: string | undefined) => c !== undefined && (c.length === 1 ? letterTable()[c.charCodeAt(0)] === 1 : LETTER.test(c));

/** The word ending at `end` is elided: an apostrophe and a letter follow (`dell'Assemblea`). */
export const elidedAt = (text: string, end: number) => APOS_CHARS.includes(text[end] ?? '\0') && isLetter(text[end + 1]);

/** Case shape of a token, so a replacement keeps it. */
export function caseOf(token: string): 'lower' | 'upper' | 'title' | 'mixed' {
  if (token === token.toLowerCase()) return 'lower';
  if (token === token.toUpperCase()) return token.length > 1 ? 'upper' : 'title';
  const rest = token.slice(1);
  if (token[0] === token[0]?.toUpperCase() && rest === rest.toLowerCase()) return 'title';
  return 'mixed';
}

export function applyCase(word: string, shape: ReturnType<typeof caseOf>): string {
  if (shape === 'upper') return word.toUpperCase();
  if (shape === 'title') return word.charAt(0).toUpperCase() + word.slice(1);
  return word;
}

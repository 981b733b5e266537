import { pageLookup } from '../../pages.js';
import type { CleanContext } from '../context.js';
import type { Edit } from '../edits.js';
import type { OcrWord } from '../evidence.js';
import { accentedForms } from './glyph.js';
import { edit, isLetter, letterBefore, lettersBefore, matches, matchesWhere } from './match.js';

/**
 * Scanner dust read as text: specks and smudges tesseract turned into `.`,
 * `‘`, `©`, `i` or `È`, alone on a line or between words. Where the page was
 * OCR'd and its words are known, a token is dust when its box is a fraction
 * of the page's type size, or when it is a mark tesseract itself doubts; where
 * only the text is known, shape decides: a line of nothing but such marks, a
 * line of a single letter, or a stray mark standing between two words.
 * Runs on the raw text, first, so word boxes line up with it; later rounds
 * (what taking dust off left: a lone letter, an unpaired quote) go by shape.
 */
export function noiseEdits(text: string, ctx: CleanContext, round = 0): Edit[] {
  const spans: Span[] = [];
  const pages = ctx.pages;
  let start = 0;
  for (let p = 0; start <= text.length; p++) {
    const end = text.indexOf('\f', start) === -1 ? text.length : text.indexOf('\f', start);
    const page = pages?.[p];
    if (page?.method !== 'text-layer') {
      // Boxes belong to the raw text: later rounds, on text already dusted, go by shape.
      const words = round === 0 ? page?.words : undefined;
      if (words?.length) spans.push(...boxNoise(text, start, end, words, ctx));
      else spans.push(...shapeNoise(text, start, end, ctx));
    }
    start = end + 1;
  }
  const removed = removals(text, spans);
  // A mark glued to dust goes with the dust.
  const glued = gluedMarks(text, ctx).filter((g) => !removed.some((r) => g.start < r.end && r.start < g.end));
  return [...removed, ...glued];
}

interface Span {
  start: number;
  end: number;
  ruleId: string;
  confidence: number;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Tokens tesseract read, placed in the page's text, judged by box and confidence. */
function boxNoise(text: string, pageStart: number, pageEnd: number, words: readonly OcrWord[], ctx: CleanContext): Span[] {
  const cfg = ctx.data.noise;
  // The type size: the median height of confident words of two or more letters.
  const heights = words
    .filter((w) => w.confidence >= 80 && (w.text.match(/\p{L}/gu) ?? []).length >= 2)
    .map((w) => w.bbox.y1 - w.bbox.y0)
    .sort((a, b) => a - b);
  const typeSize = heights[Math.floor(heights.length / 2)];
  if (!typeSize) return shapeNoise(text, pageStart, pageEnd, ctx);
  const out: Span[] = [];
  let cursor = pageStart;
  for (const w of words) {
    const at = text.indexOf(w.text, cursor);
    if (at === -1 || at >= pageEnd) continue;
    cursor = at + w.text.length;
    // Only whole tokens: a word box is a space-separated token of the text.
    if (!/\s/.test(text[at - 1] ?? ' ') || !/\s/.test(text[cursor] ?? ' ')) continue;
    const height = (w.bbox.y1 - w.bbox.y0) / typeSize;
    const mark = !LETTER_OR_DIGIT.test(w.text);
    // A list's bullet or number opens its line before text: it stays unless it is a speck.
    const lineStart = /(^|\n|\f)[ \t]*$/.test(text.slice(Math.max(pageStart, at - 40), at)) && /^[ \t]+\S/.test(text.slice(cursor, cursor + 3));
    let dust = false;
    if (lineStart) dust = mark ? w.confidence < cfg.markMinConfidence : height < cfg.bulletMinHeight;
    // Marks: tesseract doubts what it made of a speck (real punctuation is small too, so size says little).
    else if (mark) dust = w.confidence < cfg.markMinConfidence;
    // A letter or two, or a digit, far smaller than the type: a speck (a real `a` or `i` is x-height at least).
    else if ([...w.text].length <= 3) dust = height < cfg.speckHeight;
    if (dust) out.push({ start: at, end: cursor, ruleId: 'noise/speck', confidence: Number(Math.min(0.95, 0.7 + (100 - w.confidence) / 400).toFixed(2)) });
  }
  return out;
}

/** Without boxes: lines of nothing but stray marks, one-letter lines, and marks standing alone between two words. */
function shapeNoise(text: string, pageStart: number, pageEnd: number, ctx: CleanContext): Span[] {
  const cfg = ctx.data.noise;
  const page = text.slice(pageStart, pageEnd);
  const out: Span[] = [];
  // Table bars aside: the glyph rules take them out later, and what they leave must be clean already.
  for (const m of matches(page, /^[ \t|]*([^\s|]{1,4})[ \t|]*$/gmu)) {
    const token = m[1] as string;
    const onlyStray = [...token].every((c) => cfg.strayMarks.includes(c));
    // A lone letter, quotes glued to it or not (they would be taken off it next, and leave it alone).
    const oneLetter = /^(?:['‘’`´"“”«»]|[.:;]+)?\p{L}['‘’`´"“”«»]*$/u.test(token);
    if (onlyStray || oneLetter) {
      const at = pageStart + m.index + m[0].indexOf(token);
      out.push({ start: at, end: at + token.length, ruleId: onlyStray ? 'noise/stray-line' : 'noise/letter-line', confidence: 0.8 });
    }
  }
  // Anchored on the mark and its following space; the word before it is checked by hand.
  for (const m of matchesWhere(page, strayMarkPattern(cfg.strayMarks), afterWordAndSpace(page))) {
    if (!cfg.strayMarks.includes(m[1] as string)) continue;
    const at = pageStart + m.index;
    out.push({ start: at, end: at + 1, ruleId: 'noise/stray-mark', confidence: 0.8 });
  }
  return out;
}

const strayPatterns = new WeakMap<readonly string[], RegExp>();
/** A stray mark before spaces and a lower-case word (anchored on the marks themselves: most characters are none). */
function strayMarkPattern(marks: readonly string[]): RegExp {
  let re = strayPatterns.get(marks);
  if (!re) {
    re = new RegExp(`(${marks.map((c) => c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')).join('|')})(?=[ \\t]+\\p{Ll})`, 'gu');
    strayPatterns.set(marks, re);
  }
  return re;
}

/** A match that a letter and at least one space or tab stand before. */
const afterWordAndSpace = (text: string) => (m: RegExpExecArray) => {
  let k = m.index - 1;
  while (k >= 0 && (text[k] === ' ' || text[k] === '\t')) k--;
  return k < m.index - 1 && letterBefore(text, k + 1);
};

/** Take the dust out with the space that set it apart; a line left empty goes with its line break. */
function removals(text: string, spans: Span[]): Edit[] {
  spans.sort((a, b) => a.start - b.start);
  // Dust next to dust on one line is one removal.
  const merged: Span[] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && /^[ \t]*$/.test(text.slice(last.end, s.start))) {
      last.end = s.end;
      last.confidence = Math.min(last.confidence, s.confidence);
    } else merged.push({ ...s });
  }
  return merged.map((s) => {
    let start = s.start;
    let end = s.end;
    while (start > 0 && /[ \t]/.test(text[start - 1] as string)) start--;
    while (end < text.length && /[ \t]/.test(text[end] as string)) end++;
    const lineStart = start === 0 || text[start - 1] === '\n' || text[start - 1] === '\f';
    const lineEnd = end === text.length || text[end] === '\n' || text[end] === '\f';
    let to = ' ';
    if (lineStart && lineEnd) {
      // Alone on its line: the line goes (its break too, unless the page ends here).
      if (text[end] === '\n') end++;
      to = '';
    } else if (lineStart || lineEnd) to = '';
    return edit('noise', start, end, to, s.ruleId, s.confidence);
  });
}

/** How far a quote's partner is looked for (a quoted act's title can run over many lines). */
const QUOTE_REACH = 2000;

/** Opening marks and the marks that close them. */
const CLOSERS: Record<string, string> = { "'": "'’", '‘': "'’", '`': "'’", '´': "'’", '"': '"”', '“': '"”', '«': '»' };

/**
 * Dust glued to a word: a quote that opens nothing or closes nothing
 * (`'rifiuti`, `demandata'`, `AMICARELLI"`), a dot or colon stuck to a
 * word's start (`.alla`), a second mark after a word's own (`rifiuti,.`).
 * A quote paired on its line, an elision (`dall'`), a typewriter accent
 * (`citta'`) and `po'` stay.
 */
function gluedMarks(text: string, ctx: CleanContext): Edit[] {
  const out: Edit[] = [];
  const printed = printedRanges(text, ctx);
  const glued = (start: number, end: number, ruleId: string) => {
    if (!printed(start)) out.push(edit('noise', start, end, '', ruleId, 0.75));
  };
  for (const line of matches(text, /^.+$/gmu)) {
    const l = line[0];
    // Leading: after a space or the line's start, before a letter.
    // (A dot after a table bar too, which the glyph rules take out; a quote after one is an `l'`.)
    const opening = (m: RegExpExecArray) => m.index === 0 || (m[1] ? ' \t' : ' \t|').includes(l[m.index - 1] as string);
    for (const m of matchesWhere(l, /(['‘`´"“«])(?=\p{L})|([.:;]+)(?=\p{L})/gu, opening)) {
      const mark = (m[1] ?? m[2]) as string;
      const closers = CLOSERS[mark];
      const at0 = line.index + m.index;
      // An ellipsis opens a quotation (`...per i Comuni`); an apostrophe after an elided word is that word's (`nell ‘organizzazione`).
      if (mark.startsWith('...')) continue;
      if (closers && ctx.data.elisions.includes(/(\p{L}+)[ \t]+$/u.exec(text.slice(Math.max(0, at0 - 12), at0))?.[1]?.toLowerCase() ?? '')) continue;
      // A quote that something in the next lines closes is a quote.
      const at = line.index + m.index;
      if (closers && new RegExp(`\\S[${closers}](?![\\p{L}])`, 'u').test(text.slice(at + 1, at + QUOTE_REACH))) continue;
      glued(at, at + mark.length, 'noise/glued-mark');
    }
    // Trailing: after a word, before a space or the line's end.
    for (const m of matchesWhere(l, /['’"”»](?=[ \t]|$)/gu, (m) => isLetter(l[m.index - 1]) && isLetter(l[m.index - 2]))) {
      const word = lettersBefore(l, m.index).toLowerCase();
      const mark = m[0];
      const at = line.index + m.index;
      // What comes before the mark, the word included (an opening quote is glued to a word's start).
      const before = text.slice(Math.max(0, at - word.length - QUOTE_REACH), at);
      if (mark === "'" || mark === '’') {
        if (ctx.data.elisions.includes(word) || word === 'po' || /[àèéìíòóùú]$/.test(word)) continue;
        if (accentedForms(word).some((w) => ctx.lexicon.isWord(w))) continue; // `citta'`: a typewriter's accent
        if (/(?:^|[\s(])['‘`]\p{L}/u.test(before)) continue; // closes a quote opened before
      } else if (/["“«]/.test(before.replace(mark === '»' ? /"/g : /«/g, ''))) continue;
      glued(line.index + m.index, line.index + m.index + 1, 'noise/glued-mark');
    }
    // A second mark after a word's own: `rifiuti,.` (not `A.,` after an initial, nor an ellipsis).
    const afterWordMark = (m: RegExpExecArray) => m.index >= 4 && /^\p{Ll}{3}[.,;:]$/u.test(l.slice(m.index - 4, m.index));
    for (const m of matchesWhere(l, /[.,;:](?![.\p{L}\d])/gu, afterWordMark)) {
      if (l[m.index - 1] === m[0]) continue;
      glued(line.index + m.index, line.index + m.index + 1, 'noise/glued-mark');
    }
  }
  return out;
}

/** Whether an offset lies on a page of printed text (a PDF text layer), where nothing is dust. */
function printedRanges(text: string, ctx: CleanContext): (offset: number) => boolean {
  if (!ctx.pages?.some((p) => p.method === 'text-layer')) return () => false;
  const pageAt = pageLookup(text);
  return (offset) => ctx.pages?.[pageAt(offset) - 1]?.method === 'text-layer';
}

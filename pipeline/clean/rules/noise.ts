import { pageLookup } from '../../pages.js';
import type { CleanContext } from '../context.js';
import type { Edit } from '../edits.js';
import { barCapitals } from './bar-capitals.js';
import { boxNoise, bulletLetters, gluedBullets, LIST_DASH, type Span } from './box-noise.js';
import { accentedForms } from './glyph.js';
import { markRowEdits } from './mark-rows.js';
import { edit, isLetter, letterBefore, lettersBefore, matches, matchesWhere } from './match.js';
import { type PlacedWord, placeWords } from './placed-words.js';

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
  const rows: Edit[] = [];
  const boxedPages: PlacedWord[][] = [];
  const pages = ctx.pages;
  let start = 0;
  for (let p = 0; start <= text.length; p++) {
    const end = text.indexOf('\f', start) === -1 ? text.length : text.indexOf('\f', start);
    const page = pages?.[p];
    if (page?.method !== 'text-layer') {
      // Boxes belong to the raw text: later rounds, on text already dusted, go by shape.
      const words = round === 0 ? page?.words : undefined;
      if (words?.length) {
        const placed = placeWords(text, start, end, words);
        // A row of marks read as letters is the marks, not dust, and a capital read as a bar is a letter: their tokens
        // are no evidence for the rules below.
        const found = [...markRowEdits(text, placed, ctx), ...barCapitals(placed, ctx)];
        rows.push(...found);
        const kept = placed.filter((p) => !found.some((r) => r.start <= p.at && p.end <= r.end));
        const boxed = boxNoise(text, start, end, kept, ctx);
        if (boxed) boxedPages.push(kept);
        spans.push(...(boxed ?? shapeNoise(text, start, end, ctx)));
      } else spans.push(...shapeNoise(text, start, end, ctx));
    }
    start = end + 1;
  }
  const letters = bulletLetters(text, spans);
  for (const placed of boxedPages) spans.push(...gluedBullets(text, placed, letters, ctx));
  // A list's bullet is not dust, whatever tesseract made of it.
  const overlaps = (a: { start: number; end: number }, b: readonly { start: number; end: number }[]) => b.some((r) => a.start < r.end && r.start < a.end);
  const bullets = round === 0 ? listBullets(text, ctx, spans).filter((b) => !overlaps(b, rows)) : [];
  const removed = removals(
    text,
    spans.filter((s) => !s.ruleId.startsWith('noise/bullet') && !overlaps(s, bullets) && !overlaps(s, rows)),
  );
  // A mark glued to dust goes with the dust.
  const taken = [...removed, ...bullets, ...rows];
  const glued = gluedMarks(text, ctx).filter((g) => !overlaps(g, taken));
  return [...rows, ...removed, ...bullets.filter((b) => b.to !== text.slice(b.start, b.end)), ...glued];
}

/**
 * A list bullet as tesseract reads it: the Italian model has no bullet, and prints `©`, `®`, `°` or `*` for
 * one first on a line of text (`© la deliberazione …`), or, where its box is known, a letter standing well
 * apart from the text (`e   la deliberazione`). Those become `•`; a bullet read as one (`*`, `•`) stays;
 * all are kept from the dust rules. Only where the document has two such lines at least: a list.
 */
function listBullets(text: string, ctx: CleanContext, spans: readonly Span[]): Edit[] {
  const { bulletMisreads, bulletGlyphs, bulletApart, letterBullets } = ctx.data.noise;
  const marks = [...bulletMisreads, ...bulletGlyphs];
  // A line made of a picture has no bullets.
  const doubtful = spans.filter((s) => s.ruleId === 'noise/doubtful-line');
  const found: { start: number; end: number; apart?: boolean; glued?: boolean }[] = spans
    .filter((s) => s.ruleId === 'noise/bullet' || s.ruleId === 'noise/bullet-glued')
    .map((s) => ({ start: s.start, end: s.end, glued: s.ruleId === 'noise/bullet-glued' }));
  // Line by line (a multi-line `^` is tried at every position): marks, then spaces and a letter.
  for (let line = 0; line < text.length; line = text.indexOf('\n', line) + 1 || text.length) {
    let start = line;
    while (text[start] === ' ' || text[start] === '\t') start++;
    let end = start;
    while (end < start + 2 && marks.includes(text[end] as string)) end++;
    if (end === start || (text[end] !== ' ' && text[end] !== '\t')) continue;
    let next = end;
    while (text[next] === ' ' || text[next] === '\t') next++;
    if (isLetter(text[next]) && !found.some((f) => f.start === start)) found.push({ start, end });
  }
  // A bullet tesseract set on a line of its own, between a list's lines (`…;` / `©` / `Fondo …`): joined to its item.
  // The next item's, after an item's one line, too, however that line ends (`Fondo rischi euro 100,00` / `-` / `Fondo …`).
  let itemLine = -1;
  for (const m of text.matchAll(/(?<=\n(?:[ \t]*\n)*)[ \t]*(\S{1,2})[ \t]*\n(?:[ \t]*\n)*[ \t]*(?=\p{L})/gu)) {
    const mark = m[1] as string;
    // The text before, blank lines aside: its last character and the start of its line (scanned back by hand, not
    // sliced: this runs for every short line).
    let last = m.index - 1;
    while (last >= 0 && /\s/.test(text[last] as string)) last--;
    const previousLine = text.lastIndexOf('\n', last) + 1;
    const afterList = last >= 0 && ';:'.includes(text[last] as string);
    const inList = afterList || previousLine === itemLine;
    // A bullet read as one (`●`) is print, wherever its line: only a misread one is repaired (a single dash, inside a list).
    const misread = bulletMisreads.includes(mark) || bulletApart.includes(mark) || (!afterList && mark.length === 1 && LIST_DASH.test(mark));
    if (!inList || !misread) continue;
    const start = m.index + m[0].indexOf(mark);
    found.push({ start, end: m.index + m[0].length, apart: true });
    itemLine = text.lastIndexOf('\n', m.index + m[0].length) + 1;
  }
  if (found.length < 2) return [];
  const printed = printedRanges(text, ctx);
  return found
    .filter((f) => !printed(f.start) && !doubtful.some((d) => d.start <= f.start && f.end <= d.end))
    .map((f) => {
      const seen = text.slice(f.start, f.end);
      // A letter print itself sets as a bullet (a word processor's `o`) was read right: it stays, joined to its item.
      const glyph = letterBullets.includes(seen) ? seen : '•';
      if (f.apart || f.glued) return edit('noise', f.start, f.end, `${glyph} `, 'noise/bullet', 0.7);
      return edit('noise', f.start, f.end, bulletGlyphs.includes(seen) ? seen : glyph, 'noise/bullet', 0.8);
    });
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
  // A mark print never sets apart (`.` alone between spaces, or after a table bar the glyph rules take out; not after a figure: `1 .` is a list number read apart).
  for (const mark of cfg.loneMarks) {
    for (let i = page.indexOf(mark); i !== -1; i = page.indexOf(mark, i + 1)) {
      const end = i + mark.length;
      if (!(i === 0 || ' \t\n|'.includes(page[i - 1] as string)) || !(end === page.length || ' \t\n'.includes(page[end] as string))) continue;
      if (/\d[ \t]+$/.test(page.slice(Math.max(0, i - 4), i))) continue;
      out.push({ start: pageStart + i, end: pageStart + end, ruleId: 'noise/lone-mark', confidence: 0.8 });
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
    // (A span inside the last, a speck on a doubtful line, leaves it whole.)
    if (last && /^[ \t]*$/.test(text.slice(last.end, s.start))) {
      last.end = Math.max(last.end, s.end);
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
/**
 * How far a single quote's partner is looked for (and no further than its sentence): single quotes mark a word
 * or a short phrase (`'in house'`), and on a typewritten page an apostrophe closes many things (`e'`) that are no quote.
 */
const SINGLE_QUOTE_REACH = 160;
/** Opening marks that are single quotes (their closer doubles as an apostrophe). */
const SINGLE_QUOTES = "'‘`´";

/** What an elided word stands before: a vowel or an h. */
const ELIDED_BEFORE = /^[aeiouhàèéìíòóùúAEIOUHÀÈÉÌÒÙ]/u;

/** Opening marks and the marks that close them. */
const CLOSERS: Record<string, string> = { "'": "'’", '‘': "'’", '`': "'’", '´': "'’", '"': '"”', '“': '"”', '«': '»' };

/**
 * Dust glued to a word: a quote that opens nothing or closes nothing
 * (`'rifiuti`, `demandata'`, `capitali'.`, `COLOMBO"`), a dot or colon stuck to a
 * word's start (`.alla`), a second mark after a word's own (`rifiuti,.`).
 * A quote paired on its line, an elision (`dall'`), a typewriter accent
 * (`citta'`) and `po'` stay.
 */
function gluedMarks(text: string, ctx: CleanContext): Edit[] {
  const out: Edit[] = [];
  const printed = printedRanges(text, ctx);
  const typewriterAccents = accentsByApostrophe(text, ctx);
  const glued = (start: number, end: number, ruleId: string) => {
    if (!printed(start)) out.push(edit('noise', start, end, '', ruleId, 0.75));
  };
  for (const line of matches(text, /^.+$/gmu)) {
    const l = line[0];
    // Leading: after a space or the line's start, before a letter.
    // (A dot after a table bar too, which the glyph rules take out; a quote after one is an `l'`.)
    // A quote before a figure of four digits too (`APRILE ‘2026`): a year is elided to two digits (`'70`), never to four.
    const opening = (m: RegExpExecArray) => m.index === 0 || (m[2] ? ' \t|' : ' \t').includes(l[m.index - 1] as string);
    for (const m of matchesWhere(l, /(['‘`´"“«])(?=\p{L})|([.:;]+)(?=\p{L})|(['‘`´])(?=\d{4}(?!\d))/gu, opening)) {
      const mark = (m[1] ?? m[2] ?? m[3]) as string;
      const closers = CLOSERS[mark];
      const at0 = line.index + m.index;
      // An ellipsis opens a quotation (`...per i Comuni`); an apostrophe after an elided word is that word's (`nell ‘organizzazione`).
      if (mark.startsWith('...')) continue;
      // (Only before a vowel or an h: `la ‘Presidenza` elides nothing.)
      const elided = ctx.data.elisions.includes(/(\p{L}+)[ \t]+$/u.exec(text.slice(Math.max(0, at0 - 12), at0))?.[1]?.toLowerCase() ?? '');
      if (closers && elided && ELIDED_BEFORE.test(l[m.index + mark.length] as string)) continue;
      // A quote that something in the next lines closes is a quote.
      const at = line.index + m.index;
      if (closers && closedAfter(text, at, mark, closers, ctx)) continue;
      glued(at, at + mark.length, 'noise/glued-mark');
    }
    // Trailing: after a word, before a space or the line's end.
    for (const m of matchesWhere(l, /['’](?=[.,;:](?:[ \t]|$))|['’"”»](?=[ \t]|$)/gu, (m) => isLetter(l[m.index - 1]) && isLetter(l[m.index - 2]))) {
      const word = lettersBefore(l, m.index).toLowerCase();
      const mark = m[0];
      const at = line.index + m.index;
      // What comes before the mark, the word included (an opening quote is glued to a word's start).
      const before = text.slice(Math.max(0, at - word.length - QUOTE_REACH), at);
      if (mark === "'" || mark === '’') {
        // An elision before a consonant (`le’ motivazioni`) elides nothing; before a figure or a quote (`all' 8`), or at a
        // line's end, it may.
        const next = /^[ \t]*(\S)/u.exec(l.slice(m.index + 1))?.[1];
        const elides = next === undefined || !isLetter(next) || ELIDED_BEFORE.test(next);
        if (/[àèéìíòóùú]$/.test(word) || accentOfWord(word, ctx) || (ctx.data.elisions.includes(word) && elides)) continue;
        // A document that writes its accents so (`citta'`, `compatibilita'`) writes them on words the lexicon lacks too (`conferibilita'`).
        if (typewriterAccents && word.length >= 3 && /[aeiou]$/.test(word)) continue;
        if (/(?:^|[\s(])['‘`]\p{L}/u.test(before.slice(-SINGLE_QUOTE_REACH))) continue; // closes a quote opened just before
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

/**
 * Whether a quote opened at `at` is closed further on: by a closer after a non-space, within reach. For a
 * single quote, within its sentence, and an apostrophe that ends an elision or a typewriter's accent (`dell'`, `e'`, `citta'`) closes nothing.
 */
function closedAfter(text: string, at: number, mark: string, closers: string, ctx: CleanContext): boolean {
  const single = SINGLE_QUOTES.includes(mark);
  let after = text.slice(at + 1, at + (single ? SINGLE_QUOTE_REACH : QUOTE_REACH));
  if (single) after = after.slice(0, after.search(/[.;:](?=\s)|$/));
  for (const m of after.matchAll(new RegExp(`\\S[${closers}](?![\\p{L}])`, 'gu'))) {
    if (!single) return true;
    if (apostropheOfWord(lettersBefore(after, m.index + 1).toLowerCase(), ctx)) continue;
    return true;
  }
  return false;
}

/** How many words with a final accent the text writes as an apostrophe (`citta'`, not an elision) it takes to say it writes them so. */
const TYPEWRITER_ACCENTS = 2;

/** The text writes final accents as apostrophes: that many words whose apostrophe, read as an accent, makes a word of the lexicon. */
function accentsByApostrophe(text: string, ctx: CleanContext): boolean {
  let seen = 0;
  for (const m of text.matchAll(/(?<![\p{L}])(\p{L}{2,}[aeiou])['’](?![\p{L}])/gu)) {
    const word = (m[1] as string).toLowerCase();
    if (ctx.data.elisions.includes(word)) continue;
    if (accentedForms(word).some((w) => ctx.lexicon.isWord(w)) && ++seen >= TYPEWRITER_ACCENTS) return true;
  }
  return false;
}

/** An apostrophe after `word` (lower case) is the word's own: an elision (`dell'`), `po'`, or a typewriter's accent (`citta'`). */
function apostropheOfWord(word: string, ctx: CleanContext): boolean {
  return ctx.data.elisions.includes(word) || accentOfWord(word, ctx);
}

/** An apostrophe after `word` (lower case) is its accent (`citta'`, `ne'`), or `po'`. */
function accentOfWord(word: string, ctx: CleanContext): boolean {
  return word === 'po' || accentedForms(word).some((w) => ctx.lexicon.isWord(w));
}

/** Whether an offset lies on a page of printed text (a PDF text layer), where nothing is dust. */
function printedRanges(text: string, ctx: CleanContext): (offset: number) => boolean {
  if (!ctx.pages?.some((p) => p.method === 'text-layer')) return () => false;
  const pageAt = pageLookup(text);
  return (offset) => ctx.pages?.[pageAt(offset) - 1]?.method === 'text-layer';
}

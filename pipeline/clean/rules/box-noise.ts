import { median } from '../../sorted.js';
import type { CleanContext } from '../context.js';
import type { OcrWord } from '../evidence.js';
import { isLetter } from './match.js';
import type { PlacedWord } from './placed-words.js';
import { known } from './token-words.js';

/** A stretch of the text the dust rules would take out, with the rule and how sure. */
export interface Span {
  start: number;
  end: number;
  ruleId: string;
  confidence: number;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** Only whole tokens are judged: a word box is a space-separated token of the text. */
const wholeToken = (text: string, start: number, end: number) => /\s/.test(text[start - 1] ?? ' ') && /\s/.test(text[end] ?? ' ');
/** A dash, or two, opening a line: a list's mark. */
/** A dash print sets as a list's mark (one or two of them). */
export const LIST_DASH = /^[-–—]{1,2}$/u;

/**
 * Tokens tesseract read, placed in the page's text, judged by box and confidence: specks, doubted marks,
 * bullets read as letters, lines made of a picture and smudges standing apart. Null when the page has no
 * confident word to take the type size from (then shape decides).
 */
export function boxNoise(text: string, pageStart: number, pageEnd: number, placed: readonly PlacedWord[], ctx: CleanContext): Span[] | null {
  const cfg = ctx.data.noise;
  // The type size: the median height of confident words of two or more letters.
  const typeSize = median(placed.map((p) => p.w).filter((w) => w.confidence >= 80 && (w.text.match(/\p{L}/gu) ?? []).length >= 2).map((w) => w.bbox.y1 - w.bbox.y0));
  if (!typeSize) return null;
  const out: Span[] = [];
  const lines = new Map<number, OcrWord[]>();
  let opener: { w: OcrWord; at: number; line: number } | null = null;
  const letters = letterSizes(placed);
  placed.forEach(({ w, at, end: cursor, line }, i) => {
    const lineWords = lines.get(line) ?? [];
    lineWords.push(w);
    lines.set(line, lineWords);
    // The word after a line's first: a bullet stands well apart from its text (`e   la deliberazione` for `●`).
    if (opener && opener.line === line && bulletByBox(opener.w, w, typeSize, letters, cfg)) {
      out.push({ start: opener.at, end: opener.at + opener.w.text.length, ruleId: 'noise/bullet', confidence: 0.8 });
    }
    opener = lineWords.length === 1 ? { w, at, line } : null;
    if (!wholeToken(text, at, cursor)) return;
    const height = (w.bbox.y1 - w.bbox.y0) / typeSize;
    const mark = !LETTER_OR_DIGIT.test(w.text);
    // A list's bullet or number opens its line before text: it stays unless it is a speck.
    const lineStart = /(^|\n|\f)[ \t]*$/.test(text.slice(Math.max(pageStart, at - 40), at)) && /^[ \t]+\S/.test(text.slice(cursor, cursor + 3));
    let dust = false;
    // A dash there is print's own list mark, however doubted (`- lo Statuto comunale;`).
    if (lineStart) dust = mark ? !LIST_DASH.test(w.text) && (w.confidence < cfg.markMinConfidence || cfg.loneMarks.includes(w.text)) : height < cfg.bulletMinHeight;
    // Marks: tesseract doubts what it made of a speck (real punctuation is small too, so size says little); a mark print never sets apart is dust however sure.
    // A dash between two operands (`(d) - (e)`, `12 - 5`) is a minus.
    else if (mark) dust = !minus(placed, i) && (w.confidence < cfg.markMinConfidence || cfg.loneMarks.includes(w.text) || apartMark(placed, i, typeSize, cfg));
    // A letter or two, or a digit, far smaller than the type: a speck (a real `a` or `i` is x-height at least),
    // the type being its neighbours' where they are smaller print (a footer's `C.F e P. IVA`).
    else if ([...w.text].length <= 3) dust = (w.bbox.y1 - w.bbox.y0) / Math.min(typeSize, neighbourSize(placed, i) ?? typeSize) < cfg.speckHeight;
    if (dust) out.push({ start: at, end: cursor, ruleId: 'noise/speck', confidence: Number(Math.min(0.95, 0.7 + (100 - w.confidence) / 400).toFixed(2)) });
  });
  for (const [start, lineWords] of lines) if (doubtfulLine(lineWords, typeSize, ctx)) out.push(lineSpan(text, start, pageEnd));
  out.push(...isolatedSpecks(text, placed, typeSize, cfg));
  const bullets = new Set(out.filter((s) => s.ruleId === 'noise/bullet').map((s) => s.start));
  out.push(...bulletsByListShape(placed, typeSize, bullets, cfg).filter((s) => !bullets.has(s.start)));
  return out;
}

/**
 * Bullets read as letters, told by the list's shape where their gap is narrower than `bulletMinGap`
 * (`e   incrementare …` 35 px apart at a type size of 36): one letter or bullet mark opening its line, its gap
 * `bulletListGap` times the line's usual word space or more, and either a hanging indent (the next line starts
 * under the item's text, not under the letter) or the item before or after opened the same way, its bullet and
 * its text at the same places.
 * A real `e` opening a line has a word's space after it, and the paragraph's next line starts under it.
 * `known`: where the bullets the gap alone showed start.
 */
function bulletsByListShape(placed: readonly PlacedWord[], typeSize: number, known: ReadonlySet<number>, cfg: CleanContext['data']['noise']): Span[] {
  const lines: PlacedWord[][] = [];
  for (const p of placed) {
    const last = lines.at(-1);
    if (last && last[0]?.line === p.line) last.push(p);
    else lines.push([p]);
  }
  // Where each line's first token starts, and its second (the item's text, after a bullet).
  const first = lines.map((words) => words[0]?.w.bbox.x0 ?? Number.NaN);
  const second = lines.map((words) => words[1]?.w.bbox.x0 ?? Number.NaN);
  const near = (a: number | undefined, b: number | undefined) => Math.abs((a ?? Number.NaN) - (b ?? Number.NaN)) <= cfg.bulletAlign * typeSize;
  const shaped = lines.map((words) => words.length >= 2 && bulletShaped(words[0]?.w.text ?? '', cfg));
  const apart = lines.map((words, i) => {
    if (!shaped[i] || words.length < 4) return false;
    const gaps = words.slice(1).map((p, k) => p.w.bbox.x0 - (words[k] as PlacedWord).w.bbox.x1);
    return (gaps[0] as number) >= cfg.bulletListGap * median(gaps.slice(1));
  });
  // The first lines of the items before and after line i's: its own item's next lines start under its text.
  const items = (i: number) =>
    [-1, 1].map((step) => {
      let j = i + step;
      while (j >= 0 && j < lines.length && near(first[j], second[i])) j += step;
      return j;
    });
  const sameBullet = (i: number, j: number) => near(first[i], first[j]) && near(second[i], second[j]);
  const bullet = lines.map((words, i) => {
    if (known.has(words[0]?.at ?? -1)) return true;
    const hanging = near(first[i + 1], second[i]);
    return apart[i] && (hanging || items(i).some((j) => apart[j] && sameBullet(i, j)));
  });
  // A list's bullets share their place and their gap: an item whose justified line stretched its word spaces
  // (`e   l'atto che prevede i termini …`) is told by the bullet above or below it.
  for (let changed = true; changed; ) {
    changed = false;
    lines.forEach((_, i) => {
      if (bullet[i] || !shaped[i] || !items(i).some((j) => bullet[j] && sameBullet(i, j))) return;
      bullet[i] = changed = true;
    });
  }
  return lines.flatMap((words, i) => {
    const opener = words[0] as PlacedWord;
    return bullet[i] ? [{ start: opener.at, end: opener.end, ruleId: 'noise/bullet', confidence: 0.75 }] : [];
  });
}

/** One letter, or a mark tesseract prints for a bullet, or a bullet glyph. */
function bulletShaped(token: string, cfg: CleanContext['data']['noise']): boolean {
  return [...token].length === 1 && (isLetter(token) || cfg.bulletMisreads.includes(token) || cfg.bulletGlyphs.includes(token));
}

/** The letters the boxes showed bullets read as (`e   che …` for `• che …`): the `noise/bullet` spans of one letter. */
export function bulletLetters(text: string, spans: readonly Span[]): Set<string> {
  return new Set(spans.filter((s) => s.ruleId === 'noise/bullet' && s.end - s.start === 1).map((s) => text[s.start] as string));
}

/**
 * A bullet read as the letter the document's other bullets were read as, glued to its item's first word (`ein data`,
 * `ela nota`, `eDI DISPORRE` where a page has `e che …` for `• che …`): the token opens its line, is no word,
 * and the rest of it is one. Only where the boxes showed such bullets apart, on any page: a document keeps
 * one bullet, and tesseract glues it on one page and not on the next.
 */
export function gluedBullets(text: string, placed: readonly PlacedWord[], letters: ReadonlySet<string>, ctx: CleanContext): Span[] {
  if (!letters.size) return [];
  const out: Span[] = [];
  placed.forEach((p, i) => {
    if (placed[i - 1]?.line === p.line || !letters.has(p.w.text[0] as string) || !wholeToken(text, p.at, p.end)) return;
    const token = p.w.text.replace(/[.,;:]+$/u, '');
    const rest = token.slice(1);
    if (rest.length < 2 || !/^\p{L}+$/u.test(rest) || !known(rest.toLowerCase(), ctx) || ctx.lexicon.get(token.toLowerCase())) return;
    out.push({ start: p.at, end: p.at + 1, ruleId: 'noise/bullet-glued', confidence: 0.7 });
  });
  return out;
}

/** Words of two letters or more read with confidence, next to a token on its line (two a side at most). */
const NEIGHBOURS = 2;

/** The tallest of a token's confident neighbours on its line, or undefined when it has none. */
function neighbourSize(placed: readonly PlacedWord[], i: number): number | undefined {
  const line = placed[i]?.line;
  const sizes: number[] = [];
  for (const step of [-1, 1]) {
    for (let j = i + step, seen = 0; seen < NEIGHBOURS && placed[j]?.line === line; j += step, seen++) {
      const w = (placed[j] as PlacedWord).w;
      if (w.confidence >= 80 && (w.text.match(/\p{L}/gu) ?? []).length >= 2) sizes.push(w.bbox.y1 - w.bbox.y0);
    }
  }
  return sizes.length ? Math.max(...sizes) : undefined;
}

/**
 * A mark standing well apart from the text before it, and from what follows on its line if anything does
 * (`integrazioni;      :`): print sets punctuation against its word, so it is a speck however sure tesseract
 * is; a table's nil mark (`-`, `/`) in its column is not, unless a sentence ends before it.
 */
function apartMark(placed: readonly PlacedWord[], i: number, typeSize: number, cfg: CleanContext['data']['noise']): boolean {
  const prev = placed[i - 1];
  // A nil mark fills a cell after its label; after a sentence's end there is no cell to fill.
  if (prev && cfg.nilMarks.includes((placed[i] as PlacedWord).w.text) && !/[.;,)"»]$/u.test(prev.w.text)) return false;
  return standsApart(placed, i, cfg.apartMarkGap * typeSize);
}

/** A dash on its line between an operand's end and the next one's start: a closing bracket or a figure, an opening bracket or a figure. */
function minus(placed: readonly PlacedWord[], i: number): boolean {
  const [prev, p, next] = [placed[i - 1], placed[i] as PlacedWord, placed[i + 1]];
  if (!LIST_DASH.test(p.w.text) || !prev || !next || prev.line !== p.line || next.line !== p.line) return false;
  return /[)\d]$/u.test(prev.w.text) && /^[(\d]/u.test(next.w.text);
}

/** Whether a token stands `gap` or more after the token before it on its line, and before the next one there, if any. */
function standsApart(placed: readonly PlacedWord[], i: number, gap: number): boolean {
  const p = placed[i] as PlacedWord;
  const prev = placed[i - 1];
  const next = placed[i + 1];
  if (!prev || prev.line !== p.line || p.w.bbox.x0 - prev.w.bbox.x1 < gap) return false;
  return !next || next.line !== p.line || next.w.bbox.x0 - p.w.bbox.x1 >= gap;
}

/**
 * A short token tesseract doubts, standing after a line's text with a column's gap either side or the line's
 * end after it (`SERRA LINA      :      E`, `delle locandine      SA`): a smudge in the margin or
 * between columns. A table's marks in their columns (`Si`, `No`, `X`) are read with confidence, and its column
 * labels are bracketed (`(b)`); a line's first token is the bullet and list-number rules'.
 */
function isolatedSpecks(text: string, placed: readonly PlacedWord[], typeSize: number, cfg: CleanContext['data']['noise']): Span[] {
  const out: Span[] = [];
  const gap = cfg.isolatedGap * typeSize;
  placed.forEach((p, i) => {
    if (p.w.confidence >= cfg.isolatedMaxConfidence || [...p.w.text].length > 3 || !LETTER_OR_DIGIT.test(p.w.text)) return;
    // A column's label in brackets (`(b)`, `[2]`): a smudge does not come out as a pair of brackets round a letter.
    if (/^(?:\(.\)|\[.\])$/u.test(p.w.text)) return;
    if (!wholeToken(text, p.at, p.end) || !standsApart(placed, i, gap)) return;
    out.push({ start: p.at, end: p.end, ruleId: 'noise/isolated', confidence: 0.75 });
  });
  return out;
}

/** The median height of each letter read alone with confidence inside a line (`e`, `a`, `o`), where read three times or more. */
function letterSizes(placed: readonly PlacedWord[]): Map<string, number> {
  const heights = new Map<string, number[]>();
  placed.forEach((p, i) => {
    if (placed[i - 1]?.line !== p.line || p.w.confidence < 90 || [...p.w.text].length !== 1 || !isLetter(p.w.text)) return;
    const seen = heights.get(p.w.text) ?? [];
    seen.push(p.w.bbox.y1 - p.w.bbox.y0);
    heights.set(p.w.text, seen);
  });
  return new Map([...heights].filter(([, h]) => h.length >= 3).map(([letter, h]) => [letter, median(h) as number]));
}

/**
 * One letter or bullet mark opening a line, no taller than the type, with a gap after it wider than the type is
 * tall; or a letter well smaller than the page prints it inside its lines (a round bullet read as `e`: 18 px
 * where the page's `e` is 24).
 */
function bulletByBox(first: OcrWord, next: OcrWord, typeSize: number, letters: ReadonlyMap<string, number>, cfg: CleanContext['data']['noise']): boolean {
  if (!bulletShaped(first.text, cfg)) return false;
  const height = first.bbox.y1 - first.bbox.y0;
  const usual = letters.get(first.text);
  if (usual !== undefined && height <= cfg.bulletLetterRatio * usual && height >= cfg.bulletMinHeight * typeSize) return true;
  return height <= typeSize && next.bbox.x0 - first.bbox.x1 >= cfg.bulletMinGap * typeSize;
}

/**
 * A line tesseract made of a picture, a logo or a stamp (`SENSE TINI INT TORNI TL}`): it doubts most of its
 * word-like tokens (two letters or more: specks beside a real line of faded type are the speck rule's), and
 * hardly one is a word or a name of the lexicon. A line of figures (a table of amounts tesseract doubts) is text.
 */
function doubtfulLine(lineWords: readonly OcrWord[], typeSize: number, ctx: CleanContext): boolean {
  const cfg = ctx.data.noise;
  // Specks read as letters (`TE`, `SnS` five pixels high after a typed name) are the speck rule's, no evidence of a picture.
  const wordLike = lineWords.filter((w) => (w.text.match(/\p{L}/gu) ?? []).length >= 2 && w.bbox.y1 - w.bbox.y0 >= cfg.speckHeight * typeSize);
  if (wordLike.length < cfg.doubtfulLineMinWords) return false;
  const confidences = wordLike.map((w) => w.confidence).sort((a, b) => a - b);
  if ((confidences[Math.floor(confidences.length / 2)] as number) >= cfg.doubtfulLineMaxConfidence) return false;
  if (lineWords.some((w) => /\d[\d.,]*\d[\d.,]*\d/.test(w.text))) return false;
  const known = wordLike.filter((w) => {
    const bare = /^[("'“‘]?(\p{L}{3,})[.,;:!?)"'”’]*$/u.exec(w.text)?.[1]?.toLowerCase();
    const info = bare === undefined ? undefined : ctx.lexicon.get(bare);
    if (info === undefined || !(info.word || info.proper)) return false;
    // A rare word tesseract all but guessed (`FETI` at 9 in a logo's strokes) is no evidence of text;
    // a frequent one is, however doubted (a first name, `Presenti` beside dot leaders).
    return w.confidence >= cfg.doubtfulLineKnownMinConfidence || (info.freq ?? -9) >= cfg.doubtfulLineDoubtedKnownLog10;
  }).length;
  return known <= wordLike.length * cfg.doubtfulLineMaxKnownShare;
}

/** The whole of the text line that starts at `start`. */
function lineSpan(text: string, start: number, pageEnd: number): Span {
  const nl = text.indexOf('\n', start);
  const end = nl === -1 || nl > pageEnd ? pageEnd : nl;
  return { start, end, ruleId: 'noise/doubtful-line', confidence: 0.8 };
}

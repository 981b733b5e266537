import type { CleanContext } from '../context.js';
import type { Edit } from '../edits.js';
import { dataPattern, edit, isDigit, letterBefore, matches, matchesWhere, wordAlternation } from './match.js';

const abbreviationPatterns = new WeakMap<CleanContext['data'], { re: RegExp; canonical: string }[]>();

/** `D.Igs.` → `D.Lgs.`, `dott. ssa` → `dott.ssa`, `ss.mm,ii.` → `ss.mm.ii.`: known abbreviations read with I/l/1 confusions, a space after a dot or a dot read as another mark. */
export function abbreviations(text: string, ctx: CleanContext): Edit[] {
  return [...knownAbbreviations(text, ctx), ...lettersBeforeFigures(text, ctx)];
}

function knownAbbreviations(text: string, ctx: CleanContext): Edit[] {
  let patterns = abbreviationPatterns.get(ctx.data);
  if (!patterns) {
    patterns = ctx.data.abbreviations
      .filter((a) => /\.\p{L}/u.test(a) || /[lLI]/.test(a))
      .map((canonical) => ({ canonical, re: abbreviationRegex(canonical) }));
    abbreviationPatterns.set(ctx.data, patterns);
  }
  const out: Edit[] = [];
  for (const { re, canonical } of patterns) {
    const found = [...matchesWhere(text, re, tokenStart(text))];
    // The spelling the document prints where OCR read it cleanly (`D.lgs.`), else the canonical one.
    const clean = new Map<string, number>();
    for (const m of found) if (!/[I1|]/.test(m[0].slice(1)) && !/\. /.test(m[0])) clean.set(m[0], (clean.get(m[0]) ?? 0) + 1);
    const own = [...clean].sort((a, b) => b[1] - a[1])[0]?.[0];
    for (const m of found) {
      const to = own && own.toLowerCase() === canonical.toLowerCase() ? own : matchCase(canonical, m[0]);
      // Only a misread (`D.Igs.`) or a split (`dott. ssa`) is damage: `D.lgs.` in lower case is how its writer spelt it.
      if (to !== m[0] && to.toLowerCase() !== m[0].toLowerCase()) out.push(edit('glyph', m.index, m.index + m[0].length, to, 'glyph/abbreviation', 0.9));
    }
  }
  return out;
}

/** An abbreviation of `abbreviationsBeforeFigures` after an elided article, a letter and a stop or colon after it, then a figure. */
const LETTER_BEFORE_FIGURE = (data: CleanContext['data']) =>
  new RegExp(`(?<=(?<![\\p{L}])(?:${wordAlternation(data.elidedArticles)})['’])(${wordAlternation(data.abbreviationsBeforeFigures)})[il1I][.:](?=[ \\t]*\\d)`, 'giu');

/**
 * `dell’arti. 34`, `all'artl: 5` → `dell’art. 34`: an abbreviation a figure follows (`abbreviationsBeforeFigures`)
 * read with a letter made of its stop's stroke, after an elided article (singular: `dell'arti` is no Italian) and
 * before the figure.
 */
function lettersBeforeFigures(text: string, ctx: CleanContext): Edit[] {
  return [...matches(text, dataPattern(ctx.data, LETTER_BEFORE_FIGURE))].map((m) => edit('glyph', m.index, m.index + m[0].length, `${m[1]}.`, 'glyph/abbreviation', 0.85));
}

function abbreviationRegex(canonical: string): RegExp {
  let source = '';
  for (let i = 0; i < canonical.length; i++) {
    const c = canonical[i] as string;
    const next = canonical[i + 1] ?? '';
    // A dot between letters may come back as a comma or a colon, or doubled (`ss.mm,.ii.`); the last stays a dot,
    // so the comma after an abbreviation is the sentence's.
    if (c === '.') source += /\p{L}/u.test(next) ? `[.,;:]{1,2}${/\p{Ll}/u.test(next) ? ' ?' : ''}` : '\\.';
    else if (/[lLI]/.test(c)) source += '[lLI1|]';
    else if (/\p{L}/u.test(c)) source += `[${c.toLowerCase()}${c.toUpperCase()}]`;
    else source += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`${source}(?![\\p{L}])`, 'gu');
}

/** An abbreviation starts a token: no letter, digit or dot before it. */
const tokenStart = (text: string) => (m: RegExpExecArray) => {
  const before = text[m.index - 1];
  return before !== '.' && !letterBefore(text, m.index) && !isDigit(before);
};

/** Keep the case the document gave the first letter (`dott.ssa` stays lower case); the rest is canonical. */
function matchCase(canonical: string, seen: string): string {
  const first = seen[0] ?? '';
  const head = canonical[0] ?? '';
  if (first === first.toLowerCase() && head !== head.toLowerCase()) return head.toLowerCase() + canonical.slice(1);
  return canonical;
}

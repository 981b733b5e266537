import { distance } from 'fastest-levenshtein';
import type { CleanContext } from '../context.js';
import type { Edit } from '../edits.js';
import { nameKey } from '../names-dictionary.js';
import { edit, letterBefore, matches, matchesWhere } from './match.js';

const NAME_WORD = "(?:\\p{Lu}[\\p{L}\\d'’]*|di|del|della|dei|al|sul|nel|in|d'|DI|DEL|DELLA|DEI|AL|SUL|NEL|IN)";

/**
 * Names rule: proper names checked against evidence, never against the common
 * lexicon. Comuni after `Comune di` against every comune since 1861; people
 * against the spellings the same document prints most (speaker labels,
 * attendance) and the user's `--dict` aliases; an initial `l` after a title
 * (`Dott. lorio`), a first name or an office is the capital `I` OCR lost.
 */
export function nameEdits(text: string, ctx: CleanContext): Edit[] {
  return [...comuniEdits(text, ctx), ...aliasEdits(text, ctx), ...documentNameEdits(text), ...nameCapitalEdits(text, ctx)];
}

function comuniEdits(text: string, ctx: CleanContext): Edit[] {
  const out: Edit[] = [];
  const re = new RegExp(`\\b(?:Comune|COMUNE|comune) (?:di|DI|Di) (${NAME_WORD}(?:[ \\t]${NAME_WORD}){0,4})`, 'gu');
  for (const m of matches(text, re)) {
    const words = (m[1] as string).split(/[ \t]/);
    const start = m.index + m[0].length - (m[1] as string).length;
    let exact = false;
    for (let k = words.length; k >= 1 && !exact; k--) exact = ctx.names.comuniByKey.has(nameKey(words.slice(0, k).join(' ')));
    if (exact) continue;
    for (let k = words.length; k >= 1; k--) {
      const seen = words.slice(0, k).join(' ');
      const match = closestComune(seen, ctx);
      if (match) {
        const to = seen === seen.toUpperCase() ? match.toUpperCase() : match;
        out.push(edit('names', start, start + seen.length, to, 'names/comune', 0.85));
        break;
      }
    }
  }
  return out;
}

/** The one comune within an OCR slip (1 edit; 2 for long names) of what was printed. */
function closestComune(seen: string, ctx: CleanContext): string | null {
  const key = nameKey(seen);
  if (key.length < 5) return null;
  const allowed = key.length >= 10 ? 2 : 1;
  let best: string | null = null;
  let bestDistance = allowed + 1;
  let tie = false;
  for (const { key: other, name } of ctx.names.comuniByInitial.get(key[0] as string) ?? []) {
    if (Math.abs(other.length - key.length) > allowed) continue;
    const d = distance(key, other);
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
      tie = false;
    } else if (d === bestDistance) tie = true;
  }
  return best && !tie ? best : null;
}

/** A `--dict` alias printed in the text becomes the person's canonical name. */
function aliasEdits(text: string, ctx: CleanContext): Edit[] {
  const out: Edit[] = [];
  for (const person of ctx.names.people) {
    for (const alias of person.aliases) {
      const re = new RegExp(`(?<![\\p{L}])${alias.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'gu');
      for (const m of matches(text, re)) out.push(edit('names', m.index, m.index + m[0].length, person.name, 'names/dictionary', 0.95));
    }
  }
  return out;
}

/**
 * People the document names several times: a two- or three-word name printed
 * once within one edit of a spelling printed at least twice more is that
 * spelling (`Angelo Merlci` beside three `Angelo Merici`).
 */
function documentNameEdits(text: string): Edit[] {
  const counts = new Map<string, number>();
  const positions: { name: string; index: number }[] = [];
  const wordStart = (m: RegExpExecArray) => !letterBefore(text, m.index);
  for (const m of matchesWhere(text, /\p{Lu}[\p{Ll}'’]+(?:[ \t]\p{Lu}[\p{Ll}'’]+){1,2}(?![\p{L}])/gu, wordStart)) {
    counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
    positions.push({ name: m[0], index: m.index });
  }
  for (const m of matchesWhere(text, /\p{Lu}{2,}(?:[ \t]\p{Lu}{2,}){1,2}(?= \()/gu, wordStart)) {
    const natural = m[0].toLowerCase().replace(/(^|[ \t])\p{Ll}/gu, (c) => c.toUpperCase());
    counts.set(natural, (counts.get(natural) ?? 0) + 1);
  }
  const frequent = [...counts].filter(([, n]) => n >= 3).map(([name]) => name);
  const out: Edit[] = [];
  for (const { name, index } of positions) {
    if ((counts.get(name) ?? 0) > 1 || name.length < 9) continue;
    const near = frequent.filter((f) => f !== name && f.length === name.length && distance(f, name) === 1);
    if (near.length === 1) out.push(edit('names', index, index + name.length, near[0] as string, 'names/document', 0.8));
  }
  return out;
}

/**
 * `Dott. lorio Riva` → `Dott. Iorio Riva`, `Giorgio lacobelli` → `Giorgio Iacobelli`, `la consigliera lervolino` →
 * `la consigliera Iervolino`: a name starts with a capital, and the serif `I` is what OCR reads as `l` (an `L`
 * keeps its foot). The slot is a name's after an honorific (when a capitalised surname follows: a first name),
 * after a capitalised first name, or after an office (`nameOffices`); the word is no word of the lexicon.
 */
function nameCapitalEdits(text: string, ctx: CleanContext): Edit[] {
  const out: Edit[] = [];
  const titles = ctx.data.honorifics.map((h) => h.replace(/\./g, '\\.')).join('|');
  const re = new RegExp(`(?<=(?:${titles})[ \\t]+)l(\\p{Ll}{2,})(?=[ \\t]+\\p{Lu})`, 'gu');
  for (const m of matches(text, re)) {
    if (ctx.lexicon.isWord(m[0])) continue;
    out.push(edit('names', m.index, m.index + 1, 'I', 'names/honorific-capital', 0.8));
  }
  for (const m of matches(text, /(?<![\p{L}'’])(\p{L}+)[ \t]+l(\p{Ll}{3,})(?![\p{L}'’])/gu)) {
    const before = m[1] as string;
    const word = `l${m[2] as string}`;
    const firstName = /^\p{Lu}\p{Ll}+$/u.test(before) && ctx.lexicon.get(before.toLowerCase())?.proper === true;
    if (!(firstName || ctx.data.nameOffices.includes(before.toLowerCase())) || ctx.lexicon.get(word) !== undefined) continue;
    const at = m.index + m[0].length - word.length;
    out.push(edit('names', at, at + 1, 'I', 'names/name-capital', 0.75));
  }
  return out;
}

import { wordsToNumber } from './numbers.js';

const pad = (n: number) => String(n).padStart(2, '0');

function iso(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1800 || year > 2200) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/**
 * The first date a text states: `13/11/2024`, `13.11.2024`, `13 novembre 2024`,
 * `1° aprile 1987`, or in words as old minutes do (`L'anno
 * millenovecentottantasette, addì ventidue del mese di aprile`).
 */
export function findDate(text: string, months: readonly string[]): { date: string; index: number } | null {
  const monthRe = months.join('|');
  const found: { date: string; index: number; end: number }[] = [];
  const numeric = /(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)/g;
  for (const m of text.matchAll(numeric)) {
    const d = iso(Number(m[3]), Number(m[2]), Number(m[1]));
    if (d) found.push({ date: d, index: m.index, end: m.index + m[0].length });
  }
  const named = new RegExp(`(?<![\\p{L}\\d])(\\d{1,2}|primo|\\p{L}+)°?\\s+(?:del\\s+mese\\s+di\\s+)?(${monthRe})\\s+(?:dell['’]anno\\s+|del\\s+)?(\\d{4}|\\p{L}+)`, 'giu');
  for (const m of text.matchAll(named)) {
    const day = m[1]?.toLowerCase() === 'primo' ? 1 : wordsToNumber(m[1] as string);
    const year = wordsToNumber(m[3] as string);
    const month = months.indexOf((m[2] as string).toLowerCase()) + 1;
    const d = day && year ? iso(year, month, day) : null;
    if (d) found.push({ date: d, index: m.index, end: m.index + m[0].length });
  }
  const old = new RegExp(`anno\\s+(\\p{L}+|\\d{4})[\\s,]+(?:add[iì]['’]?|il\\s+giorno)\\s+(\\p{L}+|\\d{1,2})[\\s,]+(?:del\\s+mese\\s+di\\s+)?(${monthRe})`, 'giu');
  for (const m of text.matchAll(old)) {
    const year = wordsToNumber(m[1] as string);
    const day = (m[2] as string).toLowerCase() === 'primo' ? 1 : wordsToNumber(m[2] as string);
    const month = months.indexOf((m[3] as string).toLowerCase()) + 1;
    const d = day && year ? iso(year, month, day) : null;
    if (d) found.push({ date: d, index: m.index, end: m.index + m[0].length });
  }
  found.sort((a, b) => a.index - b.index);
  // A date a citation gives (`L.R. 1 dicembre 2014, n. 32`, `nota prot. n. 41872 del 30 maggio 2023`) is a law's or a
  // letter's, not the text's own: the first other date is, when there is one.
  // So is a date with a number after it (`L.R. Veneto 25 ottobre 2016, n. 19`): laws are cited by date and number.
  const cited = (f: { index: number; end: number }) => CITED.test(text.slice(Math.max(0, f.index - 40), f.index)) || /^\s*,\s*n\.?\s*\d/u.test(text.slice(f.end, f.end + 12));
  const own = found.find((f) => !cited(f)) ?? found[0];
  return own ? { date: own.date, index: own.index } : null;
}

/** Text ending in a citation of a law, a decree or a letter, and its number: what a date after it belongs to. */
const CITED =
  /(?:(?<![\p{L}])(?:l\.\s*r\.|l\.|legge(?:\s+regionale)?|d\.\s*lgs\.?|d\.\s*l\.|d\.\s*p\.\s*r\.|d\.\s*m\.|decreto(?:\s+\p{L}+){0,2}|circolare|nota(?:\s+prot\.?)?|prot\.?))\s*(?:n\.?\s*[\d/]+\s*)?(?:,\s*)?(?:del\s+|in\s+data\s+)?$/iu;

/** `17:51`, `20,30`, `18.33`, `ore 9` → `HH:MM`; null when not a valid time. */
export function parseTime(hours: string, minutes: string | undefined): string | null {
  const h = Number(hours);
  const m = minutes === undefined ? 0 : Number(minutes);
  if (!Number.isInteger(h) || h > 23 || m > 59) return null;
  return `${pad(h)}:${pad(m)}`;
}

/** `alle ore 20,30` / `ore 17:51` / `alle ore 9` / `alle ore 19 e minuti 30`: the regex source of a stated time (groups: hours, minutes). */
export const TIME_RE = 'ore\\s+(\\d{1,2})(?:(?:\\s*[:.,]\\s*|\\s+e\\s+minuti\\s+)(\\d{2}|(?<=minuti\\s+)\\d))?';

import { isRomanNumeral } from '../roman.js';

const PARTICLES = new Set(['di', 'de', 'del', 'della', 'dello', 'dei', 'degli', 'delle', 'da', 'dal', 'dalla', 'al', 'alla', 'ai', 'e', 'ed', 'in', 'nel', 'nella', 'sul', 'sulla', 'il', 'la', 'lo', 'per', 'con', 'a']);
const ELIDED = /^(dell|nell|sull|all|dall|d)['’]/;
const ACRONYM = /^(ASST|ATS|ASL|ULSS|AUSL|INPS|ISEE|ADI|PUC|BIM|PNRR|IPAB|RSA|UdP)$/i;
/** Italian words a roman numeral's letters spell (`di`, `mi`, `ci`, `vi`, `li`): words, not numerals. */
const ROMAN_WORDS = new Set(['di', 'mi', 'ci', 'vi', 'li', 'dc', 'cd', 'mix', 'mici', 'dici']);

/**
 * `ANGELO MERICI` → `Angelo Merici`, `AMBITO TERRITORIALE SOCIALE VALLE SERIANA`
 * → `Ambito Territoriale Sociale Valle Seriana`, `DELL'AMBITO` → `dell'Ambito`, `XIX` stays:
 * capitals for names, lower case for Italian particles after the first word.
 * Text already in mixed case is returned as it is.
 */
export function naturalCase(text: string): string {
  if (text !== text.toUpperCase()) return text;
  let first = true;
  return text
    .toLowerCase()
    .split(/(\s+|-)/)
    .map((w) => {
      if (/^\s*$|^-$/.test(w)) return w;
      const isFirst = first;
      first = false;
      if (ACRONYM.test(w) || (w.length >= 2 && isRomanNumeral(w) && !ROMAN_WORDS.has(w))) return w.toUpperCase();
      const elided = ELIDED.exec(w);
      if (elided) {
        const head = isFirst ? cap(elided[0]) : elided[0];
        return head + cap(w.slice(elided[0].length));
      }
      if (!isFirst && PARTICLES.has(w)) return w;
      return w.split(/(['’])/).map(cap).join('');
    })
    .join('')
    .replace(/([aeiou])['’](?=\s|$)/g, (_, v: string) => GRAVE[v] ?? v); // COMUNITA' → Comunità
}

const GRAVE: Record<string, string> = { a: 'à', e: 'è', i: 'ì', o: 'ò', u: 'ù' };

function cap(w: string): string {
  return w.charAt(0).toUpperCase() + w.slice(1);
}

/**
 * A person's name in natural order and case: `ROTA Giuseppe` (surname in
 * capitals first, as registers print it) → `Giuseppe Rota`; `ANGELO MERICI` →
 * `Angelo Merici`.
 */
export function personName(printed: string): string {
  const words = printed.trim().split(/\s+/);
  const upper = words.filter((w) => w.length > 1 && w === w.toUpperCase() && /\p{L}/u.test(w));
  if (upper.length > 0 && upper.length < words.length && words[0] === upper[0]) {
    const surname = words.slice(0, upper.length).join(' ');
    const given = words.slice(upper.length).join(' ');
    return `${given} ${naturalCase(surname)}`;
  }
  // `Laura FERRANDO`: the surname in capitals after the given name keeps its place, in natural case.
  if (upper.length > 0 && upper.length < words.length) return words.map((w) => (upper.includes(w) ? naturalCase(w) : w)).join(' ');
  return naturalCase(printed.trim());
}

const UNITS: Record<string, number> = {
  zero: 0, un: 1, uno: 1, una: 1, due: 2, tre: 3, tré: 3, quattro: 4, cinque: 5, sei: 6, sette: 7, otto: 8, nove: 9,
  dieci: 10, undici: 11, dodici: 12, tredici: 13, quattordici: 14, quindici: 15, sedici: 16, diciassette: 17,
  diciotto: 18, diciannove: 19,
};
const TENS: Record<string, number> = {
  venti: 20, trenta: 30, quaranta: 40, cinquanta: 50, sessanta: 60, settanta: 70, ottanta: 80, novanta: 90,
};

/** Ordinal numbers as minutes write an item's place (`il primo punto all'ordine del giorno`). */
export const ORDINALS: Record<string, number> = {
  primo: 1, secondo: 2, terzo: 3, quarto: 4, quinto: 5, sesto: 6, settimo: 7, ottavo: 8, nono: 9, decimo: 10,
};

/**
 * An Italian number written in words, as old minutes write dates and votes:
 * `dodici` → 12, `ventidue` → 22, `millenovecentottantasette` → 1987. Null
 * when the word is not (entirely) a number.
 */
export function wordsToNumber(word: string): number | null {
  const w = word.toLowerCase().replace(/[’']/g, '');
  if (w === '') return null;
  if (/^\d+$/.test(w)) return Number(w);
  const parsed = parseThousands(w);
  return parsed && parsed.rest === '' ? parsed.value : null;
}

function parseThousands(w: string): { value: number; rest: string } | null {
  for (const mille of ['mila', 'mille']) {
    const at = w.indexOf(mille);
    if (at === -1) continue;
    const head = w.slice(0, at);
    const times = head === '' ? 1 : parseHundreds(head);
    if (times === null || (mille === 'mille' && head !== '')) continue;
    const tail = w.slice(at + mille.length);
    if (tail === '') return { value: times * 1000, rest: '' };
    const t = parseHundreds(tail);
    if (t !== null) return { value: times * 1000 + t, rest: '' };
  }
  const h = parseHundreds(w);
  return h === null ? null : { value: h, rest: '' };
}

function parseHundreds(w: string): number | null {
  const at = w.indexOf('cento');
  if (at !== -1) {
    const head = w.slice(0, at);
    const times = head === '' ? 1 : UNITS[head];
    if (times === undefined) return null;
    const tail = w.slice(at + 5);
    if (tail === '') return times * 100;
    const t = parseTens(tail) ?? parseTens(`o${tail}`); // centottanta: the o is elided
    return t === null ? null : times * 100 + t;
  }
  return parseTens(w);
}

function parseTens(w: string): number | null {
  if (w in UNITS) return UNITS[w] as number;
  for (const [word, value] of Object.entries(TENS)) {
    const stem = word.slice(0, -1); // ventuno, trentotto: the final vowel drops before uno/otto
    if (w === word) return value;
    for (const prefix of [word, stem]) {
      if (!w.startsWith(prefix)) continue;
      const unit = UNITS[w.slice(prefix.length)];
      if (unit !== undefined && unit > 0 && unit < 10) return value + unit;
    }
  }
  return null;
}

/** A count in figures or words (`12`, `n. 12`, `dodici`). */
export function parseCount(text: string): number | null {
  const t = text.trim().replace(/^n\.\s*/i, '');
  return wordsToNumber(t);
}

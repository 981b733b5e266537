const UNITS = [
  'zero', 'uno', 'due', 'tre', 'quattro', 'cinque', 'sei', 'sette', 'otto', 'nove', 'dieci', 'undici', 'dodici', 'tredici',
  'quattordici', 'quindici', 'sedici', 'diciassette', 'diciotto', 'diciannove',
];
const TENS = ['', '', 'venti', 'trenta', 'quaranta', 'cinquanta', 'sessanta', 'settanta', 'ottanta', 'novanta'];

/** 1-99 (no `zero`); a final `tre` of a compound both as `tré` and as typed without its accent. */
function belowHundred(n: number, compound: boolean): string[] {
  if (n === 3) return compound ? ['tré', 'tre'] : ['tre'];
  if (n < 20) return [UNITS[n] as string];
  const tens = TENS[Math.floor(n / 10)] as string;
  const unit = n % 10;
  if (unit === 0) return [tens];
  // The tens' vowel drops before `uno` and `otto`: ventuno, trentotto.
  const stem = unit === 1 || unit === 8 ? tens.slice(0, -1) : tens;
  return unit === 3 ? [`${stem}tré`, `${stem}tre`] : [`${stem}${UNITS[unit]}`];
}

/** 1-999, every way minutes write it. */
function belowThousand(n: number, compound: boolean): string[] {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds === 0) return belowHundred(n, compound);
  const head = hundreds === 1 ? 'cento' : `${UNITS[hundreds]}cento`;
  if (rest === 0) return [head];
  // `cento` loses its `o` before `ottanta` and `otto`: centottanta, duecentotto (both spellings are written).
  return belowHundred(rest, true).flatMap((tail) => (tail.startsWith('ott') ? [`${head.slice(0, -1)}${tail}`, `${head}${tail}`] : [`${head}${tail}`]));
}

/** How `n` (0 or more) is written as one word, each spelling minutes use (`ventitré`, `ventitre`). */
export function cardinalForms(n: number): string[] {
  if (n === 0) return ['zero'];
  const thousands = Math.floor(n / 1000);
  const rest = n % 1000;
  const head = thousands === 0 ? '' : thousands === 1 ? 'mille' : `${belowThousand(thousands, false)[0]}mila`;
  return rest === 0 ? [head] : belowThousand(rest, thousands > 0).map((tail) => `${head}${tail}`);
}

/**
 * The Italian cardinals from 0 to `max` written as one word, as minutes write
 * a session's day and year (`ventidue`, `millenovecentottantasette`,
 * `duemilaventisei`): Hunspell lists a handful of them, running text hardly
 * any, so the lexicon adds them all.
 */
export function cardinalWords(max = 2199): string[] {
  const out = new Set<string>();
  for (let n = 0; n <= max; n++) for (const form of cardinalForms(n)) out.add(form);
  return [...out];
}

/**
 * The Latin adverbs that number an article inserted into a law (`art. 5-quater`, `comma 1-sexies`):
 * citations print them in every verbale, running Italian text almost never, and Hunspell knows two.
 */
export const CITATION_ADVERBS: readonly string[] = [
  'bis',
  'ter',
  'quater',
  'quinquies',
  'sexies',
  'septies',
  'octies',
  'novies',
  'nonies',
  'decies',
  'undecies',
  'duodecies',
  'terdecies',
  'quaterdecies',
  'quinquiesdecies',
];

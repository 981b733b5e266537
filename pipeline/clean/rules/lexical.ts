import { distance } from 'fastest-levenshtein';
import { APOS, APOS_CHARS, type CleanContext } from '../context.js';
import type { Edit } from '../edits.js';
import { edit, elidedAt, matches, tokenRuns } from './match.js';

/** A lower-case word, possibly with `|` or `1` read inside it (`a|tro`). */
const LOWER_WORD = /^(?:\p{Ll}[\p{Ll}|1]*\p{Ll}|\p{Ll}{2,})$/u;

/** Non-Hunspell forms at least this frequent are real usage (`online`, `software`), never "corrected". */
const COMMON_UNLISTED = -4.5;
/** A correction must be a frequent word. */
const MIN_TARGET_FREQ = -6;
/** Short words carry little evidence: below this length only very frequent targets (`pil` → `più`). */
const SHORT_WORD = 5;
const SHORT_TARGET_FREQ = -3;
/** Two candidates closer than this in log10 frequency are a tie: leave the word. */
const TIE_MARGIN = 0.7;

/**
 * Lexical rule: a lower-case word the lexicon does not know, one OCR-plausible
 * substitution (q/g, l/I/1/|, rn/m, cl/d, li/h, 0/O, 5/S, c/e…) away from a
 * frequent word, becomes that word; so does a word OCR glued to the next
 * (`chiricada` → `chi ricada`). Capitalised words, acronyms, numbers and codes
 * are left alone: unknown proper nouns are not errors.
 */
export function lexicalEdits(text: string, ctx: CleanContext): Edit[] {
  const out: Edit[] = [];
  // Maximal runs of letters, digits and bars (no look-behind: it would be tried at every position).
  for (const m of tokenRuns(text)) {
    const word = m.word;
    if (!LOWER_WORD.test(word)) continue;
    const elided = elidedAt(text, m.index + word.length);
    // `regolarita'`: the apostrophe is a typewriter's accent, the word is as written.
    if (!elided && APOS_CHARS.includes(text[m.index + word.length] ?? '\0')) continue;
    const fix = elided ? fixElided(word, ctx) : fixWord(word, text, m.index, ctx);
    if (fix) out.push(edit('lexical', m.index, m.index + word.length, fix.to, fix.ruleId, fix.confidence));
  }
  // `l’laccordo`: an `l` doubled after an elided article.
  for (const m of matches(text, new RegExp(`(?<=\\b[lL]${APOS})l(\\p{Ll}{3,})`, 'gu'))) {
    const rest = m[1] as string;
    if (!known(`l${rest}`, ctx) && ctx.lexicon.isWord(rest) && /^[aeiouh]/.test(rest)) {
      out.push(edit('lexical', m.index, m.index + m[0].length, rest, 'lexical/doubled-l', 0.9));
    }
  }
  return out;
}

interface Fix {
  to: string;
  ruleId: string;
  confidence: number;
}

function known(word: string, ctx: CleanContext): boolean {
  const info = ctx.lexicon.get(word);
  if (!info) return false;
  return info.word || (info.freq ?? -9) >= COMMON_UNLISTED;
}

function fixElided(word: string, ctx: CleanContext): Fix | null {
  const elisions = ctx.data.elisions;
  if (elisions.includes(word)) return null;
  const found = candidates(word, ctx).filter((c) => elisions.includes(c));
  return found.length === 1 ? { to: found[0] as string, ruleId: 'lexical/ocr-confusion', confidence: 0.85 } : null;
}

function fixWord(word: string, text: string, index: number, ctx: CleanContext): Fix | null {
  if (known(word, ctx) || word.length < 3) return null;
  // Next to digits or inside a code (`art.12bis`, `n.4`): not prose.
  if (/[\d/_@.]$/.test(text.slice(Math.max(0, index - 1), index)) && !/\s/.test(text[index - 1] ?? ' ')) return null;
  const ownFreq = ctx.lexicon.get(word)?.freq ?? null;
  const scored = candidates(word, ctx)
    .filter((c) => ctx.lexicon.isWord(c) && distance(word, c) <= 2)
    .filter((c) => ctx.lexicon.freq(c) >= (word.length < SHORT_WORD ? SHORT_TARGET_FREQ : MIN_TARGET_FREQ))
    .map((c) => ({ c, f: ctx.lexicon.freq(c) }))
    .sort((a, b) => b.f - a.f);
  const best = scored[0];
  if (best) {
    const second = scored[1];
    if (second && best.f - second.f < TIE_MARGIN) return null;
    // A form seen in real text (but not in Hunspell) needs a far more frequent target.
    if (ownFreq !== null && best.f - ownFreq < 2) return null;
    return { to: best.c, ruleId: 'lexical/ocr-confusion', confidence: Math.min(0.95, 0.7 + (best.f - MIN_TARGET_FREQ) / 20) };
  }
  if (ownFreq !== null || /[|1]/.test(word)) return null;
  return splitGlued(word, ctx);
}

/** Every form one OCR confusion away (each pair read both ways). */
function candidates(word: string, ctx: CleanContext): string[] {
  const out = new Set<string>();
  for (const [a, b] of ctx.data.ocrConfusions) {
    for (const [from, to] of [
      [a, b],
      [b, a],
    ] as const) {
      let at = word.indexOf(from);
      while (at !== -1) {
        const candidate = (word.slice(0, at) + to + word.slice(at + from.length)).toLowerCase();
        if (candidate !== word) out.add(candidate);
        at = word.indexOf(from, at + 1);
      }
    }
  }
  return [...out];
}

/** `chiricada` → `chi ricada`: a function word glued to a real word, and only one way to cut. */
function splitGlued(word: string, ctx: CleanContext): Fix | null {
  if (word.length < 5) return null;
  // Two-letter heads (in-, di-, un-, si-) are also Italian prefixes: `incorpo…` is no glued `in corpo`.
  const { minHeadLog10Freq, minTailLog10Freq, minTailLength, minHeadLength } = ctx.data.ocrSplitWords;
  const cuts: string[] = [];
  for (let i = minHeadLength; i <= word.length - minTailLength; i++) {
    const a = word.slice(0, i);
    const b = word.slice(i);
    const head = ctx.lexicon.isWord(a) && ctx.lexicon.freq(a) >= minHeadLog10Freq;
    if (head && ctx.lexicon.isWord(b) && ctx.lexicon.freq(b) >= minTailLog10Freq) {
      cuts.push(`${a} ${b}`);
    }
  }
  return cuts.length === 1 ? { to: cuts[0] as string, ruleId: 'lexical/split', confidence: 0.75 } : null;
}

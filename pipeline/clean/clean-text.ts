import { z } from 'zod';
import type { Correction } from '../../schemas/index.js';
import { pageLookup } from '../pages.js';
import { loadConfusionModel } from './confusion-model.js';
import type { CleanContext } from './context.js';
import { type AppliedPass, applyEdits, type Edit, mapBack, mapForward } from './edits.js';
import type { PageEvidence } from './evidence.js';
import { loadLexicon } from './lexicon.js';
import { loadNameDictionary } from './names-dictionary.js';
import { accentEdits } from './rules/accent.js';
import { oddCaseEdits } from './rules/case-shapes.js';
import { confusionEdits } from './rules/confusion.js';
import { endMarkEdits } from './rules/end-marks.js';
import { figureEdits } from './rules/figures.js';
import { glyphEdits } from './rules/glyph.js';
import { furnitureEdits, hyphenationEdits } from './rules/layout.js';
import { lexicalEdits } from './rules/lexical.js';
import { nameEdits } from './rules/names.js';
import { noiseEdits } from './rules/noise.js';
import { rollCallEdits } from './rules/roll-call.js';
import { romanNumeralEdits } from './rules/roman-numerals.js';
import { scaledCapitalEdits } from './rules/scaled-capitals.js';
import { strayStopEdits } from './rules/stray-stops.js';
import { wordBreakEdits } from './rules/word-breaks.js';
import { loadCleanRulesData } from './rules-data.js';

/** Options of the clean stage. */
export const CleanOptions = z.object({
  /** User names dictionaries (`--dict`), see `parseNamesFile`. Default: none. */
  dictionaries: z.array(z.string()).default([]),
  /** Rule classes to run, in order. Default: all. */
  rules: z.array(z.enum(['noise', 'layout', 'glyph', 'accent', 'lexical', 'names'])).optional(),
});
export type CleanOptions = z.input<typeof CleanOptions>;

export interface CleanResult {
  clean: string;
  corrections: Correction[];
  /** The dictionaries the rules read, for `record.pipeline.dictionaries`. */
  dictionaries: string[];
  /** An offset in the raw text mapped to the clean text (inside a replaced stretch: the replacement's start). */
  toClean: (rawOffset: number) => number;
}

/** `rounds`: a pass whose rules feed each other (`I'` fixed makes `€ l'…` readable) runs again, up to this many times, until nothing changes. */
type Rule = { rule: Correction['rule']; run: (text: string, ctx: CleanContext, round: number) => Edit[]; rounds?: number };

/**
 * The passes, in order: scanner dust, then page furniture (so a header is not "corrected"),
 * glyphs before words (`I'incontro` must be `l'incontro` before the lexicon
 * sees it), hyphenation once glyphs are right, then accents (a lost accent is not a misread letter), lexical, the confusion model, names.
 */
const PASSES: readonly Rule[] = [
  // Dust first, on the raw text, where the OCR word boxes line up.
  // Again until nothing is left: taking dust off can leave a lone letter or an unpaired quote behind.
  { rule: 'noise', run: noiseEdits, rounds: 3 },
  { rule: 'layout', run: furnitureEdits },
  { rule: 'glyph', run: glyphEdits, rounds: 3 },
  { rule: 'glyph', run: romanNumeralEdits },
  { rule: 'glyph', run: figureEdits },
  { rule: 'glyph', run: rollCallEdits },
  { rule: 'layout', run: hyphenationEdits },
  // Word boundaries before any rule reads words: `Funz.onamento` is one word, `prove dere` another.
  { rule: 'lexical', run: wordBreakEdits },
  { rule: 'lexical', run: endMarkEdits },
  { rule: 'accent', run: accentEdits },
  { rule: 'lexical', run: lexicalEdits },
  // After the sure rules, so the model reads their repairs; names last, from the document's own spellings.
  { rule: 'lexical', run: confusionEdits },
  // A word left with one letter of the other case (`BIAnCHI`) once the model has read its letters.
  { rule: 'glyph', run: oddCaseEdits },
  // A word's case by how the document prints it, once its letters are read right.
  { rule: 'glyph', run: scaledCapitalEdits },
  // A stop inside a sentence, judged by the words either side once they are read right.
  { rule: 'noise', run: strayStopEdits },
  { rule: 'names', run: nameEdits },
];

/** Build the context once; reuse it across documents of a batch. */
export function createCleanContext(options: CleanOptions = {}, sample = ''): CleanContext {
  const opts = CleanOptions.parse(options);
  const lexicon = loadLexicon();
  return {
    lexicon,
    data: loadCleanRulesData(),
    names: loadNameDictionary(opts.dictionaries),
    confusions: loadConfusionModel(),
    upperAccentStyle: upperAccentStyleOf(sample) ?? 'letter',
  };
}

/** A document's text with what is known of each page's origin (`pages[i]` for the i-th `\f`-separated page). */
export interface CleanInput {
  text: string;
  pages?: readonly PageEvidence[];
}

/**
 * Undo OCR damage in Italian text. `raw` is never changed; every edit is a
 * correction with its rule, page and offsets in both texts. Idempotent: the
 * rules only fire on patterns correct text does not contain. A page that
 * came from a PDF's text layer is printed text: only page furniture and
 * hyphenation are touched there. Text given without pages is taken for OCR
 * output.
 */
export function cleanText(input: string | CleanInput, options: CleanOptions = {}, context?: CleanContext): CleanResult {
  const raw = typeof input === 'string' ? input : input.text;
  const pages = typeof input === 'string' ? undefined : input.pages;
  const opts = CleanOptions.parse(options);
  const base = context ?? createCleanContext(opts, raw);
  const ctx: CleanContext = { ...base, pages, upperAccentStyle: upperAccentStyleOf(raw) ?? base.upperAccentStyle };
  const printed = printedPages(pages);
  const passes: AppliedPass[] = [];
  const found: { pass: number; edit: Edit; from: string }[] = [];
  let text = raw;
  for (const { rule, run, rounds = 1 } of PASSES) {
    if (opts.rules && !opts.rules.includes(rule)) continue;
    for (let round = 0; round < rounds; round++) {
      const before = text;
      const proposed = run(text, ctx, round);
      const applied = applyEdits(text, printed && rule !== 'layout' ? outsidePages(text, proposed, printed) : proposed);
      for (const e of applied.pass.edits) found.push({ pass: passes.length, edit: e, from: before.slice(e.start, e.end) });
      passes.push(applied.pass);
      text = applied.text;
      if (applied.pass.edits.length === 0) break;
    }
  }
  const pageAt = pageLookup(raw);
  const corrections = found.map(({ pass, edit, from }) => {
    let rawOffset = edit.start;
    for (let i = pass - 1; i >= 0; i--) rawOffset = mapBack(passes[i] as AppliedPass, rawOffset);
    let cleanOffset = mapForward(passes[pass] as AppliedPass, edit.start);
    for (let i = pass + 1; i < passes.length; i++) cleanOffset = mapForward(passes[i] as AppliedPass, cleanOffset);
    return {
      from,
      to: edit.to,
      rule: edit.rule,
      ruleId: edit.ruleId,
      page: pageAt(rawOffset),
      rawOffset,
      cleanOffset,
      confidence: edit.confidence,
    } satisfies Correction;
  });
  corrections.sort((a, b) => a.rawOffset - b.rawOffset || a.cleanOffset - b.cleanOffset);
  const toClean = (rawOffset: number) => passes.reduce((offset, pass) => mapForward(pass, offset), rawOffset);
  return { clean: text, corrections, dictionaries: [ctx.lexicon.name, ctx.confusions.name, ...ctx.names.sources], toClean };
}

/** The 0-based numbers of the pages that are printed text (a PDF text layer), or null when there are none. */
function printedPages(pages: readonly PageEvidence[] | undefined): ReadonlySet<number> | null {
  const printed = new Set<number>();
  pages?.forEach((p, i) => {
    if (p.method === 'text-layer') printed.add(i);
  });
  return printed.size ? printed : null;
}

/** The edits that fall on pages not in `skip` (pages counted by the `\f` of the text the rule saw). */
function outsidePages(text: string, edits: readonly Edit[], skip: ReadonlySet<number>): Edit[] {
  const pageAt = pageLookup(text);
  return edits.filter((e) => !skip.has(pageAt(e.start) - 1));
}

const UPPER = /\p{Lu}/u;

/** How this document writes a final accent in capitals: `CITTÀ` or `CITTA'`; null when it never does. */
function upperAccentStyleOf(text: string): CleanContext['upperAccentStyle'] | null {
  // Anchored on the accent (or apostrophe), with the capitals before it read by hand: `\p{Lu}{2,}` first is tried at every position.
  const upper = (i: number) => i >= 0 && UPPER.test(text[i] as string);
  let letter = 0;
  for (const m of text.matchAll(/[ÀÈÌÒÙ](?!\p{L})/gu)) if (upper(m.index - 1) && upper(m.index - 2)) letter++;
  let apostrophe = 0;
  for (const m of text.matchAll(/[AEIOU]['’](?!\p{L})/gu)) if (upper(m.index - 1) && upper(m.index - 2)) apostrophe++;
  if (letter === 0 && apostrophe === 0) return null;
  return apostrophe > letter ? 'apostrophe' : 'letter';
}

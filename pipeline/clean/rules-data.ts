import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { dictionaryPath } from '../assets.js';

/** The shape of `dictionaries/clean-rules.json`: general Italian and OCR knowledge the rules read. */
export const CleanRulesData = z.object({
  elisions: z.array(z.string()),
  verbEPrecededBy: z.array(z.string()),
  verbENotAfter: z.array(z.string()),
  verbEFollowedBy: z.array(z.string()),
  /** Elided words after which a lone `e` is the verb `è` (`c'e`, `cos'e`, `dov'e`). */
  verbEAfterElision: z.array(z.string()),
  participleSuffixes: z.array(z.string()),
  accentAmbiguous: z.object({ minLog10Margin: z.number(), neverByFrequency: z.array(z.string()), nounContext: z.array(z.string()) }),
  ocrConfusions: z.array(z.tuple([z.string(), z.string()])),
  /** Thresholds of the confusion-model rule (log10 chances; costs as in ocr-confusions.json). */
  confusionModel: z.object({
    maxCost: z.number(),
    minMaxCost: z.number(),
    maxCostPerChar: z.number(),
    documentCostFactor: z.number(),
    documentMinCount: z.number().int(),
    documentMaxEdits: z.number().int(),
    strongNameCount: z.number().int(),
    inflectionLog10: z.number(),
    minLength: z.number().int(),
    /** Lower-case words shorter than minLength, from this length, may become a word at least shortMinLog10 frequent within shortMaxCost. */
    shortMinLength: z.number().int(),
    shortMaxCost: z.number(),
    shortMinLog10: z.number(),
    minMarkedLength: z.number().int(),
    anywhereLength: z.number().int(),
    truncatedPrefixLog10: z.number(),
    repeatedLowerCount: z.number().int(),
    repeatedNameCount: z.number().int(),
    minUpperLength: z.number().int(),
    commonUnlistedLog10: z.number(),
    comuneLog10: z.number(),
    unknownLowerLog10: z.number(),
    unknownNameLog10: z.number(),
    marginLog10: z.number(),
    /** A word tesseract read under this confidence is doubted by the engine itself: as printed, it is `doubtedUnknownDropLog10` less likely a real word. */
    doubtedConfidence: z.number(),
    doubtedUnknownDropLog10: z.number(),
    /**
     * In a clean reading (`DocumentWords.cleanReading`), a word tesseract read at this confidence or more is trusted:
     * as printed, it is `trustedUnknownLiftLog10` more likely a real word (or the print's own slip) than a misreading.
     */
    trustedConfidence: z.number(),
    trustedUnknownLiftLog10: z.number(),
    /** A token a mark cuts (`trac.tare`), not an abbreviation and printed once, is this much less likely a real word. */
    cutUnknownDropLog10: z.number(),
    /**
     * A document tesseract read more than `damageFrom` (a share) of its words in doubt is a damaged reading: its
     * misreadings are likelier by `damageGain` × log10(share / damageFrom), at most `damageMaxLift` (log10).
     */
    damageFrom: z.number(),
    /** The share is measured on this many such words at least; fewer tell nothing (damage 0). */
    damageMinWords: z.number().int(),
    damageGain: z.number(),
    damageMaxLift: z.number(),
  }),
  /** Scanner dust (pipeline/clean/rules/noise.ts): box sizes are fractions of the page's median word height. */
  noise: z.object({
    markMinConfidence: z.number(),
    speckHeight: z.number(),
    /** A token of up to three characters, not first on its line, read under this confidence… */
    isolatedMaxConfidence: z.number(),
    /** …with a gap of this many type sizes before it and after it (or its line's end) is a smudge. */
    isolatedGap: z.number(),
    bulletMinHeight: z.number(),
    doubtfulLineMaxConfidence: z.number(),
    doubtfulLineMaxKnownShare: z.number(),
    doubtfulLineKnownMinConfidence: z.number(),
    doubtfulLineDoubtedKnownLog10: z.number(),
    doubtfulLineMinWords: z.number().int(),
    strayMarks: z.array(z.string()),
    loneMarks: z.array(z.string()),
    /** A mark this many type sizes or more after the text before it, and before any text after it on its line, is dust, unless one of `nilMarks`. */
    apartMarkGap: z.number(),
    nilMarks: z.array(z.string()),
    bulletMisreads: z.array(z.string()),
    bulletGlyphs: z.array(z.string()),
    bulletMinGap: z.number(),
    bulletLetterRatio: z.number(),
    /** A line's one-letter opener this many times the line's usual word space or more from its text, in a list's shape, is a bullet. */
    bulletListGap: z.number(),
    /** How near, in type sizes, a list's lines start to count as aligned. */
    bulletAlign: z.number(),
    /** A bar between two words, on the baseline of the word beside it and as tall, is a capital `I` (pipeline/clean/rules/bar-capitals.ts). */
    barCapital: z.object({ baseline: z.number(), minHeight: z.number(), maxHeight: z.number() }),
    /** Besides bulletMisreads and bulletGlyphs, what tesseract prints for a bullet it sets on a line of its own. */
    bulletApart: z.array(z.string()),
    /** Letters print itself sets as bullets (`o`): a bullet read as one stays as read. */
    letterBullets: z.array(z.string()),
    /** A full stop inside a sentence (pipeline/clean/rules/stray-stops.ts). */
    strayStop: z.object({ neverEnd: z.array(z.string()), minWordLength: z.number().int() }),
    /** A row of marks read as letters (pipeline/clean/rules/mark-rows.ts). */
    markRow: z.object({ glyphs: z.record(z.string(), z.string()), minTokens: z.number().int(), maxTokenLength: z.number().int(), maxConfidence: z.number(), runConfidence: z.number(), wordConfidence: z.number() }),
  }),
  /** Words a roman numeral follows in a citation (`titolo III`, `capo II`): one read with `l` for `I` after them is repaired. */
  romanNumeralHeads: z.array(z.string()),
  /** A capital read small where the small letter is the capital smaller (pipeline/clean/rules/scaled-capitals.ts). */
  scaledCapitals: z.object({
    /** The letters whose small form is their capital drawn smaller, in small letters. */
    letters: z.string(),
    /** Words of this many letters at least. */
    minLength: z.number().int(),
    /** The document prints the word with a capital this many times at least… */
    minCapitalised: z.number().int(),
    /** …and in small letters at most this share as often. */
    maxSmallShare: z.number(),
    /** A lexicon word read small with this confidence or more somewhere is as printed. */
    maxConfidence: z.number(),
  }),
  /** A glyph misread inside a figure (pipeline/clean/rules/figures.ts). */
  figures: z.object({
    /** The figure has at least this many digits. */
    minDigits: z.number().int(),
    /** The confusion of the odd character for a digit costs at most this. */
    maxCost: z.number(),
  }),
  /** Word boundaries (pipeline/clean/rules/word-breaks.ts). */
  wordBreaks: z.object({
    minPartLog10: z.number(),
    beforeHyphen: z.array(z.string()),
    minJoinedLength: z.number().int(),
    minJoinedLog10: z.number(),
    /** A mark inside a word of this many letters at least may be a letter faded to a dot, when one letter makes a word this frequent. */
    lostLetterMinLength: z.number().int(),
    lostLetterMinLog10: z.number(),
    endMarkMinLength: z.number().int(),
    /** A token before an apostrophe and a vowel that is no elision becomes the elision within this confusion cost of it… */
    elisionMaxCost: z.number(),
    /** …when the next elision is this much costlier. */
    elisionMargin: z.number(),
    /** What OCR prints for the slash of a form the document prints with one (`Consigliere/i` read `Consigliereli`). */
    slashReadAs: z.array(z.string()),
    slashBesideReadAs: z.array(z.string()),
    /** Words before a page's number and count (`Pag. 4 a 8`), whose spaces OCR closes (`Pag. 4a 8`). */
    pageWords: z.array(z.string()),
    /** Short function words OCR glues to the next word (`irisultati`). */
    gluedHeads: z.array(z.string()),
  }),
  ocrSplitWords: z.object({ minHeadLog10Freq: z.number(), minTailLog10Freq: z.number(), minTailLength: z.number(), minHeadLength: z.number() }),
  /** Small letters whose capitals differ only in size: OCR of worn type confuses their case. */
  caseAmbiguousLetters: z.string(),
  /** Words after which a capital letter alone is a label (`lettera O`, `zona C`), not a small word read large. */
  letterLabels: z.array(z.string()),
  /** The language's words of one letter (`o`, `e`): a lone capital read for one is given back its case. */
  oneLetterWords: z.array(z.string()),
  /** A roll call's marks after each name (`pipeline/clean/rules/roll-call.ts`). */
  rollCall: z.object({ marks: z.array(z.string()), minRows: z.number().int(), maxShare: z.number(), misreadInitials: z.record(z.string(), z.string()) }),
  /** Words print writes in mixed case (acronyms): never a case misread. */
  mixedCase: z.object({ printed: z.array(z.string()), capitalsMinLength: z.number() }),
  abbreviations: z.array(z.string()),
  abbreviationsBeforeFigures: z.array(z.string()),
  elidedArticles: z.array(z.string()),
  honorifics: z.array(z.string()),
  /** Offices a surname follows (`il sindaco Rossi`), lower-case: a non-word opening on `l` after one is a name read with `l` for `I`. */
  nameOffices: z.array(z.string()),
  presenceMarkVariants: z.object({ no: z.array(z.string()) }),
});
export type CleanRulesData = z.infer<typeof CleanRulesData>;

let cached: CleanRulesData | undefined;

export function loadCleanRulesData(): CleanRulesData {
  cached ??= CleanRulesData.parse(JSON.parse(readFileSync(dictionaryPath('clean-rules.json'), 'utf8')));
  return cached;
}

const abbreviationsOf = new WeakMap<CleanRulesData, string[]>();
/** The abbreviations the rules know, in lower case, made once per rules data. */
export function lowerAbbreviations(data: CleanRulesData): string[] {
  let found = abbreviationsOf.get(data);
  if (!found) {
    found = data.abbreviations.map((a) => a.toLowerCase());
    abbreviationsOf.set(data, found);
  }
  return found;
}

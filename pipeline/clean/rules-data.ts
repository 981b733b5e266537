import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { dictionaryPath } from '../assets.js';

/** The shape of `dictionaries/clean-rules.json`: general Italian and OCR knowledge the rules read. */
export const CleanRulesData = z.object({
  elisions: z.array(z.string()),
  verbEPrecededBy: z.array(z.string()),
  verbEFollowedBy: z.array(z.string()),
  /** Elided words after which a lone `e` is the verb `è` (`c'e`, `cos'e`, `dov'e`). */
  verbEAfterElision: z.array(z.string()),
  participleSuffixes: z.array(z.string()),
  accentAmbiguous: z.object({ minLog10Margin: z.number(), neverByFrequency: z.array(z.string()), nounContext: z.array(z.string()) }),
  ocrConfusions: z.array(z.tuple([z.string(), z.string()])),
  ocrSplitWords: z.object({ minHeadLog10Freq: z.number(), minTailLog10Freq: z.number(), minTailLength: z.number(), minHeadLength: z.number() }),
  abbreviations: z.array(z.string()),
  honorifics: z.array(z.string()),
  presenceMarkVariants: z.object({ no: z.array(z.string()) }),
});
export type CleanRulesData = z.infer<typeof CleanRulesData>;

let cached: CleanRulesData | undefined;

export function loadCleanRulesData(): CleanRulesData {
  cached ??= CleanRulesData.parse(JSON.parse(readFileSync(dictionaryPath('clean-rules.json'), 'utf8')));
  return cached;
}

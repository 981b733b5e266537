import type { ConfusionModel } from './confusion-model.js';
import type { PageEvidence } from './evidence.js';
import type { Lexicon } from './lexicon.js';
import type { NameDictionary } from './names-dictionary.js';
import type { CleanRulesData } from './rules-data.js';

/** What every rule may read: the dictionaries, loaded once, and the document's own conventions. */
export interface CleanContext {
  lexicon: Lexicon;
  data: CleanRulesData;
  names: NameDictionary;
  /** How tesseract misreads glyphs (`dictionaries/ocr-confusions.json`). */
  confusions: ConfusionModel;
  /** Where each page's text came from, when the caller knows (page order, one per `\f`-separated page). */
  pages?: readonly PageEvidence[];
  /** Upper-case words in this document mark a final accent as `À` (true) or as `A'` (false). */
  upperAccentStyle: 'letter' | 'apostrophe';
}

/** The apostrophes OCR produces for `'`, as characters and as a regex class. */
export const APOS_CHARS = "'’‘`´";
export const APOS = `[${APOS_CHARS}]`;
/** A letter, accented or not. */
export const L = '\\p{L}';

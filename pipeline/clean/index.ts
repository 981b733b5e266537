export { type CleanInput, CleanOptions, type CleanResult, cleanText, createCleanContext } from './clean-text.js';
export type { CleanContext } from './context.js';
export type { OcrWord, PageEvidence } from './evidence.js';
export { type Lexicon, loadLexicon } from './lexicon.js';
export { type KnownPerson, loadNameDictionary, type NameDictionary, parseNamesFile } from './names-dictionary.js';

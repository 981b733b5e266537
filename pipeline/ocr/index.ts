export { type ExtractContext, type ExtractOptions, extractText } from './extract-text.js';
export { italianLangPath, osdLangPath } from './language-data.js';
export { OcrPool, type OcrPoolOptions, type OcrResult } from './pool.js';
export { RECOGNIZE_DEFAULTS, type RecognizedPage, type RecognizeOptions, recognizePage } from './recognize-page.js';
export { locateWords } from './word-offsets.js';

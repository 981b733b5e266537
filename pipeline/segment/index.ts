export type { Structure } from './build-structure.js';
export { loadSegmentLexicon, type SegmentLexicon } from './lexicon.js';
export { naturalCase, personName } from './natural-case.js';
export { wordsToNumber } from './numbers.js';
export {
  createSegmentContext,
  type SegmentContext,
  SegmentOptions,
  type SegmentResult,
  segmentMarkdown,
  segmentMinutes,
} from './segment-minutes.js';

export { buildReviewSite, type ReviewOptions, type ReviewSummary } from './build-site.js';
export { PREVIEW_PIXELS } from './page-image-key.js';
export { type ReviewDoc, readOutputFolder } from './read-output.js';

export * from './json-schema.js';
export * from './record.js';
export * from './warnings.js';
export * from './words.js';

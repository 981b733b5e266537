import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VerbaliError } from '../errors.js';

/** Where a tesseract.js data package keeps a model, found through module resolution. */
function dataFolder(pkg: string, model: string, file: string): string {
  let folder: string;
  try {
    folder = join(dirname(fileURLToPath(import.meta.resolve(`${pkg}/package.json`))), model);
  } catch (error) {
    throw new VerbaliError('E_MISSING_DEP', `the language data package ${pkg} is not installed: run \`npm ci\``, { cause: error });
  }
  if (!existsSync(join(folder, file))) {
    throw new VerbaliError('E_MISSING_DEP', `language data ${join(folder, file)} is missing: reinstall with \`npm ci\``);
  }
  return folder;
}

/**
 * Italian LSTM model (`4.0.0_best_int`: as accurate as the default and faster to
 * start) from node_modules. With `langPath` set, tesseract.js never reaches
 * for its CDN.
 */
export function italianLangPath(): string {
  return dataFolder('@tesseract.js-data/ita', '4.0.0_best_int', 'ita.traineddata.gz');
}

/** Orientation and script detection data (legacy engine) for pages scanned sideways. */
export function osdLangPath(): string {
  return dataFolder('@tesseract.js-data/osd', '4.0.0', 'osd.traineddata.gz');
}

/** `tesseract.js@7.0.0 ita`, for `record.pipeline.ocr`. */
export function engineName(version: string): string {
  return `tesseract.js@${version} ita (4.0.0_best_int, LSTM)`;
}

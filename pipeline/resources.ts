import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ZodError } from 'zod';
import type { CleanContext } from './clean/index.js';
import { VerbaliError } from './errors.js';
import { italianLangPath, osdLangPath } from './ocr/index.js';
import { loadSegmentLexicon } from './segment/lexicon.js';

let languageDataChecked = false;

/**
 * Load or check everything a run needs before it reads any input, so a broken
 * installation is one clear error (exit 3) instead of the same failure blamed
 * on every input: verbali's dictionaries (lexicon, rules data, comuni, the
 * segmenter's lexicon), the user's `--dict` files (`E_DICT`), and with `ocr`
 * the OCR language data, whose gzip stream must be whole (its CRC is checked).
 */
export function checkResources(clean: () => CleanContext, ocr: boolean): void {
  try {
    clean();
    loadSegmentLexicon();
  } catch (error) {
    if (error instanceof VerbaliError) throw error;
    // A zod error's message is its issues as pretty JSON: one line of the first few reads better on stderr.
    const reason =
      error instanceof ZodError ? `rules data: ${error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` : String((error as Error)?.message ?? error);
    throw new VerbaliError('E_MISSING_DEP', `verbali's dictionaries are missing or corrupt (${reason}): reinstall verbali (\`npm ci\`)`, { cause: error });
  }
  if (!ocr || languageDataChecked) return;
  for (const [folder, file] of [
    [italianLangPath(), 'ita.traineddata.gz'],
    [osdLangPath(), 'osd.traineddata.gz'],
  ] as const) {
    const path = join(folder, file);
    try {
      gunzipSync(readFileSync(path));
    } catch (error) {
      throw new VerbaliError('E_MISSING_DEP', `the OCR language data ${path} is corrupt (${(error as Error).message}): reinstall it with \`npm ci\``, { cause: error });
    }
  }
  languageDataChecked = true;
}

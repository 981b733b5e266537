import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from './assets.js';

/** verbali's own version, from package.json (recorded in every record's `pipeline.version`). */
export const VERSION: string = (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;

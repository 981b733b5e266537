/**
 * The OCR sets of bench/accuracy, each split into a development half (the
 * rules and the confusion costs were tuned on it) and a held-out half:
 * - scans: every PDF of the corpus with its `.gold.txt`, scanned by make-scan.sh;
 * - typewritten: the same documents' text typed again at 200 dpi.
 * A document is in the same half in both sets. `--corpus DIR` adds a third
 * set, all held out: the scans of another folder of PDFs with their text
 * (pdftotext -layout is run for a PDF without a `.gold.txt`). `training`
 * adds typewritten pages of the verbali we wrote (`bench/corpus/own`): more
 * pages to measure the confusion costs on than the development half alone,
 * and none of the corpus's (`bench:confusions`).
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { packageRoot } from '../pipeline/assets.js';
import { installTools } from './accuracy-ocr.js';
import { corpusPdfs, type OcrDocument, scannedCorpus, splitHalves } from './accuracy-scans.js';
import { typewrittenSet } from './accuracy-typewriter.js';

export interface OcrSet {
  name: string;
  /** Whether rules and costs were tuned on it. */
  development: boolean;
  /** What its pages are: scans of print, or typewritten sheets. */
  kind: 'scans' | 'typewritten';
  documents: OcrDocument[];
}

export const CACHE = join(packageRoot(), 'bench/.cache/accuracy');
/** The corpus beside the checkout (CI lays `shared/` beside the clone). */
export const CORPUS = resolve(packageRoot(), '../shared/corpus');

export async function loadOcrSets(
  options: { fresh?: boolean; withPictures?: boolean; extraCorpus?: string; only?: 'scans' | 'typewritten'; training?: boolean; log?: (line: string) => void } = {},
): Promise<OcrSet[]> {
  if (!existsSync(CORPUS)) throw new Error(`bench/accuracy needs the corpus at ${CORPUS}`);
  installTools();
  const log = options.log ?? (() => {});
  const halves = splitHalves(corpusPdfs(CORPUS));
  const makeScan = join(CORPUS, 'make-scan.sh');
  const sets: OcrSet[] = [];
  for (const [half, docs] of [
    ['development', halves.dev],
    ['held-out', halves.heldOut],
  ] as const) {
    if (options.only !== 'typewritten') {
      log(`scans, ${half} half:`);
      const scans = await scannedCorpus(docs, makeScan, join(CACHE, 'scans'), { ...options, log });
      sets.push({ name: `corpus scans (${half})`, development: half === 'development', kind: 'scans', documents: scans });
    }
    if (options.only !== 'scans') {
      log(`typewritten pages, ${half} half:`);
      const typed = await typewrittenSet(docs, join(CACHE, 'typewriter'), { ...options, log });
      sets.push({ name: `typewritten pages (${half})`, development: half === 'development', kind: 'typewritten', documents: typed });
    }
  }
  if (options.training && options.only !== 'scans') {
    log('typewritten pages of our verbali (training):');
    const docs = ownVerbali().map((gold) => ({ name: basename(gold, '.txt'), gold }));
    // Seeds of their own, three sheets a verbale: other pages, other styles than the development half's.
    const typed = await typewrittenSet(docs, join(CACHE, 'typewriter-training'), { ...options, pagesPerDoc: 3, seedBase: 5000, log });
    sets.push({ name: 'typewritten pages (training: our verbali)', development: true, kind: 'typewritten', documents: typed });
  }
  if (options.extraCorpus) {
    log(`scans of ${options.extraCorpus}:`);
    const docs = corpusPdfs(options.extraCorpus, { makeGold: join(CACHE, 'extra-text') });
    sets.push({ name: `held-out corpus ${options.extraCorpus}`, development: false, kind: 'scans', documents: await scannedCorpus(docs, makeScan, join(CACHE, 'extra'), { ...options, log }) });
  }
  return sets;
}

/** The text of each verbale we wrote for the reader's benchmark (`bench/corpus/own`). */
function ownVerbali(): string[] {
  const dir = join(packageRoot(), 'bench/corpus/own');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => join(dir, f));
}

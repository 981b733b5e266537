import { createRequire } from 'node:module';
import Tesseract from 'tesseract.js';
import { VerbaliError } from '../errors.js';
import { engineName, italianLangPath, osdLangPath } from './language-data.js';

const { createWorker, OEM, PSM } = Tesseract;
type Worker = Tesseract.Worker;

/** Options of the OCR worker pool. */
export interface OcrPoolOptions {
  /** Workers (pages OCR'd at once). Default: the number of cores. */
  size: number;
  /** Recycle a worker after this many pages, bounding tesseract.js memory over long runs (see RunOptions.recycleAfter). */
  recycleAfter: number;
  /** Give up a page after this long (ms). Default 180 000. */
  pageTimeoutMs: number;
}

/** A recognised page as tesseract.js returns it, reduced to what verbali keeps. */
export interface OcrResult {
  text: string;
  /** Mean word confidence 0-100. */
  confidence: number;
  words: { text: string; confidence: number; bbox: { x0: number; y0: number; x1: number; y1: number } }[];
}

interface Slot {
  worker: Promise<Worker> | null;
  osd: Promise<Worker> | null;
  pages: number;
  busy: boolean;
}

/** The resolution each worker was last told (`user_defined_dpi`; 300 when it starts). */
const dpiOf = new WeakMap<Worker, number>();

const version: string = (createRequire(import.meta.url)('tesseract.js/package.json') as { version: string }).version;

/**
 * A fixed set of tesseract.js workers, each used by one page at a time.
 * Workers start with the pool (OSD workers on first need), are recycled every `recycleAfter` pages, and one that
 * times out is terminated and replaced, so a stuck page never stalls a batch.
 */
export class OcrPool {
  readonly engine = engineName(version);
  private readonly slots: Slot[];
  private readonly waiting: ((slot: Slot) => void)[] = [];
  private closed = false;

  constructor(private readonly options: OcrPoolOptions) {
    // Resolve the language data now: a missing package is exit 3 before any page is read.
    italianLangPath();
    this.slots = Array.from({ length: Math.max(1, options.size) }, () => ({ worker: null, osd: null, pages: 0, busy: false }));
    // Start the workers now, while the first page renders: a pool is only made when a page needs OCR.
    for (const slot of this.slots) {
      slot.worker = startWorker();
      slot.worker.catch(() => undefined); // a failure surfaces when the slot is used
    }
  }

  /** Recognise one grey page image (PGM bytes, `dpi` pixels per inch) with automatic page segmentation. */
  recognize(pgm: Buffer, where: { file?: string; page?: number } = {}, dpi = 300): Promise<OcrResult> {
    return this.withSlot(async (slot) => {
      slot.worker ??= startWorker();
      const worker = await slot.worker;
      // A PGM carries no resolution; tesseract sizes its layout analysis (noise, lines, images) by it.
      if ((dpiOf.get(worker) ?? 300) !== dpi) {
        await worker.setParameters({ user_defined_dpi: String(dpi) });
        dpiOf.set(worker, dpi);
      }
      // Deskewing is done before (deskew.ts): tesseract.js's rotateAuto costs a second layout pass.
      // Word boxes come as TSV: 11% faster than the `blocks` object tree, which carries every symbol.
      const job = worker.recognize(pgm, {}, { text: true, tsv: true });
      const { data } = await this.timed(job, slot, where);
      const words = wordsFromTsv(data.tsv ?? '');
      return {
        text: data.text,
        confidence: words.length ? words.reduce((s, w) => s + w.confidence, 0) / words.length : 0,
        words,
      };
    });
  }

  /** Orientation of a (small) page image, encoded with its resolution (`toPng`): degrees to turn it clockwise, and how sure OSD is. */
  detectOrientation(image: Buffer, where: { file?: string; page?: number } = {}): Promise<{ degrees: 0 | 90 | 180 | 270; confidence: number }> {
    return this.withSlot(async (slot) => {
      slot.osd ??= startOsd();
      const osd = await slot.osd;
      const { data } = await this.timed(osd.detect(image), slot, where);
      const d = data.orientation_degrees ?? 0;
      const degrees = ([0, 90, 180, 270] as const).find((x) => x === d) ?? 0;
      return { degrees, confidence: data.orientation_confidence ?? 0 };
    }, false);
  }

  /** Terminate every worker. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => retire(s)));
  }

  private async withSlot<T>(fn: (slot: Slot) => Promise<T>, countsAsPage = true): Promise<T> {
    if (this.closed) throw new VerbaliError('E_OCR', 'the OCR pool is closed');
    const slot = await this.acquire();
    try {
      return await fn(slot);
    } finally {
      if (countsAsPage && ++slot.pages >= this.options.recycleAfter) await retire(slot);
      this.release(slot);
    }
  }

  private timed<T>(job: Promise<T>, slot: Slot, where: { file?: string; page?: number }): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        void retire(slot);
        reject(new VerbaliError('E_TIMEOUT', `OCR gave no result within ${this.options.pageTimeoutMs / 1000} s`, where));
      }, this.options.pageTimeoutMs);
    });
    return Promise.race([job, timeout]).finally(() => clearTimeout(timer)).catch((error: unknown) => {
      if (error instanceof VerbaliError) throw error;
      throw new VerbaliError('E_OCR', `tesseract.js failed: ${String((error as Error)?.message ?? error)}`, { ...where, cause: error });
    });
  }

  private acquire(): Promise<Slot> {
    const free = this.slots.find((s) => !s.busy);
    if (free) {
      free.busy = true;
      return Promise.resolve(free);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(slot: Slot): void {
    const next = this.waiting.shift();
    if (next) next(slot);
    else slot.busy = false;
  }
}

async function retire(slot: Slot): Promise<void> {
  const [worker, osd] = [slot.worker, slot.osd];
  slot.worker = null;
  slot.osd = null;
  slot.pages = 0;
  await Promise.all([worker, osd].map((w) => w?.then((x) => x.terminate()).catch(() => undefined)));
}

// errorHandler: without it a rejected job throws outside the caller's try/catch.
const swallow = () => undefined;

async function startWorker(): Promise<Worker> {
  try {
    // The model's config names user word and pattern files that do not exist: without these two
    // init settings tesseract prints `failed to load ./ita.special-words` on stderr for every worker.
    const worker = await createWorker(
      'ita',
      OEM.LSTM_ONLY,
      { langPath: italianLangPath(), cacheMethod: 'none', gzip: true, errorHandler: swallow },
      // Init-only parameters; tesseract.js types list only a few of them.
      { user_words_suffix: '', user_patterns_suffix: '' } as unknown as Partial<Tesseract.InitOptions>,
    );
    // The CLI's automatic page segmentation: tesseract.js defaults to one block (PSM 6), which merges columns.
    // tessedit_do_invert=0: no second pass looking for white-on-black text, which minutes do not print (8% faster).
    await worker.setParameters({ tessedit_pageseg_mode: PSM.AUTO, user_defined_dpi: '300', tessedit_do_invert: '0' });
    return worker;
  } catch (error) {
    throw new VerbaliError('E_MISSING_DEP', `cannot start tesseract.js: ${String((error as Error)?.message ?? error)}`, { cause: error });
  }
}

async function startOsd(): Promise<Worker> {
  try {
    const osd = await createWorker('osd', OEM.TESSERACT_ONLY, {
      langPath: osdLangPath(),
      cacheMethod: 'none',
      gzip: true,
      legacyCore: true,
      legacyLang: true,
      errorHandler: swallow,
    });
    return osd;
  } catch (error) {
    throw new VerbaliError('E_MISSING_DEP', `cannot start orientation detection: ${String((error as Error)?.message ?? error)}`, { cause: error });
  }
}

/** Words of tesseract's TSV output (level 5 rows: left, top, width, height, confidence, text). */
export function wordsFromTsv(tsv: string): OcrResult['words'] {
  const words: OcrResult['words'] = [];
  for (const line of tsv.split('\n')) {
    const cells = line.split('\t');
    if (cells[0] !== '5' || cells.length < 12) continue;
    const [left, top, width, height, conf] = cells.slice(6, 11).map(Number) as [number, number, number, number, number];
    const text = cells.slice(11).join('\t');
    if (conf < 0 || text.trim() === '') continue;
    words.push({ text, confidence: conf, bbox: { x0: left, y0: top, x1: left + width, y1: top + height } });
  }
  return words;
}

import { createRequire } from 'node:module';
import Tesseract from 'tesseract.js';
import { withDeadline } from '../deadline.js';
import { VerbaliError } from '../errors.js';
import { nextThread, watchThread } from '../threads.js';
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

/** A started tesseract.js worker and the thread it runs in. */
interface Started {
  worker: Worker;
  /** A job's outcome, or a rejection when the thread dies first (crash, exit we did not ask for). */
  alive<T>(job: Promise<T>): Promise<T>;
  stop(): Promise<void>;
}

interface Slot {
  worker: Promise<Started> | null;
  osd: Promise<Started> | null;
  pages: number;
  busy: boolean;
}

/** Where a job comes from, for messages, and the document's deadline (aborting it stops the job and replaces its worker). */
export interface JobPlace {
  file?: string | undefined;
  page?: number | undefined;
  signal?: AbortSignal | undefined;
}

/** The resolution each worker was last told (`user_defined_dpi`; 300 when it starts). */
const dpiOf = new WeakMap<Worker, number>();

const version: string = (createRequire(import.meta.url)('tesseract.js/package.json') as { version: string }).version;

/**
 * A fixed set of tesseract.js workers, each used by one page at a time.
 * Workers start with the pool (OSD workers on first need) and are recycled
 * every `recycleAfter` pages. The pool is the OCR side of the watchdog: a job
 * that gives no result within `pageTimeoutMs`, whose document's deadline
 * passes, or whose thread crashes is ended at once (`E_TIMEOUT`, `E_OCR`), and
 * its worker terminated and replaced, so a stuck page never stalls a batch.
 * A worker that cannot start (missing or corrupt language data) is
 * `E_MISSING_DEP`: no page can be read, so the caller stops.
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
      slot.worker = this.start(startWorker);
      slot.worker.catch(() => undefined); // a failure surfaces when the slot is used
    }
  }

  /**
   * Recognise one page image (a grey PNG from `toPng`, or a JPEG as scanned; `dpi` pixels per inch) as one column
   * of text, straightened first by `skew` degrees as `detectSkew` measures it (word boxes are in the straightened
   * image, of the same size).
   */
  recognize(image: Buffer, where: JobPlace = {}, dpi = 300, skew = 0): Promise<OcrResult> {
    return this.withSlot(where, async (slot) => {
      const started = await this.ready(slot, where, dpi);
      // The skew is measured before (deskew.ts: tesseract.js's rotateAuto costs a second layout pass); tesseract.js
      // turns the image the other way round (clockwise positive, in radians).
      // Word boxes come as TSV: 11% faster than the `blocks` object tree, which carries every symbol.
      const job = started.worker.recognize(image, turn(skew), { text: true, tsv: true });
      const { data } = await this.timed(started.alive(job), slot, where);
      const words = wordsFromTsv(data.tsv ?? '');
      return {
        text: data.text,
        confidence: words.length ? words.reduce((s, w) => s + w.confidence, 0) / words.length : 0,
        words,
      };
    });
  }

  /**
   * Read one line of a page again, alone: the rectangle `line` (in the page's pixels as `recognize` reads them,
   * straightened by `skew`) of the same `image`, as a block of text: PSM 6, since PSM 7 reads a row of asterisks as
   * one or two letters and PSM 6 a scrap a mark, as the page's reading would. For a line the page's layout analysis
   * left out (`findLostLines`). Word boxes are in the page's pixels. The worker reads pages as one column again after.
   */
  recognizeLine(image: Buffer, line: OcrResult['words'][number]['bbox'], where: JobPlace = {}, dpi = 300, skew = 0): Promise<OcrResult['words']> {
    return this.withSlot(
      where,
      async (slot) => {
        const started = await this.ready(slot, where, dpi);
        const mode = (psm: Tesseract.PSM) => this.timed(started.alive(started.worker.setParameters({ tessedit_pageseg_mode: psm })), slot, where);
        await mode(PSM.SINGLE_BLOCK);
        try {
          const rectangle = { left: line.x0, top: line.y0, width: line.x1 - line.x0, height: line.y1 - line.y0 };
          const options = { rectangle, ...turn(skew) };
          const { data } = await this.timed(started.alive(started.worker.recognize(image, options, { text: false, tsv: true })), slot, where);
          return wordsFromTsv(data.tsv ?? '');
        } finally {
          // A worker that failed was retired by `timed`; a live one goes back to reading pages.
          if (slot.worker !== null) await mode(PSM.SINGLE_COLUMN);
        }
      },
      false,
    );
  }

  /** Orientation of a (small) page image, encoded with its resolution (`toPng`): degrees to turn it clockwise, and how sure OSD is. */
  detectOrientation(image: Buffer, where: JobPlace = {}): Promise<{ degrees: 0 | 90 | 180 | 270; confidence: number }> {
    return this.withSlot(
      where,
      async (slot) => {
        slot.osd ??= this.start(startOsd);
        const osd = await this.timed(slot.osd, slot, where);
        const { data } = await this.timed(osd.alive(osd.worker.detect(image)), slot, where);
        const d = data.orientation_degrees ?? 0;
        const degrees = ([0, 90, 180, 270] as const).find((x) => x === d) ?? 0;
        return { degrees, confidence: data.orientation_confidence ?? 0 };
      },
      false,
    );
  }

  /** Terminate every worker. */
  async close(): Promise<void> {
    this.closed = true;
    for (const wake of this.waiting.splice(0)) wake(null as unknown as Slot);
    await Promise.all(this.slots.map((s) => retire(s)));
  }

  /** The slot's page worker, started if need be and told the page's resolution. */
  private async ready(slot: Slot, where: JobPlace, dpi: number): Promise<Started> {
    slot.worker ??= this.start(startWorker);
    const started = await this.timed(slot.worker, slot, where);
    // Told, not read from the image (a scanner's JPEG often carries none): tesseract sizes its layout analysis (noise, lines, images) by it.
    if ((dpiOf.get(started.worker) ?? 300) !== dpi) {
      await this.timed(started.alive(started.worker.setParameters({ user_defined_dpi: String(dpi) })), slot, where);
      dpiOf.set(started.worker, dpi);
    }
    return started;
  }

  /** Start a worker, bounded by the page timeout: a worker whose thread dies while loading its model never settles by itself. */
  private start(how: () => Promise<Started>): Promise<Started> {
    // Slow is not missing (a loaded machine): a page's E_OCR, not the end of the run.
    const late = () => new VerbaliError('E_OCR', `tesseract.js did not start within ${this.options.pageTimeoutMs / 1000} s`);
    return withDeadline(this.options.pageTimeoutMs, late, () => how());
  }

  private async withSlot<T>(where: JobPlace, fn: (slot: Slot) => Promise<T>, countsAsPage = true): Promise<T> {
    if (this.closed) throw new VerbaliError('E_OCR', 'the OCR pool is closed', where);
    const slot = await this.acquire();
    if (!slot) throw new VerbaliError('E_OCR', 'the OCR pool is closed', where);
    try {
      return await fn(slot);
    } finally {
      if (countsAsPage && ++slot.pages >= this.options.recycleAfter) await retire(slot);
      this.release(slot);
    }
  }

  /**
   * `job` bounded by the page timeout and the document's deadline. When either
   * passes, or the job fails, the slot's workers are terminated (a worker that
   * failed once is not trusted with the next page) and started afresh on next use.
   */
  private async timed<T>(job: Promise<T>, slot: Slot, where: JobPlace): Promise<T> {
    const { file, page, signal } = where;
    const seconds = this.options.pageTimeoutMs / 1000;
    try {
      return await withDeadline(this.options.pageTimeoutMs, () => new VerbaliError('E_TIMEOUT', `OCR gave no result within ${seconds} s; its worker was replaced`), () => job, signal);
    } catch (error) {
      await retire(slot);
      if (error instanceof VerbaliError) throw error.file === undefined ? new VerbaliError(error.code, error.message, { file, page, cause: error.cause }) : error;
      throw new VerbaliError('E_OCR', `tesseract.js failed: ${String((error as Error)?.message ?? error)}`, { file, page, cause: error });
    }
  }

  private acquire(): Promise<Slot | null> {
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
  await Promise.all([worker, osd].map((w) => w?.then((x) => x.stop()).catch(() => undefined)));
}

/** tesseract.js's option to straighten a page by `skew` degrees (as `detectSkew` measures): it turns the other way round, in radians. */
const turn = (skew: number): { rotateRadians?: number } => (skew !== 0 ? { rotateRadians: (-skew * Math.PI) / 180 } : {});

// errorHandler: without it a rejected job throws outside the caller's try/catch.
const swallow = () => undefined;

/**
 * Start a tesseract.js worker and watch its thread (see threads.ts). If the
 * thread dies while the model loads, or loading fails, the language data is
 * missing or unusable: `E_MISSING_DEP`.
 */
async function startWatched(what: string, create: () => Promise<Worker>): Promise<Started> {
  const thread = nextThread();
  const creating = create();
  creating.catch(() => undefined); // seen below, once the thread is known
  const watch = watchThread(await thread, (reason) => new VerbaliError('E_OCR', `the OCR worker crashed: ${reason}; it was replaced`));
  let worker: Worker;
  try {
    worker = await watch.race(creating);
  } catch (error) {
    watch.expected();
    creating.then((w) => w.terminate(), () => undefined).catch(() => undefined);
    const reason = error instanceof VerbaliError ? error.message : String((error as Error)?.message ?? error);
    throw new VerbaliError('E_MISSING_DEP', `cannot start ${what}: ${reason}; reinstall the language data with \`npm ci\``, { cause: error });
  }
  return {
    worker,
    alive: watch.race,
    stop: async () => {
      watch.expected();
      await worker.terminate();
    },
  };
}

function startWorker(): Promise<Started> {
  return startWatched('tesseract.js', async () => {
    // The model's config names user word and pattern files that do not exist: without these two
    // init settings tesseract prints `failed to load ./ita.special-words` on stderr for every worker.
    const worker = await createWorker(
      'ita',
      OEM.LSTM_ONLY,
      { langPath: italianLangPath(), cacheMethod: 'none', gzip: true, errorHandler: swallow },
      // Init-only parameters; tesseract.js types list only a few of them.
      { user_words_suffix: '', user_patterns_suffix: '' } as unknown as Partial<Tesseract.InitOptions>,
    );
    // A page of minutes is one column of text of varying sizes (PSM 4): automatic segmentation (PSM 3) splits an
    // attendance table into blocks, reading its names, then its marks, and drops the small `Si`/`No` marks it cannot
    // place. Measured on 12 pages of scans of the real corpus with the same model (pdftoppm 300 dpi, native CLI):
    // CER 4.61% with PSM 3, 0.81% with PSM 4 (table pages 36.8% → 0.0%; no page worse but one, by a logo read as text).
    // tessedit_do_invert=0: no second pass looking for white-on-black text, which minutes do not print (8% faster).
    await worker.setParameters({ tessedit_pageseg_mode: PSM.SINGLE_COLUMN, user_defined_dpi: '300', tessedit_do_invert: '0', ...QUIET });
    return worker;
  });
}

function startOsd(): Promise<Started> {
  return startWatched('orientation detection', async () => {
    const worker = await createWorker('osd', OEM.TESSERACT_ONLY, {
      langPath: osdLangPath(),
      cacheMethod: 'none',
      gzip: true,
      legacyCore: true,
      legacyLang: true,
      errorHandler: swallow,
    });
    await worker.setParameters(QUIET);
    return worker;
  });
}

/**
 * Tesseract's own messages (`tprintf`: `Detected 395 diacritics` on a speckled page, `Empty page!!`) go to this
 * file of the worker's in-memory file system instead of the process's stderr: verbali reports what a page
 * needs saying as warnings, and `--quiet` means nothing on stderr.
 */
const QUIET = { debug_file: '/dev/null' };

/** Words of tesseract's TSV output (level 5 rows: left, top, width, height, confidence, text). */
export function wordsFromTsv(tsv: string): OcrResult['words'] {
  const words: OcrResult['words'] = [];
  for (const line of tsv.split('\n')) {
    const cells = line.split('\t');
    if (cells[0] !== '5' || cells.length < 12) continue;
    const [left, top, width, height, conf] = cells.slice(6, 11).map(Number) as [number, number, number, number, number];
    // tesseract can print a word with a space before it (` TARTABINI` after a row's number): the word is its letters,
    // or the page's text and its words part, and no line of it is laid out by its boxes.
    const text = cells.slice(11).join('\t').trim();
    if (conf < 0 || text === '') continue;
    words.push({ text, confidence: conf, bbox: { x0: left, y0: top, x1: left + width, y1: top + height } });
  }
  return words;
}

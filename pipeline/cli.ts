#!/usr/bin/env node
/**
 * The `verbali` command: a thin shell over the library. The only place that
 * reads argv, writes to stdout and chooses an exit code (docs/cli.md).
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { recordJsonSchema } from '../schemas/index.js';
import { batchReporter, runBatch } from './batch/index.js';
import { cleanText, createCleanContext } from './clean/index.js';
import { asVerbaliError, VerbaliError, type VerbaliErrorCode } from './errors.js';
import { readSource, sourceFromBytes } from './ingest/index.js';
import { extractText } from './ocr/index.js';
import { buildReviewSite, PREVIEW_PIXELS, type ReviewSummary } from './review/index.js';
import { createPipeline, type RunOptions, runPipeline } from './run.js';
import { VERSION } from './version.js';

/**
 * The one table from error codes to exit statuses (docs/cli.md): 1 bad usage;
 * 2 an input's own fault; 3 verbali cannot run here (missing or corrupt
 * resources, a locked or unwritable output folder); 4 a bug in verbali. A run
 * with several failures exits with the highest status among them.
 */
const EXIT: Partial<Record<VerbaliErrorCode, number>> = {
  E_USAGE: 1,
  E_MISSING_DEP: 3,
  E_DICT: 3,
  E_LOCKED: 3,
  E_OUTPUT: 3,
  E_SCHEMA: 4,
  E_INTERNAL: 4,
};
export const exitCodeFor = (code: VerbaliErrorCode): number => EXIT[code] ?? 2;
const worstExit = (codes: readonly VerbaliErrorCode[]): number => Math.max(0, ...codes.map(exitCodeFor));

const out = (text: string) => process.stdout.write(text);
const err = (text: string) => process.stderr.write(text);

function jobsOption(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new InvalidArgumentError('expected a whole number from 1 to 64');
  return n;
}
function secondsOption(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 1) throw new InvalidArgumentError('expected a number of seconds, at least 1');
  return n;
}
const collect = (value: string, previous: string[]) => [...previous, value];

interface CommonFlags {
  jobs?: number;
  dict: string[];
  quiet?: boolean;
  pageTimeout?: number;
  docTimeout?: number;
}

function runOptions(flags: CommonFlags): RunOptions {
  return {
    ...(flags.jobs ? { jobs: flags.jobs } : {}),
    ...(flags.pageTimeout ? { pageTimeoutMs: Math.round(flags.pageTimeout * 1000) } : {}),
    ...(flags.docTimeout ? { documentTimeoutMs: Math.round(flags.docTimeout * 1000) } : {}),
    dictionaries: flags.dict,
  };
}

const pageTimeoutOption = () =>
  new Option('--page-timeout <s>', 'give up a page\'s rendering or OCR after this many seconds: it gets a marker (default 180)').argParser(secondsOption);
const docTimeoutOption = () => new Option('--doc-timeout <s>', 'give up a document after this many seconds: it fails with E_TIMEOUT (default 3600)').argParser(secondsOption);

function common(cmd: Command): Command {
  return cmd
    .option('-j, --jobs <n>', 'pages OCR\'d at once (default: the number of cores)', jobsOption)
    .option('-d, --dict <file>', 'extra names dictionary, repeatable (see README)', collect, [])
    .addOption(pageTimeoutOption())
    .addOption(docTimeoutOption())
    .option('-q, --quiet', 'no progress or summary on stderr');
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function loadInput(file: string) {
  return file === '-' ? sourceFromBytes('-', await readStdin(), 'text/plain') : readSource(file);
}

/** `run` without `--out`: records to stdout, one JSON (a single input) or NDJSON. */
async function runToStdout(inputs: string[], flags: CommonFlags & { ndjson?: boolean }): Promise<number> {
  const pipeline = createPipeline(runOptions(flags));
  const ndjson = flags.ndjson || inputs.length > 1;
  const failures: VerbaliErrorCode[] = [];
  try {
    pipeline.preflight();
    for (const file of inputs) {
      try {
        const { record } = await runPipeline(await loadInput(file), {}, pipeline);
        out(ndjson ? `${JSON.stringify(record)}\n` : `${JSON.stringify(record, null, 2)}\n`);
      } catch (error) {
        const e = asVerbaliError(error, file);
        // Faults that are not this input's (exit 3) end the run: the next input would meet them too.
        if (exitCodeFor(e.code) === 3) throw e;
        failures.push(e.code);
        err(`verbali: ${e.describe()}\n`);
      }
    }
  } finally {
    await pipeline.close();
  }
  return worstExit(failures);
}

function reportReview(summary: ReviewSummary, quiet: boolean): void {
  for (const p of summary.problems) err(`verbali: review: ${p.file}: ${p.reason}\n`);
  if (quiet) return;
  const images = `${summary.imagesRendered} page images drawn, ${summary.imagesReused} reused`;
  err(`verbali: review site of ${summary.records} records (${summary.pages} pages; ${images}) in ${(summary.durationMs / 1000).toFixed(1)} s: ${join(summary.dir, 'index.html')}\n`);
}

async function main(argv: string[]): Promise<number> {
  let status = 0;
  const program = new Command('verbali')
    .description('Scanned Italian municipal minutes (verbali) to corrected text and validated JSON records.')
    .version(VERSION, '-V, --version')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: out, writeErr: err });

  common(
    program
      .command('run')
      .description('full pipeline; the record on stdout, or records and Markdown in --out')
      .argument('<inputs...>', 'files or folders (.pdf .png .jpg .tif .txt .md), or - for OCR text on stdin')
      .option('-o, --out <dir>', 'write <name>.json and <name>.md per input here (incremental, resumable)')
      .option('--ndjson', 'one record per line on stdout')
      .option('--force', 'with --out: redo inputs already done')
      .option('--force-unlock', 'with --out: take the folder\'s lock even if another run (on another host too) holds it')
      .option('--review', 'with --out: also build the review site in <dir>/review (see `verbali review`)')
      .addOption(new Option('--log-json', 'with --out: one JSON log line (pino) per input on stderr').default(false)),
  ).action(async (inputs: string[], flags: CommonFlags & { out?: string; ndjson?: boolean; force?: boolean; forceUnlock?: boolean; logJson?: boolean; review?: boolean }) => {
    if (!flags.out) {
      if (flags.review) throw new VerbaliError('E_USAGE', '--review needs --out <dir>: the site is built from the records written there');
      status = await runToStdout(inputs, flags);
      return;
    }
    const mode = flags.logJson ? 'json' : flags.quiet ? 'quiet' : process.stderr.isTTY ? 'progress' : 'lines';
    const reporter = batchReporter(mode);
    // With --review, each OCR'd page's preview is kept while its pixels are at hand: the site then draws none again.
    const run = { ...runOptions(flags), ...(flags.review ? { previewPixels: PREVIEW_PIXELS } : {}) };
    const batch = { out: flags.out, force: Boolean(flags.force), forceUnlock: Boolean(flags.forceUnlock), run };
    const summary = await runBatch(inputs, batch, reporter);
    reporter.finish(summary);
    status = worstExit(summary.failed.map((f) => f.code as VerbaliErrorCode));
    if (flags.review) reportReview(await buildReviewSite(flags.out), Boolean(flags.quiet));
  });

  program
    .command('review')
    .description('build the review site of an output folder in <dir>/review: open <dir>/review/index.html')
    .argument('<dir>', 'an output folder of `verbali run --out`')
    .option('-q, --quiet', 'no summary on stderr')
    .action(async (dir: string, flags: { quiet?: boolean }) => {
      reportReview(await buildReviewSite(dir), Boolean(flags.quiet));
    });

  common(
    program
      .command('ocr')
      .description('the OCR / text-layer stage only: raw text on stdout, pages separated by \\f')
      .argument('<file>', 'a .pdf, image or text file'),
  ).action(async (file: string, flags: CommonFlags) => {
    const pipeline = createPipeline(runOptions(flags));
    try {
      const pages = await extractText(await loadInput(file), pipeline.ocr, { pagesInFlight: pipeline.options.jobs + 1 }, { readers: pipeline.readers() });
      out(`${pages.map((p) => p.text).join('\f')}\n`);
      for (const p of pages) if (p.error) err(`verbali: ${p.error.describe()}\n`);
      status = pages.some((p) => p.error) ? 2 : 0;
    } finally {
      await pipeline.close();
    }
  });

  program
    .command('clean')
    .description('the cleanup stage only, on an OCR text file: clean text on stdout')
    .argument('<file>', 'OCR text (.txt), or - for stdin')
    .option('--explain', 'print the correction log as a table instead')
    .option('-d, --dict <file>', 'extra names dictionary, repeatable', collect, [])
    .action(async (file: string, flags: { explain?: boolean; dict: string[] }) => {
      const source = await loadInput(file);
      const raw = source.bytes.toString('utf8');
      const result = cleanText(raw, {}, createCleanContext({ dictionaries: flags.dict }, raw));
      if (!flags.explain) {
        out(result.clean.endsWith('\n') ? result.clean : `${result.clean}\n`);
        return;
      }
      out('page\traw@\tclean@\trule\tfrom\tto\tconfidence\n');
      for (const c of result.corrections) {
        out(`${c.page}\t${c.rawOffset}\t${c.cleanOffset}\t${c.ruleId ?? c.rule}\t${JSON.stringify(c.from)}\t${JSON.stringify(c.to)}\t${c.confidence}\n`);
      }
    });

  queueCommands(program.command('queue').description('share batches between machines through a BullMQ queue on Redis (README: Queue mode)'), (code) => {
    status = code;
  });

  program
    .command('schema')
    .description('the JSON Schema of the record, generated from the zod schemas')
    .action(() => {
      out(`${JSON.stringify(recordJsonSchema(), null, 2)}\n`);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return status;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version exit 0; every other commander error is bad usage.
      return error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? 0 : 1;
    }
    const e = error instanceof VerbaliError ? error : asVerbaliError(error);
    err(`verbali: ${e.describe()}\n`);
    return exitCodeFor(e.code);
  }
}

function positive(max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0 || n > max) throw new InvalidArgumentError(`expected a number above 0 and at most ${max}`);
    return n;
  };
}

const redisOption = () => new Option('--redis <url>', 'Redis URL, e.g. redis://127.0.0.1:6379').env('VERBALI_REDIS').makeOptionMandatory();
const queueOption = () => new Option('--queue <name>', 'queue name (one per archive and output folder)').default('verbali');

const SKIPPED = {
  done: 'already done',
  queued: 'already queued',
  failed: 'failed before: `verbali queue status` says why; --force queues it again',
  alias: 'same content as another input',
} as const;

// BullMQ and ioredis load only for queue commands: `run` never pays for them.
const loadQueue = () => import('./queue/index.js');

type QueueWorkerFlags = Pick<CommonFlags, 'pageTimeout' | 'docTimeout' | 'quiet'> & {
  redis: string;
  queue: string;
  out: string;
  concurrency?: number;
  grace: number;
  lockDuration?: number;
  stalledInterval?: number;
};

/** `verbali queue add|worker|status`: the queue mode (pipeline/queue/). */
function queueCommands(queue: Command, setStatus: (code: number) => void): void {
  queue
    .command('add')
    .description('enqueue inputs (files or folders); the same bytes are one job, inputs already done are skipped')
    .argument('<inputs...>', 'files or folders, on a folder every worker can read at the same path')
    .addOption(redisOption())
    .addOption(queueOption())
    .option('-d, --dict <file>', 'extra names dictionary, repeatable (workers read it at the same path)', collect, [])
    .option('--split-pages <n>', 'split PDFs of more pages than this into page jobs', positive(100_000), 8)
    .option('--force', 'queue again inputs already done')
    .option('-q, --quiet', 'only failures on stderr')
    .action(async (inputs: string[], flags: { redis: string; queue: string; dict: string[]; splitPages: number; force?: boolean; quiet?: boolean }) => {
      const { addToQueue } = await loadQueue();
      const failed: VerbaliErrorCode[] = [];
      const outcomes = await addToQueue(inputs, { redis: flags.redis, queue: flags.queue, dictionaries: flags.dict, splitPages: flags.splitPages, force: Boolean(flags.force) }, (q) => {
        if (q.status === 'failed') {
          failed.push(q.error.code);
          err(`failed   ${q.error.describe()}\n`);
        } else if (!flags.quiet) {
          err(q.status === 'queued' ? `queued   ${q.file} → ${q.name}.json${q.pageJobs ? ` (${q.pageJobs} page jobs)` : ''}\n` : `skipped  ${q.file} (${SKIPPED[q.reason]})\n`);
        }
      });
      if (!flags.quiet) {
        const count = (s: string) => outcomes.filter((o) => o.status === s).length;
        err(`verbali: ${count('queued')} queued, ${count('skipped')} skipped, ${failed.length} failed\n`);
      }
      setStatus(worstExit(failed));
    });

  queue
    .command('worker')
    .description('process queued jobs into --out until SIGTERM or SIGINT (then finish or hand back the current jobs)')
    .addOption(redisOption())
    .addOption(queueOption())
    .requiredOption('-o, --out <dir>', 'the shared output folder: <name>.json and <name>.md per input')
    .option('-c, --concurrency <n>', 'jobs at once, each in its own process (default: the number of cores)', jobsOption)
    .option('--grace <seconds>', 'on SIGTERM, wait this long for current jobs before handing them back', positive(86_400), 60)
    .option('--lock-duration <seconds>', 'a job\'s lock; a killed worker\'s job is taken by another after it', positive(86_400))
    .option('--stalled-interval <seconds>', 'how often to look for jobs of killed workers', positive(86_400))
    .addOption(pageTimeoutOption())
    .addOption(docTimeoutOption())
    .option('-q, --quiet', 'only failures on stderr')
    .action(async (flags: QueueWorkerFlags) => {
      const { startQueueWorker } = await loadQueue();
      const worker = await startQueueWorker(
        {
          redis: flags.redis,
          queue: flags.queue,
          out: flags.out,
          concurrency: flags.concurrency ?? availableParallelism(),
          ...(flags.lockDuration ? { lockDurationMs: flags.lockDuration * 1000 } : {}),
          ...(flags.stalledInterval ? { stalledIntervalMs: flags.stalledInterval * 1000 } : {}),
          run: runOptions({ ...flags, dict: [] }),
        },
        (e) => {
          if (e.kind === 'failed') err(`failed   ${e.reason}${e.final ? '' : ' (will retry)'}\n`);
          else if (!flags.quiet && e.kind !== 'active' && e.name !== 'alias') err(`${e.kind.padEnd(8)} ${e.file}\n`);
        },
      );
      if (!flags.quiet) err(`verbali: worker ${process.pid} on queue ${flags.queue}, writing to ${flags.out}\n`);
      const stop = (signal: string) => {
        if (!flags.quiet) err(`verbali: ${signal}: finishing current jobs (handed back after ${flags.grace} s)\n`);
        worker.stop(flags.grace * 1000).catch((error: unknown) => err(`verbali: stopping the worker: ${(error as Error)?.message ?? String(error)}\n`));
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
      await worker.closed;
    });

  queue
    .command('status')
    .description('waiting, active, completed and failed jobs, with each failure\'s reason')
    .addOption(redisOption())
    .addOption(queueOption())
    .option('--json', 'as one JSON object')
    .action(async (flags: { redis: string; queue: string; json?: boolean }) => {
      const { describeStatus, queueStatus } = await loadQueue();
      const s = await queueStatus({ redis: flags.redis, queue: flags.queue });
      out(flags.json ? `${JSON.stringify(s, null, 2)}\n` : describeStatus(s));
    });
}

/**
 * On a machine with plenty of memory V8 lets the heap grow to about four times
 * the live data before a full collection, so a long batch's RSS climbs well
 * above a short one's (bench/batch: 10 texts 155 MB, 200 texts 238 MB) while
 * the live data stays at 25 MB. Collecting before the heap is 1.5 times the
 * live data keeps it flat (146 → 150 MB) for 10-34% of a text batch's speed
 * (bench/batch); an OCR batch does not notice. (Marking on the main thread instead of
 * concurrently made it free for texts but kept OCR's image buffers 90 MB
 * longer.) A flag given to node wins.
 */
if (!process.execArgv.some((arg) => arg.includes('heap-growing-percent'))) setFlagsFromString('--heap-growing-percent=50');

/*
 * A rejection nobody handled is a bug in verbali (lint forbids floating
 * promises; this is the net under it). Node's default would kill the batch
 * mid-way; instead it is reported once, with its stack, as E_INTERNAL, the run
 * goes on, and the exit status says a bug happened (4).
 */
process.on('unhandledRejection', (reason: unknown) => {
  err(`verbali: unexpected error (E_INTERNAL, a bug in verbali, please report it): ${(reason as Error)?.stack ?? String(reason)}\n`);
  process.exitCode = 4;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = Math.max(code, Number(process.exitCode ?? 0));
  },
  (error: unknown) => {
    err(`verbali: unexpected error (E_INTERNAL, a bug in verbali, please report it): ${(error as Error)?.stack ?? String(error)}\n`);
    process.exitCode = 4;
  },
);


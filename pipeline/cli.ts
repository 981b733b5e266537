#!/usr/bin/env node
/**
 * The `verbali` command: a thin shell over the library. The only place that
 * reads argv, writes to stdout and chooses an exit code (docs/cli.md).
 */
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

/** The one table from error codes to exit statuses. */
const EXIT: Partial<Record<VerbaliErrorCode, number>> = { E_USAGE: 1, E_MISSING_DEP: 3, E_LOCKED: 3 };
export const exitCodeFor = (code: VerbaliErrorCode): number => EXIT[code] ?? 2;

const out = (text: string) => process.stdout.write(text);
const err = (text: string) => process.stderr.write(text);

function jobsOption(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new InvalidArgumentError('expected a whole number from 1 to 64');
  return n;
}
const collect = (value: string, previous: string[]) => [...previous, value];

interface CommonFlags {
  jobs?: number;
  dict: string[];
  quiet?: boolean;
}

function runOptions(flags: CommonFlags): RunOptions {
  return { ...(flags.jobs ? { jobs: flags.jobs } : {}), dictionaries: flags.dict };
}

function common(cmd: Command): Command {
  return cmd
    .option('-j, --jobs <n>', 'pages OCR\'d at once (default: the number of cores)', jobsOption)
    .option('-d, --dict <file>', 'extra names dictionary, repeatable (see README)', collect, [])
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
  let failures = 0;
  try {
    for (const file of inputs) {
      try {
        const { record } = await runPipeline(await loadInput(file), {}, pipeline);
        out(ndjson ? `${JSON.stringify(record)}\n` : `${JSON.stringify(record, null, 2)}\n`);
      } catch (error) {
        const e = asVerbaliError(error, file);
        if (exitCodeFor(e.code) !== 2) throw e;
        failures++;
        err(`verbali: ${e.describe()}\n`);
      }
    }
  } finally {
    await pipeline.close();
  }
  return failures > 0 ? 2 : 0;
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
      .option('--review', 'with --out: also build the review site in <dir>/review (see `verbali review`)')
      .addOption(new Option('--log-json', 'with --out: one JSON log line (pino) per input on stderr').default(false)),
  ).action(async (inputs: string[], flags: CommonFlags & { out?: string; ndjson?: boolean; force?: boolean; logJson?: boolean; review?: boolean }) => {
    if (!flags.out) {
      if (flags.review) throw new VerbaliError('E_USAGE', '--review needs --out <dir>: the site is built from the records written there');
      status = await runToStdout(inputs, flags);
      return;
    }
    const mode = flags.logJson ? 'json' : flags.quiet ? 'quiet' : process.stderr.isTTY ? 'progress' : 'lines';
    const reporter = batchReporter(mode);
    // With --review, each OCR'd page's preview is kept while its pixels are at hand: the site then draws none again.
    const run = { ...runOptions(flags), ...(flags.review ? { previewPixels: PREVIEW_PIXELS } : {}) };
    const summary = await runBatch(inputs, { out: flags.out, force: Boolean(flags.force), run }, reporter);
    reporter.finish(summary);
    status = summary.failed.length > 0 ? 2 : 0;
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
      const pages = await extractText(await loadInput(file), pipeline.ocr, { pagesInFlight: pipeline.options.jobs + 1 });
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

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    err(`verbali: unexpected error: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exitCode = 70;
  },
);


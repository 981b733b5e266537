import { createRequire } from 'node:module';
import { stackOf } from '../errors.js';
import type { BatchHooks, Outcome, Summary } from './run-batch.js';

/** How a batch run talks to the person or the log collector watching stderr. */
export type ReportMode = 'progress' | 'lines' | 'json' | 'quiet';

// Each reporter's library is loaded only in its mode (pino and cli-progress are 18 MB resident together).
const require = createRequire(import.meta.url);

/** One line per outcome, for logs that are read by people. */
export function describeOutcome(o: Outcome): string {
  if (o.status === 'failed') return `failed   ${o.error.describe()}`;
  if (o.status === 'skipped') return `skipped  ${o.file} (${o.reason === 'done' ? 'unchanged' : 'same content as another input'})`;
  return `done     ${o.file} → ${o.name}.json (${o.pages} page${o.pages === 1 ? '' : 's'})`;
}

export function describeSummary(s: Summary): string {
  const failed = s.failed.map((f) => `  ${f.file}: ${f.reason} (${f.code})\n`).join('');
  return `verbali: ${s.processed} processed, ${s.skipped} skipped, ${s.failed.length} failed; ${s.pages} pages in ${(s.durationMs / 1000).toFixed(1)} s (${s.pagesPerMinute} pages/min)\n${failed}`;
}

/**
 * Hooks that report a batch on stderr: a progress bar (files, pages, ETA) when
 * stderr is a terminal, plain lines when it is not, pino JSON lines for log
 * collectors, or nothing. `finish` prints the summary (failures always).
 */
export function batchReporter(mode: ReportMode, stderr: NodeJS.WriteStream = process.stderr): BatchHooks & { finish(s: Summary): void } {
  if (mode === 'json') {
    const pino = require('pino') as typeof import('pino').default;
    const log = pino({ base: undefined }, pino.destination({ fd: 2, sync: true }));
    return {
      onOutcome: (o) => {
        if (o.status !== 'failed') log.info({ file: o.file, status: o.status, output: `${o.name}.json`, pages: o.pages }, o.status);
        // A bug is logged with its stack, for the report a person will file.
        else if (o.error.code === 'E_INTERNAL' || o.error.code === 'E_SCHEMA') log.error({ file: o.file, status: o.status, code: o.error.code, stack: stackOf(o.error) }, o.error.message);
        else log.warn({ file: o.file, status: o.status, code: o.error.code }, o.error.message);
      },
      finish: (s) => log.info({ summary: s }, 'summary'),
    };
  }
  if (mode === 'progress') {
    const cliProgress = require('cli-progress') as typeof import('cli-progress');
    const bar = new cliProgress.SingleBar(
      { stream: stderr, format: '{bar} {value}/{total} files | {pages} pages | {failed} failed | ETA {eta_formatted} | {file}', hideCursor: true, etaBuffer: 20 },
      cliProgress.Presets.shades_classic,
    );
    let total = 0;
    let pages = 0;
    let failed = 0;
    bar.start(0, 0, { pages, failed, file: '' });
    return {
      onDiscovered: () => bar.setTotal(++total),
      onOutcome: (o) => {
        if (o.status === 'processed') pages += o.pages;
        if (o.status === 'failed') failed++;
        bar.increment(1, { pages, failed, file: o.file });
      },
      finish: (s) => {
        bar.stop();
        stderr.write(describeSummary(s));
      },
    };
  }
  if (mode === 'lines') {
    return { onOutcome: (o) => stderr.write(`${describeOutcome(o)}\n`), finish: (s) => stderr.write(describeSummary(s)) };
  }
  return {
    finish: (s) => {
      for (const f of s.failed) stderr.write(`verbali: ${f.file}: ${f.reason} (${f.code})\n`);
    },
  };
}

/**
 * bench/corpus: how much of real minutes the reader gets right, in facts.
 *   npm run bench:corpus [-- --quick] [-- --only SUBSTRING] [-- --misses]
 * Scores every facts file it finds with the corpus's own scorer
 * (`../shared/corpus/score-facts.mjs`, one point per fact: header fields, each
 * member's presence, the opening count, the number of items, each speaker, each
 * vote):
 *   - `../shared/corpus/real/NAME.facts.json` (hand-checked by the corpus's authors);
 *   - `bench/corpus/facts/NAME.facts.json` for `../shared/corpus/extra/NAME.{pdf,txt}`
 *     (written by reading the documents, never by running verbali);
 *   - `bench/corpus/own/NAME.facts.json` beside `NAME.txt` (verbali we wrote in
 *     traditions the corpus lacks: the weakest evidence, printed apart).
 * Each document is read from its text (a PDF's text layer, or the .txt) and from
 * an image-only scan made with `../shared/corpus/make-scan.sh` of its PDF (our
 * verbali are typeset first, `bench/typeset.ts`; the Padova texts have no PDF)
 * (cached in `bench/.cache/scans/` with its OCR'd pages, word boxes and all; `--quick`
 * skips the scans, `--fresh` OCRs them again).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { packageRoot } from '../pipeline/assets.js';
import { readSource } from '../pipeline/ingest/index.js';
import type { RecognizedPage } from '../pipeline/ocr/index.js';
import { layOutText } from '../pipeline/ocr/lay-out.js';
import { createPipeline, recordFromPages, runPipeline } from '../pipeline/run.js';
import { type Structure, segmentMarkdown } from '../pipeline/segment/index.js';
import type { VerbaleRecord } from '../schemas/index.js';
import { typesetPdf } from './typeset.js';

const root = packageRoot();
const corpus = process.env.VERBALI_CORPUS ?? join(root, '..', 'shared', 'corpus');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const showMisses = args.includes('--misses');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const scanCache = join(root, 'bench', '.cache', 'scans');

interface Doc {
  set: 'real' | 'extra' | 'own';
  name: string;
  source: string;
  facts: string;
}

function docs(): Doc[] {
  const out: Doc[] = [];
  const find = (dir: string, name: string) => ['.pdf', '.txt'].map((e) => join(dir, `${name}${e}`)).find(existsSync);
  const realDir = join(corpus, 'real');
  for (const f of readdirSync(realDir).filter((f) => f.endsWith('.facts.json'))) {
    const name = f.replace(/\.facts\.json$/, '');
    const source = find(realDir, name);
    if (source) out.push({ set: 'real', name, source, facts: join(realDir, f) });
  }
  const factsDir = join(root, 'bench', 'corpus', 'facts');
  for (const f of readdirSync(factsDir).filter((f) => f.endsWith('.facts.json'))) {
    const name = f.replace(/\.facts\.json$/, '');
    const source = find(join(corpus, 'extra'), name);
    if (source) out.push({ set: 'extra', name, source, facts: join(factsDir, f) });
  }
  const ownDir = join(root, 'bench', 'corpus', 'own');
  if (existsSync(ownDir)) {
    for (const f of readdirSync(ownDir).filter((f) => f.endsWith('.facts.json'))) {
      const name = f.replace(/\.facts\.json$/, '');
      const source = find(ownDir, name);
      if (source) out.push({ set: 'own', name, source, facts: join(ownDir, f) });
    }
  }
  return out.filter((d) => !only || d.name.includes(only));
}

/** Our verbali are text: typeset them as a born-digital PDF (cached) so they can be scanned like the corpus's. */
function typeset(doc: Doc): string {
  mkdirSync(scanCache, { recursive: true });
  const pdf = join(scanCache, `${doc.name}.pdf`);
  if (!existsSync(pdf)) typesetPdf(readFileSync(doc.source, 'utf8'), pdf, doc.name);
  return pdf;
}

/** A scan-like, image-only copy of a PDF, made once and cached. */
function scanOf(pdf: string): string {
  mkdirSync(scanCache, { recursive: true });
  const out = join(scanCache, `${basename(pdf, '.pdf')}.scan.pdf`);
  if (!existsSync(out)) {
    const missing = ['pdftoppm', 'convert', 'img2pdf'].filter((b) => spawnSync('which', [b]).status !== 0);
    if (missing.length) execFileSync('apt-get', ['install', '-y', '-qq', 'poppler-utils', 'imagemagick', 'img2pdf'], { stdio: 'inherit' });
    execFileSync('bash', [join(corpus, 'make-scan.sh'), pdf, `${out}.tmp`], { stdio: 'ignore' });
    execFileSync('mv', [`${out}.tmp`, out]);
  }
  return out;
}

/**
 * The record of a PDF's scan. OCR is most of the bench's time, so each page as
 * the OCR stage gave it (text, origin, word boxes) is cached beside the scan
 * (`NAME.scan.pages.json`) and later runs clean and segment those pages, as
 * `verbali run` does after OCR: the word boxes the clean stage reads dust by
 * are there every time (a cached text alone would be cleaned without them).
 * `--fresh` OCRs again.
 */
async function scanRecord(pdf: string): Promise<VerbaleRecord> {
  const scan = scanOf(pdf);
  const cached = scan.replace(/\.pdf$/, '.pages.json');
  if (existsSync(cached) && !args.includes('--fresh')) {
    const { engine, pages, laidOut } = JSON.parse(readFileSync(cached, 'utf8')) as { engine: string; pages: RecognizedPage[]; laidOut?: boolean };
    // Pages cached before the OCR stage laid its text out by the word boxes: laid out now, as recognizePage
    // would (its text then was the same reading, its gaps closed).
    const read = laidOut ? pages : pages.map((p) => (p.method === 'ocr' && p.words ? { ...p, text: layOutText(p.text, p.words) } : p));
    return recordFromPages(await readSource(scan), read, pipeline, () => engine).record;
  }
  const pages: RecognizedPage[] = [];
  const { record } = await runPipeline(scan, {}, pipeline, { onPage: (p) => pages.push(p) });
  // A page that failed is not kept: the next run reads the scan again.
  if (pages.every((p) => !p.error)) {
    const kept = pages.sort((a, b) => a.n - b.n).map(({ preview: _preview, ...page }) => page);
    writeFileSync(`${cached}.tmp`, JSON.stringify({ engine: record.pipeline.ocr, laidOut: true, pages: kept }));
    execFileSync('mv', [`${cached}.tmp`, cached]);
  }
  return record;
}

interface Score {
  ok: number;
  total: number;
  misses: { fact: string; got: unknown }[];
}

function score(record: unknown, facts: string): Score {
  const file = join(tmpdir(), `verbali-corpus-${process.pid}.json`);
  writeFileSync(file, JSON.stringify(record));
  const out = execFileSync(process.execPath, [join(corpus, 'score-facts.mjs'), file, facts, '--json'], { encoding: 'utf8' });
  return JSON.parse(out) as Score;
}

/** What a record says of the structure, spans and texts aside: the Markdown must re-derive exactly this. */
function structureView(s: Pick<Structure, 'kind' | 'meeting' | 'officers' | 'attendance' | 'staff' | 'agenda' | 'events' | 'signatures'> & { turnsBeforeAgenda?: Structure['turnsBeforeAgenda'] }) {
  return stableJson({
    kind: s.kind,
    meeting: s.meeting,
    officers: s.officers,
    attendance: s.attendance.map(({ span: _s, ...a }) => a),
    staff: s.staff.map(({ span: _s, ...a }) => a),
    agenda: s.agenda.map((i) => ({
      number: i.number,
      title: i.title,
      turns: i.turns.map((t) => t.speaker),
      decisions: i.decisions.map((d) => ({ outcome: d.outcome, subject: d.subject, votes: d.votes })),
    })),
    turnsBeforeAgenda: (s.turnsBeforeAgenda ?? []).map((t) => t.speaker),
    events: s.events.map(({ span: _s, ...e }) => e),
    signatures: s.signatures,
  });
}

/** JSON with keys sorted: the record (parsed by zod) and the structure list fields in different orders. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v));
}

/** Does the reviewable Markdown re-derive the record's structure? */
function roundTrips(record: VerbaleRecord, markdown: string): boolean {
  const again = segmentMarkdown(markdown, {}, pipeline.segment()).structure;
  return structureView({ ...record, kind: record.kind ?? 'verbale' }) === structureView(again);
}

const pipeline = createPipeline();
const rows: { doc: Doc; text: Score; scan: Score | null }[] = [];
const broken: string[] = [];
const pad = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s.padEnd(n));
const cell = (s: Score | null) => (s ? `${s.ok}/${s.total}`.padStart(8) : '       -');
console.log(`${pad('document', 58)} ${'set'.padEnd(5)}     text     scan`);
try {
  for (const doc of docs()) {
    const fromText = await runPipeline(doc.source, {}, pipeline);
    if (!roundTrips(fromText.record, fromText.markdown)) broken.push(doc.name);
    const text = score(fromText.record, doc.facts);
    const scan = quick ? null : doc.source.endsWith('.pdf') ? score(await scanRecord(doc.source), doc.facts) : doc.set === 'own' ? score(await scanRecord(typeset(doc)), doc.facts) : null;
    rows.push({ doc, text, scan });
    console.log(`${pad(doc.name, 58)} ${doc.set.padEnd(5)} ${cell(text)} ${cell(scan)}`);
    if (showMisses) {
      for (const [label, s] of [['text', text], ['scan', scan]] as const) {
        for (const m of s?.misses ?? []) console.log(`    ${label}: ${m.fact} — got ${JSON.stringify(m.got)?.slice(0, 160)}`);
      }
    }
  }
} finally {
  await pipeline.close();
}

const pct = (ok: number, total: number) => (total ? `${((100 * ok) / total).toFixed(1)}%` : '-');
for (const set of ['real', 'extra', 'own'] as const) {
  const mine = rows.filter((r) => r.doc.set === set);
  if (!mine.length) continue;
  const sum = (pick: (r: (typeof rows)[number]) => Score | null) => {
    const scores = mine.map(pick).filter((s): s is Score => s !== null);
    const ok = scores.reduce((a, s) => a + s.ok, 0);
    const total = scores.reduce((a, s) => a + s.total, 0);
    return scores.length ? `${ok}/${total} (${pct(ok, total)}) over ${scores.length} documents` : '-';
  };
  console.log(`${set.padEnd(5)} from text: ${sum((r) => r.text)}`);
  if (!quick) console.log(`${set.padEnd(5)} from scan: ${sum((r) => r.scan)}`);
}
console.log(`Markdown round trip (reviewed Markdown re-derives the record): ${rows.length - broken.length}/${rows.length} documents${broken.length ? `; fails on ${broken.join(', ')}` : ''}`);
const corpusRows = rows.filter((r) => r.doc.set !== 'own');
const ok = corpusRows.reduce((a, r) => a + r.text.ok, 0);
const total = corpusRows.reduce((a, r) => a + r.text.total, 0);
console.log(`real + extra from text: ${ok}/${total} (${pct(ok, total)})`);
if (!quick) {
  const scans = corpusRows.filter((r) => r.scan);
  const sok = scans.reduce((a, r) => a + (r.scan?.ok ?? 0), 0);
  const stotal = scans.reduce((a, r) => a + (r.scan?.total ?? 0), 0);
  console.log(`real + extra from scans: ${sok}/${stotal} (${pct(sok, stotal)}) over ${scans.length} scanned PDFs`);
}

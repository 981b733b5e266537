/**
 * bench/review: how long the review site of a 300-page batch takes to build, and how heavy its pages are.
 *   npm run bench:review
 * Real OCR output first: the bundled scan (3 pages, PDF) and typewritten photo (1 page, JPEG) run once through
 * `verbali run --out --review` (kept in bench/.cache/review, gitignored; delete it to redo). From it, two
 * 300-page output folders: 150 records, copies of the two (each its own source hash, so its own page images), and one
 * record of 300 pages (the scan's pages a hundred times over). For each: the build with the page images made
 * during OCR (`run --review`), a rebuild, and the weight of the heaviest record page (HTML, its word files,
 * script and style; its page images apart, loaded as they come into view). Then the cold path: page images
 * drawn from the sources (no `--review` at run time), per page, for scans, a photo and born-digital pages.
 * Wall times are of this machine, shared and noisy: CPU times beside them.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../pipeline/assets.js';
import { buildReviewSite } from '../pipeline/review/index.js';
import { imageDir, pageImageName } from '../pipeline/review/page-image-key.js';
import type { VerbaleRecord, WordsPage } from '../schemas/index.js';

const root = packageRoot();
const CLI = join(root, 'dist/pipeline/cli.js');
const cache = join(root, 'bench/.cache/review');
const SCAN = 'consiglio-castione-2023-03-28.scan';
const PHOTO = 'giunta-clusone-1987-04-22';
const BORN_DIGITAL = 'consiglio-castione-2023-03-28';

if (!existsSync(join(cache, `${SCAN}.words.jsonl`)) || !existsSync(join(cache, `${PHOTO}.words.jsonl`))) {
  console.log('OCR of the samples, once (bench/.cache/review)…');
  rmSync(cache, { recursive: true, force: true });
  mkdirSync(cache, { recursive: true });
  const inputs = [`${SCAN}.pdf`, `${PHOTO}.jpg`, `${BORN_DIGITAL}.pdf`].map((f) => join(root, 'samples', f));
  execFileSync(process.execPath, [CLI, 'run', ...inputs, '--out', cache, '--review', '--quiet'], { stdio: 'inherit' });
}

interface Doc {
  record: VerbaleRecord;
  header: Record<string, unknown>;
  pages: WordsPage[];
}
function readDoc(name: string): Doc {
  const record = JSON.parse(readFileSync(join(cache, `${name}.json`), 'utf8')) as VerbaleRecord;
  const [head, ...lines] = readFileSync(join(cache, `${name}.words.jsonl`), 'utf8').trim().split('\n');
  return { record, header: JSON.parse(head ?? '{}'), pages: lines.map((l) => JSON.parse(l) as WordsPage) };
}

/** Write a record, its words and its page images (copied from the cache's) into `out` as `name`. */
function writeDoc(out: string, name: string, doc: Doc, images: (n: number) => string): void {
  writeFileSync(join(out, `${name}.json`), JSON.stringify(doc.record));
  writeFileSync(join(out, `${name}.words.jsonl`), `${[doc.header, ...doc.pages].map((l) => JSON.stringify(l)).join('\n')}\n`);
  mkdirSync(imageDir(out), { recursive: true });
  for (const page of doc.pages) {
    copyFileSync(images(page.n), join(imageDir(out), pageImageName(doc.record.source.sha256, page.n, page)));
  }
}

/** The cache's preview of page `n` of a record (made by `run --review`). */
function preview(doc: Doc, n: number): string {
  const page = doc.pages.find((p) => p.n === n) as WordsPage;
  return join(imageDir(cache), pageImageName(doc.record.source.sha256, n, page));
}

const hex = (i: number) => i.toString(16).padStart(64, '0');

/** 150 records, 300 pages: 75 copies of the scan (3 pages) and 75 of the photo (1 page), each with its own source hash. */
function manyRecords(out: string): void {
  const scan = readDoc(SCAN);
  const photo = readDoc(PHOTO);
  for (let i = 0; i < 150; i++) {
    const base = i % 2 === 0 ? scan : photo;
    const sha = hex(i + 1);
    const copy: Doc = { ...base, record: { ...base.record, id: `sha256:${sha}`, source: { ...base.record.source, sha256: sha } }, header: { ...base.header, id: `sha256:${sha}` } };
    writeDoc(out, `verbale-${String(i).padStart(3, '0')}`, copy, (n) => preview(base, n));
  }
}

/** One record of 300 pages: the scan's three, a hundred times, offsets shifted. */
function oneLongRecord(out: string): void {
  const scan = readDoc(SCAN);
  const r = scan.record;
  const times = 100;
  const per = r.source.pages.length;
  const rawStep = r.text.raw.length + 1;
  const cleanStep = r.text.clean.length + 1;
  const record: VerbaleRecord = {
    ...r,
    id: `sha256:${hex(999)}`,
    source: {
      ...r.source,
      sha256: hex(999),
      pages: Array.from({ length: times * per }, (_, i) => ({ ...(r.source.pages[i % per] as VerbaleRecord['source']['pages'][number]), n: i + 1 })),
    },
    text: { raw: Array(times).fill(r.text.raw).join('\f'), clean: Array(times).fill(r.text.clean).join('\f') },
    corrections: Array.from({ length: times }, (_, k) =>
      r.corrections.map((c) => ({ ...c, page: c.page + k * per, rawOffset: c.rawOffset + k * rawStep, cleanOffset: c.cleanOffset + k * cleanStep })),
    ).flat(),
  };
  const pages = Array.from({ length: times }, (_, k) =>
    scan.pages.map((p) => ({
      ...p,
      n: p.n + k * per,
      words: p.words.map(([x0, y0, x1, y1, c, rs, re, cs, ce]) => [x0, y0, x1, y1, c, rs + k * rawStep, re + k * rawStep, cs < 0 ? -1 : cs + k * cleanStep, ce < 0 ? -1 : ce + k * cleanStep]),
    })),
  ).flat() as WordsPage[];
  const header = { ...scan.header, id: record.id, cleanSha256: createHash('sha256').update(record.text.clean).digest('hex') };
  writeDoc(out, 'verbale-lungo', { record, header, pages }, (n) => preview(scan, ((n - 1) % per) + 1));
}

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(2);

/**
 * The heaviest record page: what opening it loads (HTML, script, style, the word files of its first two pages),
 * what scrolling to its end adds (every word file), and its page images (each loaded as it comes into view).
 */
function heaviestPage(out: string): { name: string; opening: number; scrolled: number; images: number } {
  const site = join(out, 'review');
  const shared = statSync(join(site, 'assets/review.js')).size + statSync(join(site, 'assets/review.css')).size;
  let worst = { name: '', opening: 0, scrolled: 0, images: 0 };
  for (const file of readdirSync(join(site, 'records'))) {
    const name = file.replace(/\.html$/, '');
    const html = statSync(join(site, 'records', file)).size;
    const words = existsSync(join(site, 'data', name)) ? files(join(site, 'data', name)) : [];
    const size = (fs: string[]) => fs.reduce((s, f) => s + statSync(f).size, 0);
    const firstTwo = words.filter((f) => /\/[12]\.js$/.test(f));
    const srcs = [...readFileSync(join(site, 'records', file), 'utf8').matchAll(/src="\.\.\/img\/([^"]+)"/g)].map((m) => join(site, 'img', m[1] as string));
    const scrolled = html + shared + size(words);
    if (scrolled > worst.scrolled) worst = { name, opening: html + shared + size(firstTwo), scrolled, images: size(srcs) };
  }
  return worst;
}

async function timed<T>(fn: () => Promise<T>): Promise<{ result: T; wall: number; cpu: number }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await fn();
  const c = process.cpuUsage(cpu0);
  return { result, wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
}

console.log(['batch'.padEnd(24), 'pages', 'build s', 'cpu s', 'rebuild s', 'cpu s', 'largest file MB', 'heaviest page MB: opened', 'scrolled', 'images'].join('  '));
for (const [label, make] of [
  ['150 records, 300 pages', manyRecords],
  ['1 record × 300 pages', oneLongRecord],
] as const) {
  const out = mkdtempSync(join(tmpdir(), 'bench-review-'));
  make(out);
  const first = await timed(() => buildReviewSite(out));
  const again = await timed(() => buildReviewSite(out));
  const largest = Math.max(...files(join(out, 'review')).map((f) => statSync(f).size));
  const page = heaviestPage(out);
  console.log(
    [
      label.padEnd(24),
      String(first.result.pages).padStart(5),
      first.wall.toFixed(2).padStart(7),
      first.cpu.toFixed(2).padStart(5),
      again.wall.toFixed(2).padStart(9),
      again.cpu.toFixed(2).padStart(5),
      mb(largest).padStart(15),
      mb(page.opening).padStart(24),
      mb(page.scrolled).padStart(8),
      mb(page.images).padStart(6),
    ].join('  '),
  );
  if (first.result.imagesRendered > 0) console.log(`  (${first.result.imagesRendered} images drawn: expected none)`);
  rmSync(out, { recursive: true, force: true });
}

// The cold path: no previews kept at run time, every page image drawn from its source.
console.log('\npage images drawn from the sources (no --review at run time):');
console.log(['source'.padEnd(44), 'pages', 'wall s', 'cpu s', 'ms/page (cpu)', '300 pages, est. s (cpu)'].join('  '));
for (const name of [SCAN, PHOTO, BORN_DIGITAL]) {
  const out = mkdtempSync(join(tmpdir(), 'bench-review-cold-'));
  copyFileSync(join(cache, `${name}.json`), join(out, `${name}.json`));
  if (existsSync(join(cache, `${name}.words.jsonl`))) copyFileSync(join(cache, `${name}.words.jsonl`), join(out, `${name}.words.jsonl`));
  const cold = await timed(() => buildReviewSite(out));
  const n = cold.result.imagesRendered;
  console.log(
    [
      name.padEnd(44),
      String(n).padStart(5),
      cold.wall.toFixed(2).padStart(6),
      cold.cpu.toFixed(2).padStart(5),
      ((cold.cpu / Math.max(1, n)) * 1000).toFixed(0).padStart(13),
      ((cold.cpu / Math.max(1, n)) * 300).toFixed(0).padStart(23),
    ].join('  '),
  );
  rmSync(out, { recursive: true, force: true });
}

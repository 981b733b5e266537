/**
 * bench/ocr: verbali against the native tesseract CLI reading with the same
 * model, and against OCRmyPDF, on this machine, in one run.
 *   npm run bench:ocr              (everything: dev set, 6- to 100-page scans, born-digital PDF)
 *   npm run bench:ocr -- --quick   (dev set and the small scans only)
 * Native = `tesseract -l ita --psm 3` with the traineddata verbali ships
 * (@tesseract.js-data/ita 4.0.0_best_int, unpacked), OMP_THREAD_LIMIT=1, on
 * pdftoppm's 300 dpi PNG renders (as OCRmyPDF renders), two pages at once;
 * its renders are made before the clock starts: the engine alone.
 * 1. CER page by page on the OCR dev set (bench/ocr-dev-set.ts).
 * 2. Image-only scans of 6 to 100 pages (our sample scan made into 10 and 100
 *    distinct pages; scans of real verbali made by ../shared/corpus/make-scan.sh
 *    when the corpus is beside the clone): wall and CPU time of
 *    `verbali ocr --jobs 2`, of the native CLI and of `ocrmypdf -l ita --jobs 2`,
 *    peak RSS of each process tree, CER against the text the scan shows.
 * Wall times on a shared machine are noisy: each small scan runs twice per
 * tool and the faster run counts; CPU seconds are the steadier figure.
 * Generated scans and the unpacked model are kept in bench/.cache (gitignored).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { packageRoot } from '../pipeline/assets.js';
import { readPages, readSource } from '../pipeline/ingest/index.js';
import { engineAlone } from './engine.js';
import { type Measured, measure } from './measure.js';
import { cer } from './metrics.js';
import { CACHE, ensureTools, NATIVE_ENV, nativeBatchScript, render300, sameModelTessdata } from './native.js';
import { devSetFolder, printScores, scoreDevSet } from './ocr-dev-set.js';

const root = packageRoot();
const quick = process.argv.includes('--quick');
const SCAN = join(root, 'samples/consiglio-castione-2023-03-28.scan.pdf');
const BORN_DIGITAL = join(root, 'samples/consiglio-castione-2023-03-28.pdf');
const CLI = join(root, 'dist/pipeline/cli.js');
const CORPUS = join(root, '../shared/corpus');

ensureTools();
const tessdata = sameModelTessdata();
const version = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' }).split('\n')[0]?.trim();

const tmp = mkdtempSync(join(tmpdir(), 'bench-ocr-'));
/**
 * An image-only PDF of `pages` distinct pages cycling through a scan's page
 * images (pdfimages, then img2pdf): each page carries its own image stream, as
 * in a real scan, so no reader can reuse a decoded image across pages.
 */
function distinctScan(source: string, pages: number, out: string): string {
  const dir = mkdtempSync(join(tmp, 'imgs-'));
  execFileSync('pdfimages', ['-j', source, join(dir, 'p')]);
  const images = readdirSync(dir).sort();
  const files: string[] = [];
  for (let i = 0; i < pages; i++) {
    const jpeg = readFileSync(join(dir, images[i % images.length] as string));
    // A JPEG comment after the SOI marker makes each page's bytes unique; the picture is unchanged.
    const comment = Buffer.from(`page ${i + 1}`);
    const segment = Buffer.concat([Buffer.from([0xff, 0xfe, 0, comment.length + 2]), comment]);
    const file = join(dir, `d${String(i).padStart(4, '0')}.jpg`);
    writeFileSync(file, Buffer.concat([jpeg.subarray(0, 2), segment, jpeg.subarray(2)]));
    files.push(file);
  }
  execFileSync('img2pdf', ['-o', out, ...files]);
  return out;
}

/** A PDF of `pages` pages cycling through a source PDF's pages (qpdf). */
function repeatPdf(source: string, sourcePages: number, pages: number, out: string): string {
  const ranges: string[] = [];
  for (let i = 0; i < pages; i++) ranges.push(source, String((i % sourcePages) + 1));
  execFileSync('qpdf', ['--empty', '--pages', ...ranges, '--', out]);
  return out;
}

const layer: string[] = [];
for await (const p of readPages(await readSource(BORN_DIGITAL))) if (p.kind === 'text') layer.push(p.text);
const reference = (pages: number) => Array.from({ length: pages }, (_, i) => layer[i % layer.length]).join('\n');

/** An image-only scan of a real verbale (make-scan.sh: 300 dpi grey JPEG pages, turned 0.6°, noisy), made once. */
function corpusScan(rel: string): { pdf: string; reference: string } | null {
  const source = join(CORPUS, rel);
  if (!existsSync(source)) return null;
  const pdf = join(CACHE, 'scans', basename(rel).replace(/\.pdf$/, '.scan.pdf'));
  if (!existsSync(pdf)) {
    mkdirSync(join(CACHE, 'scans'), { recursive: true });
    execFileSync('bash', [join(CORPUS, 'make-scan.sh'), source, `${pdf}.tmp`]);
    execFileSync('mv', [`${pdf}.tmp`, pdf]);
  }
  return { pdf, reference: readFileSync(source.replace(/\.pdf$/, '.gold.txt'), 'utf8') };
}

const verbali = (pdf: string) => measure(process.execPath, [CLI, 'ocr', pdf, '--jobs', '2']).then((m) => ({ ...m, text: m.stdout }));

async function native(pdf: string) {
  const renders = render300(pdf, join(tmp, `renders-${basename(pdf)}`));
  for (const f of readdirSync(join(tmp, `renders-${basename(pdf)}`)).filter((f) => f.endsWith('.txt'))) rmSync(join(tmp, `renders-${basename(pdf)}`, f));
  const m = await measure('sh', ['-c', nativeBatchScript(renders, tessdata)], NATIVE_ENV);
  return { ...m, text: renders.map((r) => (existsSync(`${r}.txt`) ? readFileSync(`${r}.txt`, 'utf8') : '')).join('\n') };
}

async function ocrmypdf(pdf: string) {
  const sidecar = join(tmp, `sidecar-${Date.now()}.txt`);
  const m = await measure('ocrmypdf', ['-l', 'ita', '--jobs', '2', '--sidecar', sidecar, pdf, join(tmp, `ocrmypdf-${Date.now()}.pdf`)]);
  return { ...m, text: existsSync(sidecar) ? readFileSync(sidecar, 'utf8') : '' };
}

type Run = Measured & { text: string };
/** The faster of `times` runs: on a shared 2-core machine one run can lose 10% or more to others' work. */
async function best(run: (pdf: string) => Promise<Run>, pdf: string, times: number): Promise<Run> {
  let fastest: Run | undefined;
  for (let i = 0; i < times; i++) {
    const r = await run(pdf);
    if (r.code !== 0) console.log(`  (exit ${r.code}: ${r.stderr.slice(-300)})`);
    if (!fastest || r.seconds < fastest.seconds) fastest = r;
  }
  return fastest as Run;
}

/** One scan, three tools: the table the speed criteria read. */
async function compare(title: string, pdf: string, pages: number, ref: string, times: number): Promise<void> {
  console.log(`\n${title} (${pages} pages):`);
  console.log('tool'.padEnd(40), 'wall s'.padStart(8), 'CPU s'.padStart(8), 'pages/min'.padStart(10), 'peak RSS MB'.padStart(12), 'CER'.padStart(8));
  const rows: Record<string, Run> = {};
  for (const [name, run] of [
    ['verbali ocr --jobs 2', verbali],
    ['native CLI, same model, 2 pages at once', native],
    ['ocrmypdf -l ita --jobs 2', ocrmypdf],
  ] as const) {
    const r = await best(run, pdf, times);
    rows[name] = r;
    console.log(name.padEnd(40), r.seconds.toFixed(1).padStart(8), (r.cpuSeconds ?? Number.NaN).toFixed(1).padStart(8), ((pages / r.seconds) * 60).toFixed(1).padStart(10), String(r.peakRssMb).padStart(12), `${(cer(r.text, ref) * 100).toFixed(2)}%`.padStart(8));
  }
  const [v, n, o] = ['verbali ocr --jobs 2', 'native CLI, same model, 2 pages at once', 'ocrmypdf -l ita --jobs 2'].map((k) => rows[k] as Run) as [Run, Run, Run];
  console.log(
    `  verbali ÷ native: wall ${(v.seconds / n.seconds).toFixed(2)}, CPU ${((v.cpuSeconds ?? 0) / (n.cpuSeconds ?? 1)).toFixed(2)} (target ≤ 1.25); ocrmypdf wall ÷ verbali wall ${(o.seconds / v.seconds).toFixed(2)} (target > 1); verbali peak RSS ${v.peakRssMb} MB (target < 800)`,
  );
}

console.log(`machine: ${execFileSync('nproc', { encoding: 'utf8' }).trim()} cores, load ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}; ${version('tesseract', ['--version'])}; ocrmypdf ${version('ocrmypdf', ['--version'])}; node ${process.version}`);
printScores('OCR dev set (edits = character errors against the text the page shows; native = CLI, same model, on 300 dpi renders or the JPEG file):', scoreDevSet(devSetFolder(), tessdata));

const scan10 = distinctScan(SCAN, 10, join(tmp, 'scan-10.pdf'));
await engineAlone(render300(scan10, join(tmp, 'engine')).slice(0, 3), tessdata);
await compare('our sample scan, distinct pages (300 dpi grey JPEG, skewed, noisy)', scan10, 10, reference(10), 2);
for (const rel of ['real/8ad3c9d09095d9086d62016d60e20b04fc507edae6b1dbca6804970c9420c735.pdf', 'extra/7494d97191856e5d960f388c363fc29c8eb67ece4f3e1a923a2d015837274389.pdf']) {
  const scan = corpusScan(rel);
  if (!scan) {
    console.log(`\n(${rel}: ../shared/corpus is not beside the clone; held-out-style scan skipped)`);
    continue;
  }
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [scan.pdf], { encoding: 'utf8' }))?.[1]);
  await compare(`real verbale ${basename(rel).slice(0, 12)}… scanned by make-scan.sh`, scan.pdf, pages, scan.reference, 2);
}

if (!quick) {
  await compare('our sample scan, 100 distinct pages', distinctScan(SCAN, 100, join(tmp, 'scan-100.pdf')), 100, reference(100), 1);

  const born = repeatPdf(BORN_DIGITAL, 3, 100, join(tmp, 'born-digital-100.pdf'));
  const runs = [];
  for (let i = 0; i < 3; i++) runs.push(await measure(process.execPath, [CLI, 'run', born]));
  const run = runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  console.log(
    `\n100-page born-digital PDF, full pipeline (verbali run): best of 3 ${run.seconds.toFixed(2)} s (runs: ${runs.map((r) => r.seconds.toFixed(2)).join(', ')} s), peak RSS ${run.peakRssMb} MB, exit ${run.code} (target < 5 s)`,
  );
}
rmSync(tmp, { recursive: true, force: true });

/**
 * The OCR step of bench/accuracy's sets: the native tesseract CLI on one page
 * image, text and word boxes (TSV) from one recognition, cached beside the
 * image. Installs the Debian tools when missing (CI is a clean machine).
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import type { PageEvidence } from '../pipeline/clean/index.js';
import { wordsFromTsv } from '../pipeline/ocr/pool.js';

const run = promisify(execFile);

/** Debian packages the sets need, by the file that proves each is there. */
const NEEDED: Record<string, string> = {
  '/usr/bin/tesseract': 'tesseract-ocr',
  '/usr/share/tesseract-ocr/5/tessdata/ita.traineddata': 'tesseract-ocr-ita',
  '/usr/bin/pdftoppm': 'poppler-utils',
  '/usr/bin/pdfimages': 'poppler-utils',
  '/usr/bin/img2pdf': 'img2pdf',
  '/usr/bin/convert-im6.q16': 'imagemagick',
  '/usr/share/fonts/opentype/urw-base35/NimbusMonoPS-Regular.otf': 'fonts-urw-base35',
  '/usr/share/fonts/truetype/liberation/LiberationMono-Regular.ttf': 'fonts-liberation',
};

export function installTools(): void {
  const missing = [...new Set(Object.entries(NEEDED).filter(([file]) => !existsSync(file)).map(([, pkg]) => pkg))];
  if (missing.length === 0) return;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env });
}

/** One OCR'd page: its text and the evidence the clean stage can read. */
export interface OcrPage {
  text: string;
  evidence: PageEvidence;
}

/**
 * `image` read by `tesseract -l ita --psm 3` (one thread: the bench runs two
 * pages at once), cached as `image.txt` and `image.tsv`.
 */
export async function tesseractPage(image: string): Promise<OcrPage> {
  const base = image.replace(/\.[a-z]+$/, '');
  if (!existsSync(`${base}.txt`) || !existsSync(`${base}.tsv`)) {
    await run('nice', ['-n', '10', 'tesseract', image, base, '-l', 'ita', '--psm', '3', 'txt', 'tsv'], {
      env: { ...process.env, OMP_THREAD_LIMIT: '1' },
    });
  }
  // tesseract ends a page with a form feed; pages are joined by one later.
  const text = readFileSync(`${base}.txt`, 'utf8').replace(/\f$/, '').trimEnd();
  return { text, evidence: { method: 'ocr', words: wordsFromTsv(readFileSync(`${base}.tsv`, 'utf8')) } };
}

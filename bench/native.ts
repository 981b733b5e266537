import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { packageRoot } from '../pipeline/assets.js';
import { italianLangPath } from '../pipeline/ocr/index.js';

/** Generated scans and the unpacked model live here between runs (gitignored). */
export const CACHE = join(packageRoot(), 'bench/.cache');

/** Install the Debian tools the OCR benches compare against, when missing. */
export function ensureTools(): void {
  const tools: Record<string, string> = { tesseract: 'tesseract-ocr', ocrmypdf: 'ocrmypdf', pdftoppm: 'poppler-utils', qpdf: 'qpdf', img2pdf: 'img2pdf', time: 'time', convert: 'imagemagick' };
  const missing = Object.entries(tools).filter(([bin]) => !existsSync(`/usr/bin/${bin}`)).map(([, pkg]) => pkg);
  if (missing.length || !existsSync('/usr/share/tesseract-ocr/5/tessdata/ita.traineddata')) {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', ...missing, 'tesseract-ocr-ita', 'fonts-dejavu-core'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  }
}

/**
 * A tessdata folder holding verbali's own Italian model (the traineddata from
 * @tesseract.js-data/ita, unpacked), so the native CLI reads with exactly the
 * model tesseract.js reads with: Debian's ita.traineddata is a different,
 * smaller model (1.4× faster, other errors).
 */
export function sameModelTessdata(): string {
  const dir = join(CACHE, 'tessdata');
  const file = join(dir, 'ita.traineddata');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, gunzipSync(readFileSync(join(italianLangPath(), 'ita.traineddata.gz'))));
  }
  return dir;
}

/** The native CLI's arguments: verbali's model, automatic page segmentation, as verbali reads. */
export const nativeArgs = (tessdata: string) => ['--tessdata-dir', tessdata, '-l', 'ita', '--psm', '3'];

/** One thread per tesseract process: two pages at once then use the two cores, as verbali's two workers do. */
export const NATIVE_ENV = { OMP_THREAD_LIMIT: '1' };

/** Pages rendered as OCRmyPDF renders them (pdftoppm -r 300 -png), sorted: the native CLI's input. */
export function render300(pdf: string, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  if (!readdirSync(dir).some((f) => f.endsWith('.png'))) execFileSync('pdftoppm', ['-r', '300', '-png', pdf, join(dir, 'p')]);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.png'))
    .sort()
    .map((f) => join(dir, f));
}

/** The native CLI on one image, its text. */
export function nativeText(image: string, tessdata: string): string {
  return execFileSync('tesseract', [image, '-', ...nativeArgs(tessdata)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, ...NATIVE_ENV } });
}

/** A shell command running the native CLI on `images`, two at once, each writing IMAGE.txt. */
export function nativeBatchScript(images: string[], tessdata: string): string {
  const list = images.map((f) => `"${f}"`).join(' ');
  return `printf '%s\\n' ${list} | xargs -P 2 -I{} tesseract {} {} ${nativeArgs(tessdata).join(' ')} >/dev/null 2>&1`;
}

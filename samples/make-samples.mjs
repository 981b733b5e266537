#!/usr/bin/env node
// Regenerates the bundled samples from the verbale texts we wrote (samples/*.txt
// that are not *.ocr.txt):
//   <name>.pdf        born-digital PDF with a text layer (typeset with @napi-rs/canvas)
//   <name>.scan.pdf   image-only scan: 300 dpi grey pages, skewed, noisy, blurred,
//                     JPEG-compressed (ImageMagick), wrapped without a text layer (img2pdf)
//   <name>.ocr.txt    the native tesseract CLI's OCR of the scan, pages joined with \f
// Every page carries a running header and a `pag. N di M` footer, as real minutes do.
// Needs Debian's imagemagick, img2pdf, tesseract-ocr, tesseract-ocr-ita and
// fonts-dejavu-core; installs them when missing. Usage: node samples/make-samples.mjs
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCanvas, GlobalFonts, PDFDocument } from '@napi-rs/canvas';

const here = dirname(fileURLToPath(import.meta.url));
const need = { convert: 'imagemagick', img2pdf: 'img2pdf', tesseract: 'tesseract-ocr' };
const missing = Object.entries(need).filter(([bin]) => !existsSync(`/usr/bin/${bin}`)).map(([, pkg]) => pkg);
if (missing.length || !existsSync('/usr/share/tesseract-ocr/5/tessdata/ita.traineddata')) {
  execFileSync('apt-get', ['install', '-y', '-qq', ...missing, 'tesseract-ocr-ita', 'fonts-dejavu-core'], { stdio: 'inherit' });
}
GlobalFonts.registerFromPath('/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf', 'SampleSerif');
GlobalFonts.registerFromPath('/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf', 'SampleMono');
/** Typewritten minutes (name has a 19xx year) come out as a single JPEG page scan, in a monospaced face. */
const typewritten = (name) => /-19\d\d-/.test(name);

const PT = { width: 595, height: 842, margin: 64, size: 11, leading: 15.5 };

/** Wrap a paragraph to a width in points with the canvas's own measurement. */
function wrap(ctx, text, width) {
  const lines = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (ctx.measureText(next).width > width && line) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  lines.push(line);
  return lines;
}

/** Lay the text out in pages of lines (a blank line between paragraphs). */
function layout(text, face, size = PT.size, leading = PT.leading) {
  const ctx = createCanvas(10, 10).getContext('2d');
  ctx.font = `${size}px ${face}`;
  const width = PT.width - 2 * PT.margin;
  const perPage = Math.floor((PT.height - 2 * PT.margin - 40) / leading);
  const lines = [];
  for (const para of text.trim().split('\n')) {
    if (para.trim() === '') lines.push('');
    else lines.push(...wrap(ctx, para, width));
  }
  const pages = [];
  for (let i = 0; i < lines.length; i += perPage) pages.push(lines.slice(i, i + perPage));
  return pages;
}

function drawPage(ctx, lines, n, total, header, scale, face = 'SampleSerif') {
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, PT.width * scale, PT.height * scale);
  ctx.fillStyle = '#000';
  ctx.font = `${9 * scale}px SampleSerif`;
  ctx.fillText(header, PT.margin * scale, (PT.margin - 24) * scale);
  ctx.fillText(`pag. ${n} di ${total}`, (PT.width / 2 - 20) * scale, (PT.height - PT.margin + 30) * scale);
  ctx.font = `${PT.size * scale}px ${face}`;
  lines.forEach((line, i) => {
    ctx.fillText(line, PT.margin * scale, (PT.margin + 10 + i * PT.leading) * scale);
  });
}

/** One page, typewriter face, no header, 200 dpi, slightly rotated and noisy: a 1980s photocopy. */
function typewrittenScan(name, text) {
  // Typewriter pitch: small enough that the whole verbale fits one page.
  const [lines, ...rest] = layout(text, 'SampleMono', 9, 12.5);
  if (rest.length) throw new Error(`${name}: the typewritten sample must fit one page`);
  const scale = 200 / 72;
  const canvas = createCanvas(Math.round(PT.width * scale), Math.round(PT.height * scale));
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#222';
  ctx.font = `${9 * scale}px SampleMono`;
  lines.forEach((line, i) => {
    ctx.fillText(line, PT.margin * scale, (PT.margin + 10 + i * 12.5) * scale);
  });
  const tmp = mkdtempSync(join(tmpdir(), 'samples-'));
  const png = join(tmp, 'page.png');
  writeFileSync(png, canvas.toBuffer('image/png'));
  const out = join(here, `${name}.jpg`);
  sh('convert', [png, '-seed', '3', '-background', 'white', '-rotate', '0.6', '-blur', '0x0.5', '-attenuate', '0.3', '+noise', 'Gaussian', '-colorspace', 'Gray', '-density', '200', '-units', 'PixelsPerInch', '-quality', '60', out]);
  writeFileSync(join(here, `${name}.ocr.txt`), `${sh('tesseract', [out, '-', '-l', 'ita', '--psm', '3']).toString('utf8').trim()}\n`);
  rmSync(tmp, { recursive: true });
  console.error(`${name}: 1 typewritten page`);
}

const sh = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });

for (const file of readdirSync(here).filter((f) => f.endsWith('.txt') && !f.endsWith('.ocr.txt'))) {
  const name = basename(file, '.txt');
  const text = readFileSync(join(here, file), 'utf8');
  const header = `${text.split('\n')[0]} – ${text.split('\n').find((l) => /VERBALE/.test(l)) ?? ''}`.slice(0, 90);
  if (typewritten(name)) {
    typewrittenScan(name, text);
    continue;
  }
  const pages = layout(text, 'SampleSerif');

  const pdf = new PDFDocument({ title: name, creator: 'verbali samples/make-samples.mjs', producer: 'verbali' });
  pages.forEach((lines, i) => {
    const ctx = pdf.beginPage(PT.width, PT.height);
    drawPage(ctx, lines, i + 1, pages.length, header, 1);
    pdf.endPage();
  });
  writeFileSync(join(here, `${name}.pdf`), pdf.close());

  const tmp = mkdtempSync(join(tmpdir(), 'samples-'));
  const scale = 300 / 72;
  const jpgs = pages.map((lines, i) => {
    const canvas = createCanvas(Math.round(PT.width * scale), Math.round(PT.height * scale));
    drawPage(canvas.getContext('2d'), lines, i + 1, pages.length, header, scale);
    const png = join(tmp, `p${i}.png`);
    writeFileSync(png, canvas.toBuffer('image/png'));
    const jpg = join(tmp, `p${i}.jpg`);
    const skew = i % 2 === 0 ? '1.2' : '-0.8';
    // A photocopy: slight skew, blur, speckle noise, grey, JPEG artefacts; fixed seed so reruns match.
    sh('convert', [png, '-seed', String(7 + i), '-background', 'white', '-rotate', skew, '-blur', '0x0.7', '-attenuate', '0.35', '+noise', 'Gaussian', '-colorspace', 'Gray', '-density', '300', '-units', 'PixelsPerInch', '-quality', '55', jpg]);
    return jpg;
  });
  sh('img2pdf', ['--output', join(here, `${name}.scan.pdf`), ...jpgs]);
  const ocr = jpgs.map((jpg) => sh('tesseract', [jpg, '-', '-l', 'ita', '--psm', '3']).toString('utf8').trim());
  writeFileSync(join(here, `${name}.ocr.txt`), `${ocr.join('\n\f')}\n`);
  rmSync(tmp, { recursive: true });
  console.error(`${name}: ${pages.length} pages`);
}

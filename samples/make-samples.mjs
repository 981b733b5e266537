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
//
// `node samples/make-samples.mjs --ocr-pdf-set DIR [--kinds K,…] TEXT…` writes image-only
// PDFs of the kinds scanners make (colour JPEG, CCITT G4 under /Rotate, 200 dpi
// typewritten, skewed, image drawn through a matrix): see ocrPdfSet below.
// `node samples/make-samples.mjs --ocr-dev-set DIR [--only NAME] TEXT…` writes, instead, an OCR
// evaluation set for bench/ocr: every page of every TEXT as a photocopy scan
// (DIR/<name>-<n>.jpg) beside the text it shows (DIR/<name>-<n>.txt), the
// documents varying in face (serif, sans, typewriter), resolution, skew, blur,
// noise and JPEG quality.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCanvas, GlobalFonts, PDFDocument } from '@napi-rs/canvas';
import { writeImagePdf } from './image-pdf.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const need = { convert: 'imagemagick', img2pdf: 'img2pdf', tesseract: 'tesseract-ocr' };
const missing = Object.entries(need).filter(([bin]) => !existsSync(`/usr/bin/${bin}`)).map(([, pkg]) => pkg);
if (missing.length || !existsSync('/usr/share/tesseract-ocr/5/tessdata/ita.traineddata') || !existsSync('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf')) {
  execFileSync('apt-get', ['install', '-y', '-qq', ...missing, 'tesseract-ocr-ita', 'fonts-dejavu-core'], { stdio: 'inherit' });
}
GlobalFonts.registerFromPath('/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf', 'SampleSerif');
GlobalFonts.registerFromPath('/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf', 'SampleMono');
GlobalFonts.registerFromPath('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', 'SampleSans');
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
  photocopy(png, out, { seed: 3, skew: 0.6, blur: 0.5, noise: 0.3, dpi: 200, quality: 60 });
  writeFileSync(join(here, `${name}.ocr.txt`), `${sh('tesseract', [out, '-', '-l', 'ita', '--psm', '3']).toString('utf8').trim()}\n`);
  rmSync(tmp, { recursive: true });
  console.error(`${name}: 1 typewritten page`);
}

const sh = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });

/** A photocopy of a page image: skew, blur, speckle noise, grey, JPEG artefacts; a fixed seed, so reruns match. */
function photocopy(png, jpg, { seed, skew, blur = 0.7, noise = 0.35, dpi = 300, quality = 55 }) {
  sh('convert', [png, '-seed', String(seed), '-background', 'white', '-rotate', String(skew), '-blur', `0x${blur}`, '-attenuate', String(noise), '+noise', 'Gaussian', '-colorspace', 'Gray', '-density', String(dpi), '-units', 'PixelsPerInch', '-quality', String(quality), jpg]);
}

/** How the documents of the OCR dev set differ: one style per document, in turn. */
const DEV_STYLES = [
  { face: 'SampleSerif', dpi: 300, skews: [0.3, -1.6], blur: 0.7, noise: 0.35, quality: 55 },
  { face: 'SampleSans', dpi: 300, skews: [2.4, -0.5], blur: 0.9, noise: 0.5, quality: 45 },
  { face: 'SampleMono', dpi: 200, skews: [-2.8, 1.1], blur: 0.5, noise: 0.3, quality: 60 },
  { face: 'SampleSerif', dpi: 250, skews: [0, 3.5], blur: 1.0, noise: 0.45, quality: 50 },
];

function ocrDevSet(out, files, only) {
  files.forEach((file, d) => {
    const style = DEV_STYLES[d % DEV_STYLES.length];
    const name = basename(dirname(file)) === 'samples' || !/input\.txt$/.test(file) ? basename(file, '.txt') : basename(dirname(file));
    if (only && name !== only) return;
    const text = readFileSync(file, 'utf8');
    const header = text.split('\n')[0].slice(0, 90);
    const pages = layout(text, style.face);
    const scale = style.dpi / 72;
    pages.forEach((lines, i) => {
      const canvas = createCanvas(Math.round(PT.width * scale), Math.round(PT.height * scale));
      drawPage(canvas.getContext('2d'), lines, i + 1, pages.length, header, scale, style.face);
      const png = join(out, `${name}-${i + 1}.png`);
      writeFileSync(png, canvas.toBuffer('image/png'));
      photocopy(png, join(out, `${name}-${i + 1}.jpg`), { ...style, seed: 11 + 7 * d + i, skew: style.skews[i % style.skews.length] });
      rmSync(png);
      writeFileSync(join(out, `${name}-${i + 1}.txt`), [header, ...lines, `pag. ${i + 1} di ${pages.length}`].join('\n'));
    });
  });
}

/** A deterministic random source (mulberry32), so every rerun draws the same pages. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The lines of a page of text: a gold text's page (pdftotext -layout, so runs
 * of spaces are collapsed) or a plain text, wrapped to the page's width.
 */
function textPages(file, face, size, leading) {
  const text = readFileSync(file, 'utf8');
  const plain = text.includes('\f') ? text.split('\n').map((l) => l.trim().replace(/\s{2,}/g, '  ')).join('\n').replace(/\f/g, '') : text;
  return layout(plain.replace(/\n{3,}/g, '\n\n'), face, size, leading).filter((lines) => lines.some((l) => l.trim()));
}

/** Draw lines of text on a canvas at `dpi`: ink colour, paper colour and, for typewriters, glyph by glyph with uneven ink. */
function typeset(lines, { dpi, face, size = PT.size, leading = PT.leading, ink = '#000', paper = '#fff', uneven = 0, seed = 1, decorate }) {
  const scale = dpi / 72;
  const canvas = createCanvas(Math.round(PT.width * scale), Math.round(PT.height * scale));
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = paper;
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  decorate?.(ctx, scale);
  ctx.font = `${size * scale}px ${face}`;
  const rnd = random(seed);
  lines.forEach((line, i) => {
    const y = (PT.margin + 10 + i * leading) * scale;
    if (!uneven) {
      ctx.fillStyle = ink;
      ctx.fillText(line, PT.margin * scale, y);
      return;
    }
    // A typewriter: each type bar strikes with its own force, a little off the line.
    const advance = ctx.measureText('M').width;
    [...line].forEach((ch, j) => {
      const force = 1 - uneven * rnd() ** 2;
      ctx.fillStyle = `rgba(20, 20, 20, ${force.toFixed(3)})`;
      ctx.fillText(ch, PT.margin * scale + j * advance, y + (rnd() - 0.5) * uneven * scale);
    });
  });
  return canvas;
}

/**
 * The image-only PDF kinds of the OCR dev set, one per TEXT in turn (each a
 * plain text or a gold text with \f page breaks; the first two pages of it):
 * a colour letter as a 300 dpi colour JPEG; 1-bit CCITT G4 pages stored
 * sideways under /Rotate 270 and 90; 200 dpi grey typewritten pages with
 * uneven ink and speckle; a page skewed 2.2 deg; a page whose image is stored
 * turned and drawn upright, with margins, by its matrix.
 * Writes DIR/<kind>-<name>.pdf and DIR/<kind>-<name>-<n>.txt (the text of page n).
 * `--kinds k1,k2` deals only those kinds (test fixtures: `--kinds ccitt-g4-rotate`).
 */
const PDF_KINDS = ['colour-jpeg-300', 'ccitt-g4-rotate', 'typewritten-200', 'skewed-300', 'transform-250'];

function ocrPdfSet(out, files, kinds = PDF_KINDS) {
  const tmp = mkdtempSync(join(tmpdir(), 'ocr-pdf-'));
  files.forEach((file, d) => {
    const kind = kinds[d % kinds.length];
    const base = basename(file) === 'input.txt' ? basename(dirname(file)) : basename(file).replace(/\.(gold\.)?txt$/, '');
    const name = `${kind}-${base.slice(0, 24)}`;
    const typewriter = kind === 'typewritten-200';
    const face = typewriter ? 'SampleMono' : kind === 'ccitt-g4-rotate' ? 'SampleSans' : 'SampleSerif';
    const pages = textPages(file, face, typewriter ? 10 : PT.size, typewriter ? 14 : PT.leading).slice(0, 2);
    const pdfPages = pages.map((lines, i) => {
      writeFileSync(join(out, `${name}-${i + 1}.txt`), lines.join('\n'));
      const seed = 101 + 13 * d + i;
      const png = join(tmp, 'page.png');
      const jpg = join(tmp, 'page.jpg');
      const a4 = { width: PT.width, height: PT.height };
      if (kind === 'colour-jpeg-300') {
        // Blue-black ink on cream paper, a blue letterhead rule and a red stamp in the margin.
        const canvas = typeset(lines, { dpi: 300, face, ink: '#1c2340', paper: '#f4ecd8', seed, decorate: (ctx, s) => {
          ctx.fillStyle = '#2a4f9c';
          ctx.fillRect(PT.margin * s, 30 * s, (PT.width - 2 * PT.margin) * s, 3 * s);
          ctx.strokeStyle = 'rgba(200, 30, 40, 0.8)';
          ctx.lineWidth = 2 * s;
          ctx.beginPath();
          ctx.arc((PT.width - 60) * s, (PT.height - 60) * s, 34 * s, 0, 2 * Math.PI);
          ctx.stroke();
        } });
        writeFileSync(png, canvas.toBuffer('image/png'));
        sh('convert', [png, '-seed', String(seed), '-attenuate', '0.25', '+noise', 'Gaussian', '-quality', '80', '-sampling-factor', '2x2', jpg]);
        return { ...a4, image: { width: canvas.width, height: canvas.height, colorSpace: 'DeviceRGB', bpc: 8, filter: 'DCTDecode', bytes: readFileSync(jpg) }, matrix: [PT.width, 0, 0, PT.height, 0, 0] };
      }
      if (kind === 'ccitt-g4-rotate') {
        // Stored sideways, as a sheet fed long edge first; /Rotate turns it upright for the reader.
        const rotate = i % 2 === 0 ? 270 : 90;
        const canvas = typeset(lines, { dpi: 300, face, seed });
        writeFileSync(png, canvas.toBuffer('image/png'));
        const g4 = join(tmp, 'page.g4');
        sh('convert', [png, '-seed', String(seed), '-rotate', String(-rotate), '-blur', '0x0.6', '-attenuate', '0.3', '+noise', 'Gaussian', '-colorspace', 'Gray', '-threshold', '55%', '-compress', 'Group4', `group4:${g4}`]);
        const [w, h] = [canvas.height, canvas.width];
        return { width: PT.height, height: PT.width, rotate, image: { width: w, height: h, colorSpace: 'DeviceGray', bpc: 1, filter: 'CCITTFaxDecode', decodeParms: `<< /K -1 /Columns ${w} /Rows ${h} >>`, bytes: readFileSync(g4) }, matrix: [PT.height, 0, 0, PT.width, 0, 0] };
      }
      if (typewriter) {
        // A 1980s carbon copy: uneven strikes, speckle from the copier, scanned at 200 dpi grey.
        const canvas = typeset(lines, { dpi: 200, face, size: 10, leading: 14, uneven: 0.5, seed });
        writeFileSync(png, canvas.toBuffer('image/png'));
        sh('convert', [png, '-seed', String(seed), '-background', 'white', '-rotate', '0.4', '-blur', '0x0.6', '-attenuate', '0.08', '+noise', 'Impulse', '-attenuate', '0.3', '+noise', 'Gaussian', '-colorspace', 'Gray', '-quality', '70', jpg]);
        const [w, h] = sh('identify', ['-format', '%w %h', jpg]).toString().split(' ').map(Number);
        return { width: (w * 72) / 200, height: (h * 72) / 200, image: { width: w, height: h, colorSpace: 'DeviceGray', bpc: 8, filter: 'DCTDecode', bytes: readFileSync(jpg) }, matrix: [(w * 72) / 200, 0, 0, (h * 72) / 200, 0, 0] };
      }
      if (kind === 'skewed-300') {
        const canvas = typeset(lines, { dpi: 300, face, seed });
        writeFileSync(png, canvas.toBuffer('image/png'));
        photocopy(png, jpg, { seed, skew: i % 2 === 0 ? 2.2 : -1.7, dpi: 300, quality: 75 });
        const [w, h] = sh('identify', ['-format', '%w %h', jpg]).toString().split(' ').map(Number);
        return { width: (w * 72) / 300, height: (h * 72) / 300, image: { width: w, height: h, colorSpace: 'DeviceGray', bpc: 8, filter: 'DCTDecode', bytes: readFileSync(jpg) }, matrix: [(w * 72) / 300, 0, 0, (h * 72) / 300, 0, 0] };
      }
      // transform-250: the image is stored turned 90 deg clockwise (or 180 on even pages) and drawn upright
      // through its matrix, inside 36 pt margins, at about 250 dpi.
      const canvas = typeset(lines, { dpi: 250, face, seed });
      writeFileSync(png, canvas.toBuffer('image/png'));
      const turn = i % 2 === 0 ? 90 : 180;
      photocopy(png, jpg, { seed, skew: 0, dpi: 250, quality: 70 });
      sh('convert', [jpg, '-rotate', String(turn), '-quality', '90', jpg]);
      const [w, h] = sh('identify', ['-format', '%w %h', jpg]).toString().split(' ').map(Number);
      const [bw, bh] = [PT.width - 72, PT.height - 72];
      // Unit square → box [36, 36, bw, bh], undoing the stored turn.
      const matrix = turn === 90 ? [0, bh, -bw, 0, 36 + bw, 36] : [-bw, 0, 0, -bh, 36 + bw, 36 + bh];
      return { ...a4, image: { width: w, height: h, colorSpace: 'DeviceGray', bpc: 8, filter: 'DCTDecode', bytes: readFileSync(jpg) }, matrix };
    });
    writeImagePdf(join(out, `${name}.pdf`), pdfPages);
  });
  rmSync(tmp, { recursive: true, force: true });
}

if (process.argv[2] === '--ocr-dev-set') {
  // `--only NAME`: just that document's pages, drawn as in the whole set (its style follows its place in the list).
  const only = process.argv[4] === '--only' ? process.argv[5] : undefined;
  ocrDevSet(process.argv[3], process.argv.slice(only ? 6 : 4), only);
  process.exit(0);
}
if (process.argv[2] === '--ocr-pdf-set') {
  const kinds = process.argv[4] === '--kinds' ? process.argv[5].split(',') : undefined;
  ocrPdfSet(process.argv[3], process.argv.slice(kinds ? 6 : 4), kinds);
  process.exit(0);
}

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
    photocopy(png, jpg, { seed: 7 + i, skew: i % 2 === 0 ? 1.2 : -0.8 });
    return jpg;
  });
  sh('img2pdf', ['--output', join(here, `${name}.scan.pdf`), ...jpgs]);
  const ocr = jpgs.map((jpg) => sh('tesseract', [jpg, '-', '-l', 'ita', '--psm', '3']).toString('utf8').trim());
  writeFileSync(join(here, `${name}.ocr.txt`), `${ocr.join('\n\f')}\n`);
  rmSync(tmp, { recursive: true });
  console.error(`${name}: ${pages.length} pages`);
}

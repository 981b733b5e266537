/**
 * bench/accuracy's typewritten pages: text of real verbali typed again, as a
 * 1980s office would have, and scanned at 200 dpi. Each character is struck on
 * its own: typewriter faces (Courier clones), 10 or 12 characters per inch,
 * each strike with its own ink (uneven inking) and a slightly misaligned type
 * bar, a ribbon that fades across the page and drops out in specks, scanner
 * speckle, skew, blur, noise and JPEG artefacts. Everything is seeded, so a
 * page made again is the same page. Cached under `bench/.cache/` with the
 * text it shows and its OCR.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import pLimit from 'p-limit';
import { forgetOcr, tesseractPage } from './accuracy-ocr.js';
import { documentFolder, type OcrDocument } from './accuracy-scans.js';

const run = promisify(execFile);

/** Faces a typewriter struck: file, and the family name registered for it. */
const FACES = [
  { file: '/usr/share/fonts/opentype/urw-base35/NimbusMonoPS-Regular.otf', family: 'TypeCourier' },
  { file: '/usr/share/fonts/truetype/liberation/LiberationMono-Regular.ttf', family: 'TypeLiberation' },
  { file: '/usr/share/fonts/opentype/urw-base35/NimbusMonoPS-Bold.otf', family: 'TypeCourierBold' },
];
const DPI = 200;
const A4 = { width: Math.round(8.27 * DPI), height: Math.round(11.69 * DPI) };
/** Characters per line and lines per page of a typed A4 sheet (10 pitch, double-spaced headings aside). */
const COLUMNS = 66;
const LINES = 50;

/** mulberry32: a small seeded generator, so pages are reproducible. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What a typewriter's keys give for print it lacks: bullets, dashes and curly quotes. */
const KEYS: Record<string, string> = { '•': '-', '●': '-', '▪': '-', '·': '-', '–': '-', '—': '-', '’': "'", '‘': "'", '“': '"', '”': '"', '…': '...' };

/** The text as a typist would copy it: runs of spaces closed up, long lines broken at a space, print the keys lack typed as they allow. */
export function typedLines(text: string): string[] {
  const lines: string[] = [];
  for (const raw of text.replace(/\f/g, '\n').split('\n')) {
    let line = raw.replace(/[•●▪·–—’‘“”…]/g, (c) => KEYS[c] as string).replace(/\s+/g, ' ').trim();
    if (line === '') {
      if (lines.length && lines[lines.length - 1] !== '') lines.push('');
      continue;
    }
    while (line.length > COLUMNS) {
      const cut = line.lastIndexOf(' ', COLUMNS);
      const at = cut > COLUMNS / 2 ? cut : COLUMNS;
      lines.push(line.slice(0, at).trimEnd());
      line = line.slice(at).trimStart();
    }
    lines.push(line);
  }
  return lines;
}

interface Style {
  face: string;
  /** Characters per inch. */
  pitch: number;
  /** Darkest ink, 0-1, at the page's start; the ribbon fades by `fade` towards the end. */
  ink: number;
  fade: number;
  /** Specks per page, of scanner dust. */
  speckle: number;
  skew: number;
  quality: number;
}

function styleOf(rand: () => number, index: number): Style {
  const face = (FACES[index % FACES.length] as (typeof FACES)[number]).family;
  return {
    face,
    pitch: rand() < 0.6 ? 10 : 12,
    ink: 0.55 + rand() * 0.4,
    fade: rand() * 0.35,
    speckle: Math.round(150 + rand() * 900),
    skew: Number(((rand() < 0.5 ? -1 : 1) * (0.3 + rand() * 2.2)).toFixed(2)),
    quality: Math.round(50 + rand() * 20),
  };
}

/** Strike one character: its own ink, a misaligned type bar, sometimes a weak or doubled strike. */
function strike(ctx: SKRSContext2D, ch: string, x: number, y: number, ink: number, rand: () => number, size: number): void {
  const level = Math.max(0.15, Math.min(1, ink + (rand() - 0.5) * 0.45));
  const dx = (rand() - 0.5) * 1.6;
  const dy = (rand() - 0.5) * 2.4;
  const roll = rand();
  ctx.save();
  if (roll < 0.04) {
    // A weak strike: the key hit with its top or bottom half only.
    ctx.beginPath();
    const top = rand() < 0.5;
    ctx.rect(x - size, top ? y - size : y - size * 0.35, size * 3, size);
    ctx.clip();
  }
  ctx.fillStyle = `rgba(0,0,0,${level.toFixed(3)})`;
  ctx.fillText(ch, x + dx, y + dy);
  if (roll > 0.97) ctx.fillText(ch, x + dx + 0.8, y + dy + 0.4); // a doubled strike fills the counters
  ctx.restore();
}

function typePage(lines: readonly string[], style: Style, seed: number): Buffer {
  const rand = random(seed);
  const canvas = createCanvas(A4.width, A4.height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, A4.width, A4.height);
  const advance = DPI / style.pitch;
  const size = advance / 0.6; // Courier's advance is 0.6 em
  const leading = DPI / 6; // six lines an inch
  ctx.font = `${size.toFixed(1)}px ${style.face}`;
  const left = Math.round(DPI * 1.1);
  const top = Math.round(DPI * 1.0);
  lines.forEach((line, row) => {
    const fade = style.ink - style.fade * (row / lines.length) * (0.5 + rand());
    const y = top + (row + 1) * leading;
    [...line].forEach((ch, col) => {
      if (ch !== ' ') strike(ctx, ch, left + col * advance, y, fade, rand, size);
    });
  });
  // The ribbon's worn threads: white specks over the type.
  ctx.fillStyle = '#fff';
  const drops = Math.round(style.fade * 40000);
  for (let i = 0; i < drops; i++) ctx.fillRect(left + rand() * COLUMNS * advance, top + rand() * LINES * leading, 1, 1);
  // Scanner dust: dark specks anywhere on the sheet.
  for (let i = 0; i < style.speckle; i++) {
    ctx.fillStyle = `rgba(0,0,0,${(0.4 + rand() * 0.6).toFixed(2)})`;
    ctx.beginPath();
    ctx.arc(rand() * A4.width, rand() * A4.height, 0.5 + rand() * rand() * 3, 0, Math.PI * 2);
    ctx.fill();
  }
  return canvas.toBuffer('image/png');
}

let registered = false;

/** One typed sheet of `lines` as the set types its sheet `index` with `seed`: the page (PNG, not yet turned or scanned) and its style. */
export function typeSheet(lines: readonly string[], seed: number, index: number): { png: Buffer; style: Style } {
  if (!registered) {
    for (const f of FACES) GlobalFonts.registerFromPath(f.file, f.family);
    registered = true;
  }
  const style = styleOf(random(seed), index);
  return { png: typePage(lines, style, seed), style };
}

/**
 * Typewritten pages of each document's text (up to `pagesPerDoc` sheets, taken
 * spread over the document), made and OCR'd, or read from the cache.
 */
export async function typewrittenSet(
  docs: readonly { name: string; gold: string }[],
  cache: string,
  options: { pagesPerDoc?: number; seedBase?: number; fresh?: boolean; log?: (line: string) => void } = {},
): Promise<OcrDocument[]> {
  if (!registered) {
    for (const f of FACES) GlobalFonts.registerFromPath(f.file, f.family);
    registered = true;
  }
  const limit = pLimit(2);
  const perDoc = options.pagesPerDoc ?? 2;
  const out: OcrDocument[] = [];
  for (const [d, doc] of docs.entries()) {
    const lines = typedLines(readFileSync(doc.gold, 'utf8'));
    const sheets: string[][] = [];
    for (let i = 0; i < lines.length; i += LINES) sheets.push(lines.slice(i, i + LINES));
    const chosen = sheets.filter((_, i) => i % Math.max(1, Math.floor(sheets.length / perDoc)) === 0).slice(0, perDoc);
    const folder = documentFolder(cache, doc.name);
    if (options.fresh) rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    const pages = await Promise.all(
      chosen.map((sheet, i) =>
        limit(async () => {
          const seed = (options.seedBase ?? 1000) + 17 * d + i;
          const style = styleOf(random(seed), d + i);
          const text = sheet.join('\n');
          const base = join(folder, `t-${i + 1}`);
          // A sheet whose text or style changed is typed again.
          const key = JSON.stringify({ text, style, seed });
          if (!existsSync(`${base}.jpg`) || !existsSync(`${base}.key`) || readFileSync(`${base}.key`, 'utf8') !== key) {
            forgetOcr(`${base}.jpg`);
            writeFileSync(`${base}.png`, typePage(sheet, style, seed));
            await run('nice', ['-n', '10', 'convert', `${base}.png`, '-seed', String(seed), '-background', 'white', '-rotate', String(style.skew), '-blur', '0x0.6', '-attenuate', '0.3', '+noise', 'Gaussian', '-colorspace', 'Gray', '-density', String(DPI), '-units', 'PixelsPerInch', '-quality', String(style.quality), `${base}.jpg`]);
            rmSync(`${base}.png`);
            writeFileSync(`${base}.key`, key);
          }
          return { text, page: await tesseractPage(`${base}.jpg`) };
        }),
      ),
    );
    options.log?.(`  ${doc.name.slice(0, 60)}: ${pages.length} typewritten pages`);
    out.push({ name: `${doc.name} (typed)`, truth: pages.map((p) => p.text), pages: pages.map((p) => p.page) });
  }
  return out;
}

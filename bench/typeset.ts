/**
 * Typeset a plain-text verbale as a born-digital PDF, line for line in a
 * monospaced face, page for page at its form feeds, so a document we wrote can
 * be scanned with `../shared/corpus/make-scan.sh` like a real one: its tables
 * keep their columns, its pages their breaks.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { createCanvas, GlobalFonts, PDFDocument } from '@napi-rs/canvas';

const FACE = '/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf';
const A4 = { width: 595, height: 842, margin: 36 };

export function typesetPdf(text: string, out: string, title: string): void {
  if (!existsSync(FACE)) throw new Error(`typeset: ${FACE} is missing (Debian fonts-dejavu-core)`);
  GlobalFonts.registerFromPath(FACE, 'BenchMono');
  const pages = text.replace(/\n+$/, '').split('\f').map((p) => p.replace(/^\n+/, '').split('\n'));
  const widest = Math.max(...pages.flat().map((l) => l.length), 60);
  const longest = Math.max(...pages.map((p) => p.length), 40);
  // The largest size at which the widest line and the longest page fit, at most 10 pt.
  const probe = createCanvas(10, 10).getContext('2d');
  probe.font = '10px BenchMono';
  const charWidth = probe.measureText('M').width / 10;
  const size = Math.min(10, (A4.width - 2 * A4.margin) / (widest * charWidth), (A4.height - 2 * A4.margin) / (longest * 1.25));
  const pdf = new PDFDocument({ title, creator: 'verbali bench/typeset.ts', producer: 'verbali' });
  for (const lines of pages) {
    const ctx = pdf.beginPage(A4.width, A4.height);
    ctx.fillStyle = '#000';
    ctx.font = `${size}px BenchMono`;
    lines.forEach((line, i) => {
      ctx.fillText(line, A4.margin, A4.margin + size + i * size * 1.25);
    });
    pdf.endPage();
  }
  writeFileSync(out, pdf.close());
}

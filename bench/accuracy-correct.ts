/**
 * Correct Italian text verbali did not write, for bench/accuracy: every word
 * the clean stage changes in it is a false change. Debian's Italian manpages
 * (installed if missing; Italian paragraphs only) and our born-digital PDF's
 * text layer, which the pipeline hands over as printed text.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../pipeline/assets.js';
import type { PageEvidence } from '../pipeline/clean/index.js';
import { readPages, readSource } from '../pipeline/ingest/index.js';

export async function correctTexts(): Promise<{ name: string; text: string; pages?: PageEvidence[] }[]> {
  if (!existsSync('/usr/share/man/it/man1')) execFileSync('apt-get', ['install', '-y', '-qq', 'manpages-it'], { stdio: 'inherit' });
  const dir = '/usr/share/man/it/man1';
  const manpages = readdirSync(dir).filter((f) => f.endsWith('.gz')).sort();
  let man = '';
  for (const f of manpages) {
    const rendered = execFileSync('sh', ['-c', `zcat "${join(dir, f)}" | groff -k -man -Tutf8 -P-cbou 2>/dev/null`], { maxBuffer: 64 << 20 }).toString('utf8');
    // Italian paragraphs only: untranslated English passages are not the test.
    man += rendered
      .split(/\n\s*\n/)
      .filter((p) => (p.match(/\b(il|la|di|che|è|per|non|un|una|del|della|sono|le|gli|questo|questa)\b/g) ?? []).length >= 3)
      .join('\n\n');
    man += '\n\n';
  }
  const pdf = await readSource(join(packageRoot(), 'samples/consiglio-castione-2023-03-28.pdf'));
  const layer: string[] = [];
  for await (const p of readPages(pdf)) if (p.kind === 'text') layer.push(p.text);
  return [
    { name: `manpages-it (${manpages.length} pages, Italian paragraphs, as OCR text)`, text: man },
    { name: 'born-digital PDF text layer (samples/, as the pipeline hands it over)', text: layer.join('\f'), pages: layer.map(() => ({ method: 'text-layer' as const })) },
  ];
}

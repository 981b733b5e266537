import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeBadInputs } from '../fixtures/bad-inputs.js';
import { fixture, sample } from '../helpers.js';

export interface Corpus {
  dir: string;
  /** Inputs that must give a record. */
  good: string[];
  /** Inputs that must fail, with their error codes. */
  bad: Record<string, string>;
  /** Distinct contents among the good inputs (= records expected). */
  distinct: number;
}

/** A batch of ≥ 20 mixed inputs in nested folders: texts, Markdown, PDFs, a scan, duplicates, and optionally the bad-input corpus. */
export function makeCorpus(dir: string, options: { bad?: boolean; scan?: boolean } = {}): Corpus {
  const good: string[] = [];
  const put = (rel: string, data: Buffer | string) => {
    const path = join(dir, rel);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, data);
    good.push(path);
  };
  for (const name of readdirSync(fixture('segment'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name)) {
    put(`${name}/verbale.txt`, readFileSync(fixture('segment', name, 'input.txt')));
    put(`${name}/ocr/verbale.txt`, readFileSync(fixture('segment', name, 'input.ocr.txt')));
  }
  const template = readFileSync(fixture('segment', 'giunta-1987', 'input.txt'), 'utf8');
  for (let i = 1; i <= 10; i++) put(`giunte/seduta-${String(i).padStart(2, '0')}.txt`, template.replace('lire 2.000.000', `lire ${i}.500.000`));
  put('pdf/consiglio.pdf', readFileSync(sample('consiglio-castione-2023-03-28.pdf')));
  put('md/riveduto.md', '## 1) Approvazione del bilancio\n\n**SINDACO (Mario Rossi):** illustra il bilancio.\n\n> Con voti favorevoli n. 7, contrari n. 2, il Consiglio approva.\n');
  // The same bytes under another name: one record, both paths listed.
  put('copie/seduta-01-copia.txt', readFileSync(join(dir, 'giunte/seduta-01.txt')));
  if (options.scan) {
    mkdirSync(join(dir, 'scansioni'), { recursive: true });
    copyFileSync(sample('giunta-clusone-1987-04-22.jpg'), join(dir, 'scansioni/giunta-1987.jpg'));
    good.push(join(dir, 'scansioni/giunta-1987.jpg'));
  }
  const bad = options.bad ? writeBadInputs(join(dir, 'zz-bad'), sample('consiglio-castione-2023-03-28.pdf')) : {};
  const distinct = new Set(good.map((f) => readFileSync(f).toString('base64'))).size;
  return { dir, good, bad, distinct };
}

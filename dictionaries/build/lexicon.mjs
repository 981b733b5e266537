#!/usr/bin/env node
// Builds dictionaries/lexicon-it.tsv.gz from two public sources:
//   - the Italian Hunspell dictionary of the npm package dictionary-it (GPL-3.0),
//     expanded to every inflected form with `unmunch` (Debian: hunspell-tools);
//   - wordfreq's large Italian list (CC BY-SA 4.0), ../shared/data/wordfreq-large-it.tsv.
// Output, one line per lower-case word form: word <TAB> log10 frequency (empty
// when wordfreq lacks it) <TAB> flags: `h` the form is in Hunspell, `p` Hunspell
// knows it only capitalised (a proper noun).
// Kept: forms Hunspell knows that wordfreq has seen, every Hunspell form that
// ends in an accented vowel (the accent rule needs them all), and frequent
// wordfreq forms (>= 1e-6) even when Hunspell lacks them (modern loanwords).
// Usage: node dictionaries/build/lexicon.mjs [path/to/wordfreq-large-it.tsv]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const wordfreqPath = process.argv[2] ?? join(here, '../../../shared/data/wordfreq-large-it.tsv');
const out = join(here, '../lexicon-it.tsv.gz');

if (!existsSync('/usr/bin/unmunch')) {
  execFileSync('apt-get', ['install', '-y', '-qq', 'hunspell-tools'], { stdio: 'inherit' });
}
const pkgDir = dirname(fileURLToPath(import.meta.resolve('dictionary-it')));
const tmp = mkdtempSync(join(tmpdir(), 'lexicon-'));
const expanded = join(tmp, 'forms.txt');
// Elided articles are dropped (l'abalietà -> abalietà) and duplicates removed in the
// shell: the raw expansion is 36 M lines, more than one JS string holds.
execFileSync('sh', ['-c', `unmunch "${pkgDir}/index.dic" "${pkgDir}/index.aff" 2>/dev/null | sed -E "s/^.*'//" | LC_ALL=C sort -u > "${expanded}"`]);

const lower = new Set();
const capital = new Set();
for (const line of readFileSync(expanded, 'utf8').split('\n')) {
  const form = line.trim();
  if (!/^\p{L}+$/u.test(form)) continue;
  const lc = form.toLowerCase();
  if (form === lc) lower.add(lc);
  else capital.add(lc);
}

const freq = new Map();
for (const line of readFileSync(wordfreqPath, 'utf8').split('\n')) {
  const [word, f] = line.split('\t');
  if (word && f && /^\p{L}+$/u.test(word) && !freq.has(word)) freq.set(word, Number(f));
}

const rows = new Map();
const flagsOf = (w) => (lower.has(w) ? 'h' : capital.has(w) ? 'p' : '');
for (const [w, f] of freq) {
  const flags = flagsOf(w);
  if (flags || f >= -6) rows.set(w, `${w}\t${f}\t${flags}`);
}
for (const w of lower) {
  if (!rows.has(w) && /[àèéìíòóùú]$/.test(w)) rows.set(w, `${w}\t\th`);
}
const lines = ['# word\tlog10freq\tflags  (sources: dictionaries/README.md)'];
for (const key of [...rows.keys()].sort()) lines.push(rows.get(key));
// gzip with mtime 0 so a rebuild from the same sources is byte-identical.
writeFileSync(out, gzipSync(`${lines.join('\n')}\n`, { level: 9 }));
console.error(`wrote ${rows.size} forms to ${out}`);

#!/usr/bin/env node
// Builds dictionaries/comuni-it.tsv from ANPR's archive of every Italian comune
// since 1861 (CC BY 4.0, "ANPR – Ministero dell'Interno"), copied in
// ../shared/data/anpr-archivio-comuni.csv.
// One line per distinct name: name in natural case <TAB> province <TAB> first
// year <TAB> last year (9999 = still active) <TAB> other-language name.
// ANPR names are upper case; they are title-cased by rule: particles stay lower
// case (di, del, della, nell', sul...), a letter after an apostrophe is capital
// (Sant'Andrea), Roman numerals stay upper case (Sotto il Monte Giovanni XXIII).
// Usage: node dictionaries/build/comuni.mjs [path/to/anpr-archivio-comuni.csv]
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const csvPath = process.argv[2] ?? join(here, '../../../shared/data/anpr-archivio-comuni.csv');
const out = join(here, '../comuni-it.tsv');

const PARTICLES = new Set(['di', 'de', 'del', 'della', 'dello', 'dei', 'degli', 'delle', 'da', 'dal', 'dalla', 'in', 'nel', 'nella', 'nei', 'al', 'alla', 'allo', 'ai', 'e', 'ed', 'il', 'la', 'lo', 'le', 'sul', 'sulla', 'sui', 'con', 'sopra', 'sotto', 'su', 'a']);
const ELIDED = new Set(["d'", "dell'", "nell'", "sull'", "all'", "dall'", "l'"]);
const ROMAN = /^(?=[ivxlc]+$)m{0,3}(c[md]|d?c{0,3})(x[cl]|l?x{0,3})(i[xv]|v?i{0,3})$/;

function cap(word) {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function titleCase(name) {
  const words = name.toLowerCase().split(/(\s+|-)/);
  let first = true;
  return words
    .map((w) => {
      if (/^\s+$|^-$/.test(w) || w === '') return w;
      const isFirst = first;
      first = false;
      if (ROMAN.test(w) && w.length > 1) return w.toUpperCase();
      const m = /^([\p{L}]+')(.*)$/u.exec(w);
      if (m) {
        const [, head, rest] = m;
        const h = !isFirst && ELIDED.has(head) ? head : cap(head);
        return h + cap(rest);
      }
      if (!isFirst && (PARTICLES.has(w) && !['sopra', 'sotto'].includes(w))) return w;
      return cap(w);
    })
    .join('');
}

function parseCsvLine(line) {
  const cells = [];
  const re = /("([^"]|"")*"|[^,]*)(,|$)/g;
  for (let m = re.exec(line); m && m[0] !== ''; m = re.exec(line)) {
    const v = m[1];
    cells.push(v.startsWith('"') ? v.slice(1, -1).replace(/""/g, '"') : v);
    if (m[3] === '') break;
  }
  return cells;
}

const lines = readFileSync(csvPath, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter(Boolean);
const header = parseCsvLine(lines[0]);
const col = (name) => header.indexOf(name);
const byName = new Map();
for (const line of lines.slice(1)) {
  const c = parseCsvLine(line);
  const name = titleCase(c[col('DENOMINAZIONE_IT')]);
  const from = Number(c[col('DATAISTITUZIONE')].slice(0, 4));
  const to = Number(c[col('DATACESSAZIONE')].slice(0, 4));
  const prov = c[col('SIGLAPROVINCIA')];
  const alt = c[col('ALTRADENOMINAZIONE')];
  const key = `${name}\t${prov}`;
  const seen = byName.get(key);
  if (seen) {
    seen.from = Math.min(seen.from, from);
    seen.to = Math.max(seen.to, to);
  } else byName.set(key, { name, prov, from, to, alt: alt ? titleCase(alt) : '' });
}
const rows = [...byName.values()].sort((a, b) => a.name.localeCompare(b.name, 'it') || a.prov.localeCompare(b.prov));
const text = ['# name\tprovince\tfrom\tto\tother-language name  (source: dictionaries/README.md)']
  .concat(rows.map((r) => `${r.name}\t${r.prov}\t${r.from}\t${r.to}\t${r.alt}`))
  .join('\n');
writeFileSync(out, `${text}\n`);
console.error(`wrote ${rows.length} comuni to ${out}`);

import { distance } from 'fastest-levenshtein';
import { alternationAnyCase, lexGlobal, type SegmentLexicon } from './lexicon.js';

/** What a column of an attendance table holds. */
export type ColumnKind = 'n' | 'name' | 'entity' | 'role' | 'presence' | 'present' | 'absent' | 'remote' | 'note';

/** A column as its header prints it: where it starts, what it holds, which side-by-side group it is in. */
export interface Column {
  start: number;
  kind: ColumnKind;
  group: number;
}

const LABEL = (lex: SegmentLexicon) => {
  const c = lex.attendance.columns;
  const g = (kind: ColumnKind, words: readonly string[]) => `(?<${kind}>${alternationAnyCase(words)})`;
  return new RegExp(
    `(?<![\\p{L}])(?:${g('name', c.name)}|${g('entity', c.entity)}|${g('role', c.role)}|${g('presence', c.presence)}|${g('remote', c.remote)}|${g('present', c.present)}|${g('absent', c.absent)}|${g('note', c.note)}|${g('n', c.number)})(?![\\p{L}])`,
    'gu',
  );
};

/**
 * The columns a table's header names, with their positions: `COGNOME E NOME
 * PRESENTE COGNOME E NOME PRESENTE` (two groups side by side), `CARICA COGNOME
 * E NOME PRESENTE`, `COMUNE COMPONENTE QUALIFICA PRESENZA`, `P R E S E N T I
 * A S S E N T I` (two lists side by side). Null unless the line is only labels,
 * one of them a name or a presence.
 */
export function readColumns(text: string, lex: SegmentLexicon): Column[] | null {
  // Letter-spaced labels keep their place: each is read where its first letter is.
  const spaced = [...text.matchAll(/(?<![\p{L}])\p{L}(?: \p{L}){2,}(?![\p{L}])/gu)];
  let plain = text;
  for (const m of spaced.reverse()) plain = plain.slice(0, m.index) + m[0].replace(/ /g, '').padEnd(m[0].length, ' ') + plain.slice(m.index + m[0].length);
  const { labels, kinds, rest } = labelsIn(plain, lex);
  if (labels.length === 0 || rest.length > 0) return titledHead(plain, lex) ?? brokenListsHead(text, lex);
  if (!kinds.some((k) => k === 'name' || k === 'presence' || k === 'present' || k === 'absent' || k === 'remote')) return null;
  return grouped(labels.map((m, k) => ({ start: m.index, kind: kinds[k] as ColumnKind })));
}

/**
 * Columns in their side-by-side groups: a kind seen again opens the next group; lists of the present and the
 * absent (no name column) are two groups.
 */
function grouped(heads: readonly { start: number; kind: ColumnKind }[]): Column[] {
  const named = heads.some((h) => h.kind === 'name');
  let group = 0;
  const seen = new Set<ColumnKind>();
  return heads.map(({ start, kind }) => {
    if (seen.has(kind) || ((kind === 'absent' || kind === 'present') && !named && seen.size > 0)) {
      group++;
      seen.clear();
    }
    seen.add(kind);
    return { start, kind, group };
  });
}

/** The labels a header's text holds, what each heads, and what is left that is no label. */
function labelsIn(plain: string, lex: SegmentLexicon): { labels: RegExpExecArray[]; kinds: ColumnKind[]; rest: string } {
  // A label and its translation joined by a slash (`Nom et prénom / Cognome e nome`, `Présent / Presente`) head one column.
  const labels = [...plain.matchAll(lexGlobal(lex, LABEL))].filter((m, k, all) => {
    const before = all[k - 1];
    return !before || !/^\s*\/\s*$/.test(plain.slice(before.index + before[0].length, m.index));
  });
  const rest = plain.replace(lexGlobal(lex, LABEL), ' ').replace(/[|,.:\s/-]+/g, '');
  const kinds = labels.map((m) => Object.entries(m.groups ?? {}).find(([, v]) => v !== undefined)?.[0] as ColumnKind);
  return { labels, kinds, rest };
}

/**
 * A row cut at its wide gaps (two spaces or more) and at the bars of a ruled table (`| Rossi Anna | Presidente
 * del Consiglio | in presenza |`: a cell filled to its bar has one space before it) into pieces, each given to
 * the column it sits under.
 */
export function splitRow(text: string, columns: readonly Column[]): { column: Column; text: string; at: number }[] {
  const unruled = text.replace(/(?<=^|\s)\|(?=\s|$)/g, ' ');
  const pieces = [...unruled.matchAll(/\S+(?: \S+)*/g)].map((m) => ({ text: m[0], at: m.index }));
  return pieces.map((p) => {
    // The column that starts at or before the piece (allowing for a little misalignment), else the first.
    let best = columns[0] as Column;
    for (const c of columns) if (c.start <= p.at + 3) best = c;
    // A piece that ends under the next column's label belongs to it when it starts nearer to it.
    const next = columns[columns.indexOf(best) + 1];
    if (next && Math.abs(next.start - p.at) < Math.abs(best.start - p.at) && p.at + p.text.length > next.start) best = next;
    // A row's number just left of the next group's names is that group's (`P     11  Rossi Mario …` under `P/A   CONSIGLIERI`).
    else if (next?.kind === 'name' && next.group !== best.group && /^\d{1,3}[.)]?$/.test(p.text) && next.start - (p.at + p.text.length) <= 8) best = next;
    return { column: best, text: p.text, at: p.at };
  });
}

/**
 * A table's title, then its marks' labels after a wide gap (`Appello nominale / Namensaufruf      presente
 * assente`): the labels (two of marks at least) are the header, where they stand; the title is not a column.
 */
function titledHead(text: string, lex: SegmentLexicon): Column[] | null {
  for (const gap of text.matchAll(/\S\s{4,}(?=\S)/gu)) {
    const at = gap.index + gap[0].length;
    const columns = readColumns(' '.repeat(at) + text.slice(at), lex);
    // Two marks' labels at least: a word of a presence column after a gap is a row's mark (`Rossi Mario    presente`).
    if (columns && columns.filter((c) => c.kind === 'present' || c.kind === 'absent' || c.kind === 'presence').length >= 2) return columns;
  }
  return null;
}

/** Does this header hold names only under `PRESENTI` / `ASSENTI` (two lists side by side), not in a name column? */
export function listsByPresence(columns: readonly Column[]): boolean {
  return !columns.some((c) => c.kind === 'name') && columns.some((c) => c.kind === 'present' || c.kind === 'absent');
}

/**
 * The head of two lists side by side as OCR breaks a letter-spaced one
 * (`PRESENTI AS SENTITI`, `PRES E NT I ASS: EN TI` for `P R E S E N T I
 * A S S E N T I`): capitals only, whose letters are within two edits of a
 * present label then an absent one (or the reverse). The second list starts
 * where its letters do.
 */
function brokenListsHead(text: string, lex: SegmentLexicon): Column[] | null {
  if (/\p{Ll}|\d/u.test(text)) return null;
  const letters = [...text.matchAll(/\p{L}/gu)].map((m) => ({ ch: m[0], at: m.index }));
  const joined = letters.map((l) => l.ch).join('');
  if (joined.length < 10 || joined.length > 24) return null;
  const { present, absent } = lex.attendance.columns;
  const bare = (label: string) => label.replace(/\P{L}/gu, '').toUpperCase();
  for (const [first, second, kinds] of [
    [present, absent, ['present', 'absent']],
    [absent, present, ['absent', 'present']],
  ] as const) {
    for (const a of first) {
      for (const b of second) {
        if (bare(a).length < 5 || bare(b).length < 5 || distance(joined, bare(a) + bare(b)) > 2) continue;
        const split = letters[Math.min(bare(a).length, letters.length - 1)] as { at: number };
        return [
          { start: letters[0]?.at ?? 0, kind: kinds[0], group: 0 },
          { start: split.at, kind: kinds[1], group: 1 },
        ];
      }
    }
  }
  return null;
}

/**
 * A header printed on two lines, each label's words stacked in its column (`Presente` over `in sede`, `Presente in`
 * over `videoconferenza`, `Cognome e Nome` alone on the second): each column's words joined top to bottom, then read
 * as one label each, where the column starts. Null unless every column is a label.
 */
export function readStackedColumns(above: string, below: string, lex: SegmentLexicon): Column[] | null {
  const cellsOf = (line: string) => [...line.matchAll(/\S+(?: \S+)*/g)].map((m) => ({ at: m.index, end: m.index + m[0].length, text: m[0] }));
  const top = cellsOf(above);
  const bottom = cellsOf(below);
  if (top.length === 0 || bottom.length < 2) return null;
  const used = new Set<number>();
  const stacked = bottom.map((b) => {
    const over = top.findIndex((t, k) => !used.has(k) && t.at < b.end + 2 && b.at < t.end + 2);
    if (over === -1) return { ...b, alone: true };
    used.add(over);
    const t = top[over] as { at: number; text: string };
    return { at: Math.min(t.at, b.at), end: b.end, text: `${t.text} ${b.text}`, alone: false };
  });
  if (used.size !== top.length) return null;
  const heads: { start: number; kind: ColumnKind }[] = [];
  for (const cell of stacked) {
    const { labels, kinds, rest } = labelsIn(cell.text, lex);
    // A cell of the second line alone may hold two labels a single space apart (`N. Cognome e Nome`), each where it stands.
    if (kinds.length === 0 || (kinds.length > 1 && !cell.alone) || rest.length > 0) return null;
    for (const [k, kind] of kinds.entries()) heads.push({ start: cell.at + (labels[k] as RegExpExecArray).index, kind });
  }
  return heads.some((h) => h.kind === 'name') ? grouped(heads) : null;
}

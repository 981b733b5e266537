import { alternation, type SegmentLexicon } from './lexicon.js';

/** The counts the opening states: `sono presenti n. 11 Consigliere/i`, `Presenti n° 20 Assenti n° 5`, `partecipano n. 25 componenti`. */
export function readOpeningCount(text: string, lex: SegmentLexicon): { present: number | null; absent: number | null; index: number; length: number } | null {
  const count = `(?:n\\s*[.°]?\\s*|n\\.ro\\s*)?(\\d{1,3})`;
  const words = alternation(lex.attendance.countWords);
  const patterns: [RegExp, 'present' | 'both' | 'absent'][] = [
    [/(?<![\p{L}])presenti\s*(?:n\s*[.°]?\s*)?(\d{1,3})\s*[,;]?\s*assenti\s*(?:n\s*[.°]?\s*)?(\d{1,3})/iu, 'both'],
    [new RegExp(`(?:sono|risultano|erano)\\s+presenti\\s+(?:i\\s+sottoriportati\\s+)?${count}\\s+(?:${words})`, 'iu'), 'present'],
    [new RegExp(`partecipano\\s+${count}\\s+(?:${words})`, 'iu'), 'present'],
    [new RegExp(`presenti\\s*:?\\s*${count}\\s+(?:${words})`, 'iu'), 'present'],
  ];
  let best: { present: number | null; absent: number | null; index: number; length: number } | null = null;
  for (const [re, kind] of patterns) {
    const m = re.exec(text);
    if (!m || (best && best.index <= m.index)) continue;
    best =
      kind === 'both'
        ? { present: Number(m[1]), absent: Number(m[2]), index: m.index, length: m[0].length }
        : { present: Number(m[1]), absent: null, index: m.index, length: m[0].length };
  }
  return best;
}

import type { AttendanceContext } from './attendance.js';
import type { Cell } from './attendance-rows.js';
import { LEADING_HONORIFIC } from './attendance-staff.js';
import { alternation, alternationAnyCase, lexRegExp, type SegmentLexicon } from './lexicon.js';
import { looksLikeName } from './people.js';

/** A list numbered inline (`presenti i signori: 1) Rossi Mario, 2) Bianchi Anna, …`): its numbers are no names. */
const unnumbered = (t: string) => t.replace(/^\d{1,3}\s*\)\s*/u, '');

/**
 * Names in prose after a head: `il Sindaco Angelo Lippolis e i Consiglieri
 * Angelini Vito, Bianco Rosa, …, Sportelli Maria (presenti n. 14 su 17)`,
 * `ROSSI MARIO, VERDI LUCA`. Each part gives an office (kept as the role) and
 * the capitalised words of a name; parts with no name are skipped; a
 * parenthesis after a name is its note.
 */
export function proseList(text: string, ctx: AttendanceContext): Cell[] {
  const cells: Cell[] = [];
  const flat = text.replace(/\s+/g, ' ').replace(/\((?:presenti|assenti|n\.)[^()]*\)/giu, '');
  for (const part of flat.split(lexRegExp(ctx.lexicon, PART_BREAK))) {
    const note = /\(([^()]*)\)/.exec(part)?.[1]?.trim() ?? null;
    // The words before a colon that opens such a list are its head (`presenti i signori: 1) …`).
    let bare = unnumbered(part.replace(/^[^:]*:\s*(?=\d{1,3}\s*\))/u, '').replace(/\([^()]*\)/g, '').replace(/[.:]\s*$/, '').trim());
    if (!bare || /^\/+$/.test(bare)) continue;
    const roleM = lexRegExp(ctx.lexicon, ROLE_LEAD).exec(bare);
    if (roleM) bare = unnumbered(bare.slice(roleM[0].length).trim());
    bare = bare.replace(/^(?:il|la|lo|l['’])\s*(?=\p{Ll}+\.)/u, '').replace(lexRegExp(ctx.lexicon, LEADING_HONORIFIC), '');
    const name = /^(?:(?:de|di|da|del|della|lo|la|d['’])\s*)?\p{Lu}[\p{L}'’-]*(?:\s+(?:(?:de|di|da|del|della|lo|d['’])\s*)?\p{Lu}[\p{L}'’.-]*){0,4}/u.exec(bare)?.[0];
    if (!name) continue;
    const words = name.split(/\s+/);
    if (!looksLikeName(words, ctx.words, ctx.lexicon) && !(words.length >= 2 && words.every((w) => /^\p{Lu}/u.test(w)))) continue;
    if (lexRegExp(ctx.lexicon, ROLE_LEAD).test(`${name} `)) continue;
    const rest = bare.slice(name.length).trim();
    // An office after the name, as old minutes list the Giunta (`Lupo Quirino Sindaco, Tosato Ugo Assessore`).
    const after = lexRegExp(ctx.lexicon, ROLE_AFTER).exec(name);
    const person = after && after.index > 0 ? name.slice(0, after.index) : name;
    cells.push({ n: null, role: roleM?.[1] ?? (person !== name ? (after?.[1] ?? null) : null), name: person, marks: [], remote: false, note: note ?? (rest || null), markColumns: [], from: 0, to: 0 });
  }
  return cells;
}

/** People a sentence names by office: `l'Assessora all'animazione di comunità e lavori pubblici Lucia Ferrante` → Lucia Ferrante, Assessora. */
export function guestsIn(sentence: string, ctx: AttendanceContext): Cell[] {
  const out: Cell[] = [];
  const role = lexRegExp(ctx.lexicon, ROLE_IN).exec(sentence);
  if (!role) return out;
  const after = sentence.slice(role.index + role[0].length);
  for (const m of after.matchAll(/(?<![\p{L}'’])(\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+){1,2})(?![\p{L}])/gu)) {
    const words = (m[1] as string).split(/\s+/);
    if (!looksLikeName(words, ctx.words, ctx.lexicon)) continue;
    out.push({ n: null, role: role[1] as string, name: (m[1] as string).replace(/\s+/g, ' '), marks: [], remote: false, note: null, markColumns: [], from: 0, to: 0 });
  }
  return out.slice(-1);
}

/** Where a list in prose goes on to the next name: a comma, or `e`/`ed` before a name or an office (`e gli assessori Bianchi Anna`). */
const PART_BREAK = (lex: SegmentLexicon) =>
  new RegExp(`\\s*[,;]\\s*|\\s+(?:e|ed)\\s+(?=(?:(?:il|la|i|le|gli|l['’])\\s*)?(?:\\p{Lu}|(?:${alternationAnyCase([...lex.roles, ...lex.rolePlurals])})(?![\\p{L}])))`, 'u');

const ROLE_LEAD = (lex: SegmentLexicon) =>
  new RegExp(
    // `oltre al Presidente X` (besides the chair, also there) names X as the article would; `i Consiglieri: X, Y`.
    `^(?:oltre\\s+a(?:l|lla|llo|i|gli|lle|ll['’])?\\s*)?(?:(?:il|la|lo|i|le|gli)\\s+|l['’]\\s*)?(?:(${alternation(lex.roles)})|${alternation(lex.rolePlurals)})(?![\\p{L}])(?:\\s+(?:del|della|dell['’])\\s*[A-ZÀ-Ý][a-zà-ÿ]+)*(?:\\s+(?:al|alla|ai|alle)\\s+[\\p{L} ]+?(?=\\s+\\p{Lu}))?[,:]?\\s+`,
    'iu',
  );

/** An office closing a name's capitalised words: two words of name at least before it. */
const ROLE_AFTER = (lex: SegmentLexicon) => new RegExp(`(?<=\\p{L}+\\s+\\p{L}+)\\s+(${alternation(lex.roles)})$`, 'u');

/** An office named in a sentence (`il Sindaco`, `l'Assessore`). */
export const ROLE_IN = (lex: SegmentLexicon) => new RegExp(`(?<![\\p{L}])(${alternation(lex.roles)})`, 'iu');

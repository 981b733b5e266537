import type { Signature } from '../../schemas/index.js';
import { alternation, alternationAnyCase, lexGlobal, lexRegExp, type SegmentLexicon } from './lexicon.js';
import { personName } from './natural-case.js';

const SIGNED = "(?:[Ff]\\.\\s?to|FIRMATO|[Ff]irmato)";
/** A signature's office: `Il Presidente`, `La Segretaria della Circoscrizione`, `IL VICE SEGRETARIO GENERALE`. */
const ROLE_PHRASE = (lex: SegmentLexicon) =>
  `(?:${alternationAnyCase(lex.signatureRoles)})(?:\\s+(?:${alternationAnyCase(['della', 'del', "dell'", 'dei'])})\\s*\\p{Lu}[\\p{L}'’]+(?:\\s+(?!${alternationAnyCase(['il', 'la', 'lo', "l'"])}(?![\\p{L}]))\\p{Lu}[\\p{L}'’]+)?|\\s+(?:${alternationAnyCase(['generale', 'comunale', 'verbalizzante', 'circoscrizionale', 'facente funzione', 'anziano', 'anziana'])}))*`;
const ROLE_LINE = (lex: SegmentLexicon) => new RegExp(`^\\s*(?:${SIGNED}\\s+)?${ROLE_PHRASE(lex)}(?:\\s{2,}(?:${SIGNED}\\s+)?${ROLE_PHRASE(lex)}|\\s+(?:${SIGNED}\\s+)?${ROLE_PHRASE(lex)})*\\s*[.:]?\\s*$`, 'u');
const ROLES = (lex: SegmentLexicon) => new RegExp(ROLE_PHRASE(lex), 'gu');
const HONORIFIC = (lex: SegmentLexicon) => new RegExp(`^\\s*(?:${SIGNED}\\s*)?(?:(?:${alternation(lex.honorifics)})\\s*)*`, 'iu');

/** A line that opens the signatures: only offices (`Il Presidente La Verbalizzante`, `IL SINDACO`, `La Segretaria della Circoscrizione   La Presidente …`). */
export function isSignatureRoleLine(text: string, lex: SegmentLexicon): boolean {
  // Every office of a signature opens with an article or `F.to`.
  return text.trim().length < 160 && /^\s*(?:il|la|lo|l['’]|f\.\s?to|firmato)/iu.test(text) && lexRegExp(lex, ROLE_LINE).test(text);
}

/** A signer as a line or a column opens: `F.to`, or a title before a capital. */
const SIGNER = (lex: SegmentLexicon) => new RegExp(`^${SIGNED}|^(?:${alternationAnyCase(lex.honorifics)})\\s*\\p{Lu}`, 'u');
/** Two to six capitalised words: a name, or two side by side. */
const SIGNER_NAME = /^\p{Lu}[\p{L}'’]+(?:\s+\p{Lu}[\p{L}'’.]+){1,5}$/u;

/** A signer's name in parentheses under the line to sign on (`(prof. Mario Rossi)`), as the name alone; not `(firmato digitalmente)`. */
const unwrapNames = (line: string) => line.replace(/\((?!firmato|f\.\s?to)([^()]{3,60})\)/giu, ' $1 ');

/** A line of signers' names (`Sig. Angelo Merici Dott.ssa Carolina Angelini`, `F.to Mario Rossi`, `BIANCHI ANNA   Avv. GALLI PAOLA`, `(Mario Rossi)   (dott.ssa Anna Neri)`). */
export function isSignerLine(text: string, lex: SegmentLexicon): boolean {
  const t = unwrapNames(text).trim();
  if (!t || t.length > 120) return false;
  const signer = lexRegExp(lex, SIGNER);
  // Each column a signer (`Sandro Falcetelli      dott.ssa Maria Teresa Cognigni`), or the whole a name or two.
  return signer.test(t) || SIGNER_NAME.test(t.replace(/\s{2,}/g, ' ')) || t.split(/\s{3,}/).every((c) => signer.test(c) || SIGNER_NAME.test(c));
}

/**
 * Names on a signers' line: columns a wide gap apart, or cut before each `F.to` / honorific. Columns a scan
 * ran together (`Chiara Zanetti Paolo Rossetti` under two offices) are cut where each name is one the
 * document prints elsewhere; where no one cut is, no name is read (two people are not one).
 */
function namesOf(line: string, lex: SegmentLexicon, columns: number, printed: string): string[] {
  const unwrapped = unwrapNames(line);
  let parts = unwrapped.trim().split(/\s{3,}/);
  if (parts.length < columns) parts = unwrapped.trim().split(new RegExp(`(?=${SIGNED}\\s)|(?=(?:${alternationAnyCase(lex.honorifics)})\\s*\\p{Lu})`, 'u')).filter((p) => p.trim());
  let names = parts
    .map((p) => p.replace(lexRegExp(lex, HONORIFIC), '').replace(/\((?:firmato|f\.to)[^)]*\)/iu, '').replace(/\s+/g, ' ').trim())
    .filter((p) => /\p{Lu}/u.test(p));
  if (names.length === 1 && columns > 1) {
    const words = (names[0] as string).split(' ');
    if (words.length >= 2 * columns) names = cutByPrinted(words, columns, printed) ?? [];
  }
  return names.map((p) => personName(p));
}

/** The one way to cut `words` into `columns` names of two words or more, each printed elsewhere in the document (in either order of its words); null when none or several. */
function cutByPrinted(words: readonly string[], columns: number, printed: string): string[] | null {
  const fold = (t: string) => ` ${t.toLowerCase().replace(/[^\p{L}'’]+/gu, ' ').trim()} `;
  const text = fold(printed);
  const known = (group: readonly string[]) => text.includes(fold(group.join(' '))) || text.includes(fold([...group].reverse().join(' ')));
  const found: string[][] = [];
  const cut = (from: number, left: number, acc: string[]) => {
    if (left === 1) {
      const last = words.slice(from);
      if (last.length >= 2 && known(last)) found.push([...acc, last.join(' ')]);
      return;
    }
    for (let end = from + 2; end <= words.length - 2 * (left - 1); end++) {
      const group = words.slice(from, end);
      if (known(group)) cut(end, left - 1, [...acc, group.join(' ')]);
    }
  };
  cut(0, columns, []);
  return found.length === 1 ? (found[0] as string[]) : null;
}

/**
 * Pair the offices of the signature block with the names under them, column
 * by column: `La Segretaria della Circoscrizione   La Presidente …` over
 * `f.to Giulia Moretti   f.to Lucia Ferrante`; `IL PRESIDENTE` over
 * `Mario Bellini`. An office with no name keeps `person: null`. `printed`:
 * the document's other text, where names run together are looked up.
 */
export function parseSignatures(text: string, lex: SegmentLexicon, printed = ''): Signature[] {
  const out: Signature[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (!isSignatureRoleLine(line, lex)) continue;
    const roles = [...line.matchAll(lexGlobal(lex, ROLES))].map((m) => normaliseRole(m[0]));
    // The names are on the first signers' line below (an office's full title may come between).
    let names: string[] = [];
    for (let j = i + 1; j < lines.length && j <= i + 4; j++) {
      const next = lines[j] as string;
      if (isSignatureRoleLine(next, lex)) break;
      if (next.trim() && isSignerLine(next, lex)) {
        names = namesOf(next, lex, roles.length, printed);
        break;
      }
    }
    roles.forEach((role, k) => {
      out.push({ role, person: names[k] ?? null });
    });
  }
  return out;
}

function normaliseRole(role: string): string {
  const r = role.replace(/\s+/g, ' ').trim();
  if (r !== r.toUpperCase()) return r;
  return r
    .toLowerCase()
    .split(' ')
    .map((w, i) => (i === 0 || w.length > 3 ? w.charAt(0).toUpperCase() + w.slice(1) : w))
    .join(' ');
}

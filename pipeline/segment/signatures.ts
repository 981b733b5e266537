import type { Signature } from '../../schemas/index.js';
import { alternation, lexRegExp, type SegmentLexicon } from './lexicon.js';
import { personName } from './natural-case.js';

const HONORIFIC = '(?:Sig\\.(?:ra)?|Dott\\.(?:ssa)?|Dr\\.|Avv\\.|Ing\\.|Arch\\.|Prof\\.(?:ssa)?|Rag\\.|Geom\\.|F\\.to|f\\.to)';
const SIGNER_LINE = new RegExp(`^\\s*${HONORIFIC}\\s*\\p{Lu}`, 'u');
const BEFORE_HONORIFIC = new RegExp(`(?=${HONORIFIC})`, 'u');
const LEADING_HONORIFIC = new RegExp(`^\\s*${HONORIFIC}\\s*`, 'u');
const ROLE_LINE = (lex: SegmentLexicon) => {
  const roles = alternation(lex.signatureRoles);
  return new RegExp(`^\\s*(?:F\\.to\\s+)?(?:${roles})(?:\\s+(?:F\\.to\\s+)?(?:${roles}))*\\s*$`, 'iu');
};

/** A line that opens the signatures: only roles (`Il Presidente La Verbalizzante`, `IL SINDACO`). */
export function isSignatureRoleLine(text: string, lex: SegmentLexicon): boolean {
  return lexRegExp(lex, ROLE_LINE).test(text);
}

/** A line of signers' names (`Sig. Angelo Merici Dott.ssa Carolina Angelini`, `F.to Mario Rossi`). */
export function isSignerLine(text: string): boolean {
  return SIGNER_LINE.test(text);
}

/**
 * Pair the roles of the signature block with the names under them, in order:
 * `Il Presidente La Verbalizzante` over `Sig. Angelo Merici Dott.ssa Carolina
 * Angelini` gives two signatures. A role with no name keeps `person: null`.
 */
export function parseSignatures(text: string, lex: SegmentLexicon): Signature[] {
  const roles: string[] = [];
  const names: string[] = [];
  const roleRe = new RegExp(`(${alternation(lex.signatureRoles)})`, 'giu');
  for (const line of text.split('\n')) {
    if (isSignatureRoleLine(line, lex)) {
      for (const m of line.matchAll(roleRe)) roles.push(normaliseRole(m[1] as string));
    } else if (isSignerLine(line)) {
      for (const part of line.split(BEFORE_HONORIFIC)) {
        const name = part.replace(LEADING_HONORIFIC, '').replace(/\s+/g, ' ').trim();
        if (/\p{Lu}/u.test(name)) names.push(personName(name));
      }
    }
  }
  return roles.map((role, i) => ({ role, person: names[i] ?? null }));
}

function normaliseRole(role: string): string {
  if (role !== role.toUpperCase()) return role.replace(/\s+/g, ' ');
  return role
    .toLowerCase()
    .split(/\s+/)
    .map((w, i) => (i === 0 || w.length > 3 ? w.charAt(0).toUpperCase() + w.slice(1) : w))
    .join(' ');
}

import { alternation, lexRegExp, type SegmentLexicon } from './lexicon.js';
import { naturalCase, personName } from './natural-case.js';

/** A speaker label as printed and what it says. */
export interface ParsedLabel {
  label: string;
  name: string | null;
  role: string | null;
  entity: string | null;
}

const NAME = "\\p{Lu}[\\p{L}'’]+(?:\\s+(?:de|di|da|del|della|De|Di|Da|Del)?\\s*\\p{Lu}[\\p{L}'’]+){0,3}";
/** `Consigliere Rossi (Lista Civica):`, `Nome Cognome (Ruolo – Comune di X):`, `Il Sindaco:` */
const TITLED_LABEL = (lex: SegmentLexicon) =>
  new RegExp(`^((?:(?:Il|La)\\s+|L['’]\\s*)?(?:(?:${alternation(lex.roles)})\\s+)?)(${NAME})?\\s*(\\([^()\\n]{1,160}\\))?\\s*:(?=\\s)`, 'u');
/** Reported speech: `Il Sindaco illustra …`, `Il Consigliere VERDI chiede …`. */
const REPORTED_SPEECH = (lex: SegmentLexicon) =>
  new RegExp(
    `^((?:(?:Il|La)\\s+|L['’]\\s*)(?:${alternation(lex.roles)})(?:\\s+(?:del|della)\\s+Comune\\s+di\\s+\\p{Lu}[\\p{L}'’]*(?:\\s+\\p{Lu}[\\p{L}'’]*)*)?(?:\\s+\\p{Lu}[\\p{L}'’]+(?:\\s+\\p{Lu}[\\p{L}'’]+){0,2})?),?\\s+(?=(?:${alternation(lex.reportedSpeechVerbs)})\\b)`,
    'u',
  );
const LABEL_ROLE = (lex: SegmentLexicon) => new RegExp(`^(?:(?:Il|La)\\s+|L['’]\\s*)?(${alternation(lex.roles)})\\b\\s*`, 'iu');
const ENTITY_HEAD = (lex: SegmentLexicon) => new RegExp(`(?:^|\\s)((?:${alternation(lex.entityHeads)})\\b.*)$`, 'u');

/** Where a speaker label ends in a line that opens a turn, or null when the line opens none. */
export function matchTurnLabel(line: string, lex: SegmentLexicon): { label: string; end: number } | null {
  // `ANGELO MERICI (Presidente e Comune di Gazzaniga):`, `SINDACO (Mario Rossi):`
  const upper = /^([\p{Lu}][\p{Lu}\p{M}'’.\- ]{2,60}?)\s*\(([^()\n]{2,160})\)\s*:/u.exec(line);
  if (upper) return { label: upper[0].replace(/:$/, '').trim(), end: upper[0].length };
  const titled = lexRegExp(lex, TITLED_LABEL).exec(line);
  if (titled && titled[0].trim().length > 2) {
    const hasRole = Boolean(titled[1]?.trim());
    const words = (titled[2] ?? '').split(/\s+/).filter(Boolean).length;
    const isRoleOnly = !titled[2] && hasRole;
    if (titled[3] || (hasRole && words >= 1) || words >= 2 || isRoleOnly) {
      return { label: titled[0].replace(/:$/, '').trim(), end: titled[0].length };
    }
  }
  const reported = lexRegExp(lex, REPORTED_SPEECH).exec(line);
  if (reported) return { label: (reported[1] as string).trim(), end: (reported[1] as string).length };
  return null;
}

/**
 * What a label says: `ANGELO MERICI (Presidente e Comune di Gazzaniga)` →
 * name Angelo Merici, role Presidente, entity Comune di Gazzaniga;
 * `SINDACO (Mario Rossi)` → name Mario Rossi, role Sindaco.
 */
export function parseLabel(label: string, lex: SegmentLexicon): ParsedLabel {
  const m = /^(.*?)\s*(?:\(([^()]*)\))?$/u.exec(label.trim()) as RegExpExecArray;
  let head = (m[1] as string).trim();
  const paren = m[2]?.trim() ?? null;
  const roleWords = lexRegExp(lex, LABEL_ROLE);
  let role: string | null = null;
  const headRole = roleWords.exec(head);
  if (headRole) {
    role = naturalCase(headRole[1] as string);
    if (role === role.toUpperCase()) role = role.charAt(0) + role.slice(1).toLowerCase();
    head = head.slice(headRole[0].length).trim();
  }
  let name: string | null = head ? personName(head) : null;
  let entity: string | null = null;
  if (paren) {
    if (!name && /^\p{Lu}[\p{Ll}'’]+(\s+\p{Lu}[\p{Ll}'’]+)+$/u.test(paren)) {
      name = paren; // `SINDACO (Mario Rossi)`
    } else {
      const split = splitRoleEntity(paren, lex);
      role = role ?? split.role;
      entity = split.entity;
      if (role && split.role && role !== split.role && headRole) entity = entity ?? split.role;
    }
  }
  if (name && /^(Il|La)$/i.test(name)) name = null;
  return { label: label.trim(), name, role, entity };
}

/**
 * `Presidente e Comune di Gazzaniga`, `Ruolo – Comune di X`,
 * `Direttore Servizi Sociosanitari Val Seriana` → role and entity: a dash
 * separates them; else ` e ` before an entity word; else the first entity word.
 */
export function splitRoleEntity(text: string, lex: SegmentLexicon): { role: string | null; entity: string | null } {
  const heads = alternation(lex.entityHeads);
  const parts = (role: string, entity: string) => ({ role: role.trim() || null, entity: entity.trim() || null });
  const dash = /^(.*?)\s+[-–—]\s+(.+)$/u.exec(text);
  if (dash) return parts(dash[1] as string, dash[2] as string);
  const and = [...text.matchAll(new RegExp(`\\s+e\\s+(?=(?:${heads})\\b)`, 'gu'))].pop();
  if (and) return parts(text.slice(0, and.index), text.slice(and.index + and[0].length));
  const head = lexRegExp(lex, ENTITY_HEAD).exec(text);
  if (head) return parts(text.slice(0, head.index), head[1] as string);
  return parts(text, '');
}

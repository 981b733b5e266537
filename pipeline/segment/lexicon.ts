import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { dictionaryPath } from '../assets.js';

/** The shape of `dictionaries/segment-lexicon.json`: the genre's vocabulary. */
export const SegmentLexicon = z.object({
  bodies: z.array(z.string()),
  organizationHeads: z.array(z.string()),
  entityHeads: z.array(z.string()),
  roles: z.array(z.string()),
  months: z.array(z.string()).length(12),
  onlineWords: z.array(z.string()),
  inPersonWords: z.array(z.string()),
  arrivalVerbs: z.array(z.string()),
  departureVerbs: z.array(z.string()),
  reportedSpeechVerbs: z.array(z.string()),
  signatureRoles: z.array(z.string()),
  attendanceHeads: z.array(z.string()),
});
export type SegmentLexicon = z.infer<typeof SegmentLexicon>;

let cached: SegmentLexicon | undefined;

export function loadSegmentLexicon(): SegmentLexicon {
  cached ??= SegmentLexicon.parse(JSON.parse(readFileSync(dictionaryPath('segment-lexicon.json'), 'utf8')));
  return cached;
}

/** Escape a literal for a RegExp. */
export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "['’]");
}

const alternations = new WeakMap<readonly string[], string>();

/** One alternation of literals, longest first so `Segretario Comunale` wins over `Segretario`; built once per list. */
export function alternation(words: readonly string[]): string {
  let source = alternations.get(words);
  if (source === undefined) {
    source = [...words].sort((a, b) => b.length - a.length).map(escapeRe).join('|');
    alternations.set(words, source);
  }
  return source;
}

type Build = (lex: SegmentLexicon) => RegExp;
const perLexicon = new WeakMap<SegmentLexicon, Map<Build, RegExp>>();

/**
 * A RegExp made of the genre's word lists, compiled once per lexicon. The
 * segmenters test these against every line: rebuilding the source each time
 * (a string of every role and verb) allocated more than the matching did.
 * Pass a module-level `build`; only for non-global expressions.
 */
export function lexRegExp(lex: SegmentLexicon, build: Build): RegExp {
  let cache = perLexicon.get(lex);
  if (!cache) {
    cache = new Map();
    perLexicon.set(lex, cache);
  }
  let re = cache.get(build);
  if (!re) {
    re = build(lex);
    if (re.global || re.sticky) throw new Error('lexRegExp: global and sticky expressions carry state; build them with new RegExp');
    cache.set(build, re);
  }
  return re;
}

/** A role word anywhere in a text (`… il Sindaco …`), captured. */
export const ROLE_WORD = (lex: SegmentLexicon) => new RegExp(`\\b(${alternation(lex.roles)})\\b`, 'iu');

const compiled = new Map<string, RegExp>();

/**
 * A RegExp compiled once per source and flags, for short sources with a
 * parameter (a vote word); word lists go through `lexRegExp`. Only for
 * non-global expressions, which keep no state between uses.
 */
export function cachedRegExp(source: string, flags = ''): RegExp {
  if (/[gy]/.test(flags)) throw new Error('cachedRegExp: global and sticky expressions carry state; build them with new RegExp');
  const key = `${flags}/${source}`;
  let re = compiled.get(key);
  if (!re) {
    re = new RegExp(source, flags);
    compiled.set(key, re);
  }
  return re;
}

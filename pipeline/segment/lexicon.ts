import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { dictionaryPath } from '../assets.js';

const Words = z.array(z.string().min(1));

/** The shape of `dictionaries/segment-lexicon.json`: the genre's vocabulary, read by every reader. */
export const SegmentLexicon = z.object({
  bodies: Words,
  subMunicipalHeads: Words,
  organizationHeads: Words,
  entityHeads: Words,
  roles: Words,
  roleAbbreviations: z.record(z.string(), z.string()),
  memberRoles: Words,
  /** Offices in the plural, heading a list of names (`i Consiglieri Angelini Vito, …`). */
  rolePlurals: Words,
  nonMemberRoles: Words,
  honorifics: Words,
  months: Words.length(12),
  onlineWords: Words,
  inPersonWords: Words,
  arrivalVerbs: Words,
  notMovementBefore: Words,
  notMovementAfter: Words,
  departureVerbs: Words,
  reportedSpeechVerbs: Words,
  /** Words after a verb of speech that make it the chair's act, not speech (`dichiara aperta la seduta`). */
  notSpeechAfter: Words,
  notSpeechBefore: Words,
  /** What opens a question of question time, before whose it is (`Interrogazione della Consigliera X …`). */
  questionHeads: Words,
  /** Plurals of verbs of speech that `speechPlurals` does not conjugate from a verb above (`fanno presente`). */
  reportedSpeechPlurals: Words,
  floorPhrases: Words,
  /** Formulas of taking the floor, with no object: a name right after one is the speaker (`prende la parola Mario Rossi`). */
  floorTakingPhrases: Words,
  reportPhrases: Words,
  heardPhrases: Words,
  signatureRoles: Words,
  attendanceHeads: Words,
  attendance: z.object({
    presentHeads: Words,
    absentHeads: Words,
    guestHeads: Words,
    presentMarks: Words,
    absentMarks: Words,
    justifiedWords: Words,
    remoteWords: Words,
    countWords: Words,
    /** Labels of an attendance table's columns, by what the column holds. */
    columns: z.object({ number: Words, name: Words, entity: Words, role: Words, presence: Words, present: Words, absent: Words, remote: Words, note: Words }),
  }),
  votes: z.object({
    restating: Words,
    /** Adjectives of a vote taken apart, in the same paragraph as the one before (`Con separata votazione …`). */
    separate: Words,
    favour: Words,
    against: Words,
    abstain: Words,
    voters: Words,
    present: Words,
    nonVoting: Words,
    absent: Words,
    none: Words,
    unanimity: Words,
    secretBallot: Words,
    rollCall: Words,
    voteCues: Words,
    immediate: Words,
    amendment: Words,
    procedural: Words,
    approved: Words,
    rejected: Words,
    acknowledged: Words,
    /** Headings that open a decision's paragraph (`DECISIONE:`). */
    decisionHeads: Words,
    /** The first cell of a vote table's total row (`TOTALE`). */
    totalRow: Words,
    /** Phrases naming who voted a way without a count, per side (`votano contro`, `si è astenuto`). */
    namedVoters: z.object({ favour: Words, against: Words, abstain: Words }),
  }),
  kinds: z.object({ deliberation: Words, sitting: Words, minutesEvidence: Words }),
  agenda: z.object({ listHeads: Words, itemWords: Words, reorder: Words, notTreated: Words }),
  dispositiveHeads: Words,
  closingPhrases: Words,
});
export type SegmentLexicon = z.infer<typeof SegmentLexicon>;

let cached: SegmentLexicon | undefined;

/** Load and validate the vocabulary once per process. */
export function loadSegmentLexicon(): SegmentLexicon {
  cached ??= SegmentLexicon.parse(JSON.parse(readFileSync(dictionaryPath('segment-lexicon.json'), 'utf8')));
  return cached;
}

const ACCENT: Record<string, string> = { à: 'a', è: 'e', é: 'e', ì: 'i', ò: 'o', ó: 'o', ù: 'u' };

/**
 * A vocabulary entry as a RegExp source: regex characters escaped, any
 * apostrophe matching both `'` and `’`, runs of spaces matching any white
 * space (a line break included), and an accented vowel also matching the bare
 * vowel with an apostrophe, as typewriters and old text layers write it
 * (`CITTA'`, `unanimita'`) or with the accent lost (`unanimita`). With `anyCase`,
 * each letter matches both cases: for expressions that also hold `\p{Lu}`
 * (a name), which the `i` flag would make match lower case too.
 */
export function escapeRe(s: string, anyCase = false): string {
  const letter = (ch: string) => {
    const lo = ch.toLowerCase();
    const up = ch.toUpperCase();
    return anyCase && lo !== up ? `[${lo}${up}]` : ch;
  };
  let out = '';
  for (const ch of s) {
    const bare = ACCENT[ch.toLowerCase()];
    if (bare) out += anyCase ? `(?:${ch.toLowerCase()}|${ch.toUpperCase()}|${letter(bare)}['’]?)` : `(?:${ch}|${bare}['’]?)`;
    else if (ch === "'" || ch === '’') out += "['’]";
    else if (/\s/.test(ch)) out += '\\s+';
    else if (/[.*+?^${}()|[\]\\/]/.test(ch)) out += `\\${ch}`;
    else out += letter(ch);
  }
  return out.replace(/(?:\\s\+)+/g, '\\s+');
}

const alternations = new WeakMap<readonly string[], string>();
const caseless = new WeakMap<readonly string[], string>();

/** One alternation of literals, longest first so `Segretario Comunale` wins over `Segretario`; built once per list. */
export function alternation(words: readonly string[]): string {
  let source = alternations.get(words);
  if (source === undefined) {
    source = [...words].sort((a, b) => b.length - a.length).map((w) => escapeRe(w)).join('|');
    alternations.set(words, source);
  }
  return source;
}

/** `alternation` matching any letter case without the `i` flag (see `escapeRe`). */
export function alternationAnyCase(words: readonly string[]): string {
  let source = caseless.get(words);
  if (source === undefined) {
    source = [...words].sort((a, b) => b.length - a.length).map((w) => escapeRe(w, true)).join('|');
    caseless.set(words, source);
  }
  return source;
}

type Build = (lex: SegmentLexicon) => RegExp;
const perLexicon = new WeakMap<SegmentLexicon, Map<Build, RegExp>>();

/**
 * A RegExp made of the genre's word lists, compiled once per lexicon: the
 * readers test these against every line, and rebuilding a source of every role
 * and verb each time allocated more than the matching. Pass a module-level
 * `build`; non-global expressions only (global ones carry state).
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

const globals = new WeakMap<SegmentLexicon, Map<Build, RegExp>>();

/**
 * A global RegExp of the genre's word lists, compiled once per lexicon, for
 * `String.prototype.matchAll` only: matchAll works on a copy, so the shared
 * expression's `lastIndex` is never touched. Never use it with `exec` or `test`.
 */
export function lexGlobal(lex: SegmentLexicon, build: Build): RegExp {
  let cache = globals.get(lex);
  if (!cache) {
    cache = new Map();
    globals.set(lex, cache);
  }
  let re = cache.get(build);
  if (!re) {
    const made = build(lex);
    re = new RegExp(made.source, made.flags.includes('g') ? made.flags : `${made.flags}g`);
    cache.set(build, re);
  }
  return re;
}

/** A role word anywhere in a text (`… il Sindaco …`), captured. */
export const ROLE_WORD = (lex: SegmentLexicon) => new RegExp(`(?<![\\p{L}])(${alternation(lex.roles)})(?![\\p{L}])`, 'iu');

const compiled = new Map<string, RegExp>();

/**
 * A RegExp compiled once per source and flags, for short sources with a
 * parameter; word lists go through `lexRegExp`. Non-global expressions only.
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

const globalCompiled = new Map<string, RegExp>();

/**
 * A global RegExp compiled once per source and flags, for `String.prototype.matchAll`
 * only (it works on a copy, so the shared expression's `lastIndex` is never touched).
 */
export function cachedGlobal(source: string, flags = 'gu'): RegExp {
  const key = `${flags}/${source}`;
  let re = globalCompiled.get(key);
  if (!re) {
    re = new RegExp(source, flags.includes('g') ? flags : `${flags}g`);
    globalCompiled.set(key, re);
  }
  return re;
}

/** A whole-word test of a vocabulary list against a text, in any letter case. */
export function hasWord(text: string, words: readonly string[]): boolean {
  return cachedRegExp(`(?<![\\p{L}])(?:${alternation(words)})(?![\\p{L}])`, 'iu').test(text);
}

/** The first whole-word match of a vocabulary list in a text, or null. */
export function findWord(text: string, words: readonly string[]): RegExpExecArray | null {
  return cachedRegExp(`(?<![\\p{L}])(?:${alternation(words)})(?![\\p{L}])`, 'iu').exec(text);
}

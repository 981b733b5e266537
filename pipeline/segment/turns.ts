import { alternation, alternationAnyCase, lexGlobal, lexRegExp, type SegmentLexicon } from './lexicon.js';
import { type Range, sentences } from './lines.js';
import { naturalCase, personName } from './natural-case.js';
import { looksLikeName, NAME_TOKEN, type PeopleIndex, type WordLookup } from './people.js';

/** A speaker label as printed and what it says. */
export interface ParsedLabel {
  label: string;
  name: string | null;
  role: string | null;
  entity: string | null;
}

/** A name: capitalised words on one line (a line break ends it), with surname particles. */
const NAME = `${NAME_TOKEN}(?:[ \\t]+(?:(?:de|di|da|del|della|De|Di|Da|Del|Della|Lo|La|DE|DI|DA|DEL|DELLA|LO)[ \\t]+)?${NAME_TOKEN}){0,3}`;
const ARTICLE_WORDS = ['il', 'la', 'lo', 'i', 'le', 'gli', 'al', 'alla', 'allo', 'ai', 'alle', 'agli', 'dal', 'dalla', 'dallo', 'dai', 'dalle', 'del', 'della', 'dello', 'dei', 'delle', 'degli', 'col', 'con il', 'con la'];
const ELIDED_ARTICLES = ["l'", "all'", "dall'", "dell'"];
/** An article before an office, whole words only (`i` is not the start of `Irene`). */
const ARTICLE = `(?:(?:${ARTICLE_WORDS.join('|')})\\s+|(?:l|all|dall|dell)['’]\\s*)`;
const ARTICLE_ANY = `(?:(?:${alternationAnyCase(ARTICLE_WORDS)})\\s+|(?:${alternationAnyCase(ELIDED_ARTICLES)})\\s*)`;
/** Words between an office and a name: `Consigliere anziano`, `Presidente facente funzione`, `Assessore al ramo`, `Consigliere proponente`, `Presidente della Circoscrizione`. */
const QUALIFIER =
  "(?:\\s+(?:più\\s+anzian[oa]|anzian[oa]|unic[oa]|proponente|circoscrizionale|comunale|generale|facente\\s+funzion[ei]|delegat[oa](?:\\s+(?:al|alla|ai|alle)\\s+\\p{L}+)?|al\\s+ramo|uscente|neo(?:-|\\s)?elett[oa]|(?:del|della|dello|dell['’])\\s*\\p{Lu}\\p{Ll}+(?:\\s+\\p{Lu}\\p{Ll}+)?|\\((?!\\s*\\d)[^()]{1,40}\\)))*";

/** An office's portfolio before the name: `Assessore ai Lavori Pubblici Sig. Francesco LEDDA`, `L'Assessore alle Finanze Giombini replica`, `dell'Assessore alla Cultura Elena Galli, la Giunta`, only when a title or a name follows. */
const DEPARTMENT = (lex: SegmentLexicon) =>
  `(?:\\s+(?:(?:al|alla|ai|alle|agli)\\s+|all['’]\\s*)\\p{L}+(?:\\s+(?:e|ed|di|del|della|dei|delle|\\p{L}+)){0,5}?(?=,?\\s+(?:${alternationAnyCase(lex.honorifics)})|\\s+\\p{Lu}\\p{L}*\\s+\\p{Lu}{2,}|,\\s+\\p{Lu}\\p{Ll}+\\s+\\p{Lu}|\\s+\\p{Lu}\\p{Ll}+\\s+(?:\\(|(?:${alternation(lex.reportedSpeechVerbs)})(?![\\p{L}]))|\\s+\\p{Lu}\\p{Ll}+\\s*$|\\s+\\p{Lu}\\p{Ll}+\\s+\\p{Lu}\\p{Ll}+\\s*(?:$|[,;](?!\\s*(?:${alternationAnyCase(lex.honorifics)})(?![\\p{L}])))))?`;

/** `Consigliere Rossi (Lista Civica):`, `Nome Cognome (Ruolo – Comune di X):`, `Il Sindaco:` at a line's start. */
const TITLED_LABEL = (lex: SegmentLexicon) =>
  new RegExp(`^((?:(?:Il|La)\\s+|L['’]\\s*)?(?:(?:${alternation(lex.roles)})\\s+)?)(${NAME})?\\s*(\\([^()\\n]{1,160}\\))?\\s*:(?=\\s)`, 'u');
/** An office in apposition after a name, its comma included (`, Dirigente Servizio Bilancio`): a regex source. */
const APPOSED_OFFICE = (lex: SegmentLexicon) => `,\\s*(?:${alternationAnyCase([...lex.memberRoles, ...lex.nonMemberRoles])})(?![\\p{L}])`;
/**
 * `PRESIDENTE.`, `ROSSI (Lega).`, `ASSESSORE PESCE.`, `DOTT. BIANCHI, Dirigente Servizio Bilancio.` at a line's
 * start: a stenographic transcript's label (an honorific before the name, an office in apposition after it).
 */
const STENO_LABEL = (lex: SegmentLexicon) =>
  new RegExp(
    `^((?:(?:${alternationAnyCase(lex.honorifics)})\\s*)?\\p{Lu}[\\p{Lu}\\p{M}'’ ]{1,50}?)\\s*(\\([^()\\n]{1,60}\\)|${APPOSED_OFFICE(lex)}[^.\\n()]{0,80})?\\.\\s+(?=\\S)`,
    'u',
  );

/** A transcript's label in capitals before its colon (`PRESIDENTE`, `SEGRETARIO GENERALE`, `ASS. BAGNOLI`): a regex source. */
export const CAPITALS_LABEL = "\\p{Lu}[\\p{Lu}\\p{M}'’. ]{1,50}?";
/** `PRESIDENTE:`, `SEGRETARIO GENERALE:`, `ASS. BAGNOLI:` at a line's start. */
const COLON_LABEL = new RegExp(`^(${CAPITALS_LABEL})\\s*:\\s+(?=\\S)`, 'u');
/** An office abbreviated (`ASS.`, `CONS.`) opening a label. */
const ROLE_ABBREVIATION_LEAD = (lex: SegmentLexicon) => new RegExp(`^(?:${alternationAnyCase(Object.keys(lex.roleAbbreviations))})\\s*`, 'u');

/** Where a speaker label ends in a line that opens a turn, or null. */
export function matchTurnLabel(line: string, lex: SegmentLexicon, words: WordLookup): { label: string; end: number } | null {
  // `ANGELO MERICI (Presidente e Comune di Gazzaniga):`, `SINDACO (Mario Rossi):`
  const upper = /^([\p{Lu}][\p{Lu}\p{M}'’.\- ]{2,60}?)\s*\(([^()\n]{2,160})\)\s*:/u.exec(line);
  if (upper) return { label: upper[0].replace(/:$/, '').trim(), end: upper[0].length };
  const titled = lexRegExp(lex, TITLED_LABEL).exec(line);
  if (titled && titled[0].trim().length > 2) {
    const hasRole = Boolean(titled[1]?.trim());
    const nameWords = (titled[2] ?? '').split(/\s+/).filter(Boolean);
    const isRoleOnly = !titled[2] && hasRole;
    if (titled[3] || (hasRole && nameWords.length >= 1) || (nameWords.length >= 2 && looksLikeName(nameWords, words, lex)) || isRoleOnly) {
      return { label: titled[0].replace(/:$/, '').trim(), end: titled[0].length };
    }
  }
  // `PRESIDENTE: Grazie.`, `SEGRETARIO GENERALE: …`, `ASS. BAGNOLI: …`: a transcript's label in capitals, a colon after it.
  const colon = COLON_LABEL.exec(line);
  if (colon && /\p{Ll}/u.test(line.slice(colon[0].length, colon[0].length + 40))) {
    const head = (colon[1] as string).trim();
    const abbreviated = lexRegExp(lex, ROLE_ABBREVIATION_LEAD).exec(head);
    const rest = abbreviated ? head.slice(abbreviated[0].length).trim() : head;
    const isRole = lexRegExp(lex, ROLE_EXACT).test(head) || lexRegExp(lex, ROLE_THEN_NAME).test(head);
    if (isRole || (abbreviated && rest.split(/\s+/).length <= 3) || (head.split(/\s+/).length <= 3 && looksLikeName(head.split(/\s+/), words, lex))) {
      return { label: colon[0].trim().replace(/:$/, ''), end: colon[0].trimEnd().length };
    }
  }
  const steno = lexRegExp(lex, STENO_LABEL).exec(line);
  // The speech after a stenographic label is a sentence in mixed case, not more capitals (a title's `VIA SARDEGNA. APPROVAZIONE …`).
  if (steno && /\p{Ll}/u.test(line.slice(steno[0].length, steno[0].length + 40))) {
    const head = (steno[1] as string).trim().replace(lexRegExp(lex, HONORIFICS), '').trim();
    const isRole = lexRegExp(lex, ROLE_EXACT).test(head) || lexRegExp(lex, ROLE_THEN_NAME).test(head);
    // `ROSSI (Lega).`: a surname with its group in parentheses is a label even when the surname is an ordinary word.
    if (isRole || (head.split(/\s+/).length <= 3 && (steno[2] !== undefined || looksLikeName(head.split(/\s+/), words, lex)))) {
      return { label: steno[0].trim().replace(/\.$/, ''), end: steno[0].trimEnd().length };
    }
  }
  return null;
}

const ROLE_EXACT = (lex: SegmentLexicon) => new RegExp(`^(?:${alternation(lex.roles)})$`, 'iu');
const ROLE_THEN_NAME = (lex: SegmentLexicon) => new RegExp(`^(?:${alternation(lex.roles)})\\s+${NAME_TOKEN}(?:\\s+${NAME_TOKEN})?$`, 'iu');

/** A heading line naming who speaks next, alone on its line: `Consigliere Bellotti (PD)`, `Presidente Bellini`, `Vice Presidente Marchetti`. */
const HEADING = (lex: SegmentLexicon) =>
  new RegExp(`^\\s*((?:${alternationAnyCase(lex.roles)})(?:\\s+(?:${alternationAnyCase(lex.roles)}))?)\\s+(${NAME})\\s*(\\([^()]{1,40}\\))?\\s*$`, 'u');

/** Is a line a speaker heading (the speech follows on the next lines)? */
export function matchSpeakerHeading(line: string, lex: SegmentLexicon, words: WordLookup): boolean {
  if (line.length > 120 || !/^\s*\p{Lu}/u.test(line)) return false;
  const m = lexRegExp(lex, HEADING).exec(line);
  if (!m) return false;
  return nameAfterOffice(m[2] as string, words, lex);
}

/** An office opening a line, and more words of it (`Presidente della Commissione per le pari opportunità, …`). */
const OFFICE_LINE = (lex: SegmentLexicon) => new RegExp(`^\\s*(?:${alternationAnyCase(lex.roles)})\\s+\\S`, 'u');
const NAME_LINE = new RegExp(`^\\s*(${NAME})\\s*$`, 'u');

/**
 * A speaker heading too long for its line: the office on one line (no sentence's end after it), the name alone on
 * the next (`Presidente della Commissione per le politiche sociali, la casa e …` / `Elisabetta Tosato`), the speech
 * below. `above` is the line before: a heading follows a finished sentence or a blank line, not the middle of one.
 */
export function matchSpeakerHeadingAcross(line: string, next: string | undefined, above: string | undefined, lex: SegmentLexicon, words: WordLookup): boolean {
  if (next === undefined || line.length > 200 || /[.;:!?,]\s*$/u.test(line) || !lexRegExp(lex, OFFICE_LINE).test(line)) return false;
  if (above !== undefined && above.trim() !== '' && !/[.;:!?)»"”]\s*$/u.test(above)) return false;
  const name = NAME_LINE.exec(next)?.[1];
  return name !== undefined && looksLikeName(name.split(/\s+/), words, lex) && !lexRegExp(lex, OFFICE_WORD).test(name);
}

/**
 * Capitalised words after an office, read as a name: a name, or one or two words that are not an office or a body,
 * since a surname can be an ordinary word too (`Presidente Bellini`, `L'assessore Lecchi`; not `il Presidente
 * Presidente`, `il Sindaco Metropolitano`).
 */
function nameAfterOffice(printed: string, words: WordLookup, lex: SegmentLexicon): boolean {
  const name = printed.split(/\s+/);
  return looksLikeName(name, words, lex) || (name.length <= 2 && !lexRegExp(lex, OFFICE_WORD).test(printed));
}

const OFFICE_WORD = (lex: SegmentLexicon) =>
  new RegExp(`(?<![\\p{L}])(?:${alternationAnyCase([...lex.roles, ...lex.bodies, 'Generale', 'Comunale', 'Consiglio', 'Giunta', 'Anziano', 'Anziana', 'Vicario', 'Vicaria', 'Delegato', 'Delegata'])})(?![\\p{L}])`, 'u');

const LABEL_ROLE = (lex: SegmentLexicon) => new RegExp(`^(?:(?:Il|La)\\s+|L['’]\\s*)?(${alternation(lex.roles)})(?![\\p{L}])\\s*`, 'iu');
const ENTITY_HEAD = (lex: SegmentLexicon) => new RegExp(`(?:^|\\s)((?:${alternation(lex.entityHeads)})\\b.*)$`, 'u');

/** A label's head, then what follows the name: in parentheses, or an office in apposition after a comma. */
const LABEL_PARTS = (lex: SegmentLexicon) =>
  new RegExp(`^(.*?)\\s*(?:\\(([^()]*)\\)|(${APPOSED_OFFICE(lex)}[^,()]*))?\\.?$`, 'u');

/**
 * What a label or a mention says: `ANGELO MERICI (Presidente e Comune di
 * Gazzaniga)` → name Angelo Merici, role Presidente, entity Comune di
 * Gazzaniga; `SINDACO (Mario Rossi)` → name Mario Rossi, role Sindaco;
 * `la Consigliera Gemma Zanardi` → name Gemma Zanardi, role Consigliera;
 * `Consigliere Bellotti (PD)` → name Bellotti, role Consigliere, entity PD.
 */
export function parseLabel(label: string, lex: SegmentLexicon): ParsedLabel {
  // A heading over two lines: the office, then the name alone (`matchSpeakerHeadingAcross`).
  const across = /^([^\n]+)\n\s*([^\n]+)$/u.exec(label.trim());
  if (across && NAME_LINE.test(across[2] as string) && lexRegExp(lex, OFFICE_LINE).test(across[1] as string)) {
    const office = parseLabel(across[1] as string, lex);
    return { label: label.replace(/\s+/g, ' ').trim(), name: personName((across[2] as string).trim()), role: office.role, entity: office.entity };
  }
  // What follows the name in parentheses, or in apposition after a comma (`DOTT. BIANCHI, Dirigente Servizio Bilancio`).
  const m = lexRegExp(lex, LABEL_PARTS).exec(label.replace(/\s+/g, ' ').trim()) as RegExpExecArray;
  let head = (m[1] as string).trim().replace(new RegExp(`^${ARTICLE}`, 'iu'), '');
  const paren = (m[2] ?? m[3]?.replace(/^,\s*/, ''))?.trim() ?? null;
  let role: string | null = null;
  // An abbreviated office before a name (`Cons. Rossi`), or alone (`dall'Ass.`, its dot taken above): never a name itself.
  const lower = head.toLowerCase();
  const abbrev = Object.entries(lex.roleAbbreviations).find(([a]) => lower.startsWith(`${a.toLowerCase()} `) || `${lower}.` === a.toLowerCase());
  if (abbrev) {
    role = abbrev[1];
    head = head.slice(abbrev[0].length).trim();
  }
  const headRole = lexRegExp(lex, LABEL_ROLE).exec(head);
  if (!role && headRole) {
    role = naturalCase(headRole[1] as string);
    if (role === role.toUpperCase()) role = role.charAt(0) + role.slice(1).toLowerCase();
    role = role.charAt(0).toUpperCase() + role.slice(1);
    head = head.slice(headRole[0].length).trim();
  }
  // Qualifiers and honorifics between the office and the name.
  head = ` ${head}`.replace(new RegExp(`^${QUALIFIER}\\s*`, 'u'), ' ').replace(lexRegExp(lex, LABEL_DEPARTMENT), '').trim().replace(lexRegExp(lex, HONORIFICS), '').trim();
  const nameM = new RegExp(`(${NAME})\\s*$`, 'u').exec(head);
  let name: string | null = nameM ? personName(nameM[1] as string) : null;
  let entity: string | null = null;
  if (paren) {
    if (!name && /^\p{Lu}[\p{Ll}'’]+(\s+\p{Lu}[\p{Ll}'’]+)+$/u.test(paren)) {
      name = paren; // `SINDACO (Mario Rossi)`
    } else {
      const split = splitRoleEntity(paren, lex);
      const parenRole = split.role && lexRegExp(lex, LABEL_ROLE).test(split.role) ? split.role : null;
      role = role ?? parenRole;
      entity = split.entity ?? (parenRole ? null : split.role);
      if (role && split.role && role !== split.role && headRole && !entity) entity = split.role;
    }
  }
  if (name && /^(Il|La|Lo|L)$/i.test(name)) name = null;
  return { label: label.trim(), name, role, entity };
}

/** An office's portfolio opening what is left of a label (`al Bilancio Cojutti`): no part of the name. */
const LABEL_DEPARTMENT = (lex: SegmentLexicon) => new RegExp(`^${DEPARTMENT(lex)}`, 'u');
const HONORIFICS = (lex: SegmentLexicon) => new RegExp(`^(?:(?:${alternation(lex.honorifics)})\\s*)+`, 'iu');

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

/** A mention of a person in running text: where it is, and the words that name them. */
export interface Mention extends Range {
  text: string;
}

/** `la Consigliera Gemma Zanardi`, `l'Ass. Ferrante`, `il Consigliere proponente Lodovico Pellegrini`, `la Presidente`; never `Consigliere/i` (the councillors, all of them). */
const ROLE_MENTION = (lex: SegmentLexicon) =>
  new RegExp(
    `(?<![\\p{L}])${ARTICLE_ANY}?(?:${alternationAnyCase(lex.roles)}|${alternation(Object.keys(lex.roleAbbreviations))})(?![\\p{L}]|\\/\\p{L})${QUALIFIER}${DEPARTMENT(lex)}(?:,?\\s+(?:${alternationAnyCase(lex.honorifics)}))?(?:,?\\s+(${NAME}))?`,
    'gu',
  );
/**
 * Where a verb of speech may start: a word's start, not after a word of `notSpeechBefore`: an impersonal `si`
 * (`si ricorda l'incontro con …`: nobody is its subject), or a speaker's own `mi` (`qui mi risponde l'Assessora X`:
 * a minute-taker writes no first person, so the sentence is someone's speech, not a report of one).
 */
const SPEECH_START = (lex: SegmentLexicon) => `(?<![\\p{L}])(?<!(?<![\\p{L}])(?:${alternation(lex.notSpeechBefore)})\\s+)`;
const SPEECH = (lex: SegmentLexicon) =>
  new RegExp(`${SPEECH_START(lex)}(?:${alternation([...lex.reportedSpeechVerbs, ...speechPlurals(lex)])})(?![\\p{L}])(?!\\s+(?:${alternation(lex.notSpeechAfter)})(?![\\p{L}]))`, 'giu');
const PLURAL_SPEECH_ALL = (lex: SegmentLexicon) => new RegExp(`${SPEECH_START(lex)}(?:${alternation(speechPlurals(lex))})(?![\\p{L}])`, 'giu');

/** One list per lexicon: the expressions that use it share it (and `alternation`'s cache by list). */
const plurals = new WeakMap<SegmentLexicon, string[]>();

/**
 * The verbs of speech in the third person plural, for a sentence whose subject
 * is several people (`Il Consigliere X e la Consigliera Y plaudono`): each verb
 * of the lexicon conjugated (`-a` → `-ano`, `-e` → `-ono`, `-iene` →
 * `-engono`, `-one` → `-ongono`: `illustrano`, `chiedono`, `intervengono`,
 * `propongono`), and the irregular ones it lists (`fanno presente`).
 */
function speechPlurals(lex: SegmentLexicon): string[] {
  const known = plurals.get(lex);
  if (known) return known;
  const regular = lex.reportedSpeechVerbs.flatMap((phrase) => {
    const [verb, ...rest] = phrase.split(' ');
    if (!verb || verb.length < 4 || !/[ae]$/.test(verb)) return [];
    // `-iene`, `-one` (venire, porre and theirs): `intervengono`, `propongono`.
    const plural = verb.endsWith('a')
      ? `${verb}no`
      : verb.endsWith('iene')
        ? `${verb.slice(0, -4)}engono`
        : verb.endsWith('one')
          ? `${verb.slice(0, -3)}ongono`
          : `${verb.slice(0, -1)}ono`;
    return [[plural, ...rest].join(' ')];
  });
  const all = [...new Set([...regular, ...lex.reportedSpeechPlurals])];
  plurals.set(lex, all);
  return all;
}
const FLOOR = (lex: SegmentLexicon) => new RegExp(`(?:${alternation(lex.floorPhrases)})\\s*(?:quindi\\s+|poi\\s+|subito\\s+)?$`, 'iu');
const REPORT = (lex: SegmentLexicon) => new RegExp(`(?:${alternation(lex.reportPhrases)})(?:\\s+\\p{L}+){0,2}\\s*$`, 'iu');
/** `Udito il consigliere X`, `Sentito altresì il Sindaco`: a participle opening the sentence or a clause of it, then the person. */
const HEARD = (lex: SegmentLexicon) => new RegExp(`(?:^|[;:])\\s*(?:${alternation(lex.heardPhrases)})(?:\\s+(?:altresì|altresi'|inoltre|quindi|poi|ancora))?\\s*$`, 'iu');
/** Small words between a verb of speech and its subject after it; `che` or `come` opens a clause, whose subject is another's (`Aggiunge come il dott. X abbia …`). */
const WORD_BETWEEN = /^(?![\s\S]*(?<![\p{L}])(?:che|come)(?![\p{L}]))[\s,]*(?:(?:\p{Ll}+|d['’]|l['’]|all['’])\s*,?\s*){0,4}$/u;
/** Text ending in a preposition, articulated or not: what follows it is no subject. */
const GOVERNED = /(?<![\p{L}])(?:a|ad|al|alla|allo|ai|agli|alle|all['’]|dal|dalla|dallo|dai|dagli|dalle|dall['’]|per|con|verso|tra|fra)\s*$/iu;
const RELATIVE = /(?<![\p{L}])(?:che|il\s+quale|la\s+quale|i\s+quali|le\s+quali)\s+/iu;
/** A mention that opens with an articulated preposition (`Al Consigliere Rossi`, `dell'Assessore`): the articles a mention may hold, less the plain ones. */
const GOVERNED_MENTION = new RegExp(
  `^(?:${alternationAnyCase([...ARTICLE_WORDS, ...ELIDED_ARTICLES].filter((w) => !['il', 'la', 'lo', 'i', 'le', 'gli', "l'"].includes(w)))})(?![\\p{L}])`,
  'u',
);
/** An apposition, a parenthesis or a relative clause between a mention and its verb: `, a nome della propria compagine politica,`, `(Comune di X, minoranza)`, `che`, `il quale`. */
const BETWEEN_SUBJECT_VERB = /^\s*(?:\([^()]{1,80}\)\s*)?(?:,(?:[^,.;:]|\.(?=[\p{L},])){0,120},\s*|,?\s*)?(?:(?:che|il\s+quale|la\s+quale|i\s+quali|le\s+quali)\s+)?(?:(?:quindi|pertanto|poi|inoltre|anche|infine|allora|però|invece|ancora|brevemente)\s+)*$/iu;

/**
 * The people a paragraph reports as speaking: a mention (an office with or
 * without a name, or the name of a person the document lists) bound to a verb
 * of speech or to a formula that gives the floor or a report: `Interviene la
 * Consigliera Zanardi`, `aggiunge il consigliere Rocco Cortinovis`, `Il
 * Consigliere Cortinovis, a nome …, propone`, `spiega Ferrante`, `passa la parola
 * al Consigliere Marchetti`, `Udita la relazione dell'Assessore Dott.ssa Nives
 * Brambati`, `su proposta del Consigliere Teodoro Gualdi`, `Intervengono i
 * Consiglieri Bertocchi, … Cortinovis, … e Zanardi`. Offsets are into `text`.
 */
export function findSpeakerMentions(text: string, lex: SegmentLexicon, people: PeopleIndex, words: WordLookup): Mention[] {
  const out: Mention[] = [];
  for (const s of sentences(text)) {
    const sentence = text.slice(s.start, s.end);
    // A sentence with no verb of speech, no floor and no report names nobody as speaking.
    if (!lexRegExp(lex, ANY_SPEECH).test(sentence)) continue;
    const listed = mentionsIn(sentence, lex, people, words);
    const unlisted = unlistedSpeakers(sentence, lex, words).filter((u) => !listed.some((m) => u.start < m.end && u.end > m.start));
    const mentions = [...listed, ...unlisted].sort((a, b) => a.start - b.start);
    if (mentions.length === 0) continue;
    const verbs = [...sentence.matchAll(lexGlobal(lex, SPEECH))].map((v) => ({ start: v.index, end: v.index + v[0].length }));
    const subjects = pluralSubjects(sentence, mentions, lex);
    for (const [k, m] of mentions.entries()) {
      const before = sentence.slice(0, m.start);
      // A mention after a preposition (`Al Sindaco Rossi risponde che …`, `assicura al Sindaco Rossi che …`) is whom the
      // verb is for, not its subject, unless a relative clause makes it one (`dopo l'intervento del Consigliere Rossi, che ribadisce …`).
      const governed = GOVERNED.test(before) || GOVERNED_MENTION.test(m.text);
      const verbBefore = !governed && verbs.some((v) => v.end <= m.start && WORD_BETWEEN.test(sentence.slice(v.end, m.start)));
      const verbAfter = verbs.some((v) => {
        const between = sentence.slice(m.end, Math.max(m.end, v.start));
        return v.start >= m.end && BETWEEN_SUBJECT_VERB.test(between) && (!governed || RELATIVE.test(between));
      });
      const floor = lexRegExp(lex, FLOOR).test(before.replace(/\s*(?:al|alla|allo|all['’])\s*$/iu, ' ').trimEnd() + ' ') || /(?:parola|lettura)\s+(?:al|alla|all['’])\s*$/iu.test(before);
      // A report is of whom it names after `di` (`la relazione del`, `l'intervento della`), not of whom it is given `a`.
      const toWhom = /^(?:al|alla|allo|ai|agli|alle|all['’])(?![\p{L}])/iu.test(m.text) || /(?<![\p{L}])(?:a|al|alla|allo|ai|agli|alle|all['’])\s*$/iu.test(before);
      const report = !toWhom && (lexRegExp(lex, REPORT).test(before.replace(/\s*(?:del|della|dello|dell['’]|dal|dalla|di)\s*$/iu, '').trimEnd()) || lexRegExp(lex, HEARD).test(before.trimEnd()));
      if (verbBefore || verbAfter || floor || report || subjects.has(k)) out.push({ start: s.start + m.start, end: s.start + m.end, text: m.text });
    }
  }
  return out;
}

/** Between a plural verb and the list it opens: a few small words and the office in the plural (`i Consiglieri`). */
const BEFORE_LIST = (lex: SegmentLexicon) => new RegExp(`^[\\s,]*(?:(?:\\p{Ll}+|d['’]|l['’]|all['’])\\s*,?\\s*){0,4}(?:(?:${alternation(lex.rolePlurals)})\\s+)?$`, 'u');

/**
 * Between two people listed together: a comma or `e`, after a parenthesis or a
 * relative clause of the first (`Rossi (PD), Bianchi e Verdi`, `il Consigliere X,
 * che suggerisce un muro, e il Consigliere Y`).
 */
const LIST_JOIN = /^\s*(?:\([^()]{1,80}\)\s*|,\s*che\s[^.;:]{1,160}?)?(?:,\s*|\s+(?:e|ed)\s+|\s*,\s*(?:e|ed)\s+)$/iu;

/**
 * The named mentions a plural verb of speech has for subjects: a list of them
 * joined by commas and `e` that ends right before the verb (`Il Consigliere X e
 * la Consigliera Y plaudono`, `Consiglieri X e Y, aggiornano`) or opens right
 * after it (`Intervengono i Consiglieri X, Y e Z`). A name elsewhere in the
 * sentence is not its subject (`alcuni si dicono disponibili; … un incontro con
 * l'Assessora X`). Indices into `mentions`.
 */
function pluralSubjects(sentence: string, mentions: readonly (Range & { named: boolean })[], lex: SegmentLexicon): Set<number> {
  const subjects = new Set<number>();
  const joined = (k: number) => LIST_JOIN.test(sentence.slice((mentions[k] as Range).end, (mentions[k + 1] as Range).start));
  for (const v of sentence.matchAll(lexGlobal(lex, PLURAL_SPEECH_ALL))) {
    const start = v.index;
    const end = start + v[0].length;
    // The list's last mention ends just before the verb; walk back while the mentions are joined.
    let k = mentions.findLastIndex((m) => m.end <= start);
    if (k >= 0 && BETWEEN_SUBJECT_VERB.test(sentence.slice((mentions[k] as Range).end, start))) {
      subjects.add(k);
      while (k > 0 && joined(k - 1)) subjects.add(--k);
    }
    // Or the list opens just after it.
    k = mentions.findIndex((m) => m.start >= end);
    if (k >= 0 && lexRegExp(lex, BEFORE_LIST).test(sentence.slice(end, (mentions[k] as Range).start))) {
      subjects.add(k);
      while (k < mentions.length - 1 && joined(k)) subjects.add(++k);
    }
  }
  for (const k of subjects) if (!(mentions[k] as { named: boolean }).named) subjects.delete(k);
  return subjects;
}

/** `Prende la parola Alessandro Rossi`: a name right after a formula of taking the floor. */
const TAKES_FLOOR = (lex: SegmentLexicon) => new RegExp(`(?<![\\p{L}])(?:${alternation(lex.floorTakingPhrases)})[ \\t]+(${NAME})`, 'giu');

/**
 * Speakers the document does not list (a guest, an official), named in full
 * right after a formula of taking the floor: that formula has no object, so the
 * name after it is who speaks. Two words or more that read as a name; an
 * office there is a mention of its own (`mentionsIn`).
 */
function unlistedSpeakers(sentence: string, lex: SegmentLexicon, words: WordLookup): FoundMention[] {
  const out: FoundMention[] = [];
  for (const m of sentence.matchAll(lexGlobal(lex, TAKES_FLOOR))) {
    const name = (m[1] as string).split(/\s+/);
    if (name.length < 2 || !looksLikeName(name, words, lex) || lexRegExp(lex, OFFICE_WORD).test(m[1] as string)) continue;
    const start = m.index + m[0].length - (m[1] as string).length;
    out.push({ start, end: start + (m[1] as string).length, text: m[1] as string, named: true });
  }
  return out;
}

const ANY_SPEECH = (lex: SegmentLexicon) =>
  new RegExp(`(?<![\\p{L}])(?:${alternation([...lex.reportedSpeechVerbs, ...speechPlurals(lex), ...lex.floorPhrases, ...lex.reportPhrases, ...lex.heardPhrases])})`, 'iu');

/** A mention found in a sentence; `named` when it names a person, not only an office. */
type FoundMention = Range & { text: string; named: boolean };

/** Mentions of people in a sentence: offices (with a name or alone) and names the document lists, longest first, not overlapping. */
export function mentionsIn(sentence: string, lex: SegmentLexicon, people: PeopleIndex, words: WordLookup): FoundMention[] {
  const found: FoundMention[] = [];
  for (const m of sentence.matchAll(lexGlobal(lex, ROLE_MENTION))) {
    let text = m[0];
    let named = Boolean(m[1]);
    // After a portfolio (`ai Servizi Sociali Educativi`) capitalised words are a name only where they look like one, or a title says so.
    const head = m[1] === undefined ? '' : m[0].slice(0, m[0].length - m[1].length);
    const portfolio = PORTFOLIO.test(head) && !lexRegExp(lex, HONORIFIC_END).test(head);
    if (m[1] && !(portfolio ? looksLikeName(m[1].split(/\s+/), words, lex) : nameAfterOffice(m[1], words, lex)) && !people.resolve(m[1])) {
      text = text.slice(0, text.length - (m[1] as string).length).trimEnd();
      // Without a name the portfolio is no part of the mention: its words would be read as one.
      if (portfolio) text = text.slice(0, PORTFOLIO.exec(text)?.index ?? text.length);
      named = false;
    }
    // `del Consiglio` after `Presidente` is an office, not a name.
    found.push({ start: m.index, end: m.index + text.length, text, named });
  }
  // A person named with a title, listed or not (`l'arch. Evi Raffeiner, direttrice dell'ufficio, precisa`).
  for (const m of sentence.matchAll(lexGlobal(lex, TITLED_MENTION))) {
    const name = (m[1] as string).split(/\s+/);
    if (found.some((f) => m.index < f.end && m.index + m[0].length > f.start)) continue;
    // The title is the evidence: capitalised words after it are a name unless they are an office or a body.
    if (!looksLikeName(name, words, lex) && !people.resolve(m[1] as string) && lexRegExp(lex, OFFICE_WORD).test(m[1] as string)) continue;
    found.push({ start: m.index, end: m.index + m[0].length, text: m[0], named: true });
  }
  // Names the document lists, alone: `spiega Ferrante`, `Ferrante obietta`.
  for (const m of sentence.matchAll(NAME_RUN)) {
    // An office in the plural is no part of the name after it (`Consiglieri Rossi e Bianchi`).
    const office = lexRegExp(lex, PLURAL_OFFICE_HEAD).exec(m[0]);
    const text = office && office[0].length < m[0].length ? m[0].slice(office[0].length) : m[0];
    const start = m.index + m[0].length - text.length;
    const end = start + text.length;
    if (found.some((f) => start < f.end && end > f.start)) continue;
    if (start === 0 && text.split(/\s+/).length === 1 && words(text.toLowerCase()) === 'common') continue;
    const person = people.resolve(text);
    if (person) found.push({ start, end, text, named: true });
  }
  return found.sort((a, b) => a.start - b.start);
}

/** An office's portfolio in a mention: `ai Lavori Pubblici`, `all'Urbanistica`. */
const PORTFOLIO = /\s(?:al|alla|ai|alle|agli|all['’])\s*\p{L}/iu;
/** A title just before a name: `…, dott. `. */
const HONORIFIC_END = (lex: SegmentLexicon) => new RegExp(`(?<![\\p{L}])(?:${alternationAnyCase(lex.honorifics)})\\s*$`, 'u');
const TITLED_MENTION = (lex: SegmentLexicon) =>
  new RegExp(`(?<![\\p{L}])(?:(?:il|la|lo|l['’])\\s*)?(?:${alternationAnyCase(lex.honorifics)})\\s*(${NAME})`, 'gu');
const PLURAL_OFFICE_HEAD = (lex: SegmentLexicon) => new RegExp(`^(?:${alternation(lex.rolePlurals)})\\s+`, 'u');
const NAME_RUN = new RegExp(`(?<![\\p{L}'’])${NAME_TOKEN}(?:\\s+${NAME_TOKEN}){0,2}(?![\\p{L}])`, 'gu');

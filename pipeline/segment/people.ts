import { alternation, lexRegExp, type SegmentLexicon } from './lexicon.js';
import { personName } from './natural-case.js';

/** What the lexicon says of a lower-case word: an ordinary word, a name it knows (`mario`), or nothing. */
export type WordKind = 'common' | 'proper' | 'unknown';
export type WordLookup = (lower: string) => WordKind;

/** Letters, with apostrophes and hyphens inside (`D'ALESSIO`, `Dell'Antonio`, `Rossi-Bianchi`). */
export const NAME_TOKEN = "\\p{Lu}[\\p{L}\\p{M}]*(?:['’-]\\p{L}[\\p{L}\\p{M}]*)*";
/** Words inside a name that are not capitalised or are particles of a surname. */
const PARTICLE = /^(?:de|di|da|del|della|dello|dei|degli|dal|dalla|dall['’]|lo|la|le|li|van|von|detta|detto|d['’]|mc)$/iu;
/** Particles that only open a surname (`della Rovere`): last in a run of words, they close a phrase (`Comunicazioni della`). (`Li`, `Le` are names too.) */
export const LEADING_PARTICLE = /^(?:de|di|da|del|della|dello|dei|degli|dal|dalla|dall['’]|d['’]|detta|detto)$/iu;
const CAPS_WORD = /^\p{Lu}[\p{Lu}\p{M}'’-]*$/u;
const CAP_WORD = /^\p{Lu}[\p{Ll}\p{M}]+(?:['’-]\p{L}[\p{L}\p{M}]*)*$/u;

/** A folded key for comparing names: lower case, no accents, plain apostrophes, words sorted (order-free). */
export function nameKey(name: string): string {
  return foldWords(name).sort().join(' ');
}

/** Words of a name, folded (lower case, accents stripped), words of one letter dropped. */
export function foldWords(name: string): string[] {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[’‘`]/g, "'")
    .toLowerCase()
    .split(/[^a-z']+/)
    .map((w) => w.replace(/^'+|'+$/g, ''))
    .filter((w) => w.length > 1);
}

/**
 * Do these printed words look like a person's name? Every word capitalised (or
 * a surname particle), at least one word the lexicon does not know as an
 * ordinary word (a name or a word it has never seen), and not a role or a
 * heading: `CORTINOVIS ROCCO` yes, `ASSENTI GIUSTIFICATI` no.
 */
export function looksLikeName(words: readonly string[], lookup: WordLookup, lex: SegmentLexicon): boolean {
  const real = words.filter((w) => !PARTICLE.test(w));
  if (real.length === 0 || real.length > 6 || LEADING_PARTICLE.test(words[words.length - 1] as string)) return false;
  if (!real.every((w) => CAPS_WORD.test(w) || CAP_WORD.test(w))) return false;
  if (real.some((w) => w.replace(/['’-]/g, '').length < 2 && !CAPS_WORD.test(w))) return false;
  if (real.every((w) => w.replace(/['’-]/g, '').length < 2)) return false;
  if (lexRegExp(lex, ROLE_ONLY).test(words.join(' '))) return false;
  const common = real.filter((w) => lookup(w.toLowerCase().replace(/’/g, "'")) === 'common').length;
  // Names are often ordinary words (`CRISTIANO MASSIMO`), but three or more making most of it are a phrase in
  // capitals (`GIUSTIZIA TRIBUTARIA DI PRIMO GRADO DI PADOVA`, an index line), not a person.
  if (common >= 3 && common * 2 > real.length) return false;
  return common < real.length;
}

const ROLE_ONLY = (lex: SegmentLexicon) => new RegExp(`^(?:${alternation([...lex.roles, ...lex.signatureRoles])})$`, 'iu');

/** A known person of the document: a member, a guest or an officer, with the name as the record gives it. */
export interface Person {
  name: string;
  role: string | null;
  entity: string | null;
  member: boolean;
}

/**
 * The people a document names, to resolve a mention (`Ferrante`, `la Consigliera
 * Veronica Galli`, `Rossi F.`) to one person: a full-name match, else the
 * person all of whose name words include the mention's (a surname or a
 * surname with a given name), when exactly one person fits.
 */
export class PeopleIndex {
  private readonly people: Person[] = [];
  private readonly words: string[][] = [];
  private readonly byKey = new Map<string, Person>();
  /** Answers already given: a long verbale names the same people hundreds of times. */
  private readonly answers = new Map<string, Person | undefined>();

  add(person: Person): void {
    const key = nameKey(person.name);
    if (!key || this.byKey.has(key)) return;
    this.byKey.set(key, person);
    this.people.push(person);
    this.words.push(key.split(' '));
    this.answers.clear();
  }

  get all(): readonly Person[] {
    return this.people;
  }

  /** The one person a printed mention names, or undefined. */
  resolve(mention: string | null | undefined): Person | undefined {
    if (!mention) return undefined;
    if (this.answers.has(mention)) return this.answers.get(mention);
    const answer = this.find(mention);
    this.answers.set(mention, answer);
    return answer;
  }

  private find(mention: string): Person | undefined {
    const key = nameKey(mention);
    if (!key) return undefined;
    const exact = this.byKey.get(key);
    if (exact) return exact;
    const words = key.split(' ');
    const initials = [...mention.matchAll(/(?<![\p{L}])(\p{Lu})\./gu)].map((m) => (m[1] as string).toLowerCase());
    const fits = this.people.filter((_p, k) => {
      const pw = this.words[k] as string[];
      if (!words.every((w) => pw.includes(w))) return false;
      // `Rossi F.`: an initial must start one of the other words of the name.
      const rest = pw.filter((w) => !words.includes(w));
      return initials.every((i) => rest.some((w) => w.startsWith(i)));
    });
    if (fits.length === 1) return fits[0];
    const members = fits.filter((p) => p.member);
    return members.length === 1 ? members[0] : undefined;
  }
}

/** A printed name in the record's form: natural case, order as printed (`BIANCHI ANNA` → `Bianchi Anna`). */
export function printedName(printed: string): string {
  return personName(printed.replace(/\s+/g, ' ').trim());
}

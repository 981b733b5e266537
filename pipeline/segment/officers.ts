import { alternationAnyCase as anyCase, escapeRe, lexRegExp, type SegmentLexicon } from './lexicon.js';
import { type Range, sentences } from './lines.js';
import { looksLikeName, NAME_TOKEN, type WordLookup } from './people.js';

/** An officer as a formula names them: the name as printed, and where. */
export interface OfficerMention extends Range {
  name: string;
}

/** A name on one line, or running onto the next when the surname comes there in capitals (`Pietro Paolo` / `FLORE`) or ends there at a comma (`Loredana` / `Massucci, delegata …`). */
const NAME = `(${NAME_TOKEN}(?:(?:[ \\t]+|[ \\t]*\\n[ \\t]*(?=\\p{Lu}{2,}(?![\\p{Ll}])|\\p{Lu}\\p{Ll}+[,;]))(?:(?:de|di|da|del|della|De|Di|Da|Del|Della|Lo|La|DE|DI|DA|DEL|DELLA|LO)[ \\t]+)?${NAME_TOKEN}){0,3})`;
/** A literal in any letter case, for expressions that also hold a name (`\\p{Lu}`), where the `i` flag would match lower case names. */
const ci = (literal: string) => escapeRe(literal, true);
const ARTICLES = ['il', 'la', 'lo', "l'", 'del', 'della', 'dal', 'dalla', "dell'"];
const FILLER = (lex: SegmentLexicon) =>
  `(?:\\s*(?:${anyCase(ARTICLES)})?\\s*(?:${anyCase(lex.roles)})?(?:\\s+(?:${anyCase(['più anziano', 'più anziana', 'anziano', 'anziana', 'circoscrizionale', 'comunale', 'generale', 'capo', 'facente funzione', 'facente funzioni', 'vicario', 'vicaria', 'reggente', 'supplente'])}|(?:del|della|dell['’]|dei|degli|delle|al|alla|allo|ai|agli|alle|all['’])\\s*\\p{Lu}\\p{Ll}+(?:\\s+\\p{Lu}\\p{Ll}+)?|di\\s+\\p{Lu}\\p{Ll}+))*\\s*,?\\s*(?:(?:${anyCase(lex.honorifics)})\\s*)*)`;
/** The verb as a form's label, bilingual too (`Presiede:`, `Presiede / Vorsitz:`). */
const FORM_LABEL = '(?:[ \\t]*\\/[ \\t]*\\p{L}+)?(?:[ \\t]*:)?';
/** `Presiede il Presidente Mario Bellini`, `Presiede la seduta la Presidente del Consiglio, Anna Rossi`, `Assume la presidenza la Presidente circoscrizionale Lucia Ferrante`, `sotto la presidenza del Il Sindaco ROSSI MARIO`, `presieduta da`. */
const CHAIR = (lex: SegmentLexicon) =>
  new RegExp(`(?:${anyCase(['presiede', 'presieduta da', 'presieduto da', 'sotto la presidenza del', 'sotto la presidenza della', "sotto la presidenza dell'", 'sotto la presidenza di', 'presidenza del', 'presidenza della', 'assume la presidenza della seduta', 'assume quindi la presidenza della seduta', 'assume la presidenza', 'assume quindi la presidenza', 'la presidenza è assunta da'])})(?:\\s+(?:${anyCase(["dell'assemblea", "dell'adunanza", 'della riunione', 'della seduta', "l'assemblea", "l'adunanza", 'la riunione', 'la seduta'])}))?${FORM_LABEL}${FILLER(lex)}${NAME}`, 'u');
/** `Il presidente Angelo Merici apre l'Assemblea`, `il Presidente del Consiglio, Donato Fanelli, invita`: the chair named by office. */
const CHAIR_SUBJECT = new RegExp(
  `(?<![\\p{L}])(?:Il|La|il|la)\\s+[Pp]residente(?:\\s+(?:del|della)\\s+\\p{Lu}\\p{Ll}+(?:\\s+\\p{Lu}\\p{Ll}+)?)?,?\\s+(?:(?:Sig|Dott|Avv|Prof)\\.(?:ra|ssa)?\\s+)?${NAME}`,
  'u',
);
/** `il Segretario Generale, dott.ssa Anna Maria Caldarola`, `unitamente al Segretario Generale, dott.ssa …`: the secretary named in apposition, with no verb. */
const SECRETARY_APPOSITION = (lex: SegmentLexicon) =>
  new RegExp(
    `(?<![\\p{L}])(?:${anyCase(['il', 'la', "l'", 'al', 'alla', "all'", 'del', 'della', "dell'", 'dal', 'dalla', "dall'"])})\\s*(?:${anyCase(['segretario', 'segretaria', 'vice segretario', 'vice segretaria', 'vicesegretario', 'vicesegretaria'])})(?:\\s+(?:${anyCase(['comunale', 'generale', 'circoscrizionale', 'capo', 'reggente'])}))*\\s*,\\s*(?:(?:${anyCase(lex.honorifics)})\\s*)*${NAME}`,
    'u',
  );
/** `La Consigliera Ferrante Lucia, eletta Presidente della Circoscrizione, assume quindi la presidenza della seduta`. */
const CHAIR_TAKEN = (lex: SegmentLexicon) =>
  new RegExp(`(?:(?:${anyCase(['il', 'la', 'lo', "l'"])})\\s*)?(?:${anyCase(lex.roles)})?\\s*${NAME}\\s*,?[^.;]{0,100}?${ci('assume')}\\s+(?:quindi\\s+|pertanto\\s+)?${ci('la presidenza')}`, 'u');
/** `Assiste in qualità di verbalizzante la Segretaria circoscrizionale Giulia Moretti`, `Funge da segretaria verbalizzante la dott.ssa Anna Rossi`, `Partecipa il Segretario Generale Avv. GALLI PAOLA`, `con l'assistenza del Segretario`. */
const SECRETARY = (lex: SegmentLexicon) =>
  new RegExp(
    `(?:${anyCase(['assiste', 'partecipa', 'interviene', "con l'assistenza", 'con la partecipazione', 'verbalizza', 'funge da segretario', 'funge da segretaria', 'redige il verbale', 'redige il presente verbale'])})[^.;]{0,60}?(?:${anyCase(['segretario', 'segretaria', 'verbalizzante', 'vice segretario', 'vice segretaria', 'vicesegretario', 'vicesegretaria'])})(?:\\s+(?:${anyCase(['comunale', 'generale', 'circoscrizionale', 'verbalizzante', 'capo', 'reggente', 'supplente', 'vicario', 'vicaria'])}|dell['’]\\p{L}+|della\\s+\\p{Lu}\\p{Ll}+|del\\s+\\p{Lu}\\p{Ll}+))*\\s*,?\\s*(?:(?:il|la|l['’])\\s*(?=${anyCase(lex.honorifics)}))?(?:(?:${anyCase(lex.honorifics)})\\s*)*${NAME}`,
    'u',
  );

/**
 * A name after an office in these formulas: the formula is the evidence, so capitalised words that are ordinary
 * words too (`Donato Fanelli`) are a name, unless they are an office or a body (`il Presidente del Consiglio`).
 */
const accept = (name: string | undefined, words: WordLookup, lex: SegmentLexicon): name is string =>
  !!name && (looksLikeName(name.split(/\s+/), words, lex) || !lexRegExp(lex, OFFICE_OR_BODY).test(name));
const OFFICE_OR_BODY = (lex: SegmentLexicon) =>
  new RegExp(`(?<![\\p{L}])(?:${anyCase([...lex.roles, ...lex.bodies, ...lex.organizationHeads, 'Consiglio', 'Giunta', 'Comunale', 'Generale', 'Assemblea', 'Seduta'])})(?![\\p{L}])`, 'u');

/**
 * Who chaired and who took the minutes, from the formulas of the front
 * matter, and every change of chair the text states (`… assume quindi la
 * presidenza della seduta`, `Assume la presidenza il Vice Presidente …`).
 * Names as printed; the structure resolves them to the attendance.
 */
export function readOfficers(front: string, full: string, lex: SegmentLexicon, words: WordLookup): {
  president: OfficerMention | null;
  secretary: OfficerMention | null;
  chairs: OfficerMention[];
} {
  const flatIndex = (text: string, re: RegExp): OfficerMention | null => {
    const m = re.exec(text);
    if (!m || !accept(m[1], words, lex)) return null;
    const at = m.index + m[0].length - (m[1] as string).length;
    return { name: (m[1] as string).replace(/\s+/g, ' '), start: at, end: at + (m[1] as string).length };
  };
  const president = flatIndex(front, lexRegExp(lex, CHAIR)) ?? flatIndex(front, CHAIR_SUBJECT);
  const secretary = flatIndex(front, lexRegExp(lex, SECRETARY)) ?? flatIndex(front, lexRegExp(lex, SECRETARY_APPOSITION));
  const chairs: OfficerMention[] = [];
  for (const s of sentences(full)) {
    const sentence = full.slice(s.start, s.end);
    if (!/presidenza|presiede/iu.test(sentence)) continue;
    const m = flatIndex(sentence, lexRegExp(lex, CHAIR)) ?? flatIndex(sentence, lexRegExp(lex, CHAIR_TAKEN));
    if (m) chairs.push({ name: m.name, start: s.start + m.start, end: s.start + m.end });
  }
  return { president, secretary, chairs };
}

/**
 * The office a person holds as the text states it after their name: `il prof. Mario Rossi, nella sua qualità
 * di Sindaco`, `Anna Neri, in qualità di Vicesindaco`; null when it says none. Read for the chair, whom a
 * later `Il Sindaco replica …` names.
 */
export function officeInCapacity(name: string, text: string, lex: SegmentLexicon): string | null {
  const words = name.split(/\s+/).filter((w) => w.length > 2);
  if (words.length === 0) return null;
  const re = new RegExp(
    `(?<![\\p{L}])(?:${words.map((w) => escapeRe(w, true)).join('|')})(?![\\p{L}])[^.;:]{0,40}?(?:${anyCase(['nella sua qualità di', 'nella qualità di', 'in qualità di', 'quale'])})\\s+(${anyCase(lex.roles)})(?![\\p{L}])`,
    'u',
  );
  const m = re.exec(text);
  return m ? (m[1] as string) : null;
}

import type { LineInfo } from './classify.js';
import { alternation, lexRegExp, type SegmentLexicon } from './lexicon.js';
import { ORDINALS } from './numbers.js';
import { CAPITALS_LABEL } from './turns.js';

/** A line that opens an agenda item, as printed. */
export interface ItemHead {
  /** The number printed (`Punto 3.` → 3); null for an unnumbered `OGGETTO:`. */
  number: number | null;
  /** The number in the agenda as convened, when the sitting reordered it (`(in origine punto 2 dell'o.d.g.)`). */
  original: number | null;
  /** `punto`, `argomento`, `oggetto`…; null for a bare numbered line (`1) …`). */
  keyword: string | null;
  /** Where the title starts in the line's text (after the number, parentheses and punctuation). */
  titleAt: number;
  /** The subject follows an act's number (`Deliberazione n. 141 - OGGETTO: …`): one of several acts of the sitting. */
  act?: boolean;
}

/** A transcript's label before the chair's words, or none: `PRESIDENTE:`, `PRESIDENTE (Rossi).`. */
const CHAIR_LABEL = `(?:${CAPITALS_LABEL}(?:\\s*\\([^()\\n]{1,60}\\))?\\s*[:.]\\s*)?`;
/** `passiamo`, `si passa`, `veniamo` and an adverb (`ora`, `quindi`): the chair moving on, before `al` / `all'`. */
const MOVING_ON = '(?:passiamo|si\\s+passa|procediamo\\s+con|veniamo)\\s+(?:ora\\s+|quindi\\s+|adesso\\s+|dunque\\s+)?';
/**
 * The chair's words opening an item in a transcript, after the chair's label or not: `Passiamo al punto n. 2
 * all'ordine del giorno: …`, `PRESIDENTE: Passiamo al punto n. 3 …`, `PRESIDENTE (Rossi). Passiamo al punto n. 3.`.
 */
const SPOKEN_LEAD = new RegExp(`^\\s*${CHAIR_LABEL}${MOVING_ON}(?:al|all['’])\\s*`, 'iu');
/** The chair naming an item by its place: `PRESIDENTE. Il primo punto all'ordine del giorno reca …`, `Passiamo al terzo punto dell'o.d.g.`. */
const SPOKEN_ORDINAL = new RegExp(
  `^\\s*${CHAIR_LABEL}(?:${MOVING_ON}al\\s+|il\\s+)(${Object.keys(ORDINALS).join('|')})\\s+punto\\s+(?:all['’]|dell['’])\\s*(?:ordine\\s+del\\s+giorno|o\\.?\\s*d\\.?\\s*g\\.?)`,
  'iu',
);
const KEYWORD_HEAD = (lex: SegmentLexicon) =>
  new RegExp(`^\\s*(?:[-–•*]\\s*)?(${alternation(lex.agenda.itemWords)})(?![\\p{L}])\\s*(?:(?:n|N)(?:ro|r)?\\s*[.°]?\\s*)?(\\d{1,3})?(?![\\d/,])`, 'iu');
/** An act's number before its subject, in a sitting that adopts several (`Deliberazione n. 141 - OGGETTO: …`, `Proposta n. 178 del 12/11/2019 - OGGETTO: …`). */
const ACT_LEAD = /^\s*(?:deliberazione|delibera|proposta(?:\s+di\s+deliberazione)?)\s+n\.?\s*°?\s*\d{1,5}(?:\s*\/\s*\d{2,4})?(?:\s+del\s+\d{1,2}[./]\d{1,2}[./]\d{2,4})?\s*[-–—:]\s*(?=oggetto\b)/iu;
/** The heading's translation before it, in a bilingual document: `POINT N. 1 / PUNTO N. 1` (the same number both sides). */
const TRANSLATED_LEAD = /^\s*\p{Lu}\p{L}+\s+(?:n|N)\s*[.°]?\s*(\d{1,3})\s*\/\s*/u;
const REORDER = (lex: SegmentLexicon) => new RegExp(`(?:${alternation(lex.agenda.reorder)})\\s*(?:n\\.?\\s*)?(\\d{1,3})`, 'iu');
/** What may sit between an item's number and its title: punctuation, `dell'o.d.g.`, `all'ordine del giorno`, parentheses. */
const BETWEEN = /^(?:\s+|[.:\-–—)]+|\([^()]{0,80}\)|d(?:ell|all)['’]\s*o\.?\s*d\.?\s*g\.?|(?:all|dell)['’]\s*ordine\s+del\s+giorno)/iu;
const BARE_NUMBERED = /^\s*(\d{1,2})\s*(?:[)\]]|\.(?=\s+["“«]?\p{Lu}))\s*(?=\S)/u;

/** The item a line opens: `Punto 1. (ex punto 3) Titolo`, `OGGETTO N. 2: …`, `Argomento n. 143 dell'o.d.g.`, `1) Titolo`. */
export function readItemHead(text: string, lex: SegmentLexicon): ItemHead | null {
  const ordinal = SPOKEN_ORDINAL.exec(text);
  if (ordinal) return { number: ORDINALS[(ordinal[1] as string).toLowerCase()] as number, original: null, keyword: 'punto', titleAt: ordinal[0].length };
  const spoken = SPOKEN_LEAD.exec(text);
  const translated = TRANSLATED_LEAD.exec(text);
  const afterTranslation = translated && lexRegExp(lex, KEYWORD_HEAD).exec(text.slice(translated[0].length));
  const act = ACT_LEAD.exec(text);
  const asTranslated = !spoken && translated !== null && afterTranslation?.[2] === translated[1];
  const lead = spoken ? spoken[0].length : asTranslated ? translated[0].length : (act?.[0].length ?? 0);
  const m = asTranslated ? afterTranslation : lexRegExp(lex, KEYWORD_HEAD).exec(text.slice(lead));
  if (spoken && !m?.[2]) return null; // `passiamo al punto successivo`: no number, no heading
  if (m) {
    const keyword = (m[1] as string).toLowerCase();
    const number = m[2] ? Number(m[2]) : null;
    let at = lead + m[0].length;
    let original: number | null = null;
    let punctuated = false;
    for (let guard = 0; guard < 8; guard++) {
      const b = BETWEEN.exec(text.slice(at));
      if (!b || b[0].length === 0) break;
      if (/[.:\-–—)]/.test(b[0][0] as string)) punctuated = true;
      const r = lexRegExp(lex, REORDER).exec(b[0]);
      if (r) original = Number(r[1]);
      at += b[0].length;
    }
    const rest = text.slice(at);
    // A keyword is a heading only with a number (`Punto 3`), or, for `Oggetto`, with its colon or dash: not `Oggetto della seduta è …`.
    const isOggetto = /^oggetto$/i.test(keyword);
    if (number === null && !(isOggetto && punctuated)) return null;
    if (number !== null && !punctuated && /^\p{Ll}/u.test(rest)) return null; // `punto 2 dell'elenco` in prose
    if (/^\p{Ll}/u.test(m[1] as string) && !spoken) return null; // `punto 3.` or `oggetto:` in lower case is prose wrapped onto a new line
    return { number, original, keyword, titleAt: at, ...(act && lead === act[0].length ? { act: true } : {}) };
  }
  const b = BARE_NUMBERED.exec(text);
  if (b) return { number: Number(b[1]), original: null, keyword: null, titleAt: b[0].length };
  return null;
}

/** The agenda as convened, listed at the opening: each entry's number, title and lines. */
export interface Listing {
  head: number;
  entries: { n: number; first: number; last: number; title: string }[];
  first: number;
  last: number;
}

const LIST_HEAD = (lex: SegmentLexicon) => new RegExp(`(?:${alternation(lex.agenda.listHeads)})`, 'iu');

/**
 * The agenda as listed (`… con il seguente ordine del giorno:` then `1. …`,
 * `2. …`): numbered entries 1, 2, 3… in order after a line naming the agenda,
 * each with the indented lines that continue it; letterhead and page furniture
 * between entries are skipped. Only before `before` (the first item heading).
 */
export function readListing(lines: readonly LineInfo[], before: number, lex: SegmentLexicon): Listing | null {
  for (let h = 0; h < before; h++) {
    const head = lines[h] as LineInfo;
    // The agenda is announced: the phrase ends its line, or a colon does (`… con il seguente ordine del giorno:`).
    if (head.blank || head.furniture || !lexRegExp(lex, LIST_HEAD).test(head.text) || !/(?::|ordine del giorno|o\.\s*d\.\s*g\.?)\s*$/iu.test(head.text)) continue;
    // The first entry follows within a few lines.
    let k = h + 1;
    let seen = 0;
    while (k < before && seen < 4 && !(lines[k] as LineInfo).numbered) {
      if (!(lines[k] as LineInfo).blank && !(lines[k] as LineInfo).furniture) seen++;
      k++;
    }
    if (k >= before || (lines[k] as LineInfo).numbered?.n !== 1) continue;
    const entries: Listing['entries'] = [];
    let expect = 1;
    let current: Listing['entries'][number] | null = null;
    let blankRun = 0;
    for (; k < before; k++) {
      const line = lines[k] as LineInfo;
      if (line.blank) {
        blankRun++;
        if (blankRun > 3) break;
        continue;
      }
      if (line.furniture) continue;
      // A line of marks alone (`* * *`, `———`) closes the listing: it continues no title.
      if (!/[\p{L}\p{N}]/u.test(line.text)) break;
      if (line.numbered?.n === expect) {
        current = { n: expect, first: k, last: k, title: line.text.slice(line.numbered.at).trim() };
        entries.push(current);
        expect++;
        blankRun = 0;
        continue;
      }
      // A continuation is indented past the entry's number, or follows with no blank line.
      const prev = current ? (lines[current.first] as LineInfo) : null;
      // After a blank line, an entry whose title ended a sentence is complete (`… 29 ottobre 2018".` / / `La seduta inizia alle 17,12`).
      const complete = blankRun > 0 && current !== null && /[.;]["”»']?$/u.test(current.title);
      if (current && prev && (line.indent > prev.indent || blankRun === 0) && !complete && !line.item && !line.voteWord) {
        current.last = k;
        current.title = `${current.title} ${line.text.trim()}`;
        blankRun = 0;
        continue;
      }
      break;
    }
    if (entries.length < 2) continue;
    return { head: h, entries, first: (entries[0] as { first: number }).first, last: (entries[entries.length - 1] as { last: number }).last };
  }
  return null;
}

/** Where an item starts, and the lines its heading spans (the title can run over several). */
export interface ItemStart {
  line: number;
  last: number;
  number: number | null;
  original: number | null;
  title: string;
}

/**
 * The items the sitting treats, from the lines: keyword headings (`Punto N`,
 * `Argomento n. N`, `OGGETTO`) when the document uses them; else numbered lines
 * in sequence (`1) …`, `2) …`), where the discussion restarts at 1 after an
 * agenda announced up front. Never the lines of the listing, of a table of
 * contents, or of a numbered list inside a deliberation's dispositive.
 */
export function readItems(lines: readonly LineInfo[], from: number, to: number, listing: Listing | null, _lex: SegmentLexicon, isRow: (line: LineInfo) => boolean = () => false): ItemStart[] {
  const inListing = (i: number) => listing !== null && i >= listing.first && i <= listing.last;
  const heads = lines.filter((l) => l.index >= from && l.index < to && l.item && !l.toc && !l.furniture && !inListing(l.index));
  const keyword = heads.filter((l) => l.item?.keyword);
  const starts: ItemStart[] = [];
  if (keyword.length > 0) {
    const numbered = keyword.filter((l) => l.item?.number !== null);
    // An `OGGETTO:` right under a numbered heading (`Argomento n. 143` / `OGGETTO - VARIAZIONE …`) is that item's title.
    // Unnumbered `OGGETTO:` headings: one deliberation's subject, or a sitting's several deliberations, each
    // decided (a vote) before the next subject.
    // Subjects each decided apart, or each after its act's number (a sitting that adopts several acts, one of them perhaps postponed).
    const decidedApart =
      keyword.length > 1 && (keyword.every((h, k) => lines.slice(h.index, keyword[k + 1]?.index ?? to).some((l) => l.vote)) || keyword.every((h) => h.item?.act));
    const chosen = numbered.length > 0 ? numbered : decidedApart ? keyword : keyword.slice(0, 1);
    for (const l of chosen) starts.push(headingExtent(lines, l, to, listing));
    return starts;
  }
  // Bare numbered lines: the last run restarting at 1, numbers going up one at a time; never a line holding
  // a second entry (`1) Marco Conti   2) Luca Zanella`) or a row of names with marks.
  const numbered = heads.filter((l) => l.item && !l.item.keyword && l.indent < 8 && !l.inDispositive && !/\s\d{1,2}\s*[.)]\s+\p{Lu}/u.test(l.text.slice(l.item.titleAt)) && !isRow(l));
  let firstRun = 0;
  for (let i = 0; i < numbered.length; i++) if ((numbered[i] as LineInfo).item?.number === 1) firstRun = i;
  let expect = 1;
  for (const l of numbered.slice(firstRun)) {
    if (l.item?.number !== expect) continue;
    if (listing && !resembles(l, listing)) continue;
    starts.push(headingExtent(lines, l, to, listing));
    expect++;
  }
  // One numbered line is a list, not an agenda: minutes numbered this way treat two items or more.
  return starts.length >= 2 || listing ? starts : [];
}

/** A numbered line in the body matches the listing's entry of that number (its first words). */
function resembles(line: LineInfo, listing: Listing): boolean {
  const entry = listing.entries.find((e) => e.n === line.item?.number);
  if (!entry) return false;
  const words = (s: string) => s.toLowerCase().split(/[^\p{L}\d]+/u).filter((w) => w.length > 2);
  const a = words(line.text.slice(line.item?.titleAt ?? 0)).slice(0, 6);
  const b = new Set(words(entry.title));
  return a.length > 0 && a.filter((w) => b.has(w)).length >= Math.ceil(a.length / 2);
}

/**
 * The lines a heading spans: its title runs on while a line ends without a
 * full stop or colon and the next starts in lower case or continues a caps
 * title, or, when the agenda was listed, until the listed title is covered.
 * An empty title (`Argomento n. 143 dell'o.d.g. (Deliberazione n. 102)`) takes
 * the `OGGETTO` lines under it.
 */
function headingExtent(lines: readonly LineInfo[], head: LineInfo, to: number, listing: Listing | null): ItemStart {
  const item = head.item as ItemHead;
  let title = head.text.slice(item.titleAt).trim();
  let last = head.index;
  const listed = listing?.entries.find((e) => e.n === (item.original ?? item.number))?.title;
  const next = (i: number) => (i < to ? (lines[i] as LineInfo | undefined) : undefined);
  if (title === '') {
    const sub = next(last + 1);
    if (sub && !sub.blank && sub.item?.keyword === 'oggetto') {
      title = sub.text.slice(sub.item.titleAt).trim();
      last++;
    }
  }
  for (let guard = 0; guard < 5; guard++) {
    const n = next(last + 1);
    if (!n || n.blank || n.item) break;
    const t = n.text.trim();
    const caps = title === title.toUpperCase() && /\p{Lu}{3}/u.test(title);
    // A title in capitals goes on in capitals, whatever a line of it looks like (`VIA SARDEGNA. APPROVAZIONE …`).
    if (!(caps && t === t.toUpperCase()) && (n.label || n.heading || n.headingAcross || n.voteWord)) break;
    const open = !/[.:;!?"”»]$/.test(title) || title === '';
    const more = listed !== undefined && words(title) < words(listed) * 0.85;
    if (caps ? t === t.toUpperCase() : more || (open && (/^[\p{Ll}\d]/u.test(t) || /^["“«(]/.test(t) || /(?:\s(?:di|del|della|dei|delle|e|ed|a|al|alla|in|per|su|sul|con|tra|fra|il|la|lo|le|gli|i|un|una)|[,/–-])$/iu.test(title)))) {
      title = `${title} ${t}`;
      last = n.index;
    } else break;
  }
  return { line: head.index, last, number: item.number, original: item.original, title: title.replace(/\s+/g, ' ').trim() };
}

const words = (s: string) => s.split(/\s+/).filter(Boolean).length;

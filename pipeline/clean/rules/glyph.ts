import { APOS, APOS_CHARS, type CleanContext } from '../context.js';
import type { Edit } from '../edits.js';
import { abbreviations } from './abbreviations.js';
import { caseShapeEdits } from './case-shapes.js';
import { edit, isDigit, isLetter, matches, matchesWhere } from './match.js';

/**
 * Glyph rules: characters OCR reads for others. Each fires only on a pattern
 * that a correct Italian text cannot contain (`si € lavorato`, `I'incontro`),
 * so the same rule on clean text does nothing.
 */
export function glyphEdits(text: string, ctx: CleanContext): Edit[] {
  return [
    ...lApostrophe(text),
    ...doubledApostrophe(text),
    ...eGrave(text),
    ...apostropheAccent(text, ctx),
    ...elisionSpace(text, ctx),
    ...numberSpace(text),
    ...abbreviations(text, ctx),
    ...strayMarks(text, ctx),
    ...presenceMarks(text, ctx),
    ...caseShapeEdits(text, ctx),
    ...capitalI(text, ctx),
  ];
}

const glyph = (start: number, end: number, to: string, ruleId: string, confidence: number) =>
  edit('glyph', start, end, to, ruleId, confidence);

/** Sentence start: the text's start, or a line or sentence that just ended. */
function atSentenceStart(text: string, index: number): boolean {
  const before = text.slice(Math.max(0, index - 4), index);
  return index === 0 || /(^|[.!?:]\s+|\n\s*\n\s*|\f\s*)$/.test(before);
}

/** `I'incontro`, `|'azienda`, `1'anno`, `I’'approvazione` → `l'…` (`L'…` at a sentence start). */
function lApostrophe(text: string): Edit[] {
  const re = new RegExp(`(?<![\\p{L}\\d])[I|1](${APOS})(?:${APOS}|[”"])*(?=\\p{L})`, 'gu');
  return [...matches(text, re)].map((m) => {
    const l = atSentenceStart(text, m.index) ? 'L' : 'l';
    return glyph(m.index, m.index + m[0].length, `${l}${m[1]}`, 'glyph/l-apostrophe', 0.95);
  });
}

/** `sull’'andamento` → `sull’andamento`: one apostrophe between letters. */
function doubledApostrophe(text: string): Edit[] {
  const out: Edit[] = [];
  for (const m of matches(text, new RegExp(`(${APOS})(?:${APOS}|[”"])+`, 'gu'))) {
    if (!isLetter(text[m.index - 1]) || !isLetter(text[m.index + m[0].length])) continue;
    out.push(glyph(m.index, m.index + m[0].length, m[1] as string, 'glyph/doubled-apostrophe', 0.95));
  }
  return out;
}

/**
 * `si € lavorato`, `progetto & stato`, `¢ la Vicepresidente`, `si é focalizzato`,
 * `c’é` → `è`. A currency sign followed by a word (not a figure), an ampersand
 * between lower-case words, and a lone `é` are never right in Italian prose.
 */
function eGrave(text: string): Edit[] {
  const out: Edit[] = [];
  // Find the few candidate signs first; look at their context only then (a look-behind at every position is slow).
  for (const m of matches(text, /[€&¢é]/g)) {
    const i = m.index;
    const sign = m[0];
    const before = text.slice(Math.max(0, i - 12), i);
    const after = text.slice(i + 1, i + 4);
    let misread = false;
    if (sign === '€' || sign === '&') {
      // After a word (or `,;:)`), before a lower-case word: `si € lavorato`, `progetto & stato`.
      misread = /[\p{L},;:)][ \t]*\n?[ \t]*$/u.test(before) && /^[ \t]+\p{Ll}/u.test(after);
      if (sign === '&' && !/\p{Ll}\s+$/u.test(before)) misread = false;
      // After an article or preposition the sign is named, not misread: `un & e`, `una & nel modello`.
      if (/(?:^|\s)(?:un|una|il|lo|la|i|gli|le|del|della|di|da|con|per|tra|fra)\s+$/iu.test(before)) misread = false;
    } else if (sign === '¢') {
      misread = !/[\p{L}\d]$/u.test(before) && /^\s+\p{L}/u.test(after);
    } else {
      misread = (/\s$/.test(before) && /^\s/.test(after)) || (/\b[cCnN]['’]$/u.test(before) && !/^\p{L}/u.test(after));
    }
    if (misread) out.push(glyph(i, i + 1, 'è', 'glyph/e-grave', sign === '€' ? 0.9 : 0.95));
  }
  return out;
}

/**
 * Typewriter accents: `citta'` → `città`, `e'` → `è`, `perche'` → `perché`,
 * when the accented form is a word, in a text that writes every accent so
 * (a typewriter's convention). A text that prints accented letters elsewhere
 * chose its apostrophes: printed text is left as printed.
 */
function apostropheAccent(text: string, ctx: CleanContext): Edit[] {
  const out: Edit[] = [];
  if (/[àèéìíòóùú]/.test(text)) return out;
  // Anchor on an apostrophe that ends a word, then read the word before it.
  for (const hit of matches(text, new RegExp(`(?<=[aeiou])${APOS}(?=[\\s,.;:!?)»"]|$)`, 'gu'))) {
    const word = /(?<![\p{L}'’‘`´])\p{Ll}*[aeiou]$/u.exec(text.slice(Math.max(0, hit.index - 30), hit.index));
    if (!word) continue;
    const m = { index: hit.index - word[0].length, 0: `${word[0]}${hit[0]}` };
    const base = word[0];
    if (ctx.data.elisions.includes(base) || base === 'po') continue;
    const accented = accentedForms(base).find((w) => ctx.lexicon.isWord(w));
    if (!accented) continue;
    out.push(glyph(m.index, m.index + m[0].length, accented, 'glyph/apostrophe-accent', 0.9));
  }
  // `E'` standing for `È`.
  for (const m of matches(text, new RegExp(`(?<![\\p{L}])E${APOS}(?=\\s)`, 'gu'))) {
    out.push(glyph(m.index, m.index + m[0].length, 'È', 'glyph/apostrophe-accent', 0.9));
  }
  return out;
}

/** The accented spellings of a word's final vowel, grave first (Italian's usual accent). */
export function accentedForms(word: string): string[] {
  const stem = word.slice(0, -1);
  const v = word.slice(-1);
  const forms: Record<string, string[]> = {
    a: ['à'],
    e: ['è', 'é'],
    i: ['ì'],
    o: ['ò'],
    u: ['ù'],
    A: ['À'],
    E: ['È', 'É'],
    I: ['Ì'],
    O: ['Ò'],
    U: ['Ù'],
  };
  return (forms[v] ?? []).map((a) => stem + a);
}

/** `l' impatto` → `l'impatto`: no space after an elided article (`po' di` stays); `nell ‘organizzazione` → `nell’organizzazione`. */
function elisionSpace(text: string, ctx: CleanContext): Edit[] {
  const out: Edit[] = [];
  for (const hit of matches(text, new RegExp(` +(${APOS})(?=[aeiouàèéìòùhAEIOUÀÈÉÌÒÙH])`, 'gu'))) {
    const word = /(?<!\p{L})\p{L}+$/u.exec(text.slice(Math.max(0, hit.index - 12), hit.index));
    if (!word || !ctx.data.elisions.includes(word[0].toLowerCase())) continue;
    out.push(glyph(hit.index, hit.index + hit[0].length, hit[1] === '‘' ? '’' : (hit[1] as string), 'glyph/elision-space', 0.85));
  }
  // Anchor on apostrophe + spaces + letter, then read the elided word before it.
  // Elision comes before a vowel (or h): `ne' l'esercizio` is the old `né`, not an elided `ne`.
  for (const hit of matches(text, new RegExp(`(${APOS}) +(?=[aeiouàèéìòùhAEIOUÀÈÉÌÒÙH])`, 'gu'))) {
    const word = /(?<!\p{L})\p{L}+$/u.exec(text.slice(Math.max(0, hit.index - 12), hit.index));
    if (!word || !ctx.data.elisions.includes(word[0].toLowerCase())) continue;
    // Before an abbreviation print often keeps the space (`dall' art. 5`): as printed, not damage.
    if (/^\p{L}{1,5}\./u.test(text.slice(hit.index + hit[0].length, hit.index + hit[0].length + 7))) continue;
    const start = hit.index - word[0].length;
    out.push(glyph(start, hit.index + hit[0].length, `${word[0]}${hit[1]}`, 'glyph/elision-space', 0.9));
  }
  return out;
}

/** `415. 521,99` → `415.521,99`: a thousands group split by a space. */
function numberSpace(text: string): Edit[] {
  const re = /(?<![\d.,])(\d{1,3}(?:\.\d{3})*)\. (\d{3})(?=(?:\.\d{3})*,\d)/g;
  return [...matches(text, re)].map((m) =>
    glyph(m.index, m.index + m[0].length, `${m[1]}.${m[2]}`, 'glyph/number-space', 0.9),
  );
}

const STRAY_BAR = new RegExp(`(?<=\\S) \\|(?= |$)|^(?:\\| ?)+(?![${APOS_CHARS}])|(?<= )\\|(?=\\p{Lu})`, 'gmu');

/** Bars between a table's cells, not beside a word: at a line's ends or with space either side. */
const CELL_BAR = /(?<=^|\s)\|(?=\s|$)/g;

/**
 * The line at `index` is a row of a ruled table (`| 3 | Rossi Anna | Consigliere | presente |`, as a word
 * processor or Markdown writes one): three cell bars or more. Its bars are the table's, not a scan's dust.
 */
function ruledRow(text: string, index: number): boolean {
  const start = text.lastIndexOf('\n', index - 1) + 1;
  const end = text.indexOf('\n', index);
  const line = text.slice(start, end === -1 ? text.length : end);
  // The rule under a Markdown table's head (`|----|:---:|`) is one too.
  return (line.match(CELL_BAR)?.length ?? 0) >= 3 || /^\s*\|?[-:]+\|[-:|\s]*$/.test(line);
}

/** A table border `|` standing alone, and a quote glued after an upper-case apostrophe (`COMUNITA’”`). */
function strayMarks(text: string, ctx: CleanContext): Edit[] {
  const out: Edit[] = [];
  // Not a bar before an apostrophe: that is an `l'` (`|'azienda`).
  if (text.includes('|')) {
    for (const m of matches(text, STRAY_BAR)) {
      if (ruledRow(text, m.index)) continue;
      const bar = m.index + m[0].indexOf('|');
      if (/[.!?][ \t]+$/.test(text.slice(Math.max(0, bar - 4), bar)) && beforePlural(text, bar, ctx)) out.push(glyph(bar, bar + 1, 'I', 'glyph/bar-article', 0.85));
      else out.push(glyph(m.index, m.index + m[0].length, '', 'glyph/stray-bar', 0.9));
    }
    // A quotation opens a sentence too (`dice che "| comuni adottano …`).
    for (const m of matches(text, /(?<=(?:^|\s)["“«])\|(?= )/gmu)) {
      if (beforePlural(text, m.index, ctx)) out.push(glyph(m.index, m.index + 1, 'I', 'glyph/bar-article', 0.85));
    }
  }
  const afterUpperApostrophe = (m: RegExpExecArray) => "'’".includes(text[m.index - 1] ?? '\0') && UPPER.test(text[m.index - 2] ?? '');
  for (const m of matchesWhere(text, /[”"]+/gu, afterUpperApostrophe)) {
    out.push(glyph(m.index, m.index + m[0].length, '', 'glyph/stray-quote', 0.9));
  }
  return out;
}

/**
 * Whether the bar at `bar` stands before a masculine plural (`| costi`, `| lavori`): opening a sentence
 * (`… in giugno. | lavori`) or a quotation, it is the article `I` read as a bar; a table's bar stands between
 * cells, not after a sentence's end and before a plural noun.
 */
function beforePlural(text: string, bar: number, ctx: CleanContext): boolean {
  const next = /^ (\p{Ll}{2,}i)(?![\p{L}\d'’])/u.exec(text.slice(bar + 1, bar + 40))?.[1];
  return next !== undefined && ctx.lexicon.isWord(next);
}

/**
 * In an attendance row (`4 | COMUNE DI CASNIGO g 14 | COMUNE DI PRADALUNGA no`)
 * the mark after the entity's name is `si` or `no`. OCR reads a handwritten or
 * ticked `si` as a short blob (`g`, `S`, `5`, `6]`, `Sl`): in that slot, a one-
 * or two-character token with a letter or digit that is not a way of writing
 * `no` is `si`. A dash or an empty slot stays as it is.
 */
function presenceMarks(text: string, ctx: CleanContext): Edit[] {
  const out: Edit[] = [];
  const no = new Set(ctx.data.presenceMarkVariants.no);
  const slot = /(?<=\b(?:COMUN[EI]|COMUNIT[AÀ]|UNIONE)\b[\p{Lu}\p{M}'’” ]*\p{Lu}['’”]?[ \t]+)(\S{1,2})(?=(?:[ \t]+\|?|[ \t]*\|)[ \t]*\d{1,3}[ \t]*\|?[ \t]*\p{Lu}|[ \t]*$)/gu;
  // Only lines that name an entity in capitals can be attendance rows.
  for (const line of matches(text, /^.*\b(?:COMUN|UNIONE).*$/gm)) {
    for (const m of matches(line[0], slot)) {
      const token = m[1] as string;
      if (token !== 'si' && !no.has(token) && /[\p{L}\d]/u.test(token)) {
        out.push(glyph(line.index + m.index, line.index + m.index + m[0].length, 'si', 'glyph/presence-mark', 0.7));
      }
    }
  }
  return out;
}

const UPPER = /\p{Lu}/u;

/**
 * A capital `I` read as `l`, where no Italian word can start so: `ll` opening a sentence or a line, or before a
 * capitalised word (`ll Consiglio`, `Partecipa ll Segretario` for `Il`), a word that starts `ll` and is known with `Il` (`llenia`), an initial `l.` among capital initials
 * (`C.l.` for `C.I.`). Mid-sentence before a small word `ll` stays: a roman `II` (`comma ll della legge`) reads so too.
 */
function capitalI(text: string, ctx: CleanContext): Edit[] {
  const out: Edit[] = [];
  // Anchored on the literal `ll` (found by indexOf: a look-behind tried at every position costs more than the rest of the rule).
  for (let i = text.indexOf('ll'); i !== -1; i = text.indexOf('ll', i + 2)) {
    if (isLetter(text[i - 1]) || isDigit(text[i - 1]) || ".'’".includes(text[i - 1] ?? ' ')) continue;
    let end = i + 2;
    while (isLetter(text[end]) && text[end] === (text[end] as string).toLowerCase()) end++;
    if (isLetter(text[end]) || isDigit(text[end]) || "'’".includes(text[end] ?? ' ')) continue;
    const rest = text.slice(i + 2, end);
    if (rest === '') {
      const next = /^ +(\p{L})/u.exec(text.slice(end, end + 4))?.[1];
      if (!next) continue;
      // Before a capitalised word (`Partecipa ll Segretario`) it is the article of a title; before a small one only where a sentence opens.
      const opening = next !== next.toLowerCase() || atSentenceStart(text, i) || /(^|\n)[ \t"“«(*•-]*$/.test(text.slice(Math.max(0, i - 4), i));
      if (!opening) continue;
    } else if (ctx.lexicon.get(`ll${rest}`) || !ctx.lexicon.get(`il${rest}`)?.proper) continue;
    out.push(glyph(i, i + 1, 'I', 'glyph/capital-i', 0.9));
  }
  for (let i = text.indexOf('.l.'); i !== -1; i = text.indexOf('.l.', i + 1)) {
    const capital = text[i - 1] as string;
    if (!isLetter(capital) || capital === capital.toLowerCase() || isLetter(text[i - 2]) || isDigit(text[i - 2])) continue;
    if (!/^(?:\p{Lu}\.|[ ,;:)\n]|$)/u.test(text.slice(i + 3, i + 5))) continue;
    out.push(glyph(i + 1, i + 2, 'I', 'glyph/capital-i', 0.85));
  }
  return out;
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as clean from '../../pipeline/clean/index.js';
import { cleanText, createCleanContext } from '../../pipeline/clean/index.js';

const ctx = createCleanContext();
const run = (text: string) => cleanText(text, {}, ctx);

describe('clean stage', () => {
  it('exports its verb and context builder', () => {
    expect(Object.keys(clean).sort()).toEqual(['CleanOptions', 'cleanText', 'createCleanContext', 'loadLexicon', 'loadNameDictionary', 'parseNamesFile']);
  });

  describe.each([
    // [rule, OCR text, expected clean text]
    ['glyph', 'Nel triennio si € lavorato su tre aree.', 'Nel triennio si è lavorato su tre aree.'],
    ['glyph', 'questo progetto & stato generativo', 'questo progetto è stato generativo'],
    ['glyph', 'il riferimento politico ¢ la Vicepresidente', 'il riferimento politico è la Vicepresidente'],
    ['glyph', 'il terzo si é focalizzato sui giovani', 'il terzo si è focalizzato sui giovani'],
    ['glyph', 'Sottolinea che c’é sempre stata partecipazione', 'Sottolinea che c’è sempre stata partecipazione'],
    ['glyph', "Il Sindaco apre I'incontro e |'assemblea.", "Il Sindaco apre l'incontro e l'assemblea."],
    ['glyph', "I'Assemblea approva.", "L'Assemblea approva."],
    ['glyph', "sottolinea I’'importanza e sull’'andamento", 'sottolinea l’importanza e sull’andamento'],
    ['glyph', "valutare l' impatto dell' intervento", "valutare l'impatto dell'intervento"],
    ['glyph', 'un importo di € 415. 521,99 complessivi', 'un importo di € 415.521,99 complessivi'],
    ['glyph', 'ai sensi del D.Igs. 267/2000', 'ai sensi del D.Lgs. 267/2000'],
    ['glyph', 'la dott. ssa Bianchi', 'la dott.ssa Bianchi'],
    ['glyph', "la citta' e' piu' bella", 'la città è più bella'],
    ['accent', 'progetti sulla poverta e sulla fragilita', 'progetti sulla povertà e sulla fragilità'],
    ['accent', 'si puo dire che ci sara tempo', 'si può dire che ci sarà tempo'],
    ['accent', 'la Val Seriana e stata selezionata', 'la Val Seriana è stata selezionata'],
    ['accent', 'In data 13 novembre si e tenuto online', 'In data 13 novembre si è tenuto online'],
    ['accent', "ce n'e uno finalizzato", "ce n'è uno finalizzato"],
    ['accent', 'la gestione della Societa', 'la gestione della Società'],
    ['accent', 'precisa pero che la spesa', 'precisa però che la spesa'],
    ['lexical', 'il lavoro svolto per guest’area del piano', 'il lavoro svolto per quest’area del piano'],
    ['lexical', 'la quota non è pil stata decurtata', 'la quota non è più stata decurtata'],
    ['lexical', 'definire con chiarezza su chiricada la competenza', 'definire con chiarezza su chi ricada la competenza'],
    ['lexical', "raccogliere le firme per l'laccordo di programma", "raccogliere le firme per l'accordo di programma"],
    ['lexical', 'i centri per lmpiego della provincia', 'i centri per impiego della provincia'],
    ['names', 'il Sindaco del Comune di Gandlno', 'il Sindaco del Comune di Gandino'],
    ['names', 'COMUNE DI CASNIG0 presente', 'COMUNE DI CASNIGO presente'],
    ['names', 'in precedenza rivestita dal Dott. lorio Riva', 'in precedenza rivestita dal Dott. Iorio Riva'],
    ['layout', 'il rappre-\nsentante della cooperativa', 'il rappresentante\ndella cooperativa'],
    ['layout', 'servizi socio-\neducativi del territorio', 'servizi socio-\neducativi del territorio'],
  ])('%s rule: %j', (rule, raw, expected) => {
    it('is corrected', () => {
      const result = run(raw);
      expect(result.clean).toBe(expected);
      if (raw !== expected) expect(result.corrections.map((c) => c.rule)).toContain(rule);
    });
  });

  it.each([
    ['euro amounts', 'lo stanziamento di € 25.000,00 e di €10.000'],
    ['ampersand in names', 'la società R&S e lo studio Rossi & Bianchi'],
    ['e as a conjunction', 'Comune di Leffe e Comune di Casnigo, famiglie e bambini'],
    ['accented words already right', 'perché la città è più bella, però già nota'],
    ['real comuni', 'il Comune di Leffe, il Comune di Cazzano Sant’Andrea e il COMUNE DI ALBINO'],
    ['surnames that are also words', 'Sergio Parma, Maria Corna e Antonio Loda'],
    ['all-caps headings', 'VERBALE ASSEMBLEA DEI SINDACI DEL PIANO DI ZONA'],
    ['numbers and codes', 'art. 12bis, n.4/2023, prot. 1234/A, ISEE inferiore a € 9.360,00'],
    ['acronyms and unknown names', 'il progetto PIPPI con ASST, ATS e la cooperativa Zorbettino'],
    ['po with an apostrophe', "un po' di tempo"],
    ['words that are right but rare', 'la spesa per spesare il coordinamento'],
  ])('leaves %s alone', (_label, text) => {
    const result = run(text);
    expect(result.clean).toBe(text);
    expect(result.corrections).toEqual([]);
  });

  it('uses the upper-case accent style the document uses', () => {
    expect(run('COMUNITA’ MONTANA E CITTA’ DI BERGAMO, la citta').clean).toBe('COMUNITA’ MONTANA E CITTA’ DI BERGAMO, la città');
    expect(run('COMUNITÀ MONTANA E VULNERABILITA').clean).toBe('COMUNITÀ MONTANA E VULNERABILITÀ');
  });

  it('takes running headers and page numbers out of the text flow', () => {
    const page = (n: number) => `Comune di Albino - Verbale n. 12\n\nTesto della pagina ${n} con la discussione.\n\npag. ${n} di 3`;
    const result = run([1, 2, 3].map(page).join('\f'));
    expect(result.clean).not.toMatch(/Verbale n\. 12|pag\. \d di 3/);
    expect(result.clean).toContain('Testo della pagina 2 con la discussione.');
    expect(result.clean.split('\f')).toHaveLength(3);
    expect(result.corrections.filter((c) => c.rule === 'layout')).toHaveLength(6);
    expect(result.corrections.find((c) => c.from.startsWith('pag. 3'))?.page).toBe(3);
  });

  it('corrects names against a user dictionary with aliases', async () => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dict = join(mkdtempSync(join(tmpdir(), 'dict-')), 'persone.tsv');
    writeFileSync(dict, '# people of the Ambito\nCarolina Angelini\tC. Angelini|Carolina L. Angelini\n');
    const result = cleanText('Interviene C. Angelini.', { dictionaries: [dict] });
    expect(result.clean).toBe('Interviene Carolina Angelini.');
    expect(result.dictionaries).toEqual(expect.arrayContaining([expect.stringMatching(/^persone\.tsv/)]));
  });

  it('logs every change with offsets into both texts', () => {
    const raw = "In data 13 novembre si e tenuto I'incontro sulla poverta.\n\nLa quota non è pil stata decurtata.";
    const result = run(raw);
    expect(result.corrections.length).toBeGreaterThanOrEqual(4);
    for (const c of result.corrections) {
      expect(raw.slice(c.rawOffset, c.rawOffset + c.from.length)).toBe(c.from);
      expect(result.clean.slice(c.cleanOffset, c.cleanOffset + c.to.length)).toBe(c.to);
      expect(c.confidence).toBeGreaterThan(0);
    }
  });

  it('is idempotent: cleaning the clean text changes nothing', async () => {
    const { readFileSync } = await import('node:fs');
    const { SEED } = await import('../helpers.js');
    const first = run(readFileSync(SEED, 'utf8'));
    const second = run(first.clean);
    expect(second.corrections).toEqual([]);
    expect(second.clean).toBe(first.clean);
  });

  it('property: any text is cleaned without throwing, and cleaning twice changes nothing more', () => {
    const piece = fc.constantFrom('\n', '\f', ' ', 'a', 'pag. 1', '-', '|', "'", 'e', 'x\n', '\n\n', '€', 'poverta', "I'", 'COMUNE DI X g', 'sara');
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string({ maxLength: 6 })), { maxLength: 30 }), (parts) => {
        const first = run(parts.join(''));
        expect(run(first.clean).clean).toBe(first.clean);
      }),
      { numRuns: 2000, seed: 20261127 },
    );
  });
});

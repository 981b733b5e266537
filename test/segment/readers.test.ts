import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText, createCleanContext } from '../../pipeline/clean/index.js';
import { nameKey } from '../../pipeline/clean/names-dictionary.js';
import { createSegmentContext, type Structure, segmentMarkdown, segmentMinutes } from '../../pipeline/segment/index.js';
import { ROOT } from '../helpers.js';

const cleanCtx = createCleanContext();
const ctx = createSegmentContext((printed) => cleanCtx.names.comuniByKey.get(nameKey(printed)) ?? null);
const read = (text: string): Structure => segmentMinutes(text, {}, ctx).structure;
const opening = "L'anno duemilaventicinque, il giorno 3 del mese di marzo alle ore 18.00, si è riunito il Consiglio Comunale.\n\n";

describe('attendance in every common shape', () => {
  it.each([
    [
      'names under a present section, absences under their own head with the reason kept',
      `${opening}alla presenza dei signori Consiglieri:\n\nROSSI MARIO\nBIANCHI ANNA\nFERRARA LUCIO\n\nAssenti giustificati:\nVERDI PAOLO\n\nAssenti ingiustificati: /\n`,
      { present: ['Mario Rossi', 'Anna Bianchi', 'Lucio Ferrara'], absent: ['Paolo Verdi'], absence: 'giustificati' },
    ],
    [
      'two columns side by side with Si/No',
      `${opening}hanno preso parte i Signori:\n\n COGNOME E NOME        PRESENTE    COGNOME E NOME        PRESENTE\n ROSSI MARIO              Si       NERI LUCA                 No\n BIANCHI ANNA             Si       GALLI SARA                Si\n`,
      { present: ['Mario Rossi', 'Anna Bianchi', 'Sara Galli'], absent: ['Luca Neri'] },
    ],
    [
      'a flattened two-column roll call with P/A/AG codes',
      `${opening}All'appello nominale\n1. ROSSI MARIO P 3. NERI LUCA A\n2. BIANCHI ANNA P 4. GALLI SARA AG\n`,
      { present: ['Mario Rossi', 'Anna Bianchi'], absent: ['Luca Neri', 'Sara Galli'] },
    ],
    [
      'an X under PRESENTE or ASSENTE',
      `${opening}con l'intervento dei Signori:\n                                   PRESENTE   ASSENTE\n 1) ROSSI Mario      Sindaco          X\n 2) NERI Luca        Assessore                   X\n 3) GALLI Sara       Assessore        X\n`,
      { present: ['Mario Rossi', 'Sara Galli'], absent: ['Luca Neri'] },
    ],
    [
      'lists of the present and the absent side by side',
      `${opening}All'appello risultano:\n\n   P R E S E N T I                A S S E N T I\n 1) ROSSI Mario               1) NERI Luca\n 2) GALLI Sara\n`,
      { present: ['Mario Rossi', 'Sara Galli'], absent: ['Luca Neri'] },
    ],
    [
      'a list in prose, the absent in another sentence',
      `${opening}Risultano presenti il Sindaco Mario Rossi e i Consiglieri Bianchi Anna, Galli Sara e Conti Piero.\n\nRisultano assenti i Consiglieri Neri Luca e Verdi Paolo, quest'ultimo giustificato.\n`,
      { present: ['Mario Rossi', 'Bianchi Anna', 'Galli Sara', 'Conti Piero'], absent: ['Neri Luca', 'Verdi Paolo'] },
    ],
    [
      'a list in prose naming the chair besides the councillors, a colon after the office, absences one a sentence',
      `${opening}Sono presenti, oltre al Presidente Mario Rossi, i Consiglieri: Anna Bianchi, Sara Galli.\nÈ assente giustificata la Consigliera: Lucia Verdi.\nÈ assente il Consigliere: Piero Conti.\n`,
      { present: ['Mario Rossi', 'Anna Bianchi', 'Sara Galli'], absent: ['Lucia Verdi', 'Piero Conti'], absence: 'giustificata' },
    ],
    [
      'lists numbered inline in prose, a name broken across lines',
      `${opening}All'appello nominale risultano presenti i signori: 1) Rossi Mario, 2) Bianchi\nAnna, 3) Galli Sara.\nRisultano assenti i signori: 1) Neri Luca, 2) Conti Piero.\n`,
      { present: ['Rossi Mario', 'Bianchi Anna', 'Galli Sara'], absent: ['Neri Luca', 'Conti Piero'] },
    ],
    [
      'a roll call transcribed as read out, in the secretary\'s speech, a name and its mark across lines',
      `${opening}SEGRETARIO GENERALE: Grazie. Rossi Mario, Sindaco, presente; Bianchi Anna,\npresente; Neri Luca, assente giustificato; Galli Sara, presente; Conti\nPiero, assente.\n\nPRESIDENTE: Presenti 3, la seduta è valida.\n`,
      { present: ['Rossi Mario', 'Bianchi Anna', 'Galli Sara'], absent: ['Neri Luca', 'Conti Piero'], absence: 'giustificato' },
    ],
    [
      "a list in prose that runs onto the line where the absent's head opens",
      `${opening}Sono presenti: il Sindaco Anna Bellotti, gli Assessori Piero\nGaravaldi ed Ennio Roncati (assessore esterno). Assenti: l'Assessore Marta Fiorini\n(giustificata).\n`,
      { present: ['Anna Bellotti', 'Piero Garavaldi', 'Ennio Roncati'], absent: ['Marta Fiorini'] },
    ],
    [
      'a roll call read out, one line a name',
      `${opening}SEGRETARIO. Procedo all'appello.\nRossi Mario? Presente.\nNeri Luca? Assente giustificato.\nGalli Sara? Presente.\n`,
      { present: ['Rossi Mario', 'Galli Sara'], absent: ['Neri Luca'] },
    ],
  ])('%s', (_name, text, want) => {
    const s = read(text);
    const names = (present: boolean) => s.attendance.filter((a) => a.present === present).map((a) => a.person);
    expect(names(true)).toEqual(want.present);
    expect(names(false)).toEqual(want.absent);
    if ('absence' in want) expect(s.attendance.find((a) => a.present === false)?.absence).toMatch(new RegExp(want.absence as string, 'i'));
  });

  it('reads a header printed on two lines that a scan set a blank line between, its number and name labels one space apart', () => {
    const rows = [
      '                                                     Presente    Presente in',
      '',
      '   N. Cognome e Nome       Carica                    in sede     videoconferenza   Assente',
      '    1 ROSSI Mario          Sindaco                       X',
      '    2 BIANCHI Anna         Consigliere                               X',
      '    3 NERI Luca            Consigliere                                              X',
    ].join('\n');
    const s = read(`${opening}Il Segretario procede all'appello nominale. All'appello risultano:\n\n${rows}\n\nIl Presidente apre la seduta.\n`);
    expect(s.attendance.map((a) => [a.person, a.present, a.remote])).toEqual([
      ['Mario Rossi', true, false],
      ['Anna Bianchi', true, true],
      ['Luca Neri', false, false],
    ]);
  });

  it('reads the footnote a presence cell calls: a late arrival is no presence at the opening', () => {
    const rows = [
      '   COGNOME E NOME        CARICA          PRESENZA',
      '   ROSSI Mario           Sindaco         Presente',
      '   BIANCHI Anna          Consigliere     Presente (*)',
      '   NERI Luca             Consigliere     Assente',
      '',
      '   (*) entra alle ore 18.40, durante la trattazione del punto 1.',
    ].join('\n');
    const s = read(`${opening}Risultano:\n\n${rows}\n\nIl Presidente apre la seduta.\n`);
    expect(s.attendance.map((a) => [a.person, a.present, a.arrivedAt, a.note])).toEqual([
      ['Mario Rossi', true, null, null],
      ['Anna Bianchi', false, '18:40', 'entra alle ore 18.40, durante la trattazione del punto 1.'],
      ['Luca Neri', false, null, null],
    ]);
  });

  it("reads a table of each comune's representative, a presence cell wrapped onto a second line", () => {
    const rows = [
      '  COMUNE                 RAPPRESENTANTE        QUALIFICA             PRESENTE/ASSENTE',
      '',
      '  Alfa Terme             Rossi Mario           Sindaco               Assente',
      '  Borgo Beta             Bianchi Anna          Assessore delegato    Presente (in',
      '                                                                     videoconferenza)',
      '  Gamma di Sopra         Neri Luca             Sindaco               Presente',
    ].join('\n');
    const s = read(`${opening}Risultano presenti i rappresentanti dei Comuni come di seguito indicato:\n\n${rows}\n\nIl Presidente apre la seduta.\n`);
    expect(s.attendance.map((a) => [a.person, a.entity, a.present, a.remote])).toEqual([
      ['Rossi Mario', 'Alfa Terme', false, false],
      ['Bianchi Anna', 'Borgo Beta', true, true],
      ['Neri Luca', 'Gamma di Sopra', true, false],
    ]);
  });

  it("mends a name whose last letter the text layer set apart, which a numbered row would take for an absence code", () => {
    const s = read(`${opening}All'appello nominale\n1. ROSSI MARIO P 3. NERI LUCA A\n2. COST A PAOLO P 4. GALLI SARA AG\n`);
    expect(s.attendance.map((a) => [a.person, a.present])).toEqual([
      ['Mario Rossi', true],
      ['Paolo Costa', true],
      ['Luca Neri', false],
      ['Sara Galli', false],
    ]);
  });

  it('reads a scan of a list with dot leaders: row numbers read with a comma or a semicolon, leaders read as letters and dots or as scraps of letters', () => {
    const s = read(
      `${opening}procede all'appello nominale, dal quale risultano:\n\n1. ROSSI Mario ................ presente\n2, BIANCHI Anna id... presente\n3; NERI Luca ..i assente\n4. GALLI Sara ... presente\n5. LUPO Antonio ne A presente\n6. DE LUCA Elisa P presente\n`,
    );
    expect(s.attendance.map((a) => [a.person, a.present])).toEqual([
      ['Mario Rossi', true],
      ['Anna Bianchi', true],
      ['Luca Neri', false],
      ['Sara Galli', true],
      ['Antonio Lupo', true],
      ['Elisa De Luca', true],
    ]);
  });

  it('takes a presence word on a line of its own for a mark set apart, not for the header of a table', () => {
    // A scan split a row from its mark: `presente` alone must not make the rows after it a table whose one column means present.
    const s = read(`${opening}procede all'appello nominale, dal quale risultano:\n\n1. ROSSI Mario\n\npresente\n2. BIANCHI Anna assente\n3. NERI Luca presente\n`);
    expect(s.attendance.find((a) => a.person === 'Anna Bianchi')?.present).toBe(false);
    expect(s.attendance.find((a) => a.person === 'Luca Neri')?.present).toBe(true);
    // The mark is the row's above it.
    expect(s.attendance.find((a) => a.person === 'Mario Rossi')?.present).toBe(true);
  });

  it('takes a damaged row ending in a mark for no head of a section, and a dot OCR put after a name for no sentence end', () => {
    const s = read(`${opening}procede all'appello nominale, dal quale risultano:\n\n1. ROSSI Mario presente\n\n2. VERDI -PAOLx A E assente\n\n3; NERI Luca. presente\n\n4. GALLI Sara presente\n`);
    expect(s.attendance.find((a) => a.person === 'Luca Neri')?.present).toBe(true);
    expect(s.attendance.filter((a) => a.present === false).map((a) => a.person)).not.toContain('Luca Neri');
  });

  it('takes no agenda line after a page break for a member: a particle ends no name', () => {
    const text = `${opening}All'appello nominale\n1. ROSSI MARIO P 3. NERI LUCA A\n2. BIANCHI ANNA P 4. GALLI SARA AG\n\n5. Relazione della Presidente.\n6. Varie ed eventuali.\n`;
    expect(read(text).attendance.map((a) => a.person)).toEqual(['Mario Rossi', 'Anna Bianchi', 'Luca Neri', 'Sara Galli']);
  });

  it('takes a quoted title that mentions who is present, continued after a page footer, for no list of members', () => {
    const text = `${opening}All'appello nominale\n1. ROSSI MARIO P 3. NERI LUCA A\n2. BIANCHI ANNA P 4. GALLI SARA AG\n\nIl Presidente dichiara aperti i lavori sul seguente ordine del giorno:\n   1. Approvazione del verbale della seduta precedente.\n   2. Mozione “Bacheche nelle frazioni\n\nComune di Lavis\nSede legale: via Roma 1 I 38015 Lavis I tel. 0461 000000\n       dove non sono presenti, Sternigo e Montagnaga in particolare”.\n   3. Varie ed eventuali.\n`;
    expect(read(text).attendance.map((a) => a.person)).toEqual(['Mario Rossi', 'Anna Bianchi', 'Luca Neri', 'Sara Galli']);
  });

  it("gives each member of a two-column roll call the span of their own cell, whatever the table's order", () => {
    const text = `${opening}All'appello nominale\n1. ROSSI MARIO P 3. NERI LUCA A\n2. BIANCHI ANNA P 4. GALLI SARA AG\n\nIl Presidente dichiara aperti i lavori.\n`;
    expect(read(text).attendance.map((a) => (a.span ? text.slice(a.span.start, a.span.end) : null))).toEqual(['1. ROSSI MARIO P', '2. BIANCHI ANNA P', '3. NERI LUCA A', '4. GALLI SARA AG']);
  });

  it('takes no line of capitals for a person: a title broken before its last letter reads like a name and an absence code', () => {
    const text = `${opening}All'appello nominale\n1. ROSSI MARIO P 3. NERI LUCA A\n2. BIANCHI ANNA P 4. GALLI SARA AG\n\nArgomento n. 4 dell'o.d.g. ........ 12\nRICONOSCIMENTO DI UN DEBITO DERIVANTE DA SENTENZA DELLA\nCOMMISSIONE TRIBUTARIA DI SECONDO GRADO DI VERON A.\n`;
    expect(read(text).attendance.map((a) => a.person)).toEqual(['Mario Rossi', 'Anna Bianchi', 'Luca Neri', 'Sara Galli']);
  });

  it('reads the opening count and warns when the members listed disagree with it', () => {
    const s = read(`${opening}alla presenza dei signori Consiglieri:\n\nROSSI MARIO\nBIANCHI ANNA\n\nAlle ore 18.05 sono presenti n. 3 Consiglieri.\n`);
    expect(s.openingCount).toMatchObject({ present: 3 });
    expect(s.warnings.map((w) => w.code)).toContain('attendance-count-mismatch');
  });

  it('warns, at the first of them, when members are listed but their presence cannot be read (a head OCR damaged)', () => {
    const list = '1) ROSSI Mario          1) NERI Luca\n2) BIANCHI Anna\n3) GALLI Sara\n';
    const damaged = read(`${opening}All'appello risultano:\n\nP R F S F N T T   A S S F N T T\n${list}`);
    expect(damaged.attendance.some((a) => a.present === null)).toBe(true);
    const warning = damaged.warnings.find((w) => w.code === 'attendance-presence-unknown');
    expect(warning?.message).toMatch(/of \d+ members listed with no presence read/);
    expect(warning?.span).not.toBeNull();
    // The same list under a head it can read: every presence known, no such warning.
    const clean = read(`${opening}All'appello risultano:\n\nP R E S E N T I          A S S E N T I\n${list}`);
    expect(clean.attendance.map((a) => [a.person, a.present])).toEqual([
      ['Mario Rossi', true],
      ['Luca Neri', false],
      ['Anna Bianchi', true],
      ['Sara Galli', true],
    ]);
    expect(clean.warnings.map((w) => w.code)).not.toContain('attendance-presence-unknown');
  });

  describe('tables whose gaps OCR closed (PSM 4 reads a page as one column: gaps become single spaces)', () => {
    it('reads entity, name, role and presence by evidence when a row has no gaps left', () => {
      const table = [
        'COMUNE COMPONENTE QUALIFICA PRESENZA',
        'BRONI Carla Ferri Sindaco presente',
        'Paolo Conti Consigliere comunale (minoranza) assente giustificato',
        'SAN DAMIANO MACRA Elena Fumagalli Vice Sindaco, delegato dal Sindaco presente',
      ].join('\n');
      const s = read(`${opening}All'appello risultano:\n\n${table}\n\nIl Presidente, constatato il numero legale, dichiara aperta la seduta.\n`);
      expect(s.attendance.map((a) => [a.entity, a.person, a.role, a.present])).toEqual([
        ['Comune di Broni', 'Carla Ferri', 'Sindaco', true],
        ['Comune di Broni', 'Paolo Conti', 'Consigliere comunale', false],
        ['Comune di San Damiano Macra', 'Elena Fumagalli', 'Vice Sindaco', true],
      ]);
      expect(s.attendance[1]?.absence).toMatch(/giustificat/);
    });

    it('reads no presence from a mark whose column is lost, and says so, however the head reads', () => {
      const table = ['PRESENTE ASSENTE', '', '1) TOSATO Anna Sindaco X', '2) LUPO Marco Assessore X', '3) FERRERO Elena Assessore X', 'TOTALE 2 1'].join('\n');
      const s = read(`${opening}si è riunita la Giunta Comunale con l'intervento dei Signori:\n\n${table}\n\nIl Presidente dichiara aperta la seduta.\n`);
      expect(s.attendance.map((a) => [a.person, a.role, a.present])).toEqual([
        ['Anna Tosato', 'Sindaco', null],
        ['Marco Lupo', 'Assessore', null],
        ['Elena Ferrero', 'Assessore', null],
      ]);
      expect(s.warnings.map((w) => w.code)).toContain('attendance-presence-unknown');
    });

    it('reads two numbered lists side by side under a letter-spaced head OCR broke', () => {
      const rows = '1) ROSSI Mario 1) NERI Luca\n2) BIANCHI Anna 2) MORO Piero\n3) GALLI Sara\n4) VERDI Paolo\n';
      const s = read(`${opening}All'appello risultano:\n\nPRESENTI AS SENTITI\n${rows}`);
      expect(s.attendance.map((a) => [a.person, a.present])).toEqual([
        ['Mario Rossi', true],
        ['Luca Neri', false],
        ['Anna Bianchi', true],
        ['Piero Moro', false],
        ['Sara Galli', true],
        ['Paolo Verdi', true],
      ]);
      expect(s.warnings.map((w) => w.code)).not.toContain('attendance-presence-unknown');
    });

    it('reads a list in prose and a list of voters across a blank line OCR put inside the sentence', () => {
      const s = read(
        `${opening}Risultano presenti i Consiglieri Rossi Mario, Bianchi Anna, Galli\n\nSara, Neri Luca (presenti n. 4).\n\n## 1. Bilancio\n\nIl Presidente pone in votazione il punto.\nVotano a favore: i Consiglieri Rossi, Bianchi,\n\nGalli.\nVotano contro: il Consigliere Neri.\n`,
      );
      // In prose and in natural case the order of first name and surname is not known: kept as printed.
      expect(s.attendance.map((a) => a.person)).toEqual(['Rossi Mario', 'Bianchi Anna', 'Galli Sara', 'Neri Luca']);
      const votes = s.agenda.flatMap((i) => i.decisions).map((d) => d.votes);
      expect(votes.map((v) => [v?.favorevoli, v?.contrari])).toEqual([[3, 1]]);
    });
  });

  it('does not list again members a later numbered list names (tellers), nor warns about them', () => {
    const s = read(
      `${opening}All'appello risultano:\n1. ROSSI MARIO P 3. NERI LUCA A\n2. BIANCHI ANNA P 4. GALLI SARA P\n\nSono designati a fungere da scrutatori i Consiglieri:\n1) Mario Rossi        2) Sara Galli\n`,
    );
    expect(s.attendance.map((a) => [a.person, a.present])).toEqual([
      ['Mario Rossi', true],
      ['Anna Bianchi', true],
      ['Luca Neri', false],
      ['Sara Galli', true],
    ]);
    expect(s.warnings.map((w) => w.code)).not.toContain('attendance-presence-unknown');
  });

  it('reads a ruled table whose presence column says how each member attended, through the clean stage', () => {
    const table = [
      '| N. | Cognome e Nome | Carica                   | Presenza             |',
      '|----|----------------|--------------------------|----------------------|',
      '| 1  | Rossi Mario    | Sindaco                  | in presenza          |',
      '| 2  | Neri Luca      | Presidente del Consiglio | in presenza          |',
      '| 3  | Galli Sara     | Consigliere              | in videoconferenza   |',
      '| 4  | Conti Piero    | Consigliere              | assente giustificato |',
    ].join('\n');
    const text = `${opening}Presiede la seduta il Presidente del Consiglio comunale, Luca Neri.\n\n${table}\n`;
    const s = read(cleanText(text, {}, cleanCtx).clean);
    expect(s.attendance.map((a) => [a.person, a.role, a.present, a.remote])).toEqual([
      ['Rossi Mario', 'Sindaco', true, false],
      ['Neri Luca', 'Presidente del Consiglio', true, false],
      ['Galli Sara', 'Consigliere', true, true],
      ['Conti Piero', 'Consigliere', false, false],
    ]);
    expect(s.officers.president).toBe('Neri Luca');
  });

  it('reads a mark with `(remoto)` beside it as there from a distance', () => {
    const table = [
      '  COMUNE          NOMINATIVO        QUALIFICA      PRESENZA',
      '  Roccaverde      Rossi Mario       Sindaco        P',
      '  Colleverde      Bianchi Anna      Sindaco        P (remoto)',
      '  Poggiomare      Galli Sara        Assessore      A',
    ].join('\n');
    // The count after the table (`Comuni presenti: 2 (…)`) heads no list: the chair named next is no fourth member.
    const after = "Comuni presenti: 2 (di cui 1 in collegamento da remoto) – Comuni assenti: 1\n\nPresiede la seduta l'Assessore ai Servizi Sociali, dott.ssa Lucia Verdi, delegata dal Sindaco.";
    const s = read(`${opening}Risultano presenti e assenti i rappresentanti dei Comuni:\n\n${table}\n\n${after}\n`);
    expect(s.attendance.map((a) => [a.person, a.present, a.remote])).toEqual([
      ['Rossi Mario', true, false],
      ['Bianchi Anna', true, true],
      ['Galli Sara', false, false],
    ]);
  });

  it('names the chair after an office with its delegation and its comune', () => {
    const s = read(`${opening}Presiede la seduta l'Assessore ai Servizi Sociali del Comune di Roccaverde, dott.ssa Lucia Verdi, delegata dal Sindaco.\n`);
    expect(s.officers.president).toBe('Lucia Verdi');
    // The name broken at the line's end, its surname ended by a comma on the next.
    const broken = read(`${opening}Presiede la seduta l'Assessore ai Servizi Sociali, dott.ssa Lucia\nVerdi, delegata dal Sindaco.\n`);
    expect(broken.officers.president).toBe('Lucia Verdi');
    // An office of a body with a plural in its name (`della Conferenza dei Sindaci`).
    const plural = read(`${opening}Presiede la seduta il Presidente della Conferenza dei Sindaci, Lucia Verdi, Sindaco del Comune di Roccaverde.\n`);
    expect(plural.officers.president).toBe('Lucia Verdi');
  });

  it('names the secretary after her office and an article before her title', () => {
    const s = read(`${opening}Presiede la seduta il Presidente Mario Rossi.\nFunge da segretaria verbalizzante la dott.ssa Lucia Verdi, funzionaria del Comune.\n`);
    expect(s.officers.secretary).toBe('Lucia Verdi');
  });

  it('keeps a member who is there from a distance and one who came in later', () => {
    const s = read(`${opening}alla presenza dei signori Consiglieri:\n\nROSSI MARIO (in collegamento meet)\nBIANCHI ANNA (entrata alle ore 18.20)\nFERRARA LUCIO\n`);
    expect(s.attendance.map((a) => [a.person, a.present, a.remote, a.arrivedAt])).toEqual([
      ['Mario Rossi', true, true, null],
      ['Anna Bianchi', false, false, '18:20'],
      ['Lucio Ferrara', true, false, null],
    ]);
  });
});

describe('votes exactly as printed', () => {
  const vote = (block: string) => read(`${opening}Punto 1. Approvazione del bilancio.\n${block}\n`).agenda[0]?.decisions[0]?.votes;
  it.each([
    ['a vote block', 'Votanti 11\nVotazione palese per alzata di mano:\nFavorevoli 10\nAstenuti 1\nContrari 0', { favorevoli: 10, contrari: 0, astenuti: 1, votanti: 11, method: 'show-of-hands' }],
    ['a blank and a slash are not numbers', 'Votanti 10\nFavorevoli 10\nAstenuti\nContrari /', { favorevoli: 10, contrari: null, astenuti: null, printed: { astenuti: '', contrari: '/' } }],
    ['n. and // as printed, names per side', 'Voti favorevoli n.16 (Rossi, Bianchi);\nVoti contrari n. //;\nAstenuti n. 4 ( Neri, Galli F., Conti, Verdi);', { favorevoli: 16, contrari: null, astenuti: 4, abstainers: ['Neri', 'Galli F.', 'Conti', 'Verdi'] }],
    ['counts in words, nessuno', 'La Giunta, con voti favorevoli dieci, contrari uno (Rossi), astenuti nessuno, approva.', { favorevoli: 10, contrari: 1, astenuti: 0, against: ['Rossi'] }],
    ['electronic, with non voting members', 'Chiusa la votazione. Favorevoli: 19; contrari: 9; astenuti: 2; non votanti: nessuno; assenti: 3. La proposta è approvata.', { favorevoli: 19, contrari: 9, astenuti: 2, method: 'electronic' }],
    ['only named lists', 'Votano a favore: i Consiglieri Rossi, Bianchi e Galli.\nVotano contro: nessuno.\nSi astengono: i Consiglieri Neri.', { favorevoli: 3, contrari: 0, astenuti: 1, inFavour: ['Rossi', 'Bianchi', 'Galli'] }],
    [
      'a page turn inside the block, blank lines and footer between',
      'Votanti 11\nFavorevoli 3 (Rossi, Bianchi e Galli)\n\n\n\n                                       pagina 2 di 5\n\fAstenuti 2 (Neri e Conti)\nContrari 6\n\nLa proposta non viene pertanto accolta.',
      { favorevoli: 3, contrari: 6, astenuti: 2, votanti: 11, abstainers: ['Neri', 'Conti'] },
    ],
    [
      'a page turn inside the block, its footer gone',
      'Votanti 11\nFavorevoli 3 (Rossi, Bianchi e Galli)\n\n\n\n\fAstenuti 2 (Neri e Conti)\nContrari 6\n\nLa proposta non viene pertanto accolta.',
      { favorevoli: 3, contrari: 6, astenuti: 2, votanti: 11, abstainers: ['Neri', 'Conti'] },
    ],
    ['unanimity does not print how many', 'Il Consiglio, con votazione palese unanime, approva.', { favorevoli: null, contrari: 0, astenuti: 0, unanimous: true }],
    ['unanimity with its count in parentheses', 'Esito: voti unanimi favorevoli espressi in forma palese (n. 14).', { favorevoli: 14, contrari: 0, astenuti: 0, unanimous: true }],
    [
      'unanimity of the voters it counts, one count for present and voting',
      "Ad unanimità di voti espressi per alzata di mano dai\n9 Consiglieri presenti e votanti,",
      { favorevoli: 9, contrari: 0, astenuti: 0, unanimous: true, presenti: 9, votanti: 9 },
    ],
    ['present and voting counted once, a vote split', 'Presenti e votanti n. 14, voti favorevoli 10, contrari 4.', { favorevoli: 10, contrari: 4, presenti: 14, votanti: 14 }],
    ['unanimity of those present does not say how many voted', "all'unanimità dei 12 presenti", { favorevoli: null, presenti: 12, votanti: null, unanimous: true }],
    ['the unanimous votes of those present, counted, are theirs', 'con voti unanimi dei 3 componenti presenti, espressi in forma palese', { favorevoli: 3, contrari: 0, astenuti: 0, unanimous: true }],
    [
      'a vote printed per group, from its total row',
      'Votazione palese, esito per gruppo consiliare:\n\nGRUPPO           VOTANTI   FAVOREVOLI   CONTRARI   ASTENUTI\nInsieme per Ardesio    6        6        /       1\nArdesio Futura         4        1        3       /\nTotale                10        7        3       1\n',
      { favorevoli: 7, contrari: 3, astenuti: 1, votanti: 10, printed: { favorevoli: '7', contrari: '3', astenuti: '1', votanti: '10' } },
    ],
    [
      'a vote table whose gaps a scan closed, from its total row',
      'La votazione dà il seguente esito, distinto per Comune:\n\nCOMUNE PRESENTI FAVOREVOLI CONTRARI ASTENUTI\nRoccaverde 3 3 - -\nValbruna Alta 2 1 - 1\nTOTALE 5 4 0 1\n\nIl Consiglio approva.',
      { favorevoli: 4, contrari: 0, astenuti: 1, printed: { favorevoli: '4', contrari: '0', astenuti: '1' } },
    ],
    [
      'who abstained, named in a sentence after the counts',
      'Votazione palese per alzata di mano:\nFavorevoli 10\nContrari 0\nAstenuti 1\n\nSi è astenuto il consigliere Lupo (minoranza). Il Consiglio approva.',
      { favorevoli: 10, contrari: 0, astenuti: 1, abstainers: ['Lupo (minoranza)'] },
    ],
    ['a count in words after a line break, and one before its word with its figure', 'Con voti favorevoli quattordici (14), contrari\nsei (6) ed uno (1) astenuto, espressi per appello nominale,', { favorevoli: 14, contrari: 6, astenuti: 1, method: 'roll-call' }],
    ['the names of who abstained on the next line, as many as the count', 'Presenti 21, votanti 19, favorevoli 15, contrari 2 (Lupo, Neri), astenuti 2\n    (Galli, Verdi).', { favorevoli: 15, contrari: 2, astenuti: 2, against: ['Lupo', 'Neri'], abstainers: ['Galli', 'Verdi'] }],
    [
      'a vote table without a total row is not summed',
      'Votazione palese:\n\nGRUPPO | FAVOREVOLI | CONTRARI | ASTENUTI\nInsieme per Ardesio | 6 | / | 1\nArdesio Futura | 1 | 3 | /\n',
      null,
    ],
  ])('%s', (_name, block, want) => {
    if (want === null) expect(vote(block)).toBeNull();
    else expect(vote(block)).toMatchObject(want);
  });

  it('says when a vote printed as a table has no total row to read', () => {
    const s = read(`${opening}Punto 1. Approvazione del bilancio.\nVotazione palese:\n\nGRUPPO | FAVOREVOLI | CONTRARI | ASTENUTI\nInsieme per Ardesio | 6 | / | 1\nArdesio Futura | 1 | 3 | /\n`);
    const decision = s.agenda[0]?.decisions[0];
    expect(decision?.text).toContain('Ardesio Futura');
    expect(s.warnings).toContainEqual(expect.objectContaining({ code: 'vote-counts-unread', span: decision?.span }));
  });

  it('reads a result announced and restated by the act that follows as one vote, and two votes called as two', () => {
    const s = read(
      `${opening}Punto 1. Acquedotto rurale.\nEseguito l'appello, si ottiene il seguente risultato: presenti n. 21, votanti n. 20, voti favorevoli quattordici (14), contrari sei (6), astenuti uno (1).\n\nVisto l'esito della votazione;\n\nCon voti favorevoli quattordici (14), contrari sei (6) ed uno (1) astenuto, espressi per appello nominale,\nDELIBERA\ndi approvare il progetto.\n`,
    );
    expect(s.agenda[0]?.decisions.map((d) => [d.votes?.favorevoli, d.votes?.contrari, d.votes?.astenuti, d.votes?.method])).toEqual([[14, 6, 1, 'roll-call']]);
  });

  it('tells the vote on immediate enforceability and on an amendment from the deliberation', () => {
    const s = read(
      `${opening}Punto 1. Regolamento TARI.\nIl Presidente pone in votazione l'emendamento n. 1.\nFavorevoli 14\nContrari 4\nAstenuti 1\n\nIl Presidente pone in votazione la proposta così emendata.\nFavorevoli 14\nContrari 4\nAstenuti 1\n\ne, con separata votazione unanime,\nDELIBERA\ndi dichiarare il presente provvedimento immediatamente eseguibile.\n`,
    );
    expect(s.agenda[0]?.decisions.map((d) => d.subject)).toEqual(['amendment', 'deliberation', 'immediate-execution']);
  });

  it('a secret ballot gives its results per candidate, not counts in favour', () => {
    const s = read(`${opening}Punto 1. Elezione del Presidente.\nVotazione a scrutinio segreto:\n• votanti: 11\n• schede bianche: 0\n• schede nulle: 1\nOttengono voti:\nRossi Mario con n° voti 10\n`);
    expect(s.agenda[0]?.decisions[0]).toMatchObject({ votes: null, ballot: { votanti: 11, bianche: 0, nulle: 1, results: [{ candidate: 'Rossi Mario', votes: 10 }] } });
  });
});

describe('speakers', () => {
  const doc = `${opening}alla presenza dei signori Consiglieri:\n\nROSSI MARIO\nTOSATO ELISABETTA\nLUPO ANTONIO\n\nAssume la presidenza il Consigliere Mario Rossi.\n\nPunto 1. Bilancio.\n`;
  it.each([
    ['a verb before the office and name', 'Interviene la Consigliera Elisabetta Tosato per precisare il punto.', 'Elisabetta Tosato'],
    ['the name before its verb, with an apposition', 'Il Consigliere Lupo, a nome del suo gruppo, propone un rinvio.', 'Antonio Lupo'],
    ['a surname the attendance lists, alone', 'Il bilancio, spiega Tosato, è in equilibrio.', 'Elisabetta Tosato'],
    ['the floor given to someone', 'La Presidenza passa la parola al Consigliere Tosato, che illustra il documento.', 'Elisabetta Tosato'],
    ['an office resolved to whoever held it', 'Il Presidente introduce il punto.', 'Mario Rossi'],
    ['a report', 'Udita la relazione del Consigliere Lupo;', 'Antonio Lupo'],
    ['a name after a preposition, made the subject by a relative clause', "Dopo l'intervento del Consigliere Lupo, che ribadisce la richiesta, si passa al voto.", 'Antonio Lupo'],
    ['a clause between the name and a verb of opinion', 'Il Consigliere Lupo, pur condividendo la proposta, ritiene che sia prematura.', 'Antonio Lupo'],
    ['a parenthesis between the name and its verb', 'Il Consigliere Lupo (Lista Civica, minoranza) domanda quando si voterà.', 'Antonio Lupo'],
    ['two subjects of a plural verb, the first', 'Il Consigliere Lupo e la Consigliera Elisabetta Tosato plaudono all’idea.', 'Antonio Lupo'],
    ['two subjects of a plural verb, the second', 'Il Consigliere Lupo e la Consigliera Elisabetta Tosato plaudono all’idea.', 'Elisabetta Tosato'],
    ['surnames after a plural office, a plural verb after them', 'I rappresentanti del quartiere, Consiglieri Lupo e Tosato, aggiornano il Consiglio.', 'Elisabetta Tosato'],
    ['the first surname after a plural office', 'I rappresentanti del quartiere, Consiglieri Tosato e Lupo, aggiornano il Consiglio.', 'Elisabetta Tosato'],
    ['a plural verb before a list of people, a relative clause between them', 'Intervengono il Consigliere Lupo, che suggerisce un rinvio, e la Consigliera Tosato che invece, riferendosi al piano, osserva un errore.', 'Elisabetta Tosato'],
    ['a plural verb before a list of people, the last', 'Intervengono la Consigliera Tosato e il Consigliere Lupo.', 'Antonio Lupo'],
    ['a guest the attendance does not list, taking the floor', 'Prende la parola Alessandro Ferrero: spiega il progetto.', 'Alessandro Ferrero'],
    // Someone the attendance does not list, named by office, a title in lower case and a surname in apposition.
    ['an office, a lower-case title and a surname in apposition', 'Il Revisore, dott. Frattini, conferma il parere.', 'Frattini'],
    ['an office with `unico`, a title and a surname in apposition', 'Il Revisore unico, dott.ssa Mancinelli, precisa la proposta.', 'Mancinelli'],
    ['a clause of the premises opening with a participle', "Ritenuta la spesa congrua;\n        Udito il consigliere Lupo, il quale, pur dichiarandosi favorevole, raccomanda prudenza;", 'Antonio Lupo'],
    ['a participle, then altresì', "Udito altresì il consigliere Lupo, che si associa;", 'Antonio Lupo'],
    ['a verb that joins the last speaker', 'Il consigliere Lupo si associa e aggiunge che il tasso è alto.', 'Antonio Lupo'],
    ["an office's portfolio before the surname", "L'Assessore alle Finanze Lupo replica che l'onere trova capienza.", 'Antonio Lupo'],
    ['a person the attendance does not list, named with a title and an apposition', "Su invito della Presidente, l'arch. Anna Ferrero, direttrice dell'ufficio urbanistica, precisa che la servitù è garantita.", 'Anna Ferrero'],
    ["an office's portfolio in small letters, a parenthesis, then the verb", "L'assessore alla mobilità Lupo (interviene in lingua tedesca) riconosce la bontà della proposta.", 'Antonio Lupo'],
  ])('%s', (_name, sentence, who) => {
    const s = read(`${doc}${sentence}\n`);
    expect(s.agenda[0]?.turns.map((t) => t.speaker.name)).toContain(who);
  });

  it.each([
    ['a clause opened by come after the verb', "Il Consigliere Rossi illustra il punto. Aggiunge come il Consigliere Lupo abbia già chiesto un rinvio."],
    ['a person the verb is addressed to', 'Il Consigliere Rossi illustra il punto, e assicura al Consigliere Lupo che il rinvio è possibile.'],
  ])('no turn for the person of %s', (_name, sentence) => {
    const s = read(`${doc}${sentence}\n`);
    expect(s.agenda[0]?.turns.map((t) => t.speaker.name)).toEqual(['Mario Rossi']);
  });

  it('a participle inside a sentence reports no one', () => {
    const s = read(`${doc}Il Consigliere Rossi illustra il punto: ha sentito il Consigliere Lupo e ne condivide i dubbi.\n`);
    expect(s.agenda[0]?.turns.map((t) => t.speaker.name)).toEqual(['Mario Rossi']);
  });

  it('reads the name after an office and its portfolio, not the portfolio', () => {
    const s = read(`${doc}L'Assessore al Bilancio Lupo illustra la variazione.\n`);
    expect(s.agenda[0]?.turns.map((t) => [t.speaker.name, t.speaker.role])).toEqual([['Antonio Lupo', 'Assessore']]);
  });

  it.each([
    ['a label with a colon', 'ROSSI MARIO: ringrazia i presenti.'],
    ['a stenographic label', 'PRESIDENTE. Grazie, la seduta è aperta.'],
    ['a heading over the speech', 'Presidente Rossi\nGrazie. Dichiaro aperta la discussione.'],
  ])('%s', (_name, speech) => {
    const s = read(`${doc}${speech}\n`);
    expect(s.agenda[0]?.turns[0]).toMatchObject({ mode: 'label', speaker: { name: 'Mario Rossi' } });
  });

  it('a name after a preposition, before the verb, is whom the speaker answers, not the speaker', () => {
    const s = read(`${doc}La Consigliera Tosato illustra la mozione. Al Consigliere Lupo risponde che il testo è definitivo.\n`);
    expect(s.agenda[0]?.turns.map((t) => t.speaker.name)).toEqual(['Elisabetta Tosato']);
  });

  it('a name after a verb that takes an object is not a speaker', () => {
    const s = read(`${doc}Il Presidente ricorda Giulia Mancinelli, scrittrice del Cinquecento, e ringrazia Paolo Conte.\n`);
    expect(s.agenda[0]?.turns.map((t) => t.speaker.name)).toEqual(['Mario Rossi']);
  });

  it.each([
    ['one assessora the title names is who `l’Assessora` is', 'Punto 2. Intervento dell’Assessora Gianna Frattini sul bilancio.', 'Gianna Frattini'],
    ['with two the title names, nobody is guessed', 'Punto 2. Intervento dell’Assessora Gianna Frattini e dell’Assessora Paola Zanetti.', null],
  ])('an office the attendance lacks: %s', (_name, heading, who) => {
    const s = read(`${doc}Nulla.\n\n${heading}\nL’Assessora illustra il documento.\n`);
    expect(s.agenda[1]?.turns.map((t) => t.speaker.name)).toEqual([who]);
  });

  it('a speaker nobody lists is flagged once, at the first turn', () => {
    const s = read(`${doc}Prende la parola Alessandro Ferrero: spiega il progetto.\nPrende la parola Alessandro Ferrero: conclude.\n`);
    expect(s.agenda[0]?.turns.filter((t) => t.speaker.name === 'Alessandro Ferrero')).toHaveLength(2);
    const flagged = s.warnings.filter((w) => w.code === 'speaker-unknown');
    expect(flagged).toHaveLength(1);
    expect(flagged[0]?.span).toEqual(s.agenda[0]?.turns.find((t) => t.speaker.name === 'Alessandro Ferrero')?.span);
  });

  it('an office written for all its holders (`Consigliere/i`) is whom a speaker addresses, not a speaker', () => {
    const s = read(`${doc}La Consigliera Tosato aggiorna Consigliere/i sul coordinamento della festa.\n`);
    expect(s.agenda[0]?.turns.map((t) => t.speaker.label)).toEqual(['La Consigliera Tosato']);
  });

  it('an impersonal plural (`si riportano`) has no subjects who speak', () => {
    const s = read(`${doc}Si riportano i contenuti di un incontro con la Consigliera Tosato e il Consigliere Lupo.\n`);
    expect(s.agenda[0]?.turns ?? []).toEqual([]);
  });

  it("a text with no page breaks still prints each page's header: it is furniture, no part of a speech, and a vote goes on past it", () => {
    const header = (n: number) => `\n3 MARZO 2025                                        ${n}\n\n`;
    const speech = 'Consigliere Lupo\nRingrazio il Presidente per la parola e illustro la mozione,';
    const text = `${doc}${header(1)}${speech}${header(2)}che chiede un parere alla Giunta.\n${header(3)}Presidente Rossi\nPongo in votazione la mozione.\n\n> È aperta la votazione.\n\nVotazione.\n${header(4)}Chiusa la votazione. Favorevoli: 10; contrari: 2. La mozione è approvata.\n${header(5)}Presidente Rossi\nLa seduta è tolta.\n`.replace('> ', '');
    const s = read(text);
    const turns = s.agenda[0]?.turns ?? [];
    expect(turns.map((t) => t.speaker.name)).toEqual(['Antonio Lupo', 'Mario Rossi', 'Mario Rossi']);
    expect(turns[0]?.text.replace(/\s+/g, ' ')).toBe('Ringrazio il Presidente per la parola e illustro la mozione, che chiede un parere alla Giunta.');
    expect(s.agenda[0]?.decisions.map((d) => [d.votes?.favorevoli, d.votes?.contrari])).toEqual([[10, 2]]);
    // Four such lines are not enough to tell a header from a line the text repeats: the vote is cut at it.
    const few = read(text.replace(header(5), '\n\n'));
    expect(few.agenda[0]?.decisions.map((d) => d.votes?.favorevoli ?? null)).toEqual([null, 10]);
  });

  it('a heading too long for its line: the office on one, the name alone under it, the speech below', () => {
    const office = 'Presidente della Commissione per le politiche sociali, la casa e i servizi alla persona';
    const s = read(`${doc}Presidente Rossi\nDo la parola alla Presidente.\n${office}\nElisabetta Tosato\nGrazie. Illustro la relazione della Commissione.\n`);
    expect(s.agenda[0]?.turns.map((t) => [t.speaker.name, t.speaker.role])).toEqual([
      ['Mario Rossi', 'Presidente'],
      ['Elisabetta Tosato', 'Presidente'],
    ]);
    expect(s.agenda[0]?.turns[0]?.text).not.toContain('Illustro');
    expect(s.agenda[0]?.turns[1]?.speaker.label).toBe(`${office} Elisabetta Tosato`);
    // An office line inside a sentence, a name closing the paragraph under it: no heading.
    const prose = read(`${doc}Presidente Rossi\nRingrazio per il lavoro svolto il\n${office}\nElisabetta Tosato\n`);
    expect(prose.agenda[0]?.turns.map((t) => t.speaker.name)).toEqual(['Mario Rossi']);
  });

  it("a question's heading ends the speech above, and the words under it are its questioner's", () => {
    const question = "N. 3 - Interrogazione della Consigliera Tosato (PD) all'Assessore Lupo in merito\nalla manutenzione delle strade.";
    const s = read(`${doc}Presidente Rossi\nPrego.\n${question}\nGrazie Presidente. Chiedo quando saranno riparate.\nAssessore Lupo\nRispondo subito.\n`);
    expect(s.agenda[0]?.turns.map((t) => t.speaker.name)).toEqual(['Mario Rossi', 'Elisabetta Tosato', 'Antonio Lupo']);
    expect(s.agenda[0]?.turns[1]?.text).toContain('Chiedo quando saranno riparate.');
    // Their speech goes on over a page break, as a labelled one does.
    const broken = read(`${doc}Presidente Rossi\nPrego.\n${question}\nGrazie Presidente. Chiedo quando\f\nsaranno riparate.\nAssessore Lupo\nRispondo subito.\n`);
    expect(broken.agenda[0]?.turns[1]?.text.replace(/\s+/g, ' ')).toContain('Chiedo quando saranno riparate.');
    // A heading with no words under it (a list of the session's questions) is no speech.
    const listed = read(`${doc}Presidente Rossi\nPrego.\n\n${question}\n\nAssessore Lupo\nRispondo subito.\n`);
    expect(listed.agenda[0]?.turns.map((t) => t.speaker.name)).not.toContain('Elisabetta Tosato');
  });

  it("a speaker's own words (`mi risponde l'Assessora X`) report nobody: a minute-taker writes no first person", () => {
    const s = read(`${doc}Faccio un'interrogazione scritta e qui mi risponde l'Assessora Tosato dicendomi che non ci sono novità.\n`);
    expect(s.agenda[0]?.turns ?? []).toEqual([]);
    // Written by the minute-taker, the same verb reports her.
    const reported = read(`${doc}Alla richiesta risponde l'Assessora Tosato, che non ci sono novità.\n`);
    expect(reported.agenda[0]?.turns.map((t) => t.speaker.label)).toEqual(["l'Assessora Tosato"]);
  });

  it('a plural verb speaks for the names listed with it, not for a name elsewhere in the sentence', () => {
    const s = read(`${doc}Alcuni si dicono disponibili a collaborare; - si ricorda l'incontro con la Consigliera Tosato e il Consigliere Lupo.\n`);
    expect(s.agenda[0]?.turns ?? []).toEqual([]);
  });

  it('an abbreviated office alone is an office, never a name', () => {
    const text = `${opening}Presenti: ROSSI MARIO, NERI LUCA.\n\nPunto 1. Bilancio.\n\nLa Presidente illustra il documento predisposto dall’Ass. Bianchi, la quale ha precisato come sia già pronto.\n`;
    const turns = read(text).agenda.flatMap((i) => i.turns);
    expect(turns.map((t) => t.speaker?.name ?? null)).not.toContain('Ass');
    // The capitalised word after it is her surname, though `bianchi` is an ordinary word too.
    expect(turns.find((t) => t.speaker?.label?.includes('Ass.'))?.speaker).toMatchObject({ name: 'Bianchi', role: 'Assessore' });
  });

  it('an acronym that goes on with the sentence above is no stenographic label', () => {
    const s = read(`${doc}ROSSI MARIO: riferisce sul modello presentato a suo tempo da RFI nel\nPFTE. Dall'articolo risulta che gli esperti hanno chiesto altri studi.\n`);
    expect(s.agenda[0]?.turns.map((t) => t.speaker.name)).toEqual(['Mario Rossi']);
  });
});

describe('agenda', () => {
  it("a transcript's items opened by the chair's words, after the chair's label too, and labels in capitals with a colon", () => {
    const s = read(
      [
        `${opening}PRESIDENTE: Buonasera. Prego il Segretario di fare l'appello.`,
        '',
        'Passiamo al punto n. 1 all\'ordine del giorno: "Bilancio di previsione". Prego, assessore.',
        '',
        'ASS. FRATTINI: Grazie, Presidente. La variazione vale 480.000 euro.',
        '',
        'PRESIDENTE: Passiamo al punto n. 2 all\'ordine del giorno: "Mozione sulle fontanelle".',
        '',
        'SINDACO: Grazie. Siamo favorevoli alla mozione.',
      ].join('\n'),
    );
    expect(s.agenda.map((i) => i.number)).toEqual([1, 2]);
    expect(s.agenda.map((i) => i.turns.map((t) => t.speaker.label))).toEqual([['ASS. FRATTINI'], ['SINDACO']]);
  });

  it('a separator line under the listing continues no listed title, so no heading takes the text under it', () => {
    const s = read(
      `${opening}La seduta si apre con il seguente ordine del giorno:\n    1. Bilancio di previsione.\n    2. Eventuali comunicazioni dei Consiglieri.\n\n                                        * * *\n\nPunto 1. Bilancio di previsione.\nSi discute.\n\nPunto   2. Eventuali   comunicazioni   dei   Consiglieri.\nI rappresentanti del quartiere aggiornano il Consiglio sulla festa.\n`,
    );
    expect(s.agenda.map((i) => i.title)).toEqual(['Bilancio di previsione.', 'Eventuali comunicazioni dei Consiglieri.']);
  });

  it('numbers items as the minutes do, keeps the convened number, and keeps a listed item never taken up', () => {
    const s = read(
      `${opening}La seduta si apre con il seguente ordine del giorno:\n   1. Bilancio.\n   2. Interrogazioni.\n   3. Varie.\n\nPunto 1. (in origine punto 3 dell'o.d.g.) Varie.\nNulla da segnalare.\n\nPunto 2 (ex punto 1). Bilancio.\nSi discute.\n`,
    );
    expect(s.agenda.map((i) => [i.number, i.originalNumber, i.status])).toEqual([
      [1, 3, 'discussed'],
      [2, 1, 'discussed'],
      [null, 2, 'not-discussed'],
    ]);
    expect(s.warnings.map((w) => w.code)).toContain('agenda-item-not-discussed');
  });

  it('keeps the speeches before the first item, and says when they are more than an opening: question time is in no item', () => {
    const questions = [
      'PRESIDENTE: Apriamo con le interrogazioni. La parola al Consigliere Rossi.',
      'CONS. ROSSI: Chiedo al Sindaco dei lavori in via Roma.',
      'SINDACO: I lavori finiscono a maggio.',
      'CONS. ROSSI: Grazie.',
      'PRESIDENTE: La parola al Consigliere Bianchi.',
      "CONS. BIANCHI: Chiedo dell'illuminazione del parco.",
      'SINDACO: Provvederemo entro il mese.',
    ].join('\n\n');
    const item = "PUNTO N. 1 ALL'ORDINE DEL GIORNO: Bilancio di previsione.\n\nPRESIDENTE: Si discute il bilancio.\n";
    const s = read(`${opening}${questions}\n\n${item}`);
    expect(s.agenda.map((i) => i.number)).toEqual([1]);
    const w = s.warnings.find((x) => x.code === 'turns-outside-agenda');
    expect(w?.message).toMatch(/^7 speeches by 4 speakers/);
    expect(w?.span?.start).toBe(opening.length);
    // Each speech is in the record, its speaker read as in an item.
    expect(s.turnsBeforeAgenda.map((t) => [t.speaker.name ?? t.speaker.role, t.text.slice(0, 12)])).toEqual([
      ['Presidente', 'Apriamo con '],
      ['Rossi', 'Chiedo al Si'],
      ['Sindaco', 'I lavori fin'],
      ['Rossi', 'Grazie.'],
      ['Presidente', 'La parola al'],
      ['Bianchi', "Chiedo dell'"],
      ['Sindaco', 'Provvederemo'],
    ]);
    expect(s.agenda[0]?.turns.map((t) => t.text)).toEqual(['Si discute il bilancio.']);
    // An opening of two speeches is no question time, and is kept as well.
    const opened = read(`${opening}PRESIDENTE: Buonasera, apriamo la seduta.\n\nSEGRETARIO: Procedo all'appello.\n\n${item}`);
    expect(opened.warnings.map((x) => x.code)).not.toContain('turns-outside-agenda');
    expect(opened.turnsBeforeAgenda).toHaveLength(2);
  });

  it('a speech before the agenda goes on over a page break, as in an item, and a roll call or a title ends it', () => {
    const item = "PUNTO N. 1 ALL'ORDINE DEL GIORNO: Bilancio di previsione.\n\nPRESIDENTE: Si discute il bilancio.\n";
    const speech = 'PRESIDENTE: Apriamo con le interrogazioni.\n\nCONS. ROSSI: Chiedo al Sindaco dei lavori in via Roma,\f\nche durano da mesi.\n\nSINDACO: I lavori finiscono a maggio.';
    const s = read(`${opening}${speech}\n\n${item}`);
    expect(s.turnsBeforeAgenda.map((t) => [t.speaker.name ?? t.speaker.role, t.text.replace(/\s+/g, ' ')])).toEqual([
      ['Presidente', 'Apriamo con le interrogazioni.'],
      ['Rossi', 'Chiedo al Sindaco dei lavori in via Roma, che durano da mesi.'],
      ['Sindaco', 'I lavori finiscono a maggio.'],
    ]);
    // The roll call the chair asks for is the attendance, and the count after it no part of the chair's words.
    const roll = "PRESIDENTE: Prego il Segretario di fare l'appello.\n\n   ROSSI Mario              presente\n   BIANCHI Luca             presente\n   VERDI Anna               assente\n   NERI Paolo               presente\n\nSono presenti tre consiglieri su quattro.";
    const called = read(`${opening}${roll}\n\n${item}`);
    expect(called.attendance).toHaveLength(4);
    expect(called.turnsBeforeAgenda.map((t) => t.text)).toEqual(["Prego il Segretario di fare l'appello."]);
    // A title standing alone is no part of the speech before it.
    const titled = read(`${opening}PRESIDENTE: La seduta è valida.\n\nComunicazioni\n\n${item}`);
    expect(titled.turnsBeforeAgenda.map((t) => t.text)).toEqual(['La seduta è valida.']);
  });

  it("a deliberation's numbered dispositive is not an agenda", () => {
    const s = read(
      `DELIBERAZIONE DELLA GIUNTA COMUNALE N. 12 del 03/03/2025\n\nOGGETTO: Contributo alla Pro Loco.\n\n${opening}LA GIUNTA COMUNALE\n\ncon votazione palese unanime\n\nDELIBERA\n\n1) di approvare il contributo;\n2) di trasmettere la presente.\n`,
    );
    expect(s.kind).toBe('deliberazione');
    expect(s.agenda).toHaveLength(1);
    expect(s.agenda[0]?.title).toBe('Contributo alla Pro Loco.');
  });
});

describe('place', () => {
  it.each([
    ['after an adjective', "L'anno millenovecentocinquantadue, il giorno 29 del mese di novembre, alle ore 20, nella solita sala delle adunanze consiliari della Residenza Municipale, si e' riunito il Consiglio comunale.", 'solita sala delle adunanze consiliari della Residenza Municipale'],
    ['before whom it holds', 'Presiede il Presidente del Consiglio, presente nella Sala consiliare del Palazzo comunale unitamente al Segretario Generale, dott.ssa Anna Neri.', 'Sala consiliare del Palazzo comunale'],
  ])('reads where the sitting was held: %s', (_, sentence, place) => {
    expect(read(`${sentence}\n\nPunto 1. Bilancio.\n`).meeting.place).toBe(place);
  });
});

describe('closing time', () => {
  it.each([
    ['dichiara chiusa la seduta', 'Il Presidente dichiara chiusa la seduta alle ore 19,40.', '19:40'],
    ['dichiara sciolta la seduta', "Esaurita la trattazione degli argomenti, il Presidente dichiara sciolta la seduta alle ore 23,05.", '23:05'],
    ['dichiara tolta la seduta', 'Il Presidente dichiara tolta la seduta alle ore 20,15.', '20:15'],
  ])('reads the hour a sitting closed: %s', (_, closing, time) => {
    expect(read(`${opening}Punto 1. Bilancio.\nSi approva all'unanimità.\n\n${closing}\n`).meeting.endTime).toBe(time);
  });
});

describe('signatures', () => {
  const body = `${opening}Partecipa il Segretario comunale, dott. Luca Mancinelli. Presiede il Sindaco, Anna Tosato.\nSono presenti i consiglieri Tosato Anna, Lupo Marco e Ferrero Elena.\n\nPunto 1. Bilancio.\nSi approva all'unanimità.\n\n`;
  it.each([
    ['in two columns', 'IL SINDACO                      IL SEGRETARIO\nAnna Tosato                     Luca Mancinelli\n', ['Anna Tosato', 'Luca Mancinelli']],
    ['run together by a scan, cut where each name is printed elsewhere', 'IL SINDACO IL SEGRETARIO\nAnna Tosato Luca Mancinelli\n', ['Anna Tosato', 'Luca Mancinelli']],
    ['run together, names printed nowhere else: not read as one person', 'IL SINDACO IL SEGRETARIO\nGiulia Frattini Piero Lupetti\n', [null, null]],
    ['a title in small letters before one name of two', '        IL PRESIDENTE DEL CONSIGLIO                   IL SEGRETARIO GENERALE\n           Anna Tosato                            dott. Luca Mancinelli\n', ['Anna Tosato', 'Luca Mancinelli']],
    [
      'a second row of offices after a blank line',
      '                 IL SINDACO\n           f.to Anna Tosato\n\nIL CONSIGLIERE ANZIANO              IL SEGRETARIO\nf.to Marco Lupo            f.to Dott. Luca Mancinelli\n',
      ['Anna Tosato', 'Marco Lupo', 'Luca Mancinelli'],
    ],
  ])('pairs each office with its name: %s', (_, block, persons) => {
    const s = read(body + block);
    expect(s.signatures.map((g) => g.person)).toEqual(persons);
  });

  it('takes the president who signs for the chair a turn names only by office, where no formula names the chair', () => {
    const s = read(
      `${opening}Sono presenti i consiglieri Tosato Anna, Lupo Marco e Ferrero Elena.\n\nPunto 1. Bilancio.\nIl Presidente introduce l'argomento. Si approva all'unanimità.\n\nIL PRESIDENTE                      IL SEGRETARIO\nAnna Tosato                        Luca Mancinelli\n`,
    );
    expect(s.officers.president).toBe('Anna Tosato');
    expect(s.agenda[0]?.turns.map((t) => [t.speaker.name, t.speaker.role])).toEqual([['Tosato Anna', 'Presidente']]);
  });
});

describe('documents that are not minutes', () => {
  it.each([
    ['a building-permit notice', 'AVVISO DI DEPOSITO\n\nSi rende noto che presso l\'Ufficio Tecnico è depositata la domanda di permesso di costruire\npresentata dal Sig. Mario Rossi per la realizzazione di una tettoia in via Roma 12.\nChiunque può prenderne visione negli orari di apertura al pubblico.\n\nIl Responsabile del Servizio\nIng. Paolo Verdi\n'],
    ['a letter', "Gentile Signora,\n\nin riferimento alla Sua richiesta del 12 febbraio, Le comunichiamo che il certificato\nè disponibile presso lo sportello anagrafe.\n\nCordiali saluti.\n\nL'Ufficio Anagrafe\n"],
  ])('%s gets kind other, an empty structure and a warning', (_name, text) => {
    const s = read(text);
    expect(s.kind).toBe('other');
    expect(s.attendance).toEqual([]);
    expect(s.agenda).toEqual([]);
    expect(s.warnings.map((w) => w.code)).toEqual(['not-minutes']);
  });
});

describe('the Markdown round trip on our own verbali of other traditions', () => {
  const dir = join(ROOT, 'bench', 'corpus', 'own');
  const files = readdirSync(dir).filter((f) => f.endsWith('.txt'));
  const view = (s: Structure) =>
    JSON.parse(
      JSON.stringify({
        kind: s.kind,
        meeting: s.meeting,
        officers: s.officers,
        attendance: s.attendance.map(({ span: _s, ...a }) => a),
        agenda: s.agenda.map((i) => ({ number: i.number, title: i.title, turns: i.turns.map((t) => t.speaker), decisions: i.decisions.map((d) => [d.outcome, d.subject, d.votes]) })),
        events: s.events.map(({ span: _s, ...e }) => e),
        signatures: s.signatures,
      }),
    );
  it.each(files)('%s: reviewed Markdown re-derives the record', (file) => {
    const clean = cleanText(readFileSync(join(dir, file), 'utf8'), {}, cleanCtx).clean;
    const first = segmentMinutes(clean, {}, ctx);
    const again = segmentMarkdown(first.markdown, {}, ctx);
    expect(view(again.structure)).toEqual(view(first.structure));
  });
});

describe('property: random text never crashes the reader and never yields a count the text does not print', () => {
  const cue = fc.constantFrom(
    'Favorevoli ', 'Contrari ', 'Astenuti ', 'Votanti ', 'Presenti n° ', 'voti favorevoli n. ', 'con ', ' voti favorevoli e ', ' astenuto', 'unanimità', '/', '//',
    'Punto 1. ', 'OGGETTO: ', 'alla presenza dei Consiglieri:\n', 'Assenti giustificati:\n', 'ROSSI MARIO ', 'Si ', 'No ', 'P ', 'AG ', '\n', '\n\n', '\f',
    'Interviene il Consigliere Rossi', 'Presidente Rossi\n', 'PRESIDENTE. ', 'DELIBERA\n', 'dieci', 'nessuno', '(', ')', ':', ';', '.',
  );
  const doc = fc.array(fc.oneof(cue, fc.integer({ min: 0, max: 99 }).map(String), fc.string({ maxLength: 12 })), { maxLength: 60 }).map((parts) => parts.join(''));
  it('holds for 400 generated documents', () => {
    fc.assert(
      fc.property(doc, (text) => {
        const s = read(text);
        for (const item of s.agenda) {
          for (const d of item.decisions) {
            const v = d.votes;
            if (!v) continue;
            for (const key of ['favorevoli', 'contrari', 'astenuti', 'presenti', 'votanti'] as const) {
              const n = v[key];
              if (n === null || n === undefined) continue;
              const printed = v.printed?.[key];
              // Every count is printed: its figures or words are in the decision, or it is a 0 that unanimity or `nessuno` states, or it counts a printed list of names.
              const inText = printed !== undefined && (printed === 'names' || d.text.includes(printed));
              const byUnanimity = n === 0 && v.unanimous && (key === 'contrari' || key === 'astenuti');
              const byNone = n === 0 && /nessun/i.test(d.text);
              expect(inText || byUnanimity || byNone, `${key} ${n} in "${d.text}"`).toBe(true);
            }
          }
        }
      }),
      { numRuns: 400, seed: 20261202 },
    );
  });
});

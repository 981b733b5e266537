import { describe, expect, it } from 'vitest';
import { createCleanContext } from '../../pipeline/clean/index.js';
import { nameKey } from '../../pipeline/clean/names-dictionary.js';
import { createSegmentContext, type Structure, segmentMinutes } from '../../pipeline/segment/index.js';

// Shapes of verbali from traditions the first readers never met: Valle d'Aosta's bilingual tables and headings, a
// typewritten deliberation of the 1980s, a city council's stenographic transcript. People and comuni are invented.
const cleanCtx = createCleanContext();
const ctx = createSegmentContext((printed) => cleanCtx.names.comuniByKey.get(nameKey(printed)) ?? null);
const read = (text: string): Structure => segmentMinutes(text, {}, ctx).structure;
const opening = "L'anno duemilaventuno, il giorno 27 del mese di maggio alle ore 20:30, si è riunito il Consiglio comunale.\n\n";
const present = (s: Structure, yes: boolean) => s.attendance.filter((a) => a.present === yes).map((a) => a.person);

describe('attendance', () => {
  it('reads a bilingual table: a label and its translation head one column, an office in either language', () => {
    const s = read(
      `${opening}All'appello nominale, effettuato dal Segretario comunale, risultano:\n\n` +
        '  Nom et prénom / Cognome e nome    Qualité / Carica                  Présent /     Note\n' +
        '                                                                      Presente\n' +
        '  ROSSI Mario                       Syndic / Sindaco                     SI\n' +
        '  BIANCHI Anna                      Conseillère / Consigliera            NO         giustificata\n' +
        '  NERI Luca                         Conseiller / Consigliere             SI         in videoconferenza\n\n' +
        'Punto 1. Bilancio.\n',
    );
    expect(present(s, true)).toEqual(['Mario Rossi', 'Luca Neri']);
    expect(present(s, false)).toEqual(['Anna Bianchi']);
    expect(s.attendance.map((a) => a.role)).toEqual(['Sindaco', 'Consigliera', 'Consigliere']);
    expect(s.attendance.find((a) => a.person === 'Luca Neri')?.remote).toBe(true);
  });

  it('reads a table whose head is printed on two lines, with a column of marks for those there from a distance', () => {
    const s = read(
      `${opening}All'appello risultano:\n\n` +
        '                                                               Presente    Presente in\n' +
        '  N.  Cognome e Nome           Carica                         in sede     videoconferenza   Assente\n' +
        ' ----------------------------------------------------------------------------------------------------\n' +
        '   1  ROSSI Mario              Sindaco                            X\n' +
        '   2  BIANCHI Anna             Consigliere                                      X\n' +
        '   3  NERI Luca                Consigliere                                                         X\n\n' +
        'Punto 1. Bilancio.\n',
    );
    expect(s.attendance.map((a) => [a.person, a.present, a.remote])).toEqual([
      ['Mario Rossi', true, false],
      ['Anna Bianchi', true, true],
      ['Luca Neri', false, false],
    ]);
  });

  it('reads a two-column table headed P/A, its names followed by leader dots', () => {
    const s = read(
      `${opening}Fatto l'appello nominale, risultano:\n\n` +
        '        CONSIGLIERI                  P/A        CONSIGLIERI                 P/A\n\n' +
        '    1  Rossi Mario ...............  P      3  Neri Luca .................  A\n' +
        '    2  Bianchi Anna ..............  P      4  Galli Sara ................  P\n\n' +
        'Punto 1. Bilancio.\n',
    );
    expect(present(s, true).sort()).toEqual(['Bianchi Anna', 'Galli Sara', 'Rossi Mario']);
    expect(present(s, false)).toEqual(['Neri Luca']);
    // The right column's numbers stand left of its names, under the left column's marks.
    expect(s.attendance.map((a) => [a.n, a.person])).toEqual([
      [1, 'Rossi Mario'],
      [2, 'Bianchi Anna'],
      [3, 'Neri Luca'],
      [4, 'Galli Sara'],
    ]);
  });

  it('reads two columns of a roll call where both cells of a row end in an abbreviated reason', () => {
    const s = read(
      `${opening}SEGRETARIO GENERALE. Procede all'appello nominale.\n\n` +
        '   ROSSI Mario, Sindaco          presente          NERI Luca                  assente\n' +
        '   BIANCHI Anna                  presente          CONTI Piero                presente\n' +
        '   GALLI Sara                    assente giust.    VERDI Paolo                assente giust.\n\n' +
        'Punto 1. Bilancio.\n',
    );
    expect(present(s, false).sort()).toEqual(['Luca Neri', 'Paolo Verdi', 'Sara Galli']);
    expect(s.attendance.find((a) => a.person === 'Paolo Verdi')?.absence).toBe('assente giust.');
  });
});

describe('the chair and the speakers', () => {
  it("takes the chair of a deliberation's opening, after its subject, for the sitting's president; the formula of opening is no speech", () => {
    const s = read(
      'VERBALE DI DELIBERAZIONE DEL CONSIGLIO COMUNALE\n\nOGGETTO: Revisione delle tariffe.\n\n' +
        `${opening}Fatto l'appello nominale, risultano presenti i consiglieri Rossi Mario, Bianchi Anna e Lupo Antonio.\n\n` +
        'Riconosciuto legale il numero degli intervenuti, assume la\npresidenza il prof. Mario Rossi, nella sua qualità di\nSindaco, il quale dichiara aperta la seduta.\n\n' +
        "L'assessore Bianchi riferisce che le tariffe non coprono il costo del servizio.\n\n" +
        'Il consigliere Lupo, capogruppo della D.C., annuncia il voto favorevole del suo gruppo.\n\n' +
        'Il Consiglio, con voti unanimi,\n\nDELIBERA\n\ndi approvare le tariffe.\n',
    );
    expect(s.officers.president).toBe('Rossi Mario');
    expect(s.agenda[0]?.turns.map((t) => t.speaker.name)).toEqual(['Bianchi Anna', 'Lupo Antonio']);
  });

  it('gives the chair the office the formula names (`nella sua qualità di Sindaco`), so a later `Il Sindaco` is the chair', () => {
    const s = read(
      `${opening}Risultano presenti i consiglieri Rossi Mario, Bianchi Anna e Lupo Antonio.\n\n` +
        'Assume la presidenza il prof. Mario Rossi, nella sua qualità di Sindaco.\n\nPunto 1. Bilancio.\n\n' +
        'Il consigliere Lupo chiede un rinvio.\n\nIl Sindaco, in sede di replica, assicura che il progetto è pronto.\n',
    );
    expect(s.attendance.find((a) => a.person === 'Rossi Mario')?.role).toBe('Sindaco');
    expect(s.agenda[0]?.turns.map((t) => t.speaker.name)).toEqual(['Lupo Antonio', 'Rossi Mario']);
  });

  it('takes a capitalised word after an office for a surname, though it is an ordinary word too', () => {
    const s = read(`${opening}Risultano presenti i consiglieri Rossi Mario e Bianchi Anna.\n\nPunto 1. Bilancio.\n\nL'assessore Porta replica che i fondi sono disponibili.\n`);
    expect(s.agenda[0]?.turns.map((t) => t.speaker.name)).toEqual(['Porta']);
  });

  it('takes a chair named before the formula, after a bilingual office, for the president', () => {
    const s = read(
      `${opening}Risultano presenti i consiglieri Rossi Mario e Bianchi Anna.\n\n` +
        'Le Syndic / Il Sindaco, sig. Mario ROSSI, riconosciuto legale il numero degli intervenuti,\nassume la presidenza e dichiara aperta la seduta.\n\n' +
        'Punto 1. Bilancio.\nLa consigliera Bianchi illustra il punto.\n',
    );
    expect(s.officers.president).toBe('Rossi Mario');
    expect(s.agenda[0]?.turns.map((t) => t.speaker.name)).toEqual(['Bianchi Anna']);
  });
});

describe('agenda and times', () => {
  it("reads a bilingual item heading (`POINT N. 1 / PUNTO N. 1`) with the act's number beside it", () => {
    const s = read(
      `${opening}Presenti i consiglieri Rossi Mario e Bianchi Anna.\n\n` +
        'POINT N. 1 / PUNTO N. 1                     Délibération n° / Deliberazione n. 14\nAPPROVAZIONE DEI VERBALI.\n\nSi approva.\n\n' +
        'POINT N. 2 / PUNTO N. 2                     Délibération n° / Deliberazione n. 15\nRENDICONTO 2020.\n\nSi approva.\n',
    );
    expect(s.agenda.map((i) => i.number)).toEqual([1, 2]);
  });

  it("reads a stenographic transcript: times without `ore`, items the chair opens by place and by number, an official's label with title and office", () => {
    const s = read(
      [
        'COMUNE DI COLLEVERDE',
        'CONSIGLIO COMUNALE - RESOCONTO INTEGRALE - SEDUTA DEL 26 NOVEMBRE 2018',
        '',
        'ORDINE DEL GIORNO',
        '',
        '1. Comunicazioni.',
        '',
        '2. Variazione di bilancio.',
        '',
        '',
        '                              La seduta inizia alle 17,12',
        '',
        "PRESIDENTE. Il primo punto all'ordine del giorno reca le comunicazioni. Non ve ne sono.",
        '',
        "PRESIDENTE. Passiamo al punto n. 2 dell'ordine del giorno: variazione di bilancio.",
        '',
        'DOTT. FRATTINI, Dirigente Servizio Bilancio. Il parere di regolarità contabile è favorevole.',
        '',
        'CONSIGLIERE LUPO. Voteremo contro.',
        '',
        '                              La seduta termina alle 19,48',
      ].join('\n'),
    );
    expect([s.meeting.startTime, s.meeting.endTime]).toEqual(['17:12', '19:48']);
    expect(s.agenda.map((i) => i.number)).toEqual([1, 2]);
    const official = s.agenda[1]?.turns.find((t) => t.speaker.name === 'Frattini');
    expect(official?.speaker.role).toBe('Dirigente');
  });
});

describe('signatures and what follows them', () => {
  it('reads signers named in parentheses under the lines to sign on, an office below the first row, and titles a certificate by its words', () => {
    const s = read(
      `${opening}Presenti i consiglieri Rossi Mario e Bianchi Anna.\n\nPunto 1. Bilancio.\nSi approva all'unanimità.\n\n` +
        'Il Presidente dichiara chiusa la seduta alle ore 20,30.\n\n        Letto, approvato e sottoscritto.\n\n' +
        '              IL PRESIDENTE                     IL SEGRETARIO COMUNALE\n' +
        '     ____________________________          ____________________________\n' +
        '      (prof. Mario Rossi)                      (dott. Piero Conti)\n\n' +
        '          IL CONSIGLIERE ANZIANO\n' +
        '     ____________________________\n' +
        '         (Anna Bianchi)\n\n' +
        '   ------------------------------------------------------------------\n\n' +
        '                       CERTIFICATO DI PUBBLICAZIONE\n\n' +
        '        Il sottoscritto Segretario comunale certifica che copia della presente è stata pubblicata.\n',
    );
    expect(s.signatures.map((x) => [x.role, x.person])).toEqual([
      ['Il Presidente', 'Mario Rossi'],
      ['Il Segretario Comunale', 'Piero Conti'],
      ['Il Consigliere Anziano', 'Anna Bianchi'],
    ]);
    expect(s.attachments.map((a) => a.title)).toEqual(['CERTIFICATO DI PUBBLICAZIONE']);
  });
});

describe('votes', () => {
  it('reads a vote printed as labelled lines across a page turn, its header rule left behind by the page furniture', () => {
    const s = read(
      `${opening}Risultano presenti i consiglieri Rossi Mario, Bianchi Anna, Neri Luca e Galli Sara.\n\nPunto 1. Bilancio.\n\nIl Sindaco pone in votazione la proposta:\n\n` +
        '     Presenti:    4\n     Votanti:     4\n     Favorevoli:  3\n\n' +
        '\f____________________________________________________________________________________________________\n\n' +
        '     Contrari:    1 (Neri)\n     Astenuti:    0\n\nIl Consiglio comunale approva.\n',
    );
    expect(s.agenda[0]?.decisions.map((d) => [d.votes?.favorevoli, d.votes?.contrari, d.votes?.astenuti])).toEqual([[3, 1, 0]]);
  });
});

describe('header of a conference of mayors', () => {
  it("reads the body, the health authority with its number, the sitting's date past a law cited by date and number, and a place with a number", () => {
    const s = read(
      [
        '                          AZIENDA ULSS N. 9 COLLEVERDE',
        '                                CONFERENZA DEI SINDACI',
        '           (art. 3, comma 14, D.Lgs. 30 dicembre 1992, n. 502 – L.R. Veneto 25 ottobre 2016, n. 19)',
        '',
        'Il giorno giovedì 15 dicembre 2022, alle ore 17.00, presso la Sala riunioni della sede legale',
        "dell'Azienda ULSS n. 9, si è riunita la Conferenza dei Sindaci.",
        '',
        'Punto 1. Bilancio.',
      ].join('\n'),
    );
    expect(s.meeting).toMatchObject({ body: 'Conferenza dei Sindaci', organization: 'Azienda ULSS N. 9 Colleverde', date: '2022-12-15' });
    expect(s.meeting.place).toBe("la Sala riunioni della sede legale dell'Azienda ULSS n. 9");
  });

  it('reads a delegate who expresses an opinion as speaking', () => {
    const s = read(`${opening}Risultano presenti i consiglieri Rossi Mario, Bianchi Anna e Porta Luca.\n\nPunto 1. Bilancio.\n\nIl dott. Frattini, su invito del Presidente, dettaglia le voci di costo.\n\nL'Assessore delegato del Comune di Roccaverde, Porta, esprime apprezzamento per il lavoro svolto.\n`);
    expect(s.agenda[0]?.turns.map((t) => t.speaker.name)).toEqual(['Frattini', 'Porta Luca']);
  });
});

describe('a sitting that adopts several acts', () => {
  /** A Giunta's minutes up to its first act's subject. */
  const firstAct = [
    'VERBALE DELLA SEDUTA DELLA GIUNTA COMUNALE DEL 19 NOVEMBRE 2019',
    '',
    `${opening}Risultano presenti il Sindaco Rossi Mario e gli assessori Bianchi Anna e Neri Luca.`,
    '',
    'Deliberazione n. 141 - OGGETTO: VARIAZIONE AL BILANCIO DI PREVISIONE.',
    '',
  ];
  it("reads each act's subject after its number as an item, and a separate vote told in the same paragraph as a decision of its own", () => {
    const s = read(
      [
        ...firstAct,
        'Su proposta del Sindaco, la Giunta, con voti unanimi espressi in forma palese, approva il progetto. Con separata unanime',
        'votazione la dichiara immediatamente eseguibile.',
        '',
        'Proposta n. 178 del 12/11/2019 - OGGETTO: TARIFFE DEI SERVIZI CIMITERIALI.',
        '',
        "In assenza dell'Assessore proponente, la trattazione è rinviata a una prossima seduta.",
        '',
        'Deliberazione n. 142 - OGGETTO: PROGRAMMA DELLE INIZIATIVE DI NATALE.',
        '',
        'La Giunta, con voti unanimi espressi in forma palese, approva.',
      ].join('\n'),
    );
    expect(s.agenda.map((i) => i.title)).toEqual(['VARIAZIONE AL BILANCIO DI PREVISIONE.', 'TARIFFE DEI SERVIZI CIMITERIALI.', 'PROGRAMMA DELLE INIZIATIVE DI NATALE.']);
    expect(s.agenda.map((i) => i.decisions.length)).toEqual([2, 0, 1]);
  });

  it('reads a vote whose words a line break cuts (`con voti` / `unanimi …`), and the unanimous votes of those present counted', () => {
    const s = read(
      [
        ...firstAct,
        "Su proposta dell'Assessore al Bilancio, la Giunta, con voti",
        'unanimi espressi in forma palese, approva; la deliberazione sarà sottoposta a ratifica del',
        'Consiglio comunale. Con separata unanime votazione la dichiara immediatamente eseguibile.',
        '',
        'Deliberazione n. 142 - OGGETTO: CONTRIBUTO ALLA SOCIETÀ SPORTIVA.',
        '',
        'Esce l\'Assessore Neri; presenti 2.',
        '',
        'La Giunta, con voti unanimi dei 2 componenti presenti, espressi in forma palese, approva.',
      ].join('\n'),
    );
    expect(s.agenda.map((i) => i.decisions.map((d) => d.subject))).toEqual([['deliberation', 'immediate-execution'], ['deliberation']]);
    expect(s.agenda[1]?.decisions[0]?.votes).toMatchObject({ favorevoli: 2, contrari: 0, astenuti: 0, unanimous: true });
  });

  it("names the proposer after an office's portfolio, and reads a portfolio with no name after it as no name", () => {
    const act = (n: number, proposal: string) => [`Deliberazione n. ${n} - OGGETTO: ATTO NUMERO ${n}.`, '', `${proposal}, la Giunta, con voti unanimi espressi in forma palese, approva.`, ''];
    const s = read(
      [
        ...firstAct.slice(0, -2),
        ...act(141, "Su proposta dell'Assessore ai Lavori Pubblici Anna Bianchi"),
        ...act(142, "Su proposta dell'Assessore al Demanio e alla Protezione Civile, dott. Luca Neri"),
        ...act(143, "Su proposta dell'Assessore ai Servizi Sociali Educativi"),
      ].join('\n'),
    );
    expect(s.agenda.map((i) => i.turns.map((t) => [t.speaker.name, t.speaker.role]))).toEqual([
      [['Bianchi Anna', 'Assessore']],
      [['Neri Luca', 'Assessore']],
      // Two assessori are present: which one proposed it, the text does not say.
      [[null, 'Assessore']],
    ]);
  });
});

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

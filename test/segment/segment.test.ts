import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText, createCleanContext } from '../../pipeline/clean/index.js';
import { nameKey } from '../../pipeline/clean/names-dictionary.js';
import { sourceFromBytes } from '../../pipeline/ingest/index.js';
import { createPipeline, runPipeline } from '../../pipeline/run.js';
import * as segment from '../../pipeline/segment/index.js';
import { createSegmentContext, type Structure, segmentMarkdown, segmentMinutes } from '../../pipeline/segment/index.js';
import { VerbaleRecord } from '../../schemas/index.js';
import { fixture, MEMBER_LIST, SEED } from '../helpers.js';

const cleanCtx = createCleanContext();
const segCtx = createSegmentContext((printed) => cleanCtx.names.comuniByKey.get(nameKey(printed)) ?? null);
const structureOf = (raw: string): Structure => segmentMinutes(cleanText(raw, {}, cleanCtx).clean, {}, segCtx).structure;

/** The fields a gold record pins, in the shape of test/fixtures/segment/<case>/expected.json. */
function goldView(s: Structure) {
  return {
    meeting: s.meeting,
    officers: s.officers,
    attendance: s.attendance.map(({ n, entity, person, role, present, remote, arrivedAt, leftAt }) => ({ n, entity, person, role, present, remote, arrivedAt, leftAt })),
    staff: s.staff.map(({ category, entity, person, role, present }) => ({ category, entity, person, role, present })),
    agenda: s.agenda.map((i) => ({
      number: i.number,
      title: i.title,
      turns: i.turns.map((t) => ({ name: t.speaker.name, role: t.speaker.role, entity: t.speaker.entity })),
      decisions: i.decisions.map((d) => ({ outcome: d.outcome, subject: d.subject, votes: d.votes })),
    })),
    events: s.events.map(({ type, time, person, entity, role, agendaItem }) => ({ type, time, person, entity, role, agendaItem })),
    signatures: s.signatures,
    warnings: s.warnings.map((w) => w.code),
  };
}

describe('segment stage', () => {
  it('exports its verbs', () => {
    expect(Object.keys(segment).sort()).toEqual([
      'SegmentOptions',
      'createSegmentContext',
      'loadSegmentLexicon',
      'naturalCase',
      'personName',
      'segmentMarkdown',
      'segmentMinutes',
      'wordsToNumber',
    ]);
  });

  const cases = readdirSync(fixture('segment'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  describe.each(cases)('tradition %s matches its hand-checked gold record', (name) => {
    const expected = JSON.parse(readFileSync(fixture('segment', name, 'expected.json'), 'utf8'));
    it.each(['input.txt', 'input.ocr.txt'])('from %s, field by field', (file) => {
      const got = goldView(structureOf(readFileSync(fixture('segment', name, file), 'utf8')));
      for (const field of Object.keys(expected) as (keyof typeof got)[]) expect(got[field], field).toEqual(expected[field]);
    });
  });

  describe('the seed verbale (real Tesseract output)', () => {
    const s = structureOf(readFileSync(SEED, 'utf8'));
    it('has 6 agenda items', () => {
      expect(s.agenda.map((i) => i.number)).toEqual([1, 2, 3, 4, 5, 6]);
    });
    it('has 19 attendance rows: 15 present, 2 remote', () => {
      expect(s.attendance).toHaveLength(19);
      expect(s.attendance.filter((a) => a.present)).toHaveLength(15);
      expect(s.attendance.filter((a) => a.remote).map((a) => a.entity)).toEqual(['Comune di Aviatico', 'Comune di Selvino']);
    });
    it('gives every speaker turn a name, and the comune where the label states one', () => {
      const turns = s.agenda.flatMap((i) => i.turns);
      expect(turns.length).toBeGreaterThan(30);
      for (const t of turns) {
        expect(t.speaker.name).toMatch(/^\p{Lu}\p{Ll}+( \p{Lu}\p{Ll}+)+$/u);
        expect(t.speaker.entity).not.toBeNull();
      }
      const merici = turns.find((t) => t.speaker.name === 'Angelo Merici');
      expect(merici?.speaker).toMatchObject({ role: 'Presidente', entity: 'Comune di Gazzaniga' });
    });
    it('reads the 3 votes of item 1 and the unanimous acknowledgement of item 4', () => {
      // Counts exactly as printed: `con 12 voti favorevoli e 1 astenuto` prints no count against, so `contrari` stays null.
      const votes = s.agenda[0]?.decisions.map((d) => d.votes);
      expect(votes).toMatchObject([
        { favorevoli: 12, contrari: null, astenuti: 1, unanimous: false, against: [], abstainers: ['Comune di Cazzano Sant’Andrea'], printed: { favorevoli: '12', astenuti: '1' } },
        { favorevoli: 11, contrari: null, astenuti: 2, unanimous: false, against: [], abstainers: ['Comune di Leffe', 'Comune di Casnigo'] },
        { favorevoli: 12, contrari: null, astenuti: 1, unanimous: false, against: [], abstainers: ['Comune di Cene'] },
      ]);
      // Unanimity says nobody was against or abstained; it does not print how many were in favour.
      const item4 = s.agenda[3]?.decisions;
      expect(item4).toHaveLength(1);
      expect(item4?.[0]).toMatchObject({ outcome: 'acknowledged', votes: { favorevoli: null, contrari: 0, astenuti: 0, unanimous: true } });
    });
    it('has 2 arrivals, filled into the attendance, and closes at 19:47', () => {
      expect(s.events.map((e) => [e.type, e.time, e.person])).toEqual([
        ['arrival', '17:51', 'Mario Nappo'],
        ['arrival', '18:33', 'Daniele Esposito'],
      ]);
      expect(s.attendance.find((a) => a.person === 'Mario Nappo')?.arrivedAt).toBe('17:51');
      expect(s.meeting.endTime).toBe('19:47');
    });
    it('keeps the slides after the signatures as attachments, never as turns', () => {
      expect(s.signatures).toEqual([
        { role: 'Il Presidente', person: 'Angelo Merici' },
        { role: 'La Verbalizzante', person: 'Carolina Angelini' },
      ]);
      expect(s.attachments.length).toBeGreaterThan(3);
      expect(s.attachments[0]?.title).toBe('SECONDA STELLA A DESTRA');
      const lastTurn = s.agenda[5]?.turns.at(-1);
      expect(lastTurn?.span?.end ?? 0).toBeLessThan(s.attachments[0]?.span?.start ?? 0);
    });
    it('has the header of the meeting', () => {
      expect(s.meeting).toMatchObject({ body: 'Assemblea dei Sindaci del Piano di Zona', organization: 'Ambito Territoriale Sociale Valle Seriana', date: '2024-11-13', mode: 'online' });
      expect(s.officers).toEqual({ president: 'Angelo Merici', secretary: 'Carolina Angelini' });
    });
  });

  it.each([...cases.map((c) => fixture('segment', c, 'input.ocr.txt')), SEED])('round trip: text → md → record → md gives the same record (%s)', (file) => {
    const clean = cleanText(readFileSync(file, 'utf8'), {}, cleanCtx).clean;
    const first = segmentMinutes(clean, {}, segCtx);
    const again = segmentMarkdown(first.markdown, {}, segCtx);
    const strip = (s: Structure) => JSON.parse(JSON.stringify(goldView(s)));
    expect(strip(again.structure)).toEqual(strip(first.structure));
    expect(again.structure.attachments.map((a) => a.title)).toEqual(first.structure.attachments.map((a) => a.title));
  });

  it('a person fixes the Markdown and the record follows', () => {
    const clean = cleanText(readFileSync(fixture('segment', 'giunta-1987', 'input.txt'), 'utf8'), {}, cleanCtx).clean;
    const { markdown } = segmentMinutes(clean, {}, segCtx);
    const fixed = markdown.replace('| Luigi Tagliaferri | Assessore | no |  | assente giustificato |', '| Luigi Tagliaferri | Assessore | si |  |  |');
    expect(fixed).not.toBe(markdown);
    const { structure } = segmentMarkdown(fixed, {}, segCtx);
    expect(structure.attendance.find((a) => a.person === 'Luigi Tagliaferri')?.present).toBe(true);
    expect(structure.agenda[0]?.decisions[0]?.votes?.unanimous).toBe(true);
  });

  it.each([
    ["L'anno uuemilaventisei, addì ventidue del mese di aprile, alle ore 18,30", '2026-04-22'],
    ["L'anno millenovecentottantasetce, addì ventidue del mese di aprile, alle ore 18,30", '1987-04-22'],
  ])('reads the date of a year in letters OCR damaged, once clean has repaired it: %s', (opening, date) => {
    const s = structureOf(`VERBALE DI DELIBERAZIONE DEL CONSIGLIO COMUNALE\n\n${opening}, si è riunito il Consiglio comunale.`);
    expect(s.meeting.date).toBe(date);
    expect(s.warnings.map((w) => w.code)).not.toContain('date-not-found');
  });

  it.each([
    ['a regional law cited in the heading', 'Regione Marche – L.R. 1 dicembre 2014, n. 32\n\nVERBALE DELL\'ASSEMBLEA DEI SINDACI\n\nSeduta del giorno 8 giugno 2023', '2023-06-08'],
    ['a decree and a letter before the sitting', 'ai sensi del D.Lgs. 18/08/2000, n. 267 e della nota prot. n. 4127 del 2 marzo 2021, il giorno 9 marzo 2021 si è riunito il Consiglio comunale', '2021-03-09'],
    ['only a citation: its date, the only one given', 'convocato con nota prot. n. 12 del 3 aprile 2020', '2020-04-03'],
  ])('reads the sitting, not a law or a letter it cites, as the date: %s', (_, text, date) => {
    expect(structureOf(text).meeting.date).toBe(date);
  });

  it.each([
    ['Ora di inizio: 22.50', '22:50'],
    ['Inizio seduta: ore 21,00', '21:00'],
  ])('reads the start a heading gives as a field: %s', (field, time) => {
    expect(structureOf(`CONSIGLIO COMUNALE\n\nVERBALE DELLA SEDUTA DEL 27 SETTEMBRE 2016\n\n${field}\n\nPresiede il Presidente Mario Rossi.\n`).meeting.startTime).toBe(time);
  });

  it("reads the date, hour and place of a deliberation that prints its subject before its opening", () => {
    const s = structureOf(
      "Verbale di deliberazione del Consiglio Comunale N. 57\n\nOGGETTO: Approvazione del progetto della rete idrica.\n\nL'anno millenovecentosessantatre il giorno ventiquattro del mese di maggio alle ore 19 e minuti 30, nella sala delle adunanze, si e' riunito il Consiglio Comunale.\nIl Sindaco riferisce sul progetto.\n",
    );
    expect(s.meeting).toMatchObject({ date: '1963-05-24', startTime: '19:30' });
    expect(s.warnings.map((w) => w.code)).not.toContain('date-not-found');
  });

  it('reads the hour and minutes in words of old minutes, and the secretary of a verbale that opens with its subject', () => {
    const s = structureOf(
      [
        "COMUNE DI ROCCAVERDE",
        '',
        'Verbale di deliberazione del Consiglio Comunale N. 57',
        '',
        'OGGETTO: Ampliamento della rete idrica. Approvazione del progetto.',
        '',
        "L'anno millenovecentosessantatre il giorno ventiquattro del mese di",
        'maggio alle ore 19 e minuti 30, nella sala delle adunanze, si e\' riunito',
        'il Consiglio Comunale. Risultano presenti i signori: 1) Rossi Mario,',
        '2) Bianchi Anna, 3) Galli Sara.',
        "Presiede il sig. Rossi Mario nella qualita' di Sindaco.",
        'Partecipa il Segretario Comunale Capo dott. Neri Luca.',
        'Il Sindaco riferisce sul progetto.',
      ].join('\n'),
    );
    expect(s.meeting).toMatchObject({ date: '1963-05-24', startTime: '19:30' });
    expect(s.officers.secretary).toBe('Neri Luca');
  });

  it.each([
    ['after how they take part', 'Partecipa, senza diritto di voto, la dott.ssa Anna Galli, assistente sociale del Comune.'],
    ['after where', "Partecipa alla seduta l'ing. Anna Galli, responsabile dell'Ufficio tecnico."],
  ])('reads a guest named with a title %s, and her turn by title and surname', (_, guest) => {
    const s = structureOf(
      [
        'COMUNE DI ROCCAVERDE',
        '',
        'Verbale della seduta del Consiglio Comunale del 12 marzo 2024',
        '',
        'Sono presenti i Consiglieri: Rossi Mario, Bianchi Luca, Conti Sara.',
        guest,
        '',
        '1. Piano sociale di zona',
        '',
        'Il Sindaco Rossi illustra il piano. La dott.ssa Galli precisa che il servizio partirà a maggio.',
        "L'ing. Galli aggiunge che i lavori sono conclusi.",
      ].join('\n'),
    );
    expect(s.staff.map((p) => [p.person, p.category])).toEqual([['Anna Galli', 'guest']]);
    expect(s.attendance.map((a) => a.person)).not.toContain('Anna Galli');
    expect(s.agenda[0]?.turns.map((t) => t.speaker.name)).toEqual(['Rossi Mario', 'Anna Galli', 'Anna Galli']);
  });

  it('reads guests after how they take part and their office in the plural, and no arrival in money or law', () => {
    const s = structureOf(
      [
        'COMUNE DI ROCCAVERDE',
        '',
        'Verbale della seduta del Consiglio Comunale del 30 novembre 2020',
        '',
        'Sono presenti i Consiglieri: Rossi Mario, Conti Luca, Verdi Paolo.',
        'Partecipano alla seduta, collegati da remoto e senza diritto di voto, gli Assessori Anna',
        'Galli (Bilancio) e Sara Neri (Cultura).',
        '',
        '1. Variazione di bilancio',
        '',
        "L'assessore Galli illustra la variazione. L'assessore Galli precisa che la minore entrata da imposta di soggiorno è stimata in 260.000 euro, e che il regolamento entra in vigore a gennaio.",
      ].join('\n'),
    );
    expect(s.staff.map((p) => [p.person, p.role])).toEqual([
      ['Anna Galli', 'Assessore'],
      ['Sara Neri', 'Assessore'],
    ]);
    expect(s.agenda[0]?.turns.map((t) => t.speaker.name)).toEqual(['Anna Galli', 'Anna Galli']);
    expect(s.events).toEqual([]);
  });

  it('reads a member the table lists, said after it to be present by videoconference, as one remote member', () => {
    const s = structureOf(
      [
        'COMUNE DI ROCCAVERDE',
        '',
        'Deliberazione della Giunta Comunale n. 41 del 12 marzo 2024',
        '',
        "All'appello risultano:",
        '',
        '    Cognome e Nome          Carica            Presente    Assente',
        '    ROSSI MARIO             Sindaco              P',
        '    GALLI ANNA              Vice Sindaco         P',
        '    CONTI SARA              Assessore                        A',
        '',
        '    Il Vice Sindaco Galli Anna è presente in videoconferenza, collegata da remoto.',
        '',
        'Presiede il Sindaco Mario Rossi.',
      ].join('\n'),
    );
    expect(s.attendance.map((a) => [a.person, a.present, a.remote])).toEqual([
      ['Mario Rossi', true, false],
      ['Anna Galli', true, true],
      ['Sara Conti', false, false],
    ]);
  });

  it('reads a table with a column of notes: the mark under Assente, the note how a member was there or why not, and a secretary in apposition after a preposition', () => {
    const s = structureOf(
      [
        'COMUNE DI ROCCAVERDE',
        '',
        'Verbale della seduta del Consiglio Comunale del 30 novembre 2020',
        '',
        'Presiede il Presidente del Consiglio, sig. Mario Rossi, presente in Sala unitamente al Segretario Generale, dott.ssa Anna',
        'Neri, che cura la redazione del verbale.',
        '',
        '  N.   Nominativo           Carica                      Presente   Assente   Note',
        '   1   ROSSI Mario          Presidente del Consiglio       X                 in Sala consiliare',
        '   2   GALLI Luca           Consigliere                               X',
        '   3   CONTI Elena          Vice Presidente del Consiglio  X                 collegata da remoto',
        '   4   VERDI Paolo          Consigliere                               X      giustificato',
        '',
        '                                              PRESENTI  2      ASSENTI  2',
      ].join('\n'),
    );
    expect(s.attendance.map((a) => [a.person, a.present, a.remote, a.absence])).toEqual([
      ['Mario Rossi', true, false, null],
      ['Luca Galli', false, false, 'assente'],
      ['Elena Conti', true, true, null],
      ['Paolo Verdi', false, false, 'assente giustificato'],
    ]);
    expect(s.officers.secretary).toBe('Anna Neri');
  });

  it('reads offices typed after the names of a list in prose, and a roll-call vote in an item as a vote, not attendance', () => {
    const s = structureOf(
      [
        'COMUNE DI ROCCAVERDE',
        '',
        "L'anno millenovecentocinquantadue, il giorno ventinove del mese di novembre, alle ore 20,",
        "si e' riunito il Consiglio comunale. Fatto l'appello nominale, sono presenti i Signori: Rossi",
        'Mario Sindaco, Galli Anna Assessore, Conti Luca, Verdi Paolo e Neri Sara.',
        'Sono assenti i Signori: Lupo Carlo e Zanetti Rita.',
        "Assiste il Segretario comunale Sig. Dott. Frattini Piero.",
        '',
        '   N. 112',
        '   OGGETTO: COSTRUZIONE DELL\'ACQUEDOTTO RURALE.',
        '',
        "Il Presidente pone in votazione la proposta per appello nominale, con il seguente risultato:",
        '',
        "          Rossi Mario                  si'",
        "          Galli Anna                   si'",
        "          Conti Luca                   si'",
        '          Verdi Paolo                  no',
        '          Neri Sara                    si astiene',
        '',
        'Voti favorevoli tre (3), contrari uno (1), astenuti uno (1).',
      ].join('\n'),
    );
    expect(s.attendance.map((a) => [a.person, a.role, a.present])).toEqual([
      ['Rossi Mario', 'Sindaco', true],
      ['Galli Anna', 'Assessore', true],
      ['Conti Luca', null, true],
      ['Verdi Paolo', null, true],
      ['Neri Sara', null, true],
      ['Lupo Carlo', null, false],
      ['Zanetti Rita', null, false],
    ]);
  });

  it('reads a bilingual roll call: a title before the marks\' labels, offices in two languages, marks with calls to a legend', () => {
    const s = structureOf(
      [
        'COMUNE DI BRESSANONE / STADTGEMEINDE BRIXEN',
        '',
        'Verbale della seduta del Consiglio comunale del 17 ottobre 2019',
        '',
        '   Presiede / Vorsitz:            la Presidente del Consiglio comunale Anna Galli',
        '   Assiste / Schriftführer:       il Segretario generale dott. Luca Neri',
        '',
        '   Appello nominale / Namensaufruf                          presente      assente',
        '                                                            anwesend      abwesend',
        '',
        '    1   Rossi Mario          Sindaco - Bürgermeister           X',
        '    2   Conti Sara           consigliera                                    X (g)',
        '    3   Galli Anna           Presidente del Consiglio          X',
        '    4   Verdi Paolo          Vicesindaco - Vizebürgermeister   X',
        '',
        '   (g) assente giustificato/a - entschuldigt abwesend',
        '',
        "Dopo l'uscita dall'aula dell'Ass. Verdi, riprende la parola la Presidente Galli.",
      ].join('\n'),
    );
    expect(s.attendance.map((a) => [a.person, a.role, a.present, a.note])).toEqual([
      ['Rossi Mario', 'Sindaco', true, null],
      // The call read in the legend under the table.
      ['Conti Sara', 'Consigliera', false, 'assente giustificato/a - entschuldigt abwesend'],
      ['Galli Anna', 'Presidente del Consiglio', true, null],
      ['Verdi Paolo', 'Vicesindaco', true, null],
    ]);
    expect(s.officers).toMatchObject({ president: 'Galli Anna', secretary: 'Luca Neri' });
    expect(s.events.map((e) => [e.type, e.person])).toEqual([['departure', 'Verdi Paolo']]);
  });

  it.each([
    ['AMBITO TERRITORIALE SOCIALE XIX', 'Ambito Territoriale Sociale XIX'],
    ['MUNICIPIO ROMA XII', 'Municipio Roma XII'],
    ['CONSIGLIO COMUNALE DI VICO', 'Consiglio Comunale di Vico'],
    ['LI MARIO E ROSSI MIMI', 'Li Mario e Rossi Mimi'],
  ])('writes %s in natural case, a roman numeral in capitals', (printed, natural) => {
    expect(segment.naturalCase(printed)).toBe(natural);
  });

  it('reads a sentence after a numbered list (a verb, a role, a name) as who presides, not as a member', () => {
    const s = structureOf(MEMBER_LIST);
    expect(s.attendance.map((a) => [a.person, a.present])).toEqual([
      ['Mario Tosato', true],
      ['Anna Frattini', true],
      ['Carlo Lupetti', false],
    ]);
    expect(s.officers.president).toBe('Mario Tosato');
  });

  it('spans point into the clean text', () => {
    const raw = readFileSync(SEED, 'utf8');
    const clean = cleanText(raw, {}, cleanCtx).clean;
    const s = segmentMinutes(clean, {}, segCtx).structure;
    const item = s.agenda[0];
    expect(clean.slice(item?.span?.start, item?.span?.end)).toMatch(/^1\) Approvazione verbale/);
    const decision = item?.decisions[0];
    expect(clean.slice(decision?.span?.start, decision?.span?.end)).toBe(decision?.text);
  });

  describe('property: any text gives a schema-valid record and never throws', () => {
    const pipeline = createPipeline({ jobs: 1 });
    const cue = fc.constantFrom(
      '1) ', '2) Approvazione', 'OGGETTO N. 3: ', 'DECISIONE: ', 'Con voti favorevoli n. 9, contrari n. 3 (A, B), astenuti n. 0',
      'con voti unanimi', 'COMUNE DI ALBINO si 11 | COMUNE DI LEFFE no', 'Mario Rossi Anna Bianchi', 'ANGELO MERICI (Presidente e Comune di Gazzaniga): ',
      'Arriva alle ore 17:51 il consigliere Rossi.', 'Esce alle ore 25:99', 'si chiude alle ore 19:47', 'Il Presidente La Verbalizzante',
      'Sig. Angelo Merici Dott.ssa Carolina Angelini', '\f', '\n', '\n\n', '| a | b |\n|---|---|', '**', '> ', '# ', 'è', "I'", '€ 12,00',
      'L\'anno millenovecentottantasette, addì trentadue del mese di aprile', 'presente', 'assente giustificato', 'Sono presenti: X, Y.',
    );
    const doc = fc.array(fc.oneof(cue, fc.string({ maxLength: 20 }), fc.string({ unit: 'grapheme', maxLength: 8 })), { maxLength: 40 }).map((parts) => parts.join(' '));
    it('holds for 300 generated documents', async () => {
      await fc.assert(
        fc.asyncProperty(doc, async (text) => {
          if (text.trim() === '') return;
          const { record } = await runPipeline(sourceFromBytes('prop.txt', Buffer.from(text, 'utf8'), 'text/plain'), {}, pipeline);
          expect(VerbaleRecord.safeParse(record).success).toBe(true);
          for (const item of record.agenda) if (item.span) expect(item.span.end).toBeLessThanOrEqual(record.text.clean.length);
        }),
        { numRuns: 300, seed: 20261127 },
      );
    });
  });
});


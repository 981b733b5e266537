import { describe, expect, it } from 'vitest';
import type { PageEvidence } from '../../pipeline/clean/index.js';
import { cleanText, createCleanContext } from '../../pipeline/clean/index.js';

const ctx = createCleanContext();
const run = (text: string | { text: string; pages: PageEvidence[] }) => cleanText(text, {}, ctx);

/** A word box as tesseract gives it, on a line of type 30 px high. */
const word = (text: string, x: number, height = 30, confidence = 95) => ({ text, confidence, bbox: { x0: x, y0: 100, x1: x + 10 * text.length, y1: 100 + height } });

describe('clean stage on OCR damage of real scans', () => {
  describe.each([
    // [rule, OCR text, expected clean text] — sentences written for these tests, not taken from the scans the rules were tuned on
    ['noise', 'Il verbale è approvato.\n.\nLa seduta è tolta.', 'Il verbale è approvato.\nLa seduta è tolta.'],
    ['noise', 'Il verbale è approvato.\nÈ\nLa seduta è tolta.', 'Il verbale è approvato.\nLa seduta è tolta.'],
    ['noise', 'si approva il bilancio ‘ del comune', 'si approva il bilancio del comune'],
    ['noise', "la tassa sui 'rifiuti urbani", 'la tassa sui rifiuti urbani'],
    ['noise', "la materia demandata' al giudice", 'la materia demandata al giudice'],
    // On a typewritten page the apostrophes of accents and elisions after it (`perche'`, `e'`, `dell'`) close no quote
    // (the accents then written as accents: the text prints none).
    ['noise', "si rinvia 'il punto perche' e' tardi e dell'ora si discutera' domani", "si rinvia il punto perché è tardi e dell'ora si discuterà domani"],
    ['noise', "si vota. Gli 'iscritti sono tre.\nIl 'bonus' e' concesso", "si vota. Gli iscritti sono tre.\nIl 'bonus' è concesso"],
    ['noise', 'per .alla fine e rifiuti,. poi', 'per alla fine e rifiuti, poi'],
    // An apostrophe closing nothing before a sentence's or a clause's mark: no accent (`capitalì` is no word), no elision.
    ['noise', "le società di capitali'. La quota del socio'; il resto", 'le società di capitali. La quota del socio; il resto'],
    ['noise', 'la seduta . si apre in prima convocazione .\n. il Presidente', 'la seduta si apre in prima convocazione\nil Presidente'],
    // A bullet tesseract set on a line of its own, between a list's lines, read as a mark: the bullet, joined to its item.
    ['noise', 'somme riportate:\n.\n\nanno 2026 euro 100;\n»\n\nanno 2027 euro 200;\n©\nanno 2028 euro 300.', 'somme riportate:\n• anno 2026 euro 100;\n• anno 2027 euro 200;\n• anno 2028 euro 300.'],
    // A stop inside a sentence: after a word no sentence ends on, or a longer word, before a word in lower case.
    ['noise', 'si approva ai. sensi della legge il. progetto dei debiti. commerciali', 'si approva ai sensi della legge il progetto dei debiti commerciali'],
    // The next items' bullets too, after an item's one line however it ends, a dash among them.
    [
      'noise',
      'i seguenti accantonamenti:\n©\nFondo crediti euro 100,00\n-\nFondo rischi euro 200,00\n©\n\nFondo spese euro 300,00\n\nIl Consiglio approva.',
      'i seguenti accantonamenti:\n• Fondo crediti euro 100,00\n• Fondo rischi euro 200,00\n• Fondo spese euro 300,00\n\nIl Consiglio approva.',
    ],
    // A bar opening a sentence before a masculine plural is the article `I`; elsewhere a bar stays dust.
    ['glyph', 'Il Natale in piazza. | costi saranno rivisti. La seduta | costi', 'Il Natale in piazza. I costi saranno rivisti. La seduta costi'],
    ['glyph', 'la norma dice che "| comuni adottano il piano"', 'la norma dice che "I comuni adottano il piano"'],
    // A small word read at its capital height inside a sentence; after a label's name a capital alone is a label.
    ['glyph', 'i soci stessi O altri enti, dal relatore O, in sua assenza, dal vice; la lettera O della norma e la vitamina C', 'i soci stessi o altri enti, dal relatore o, in sua assenza, dal vice; la lettera O della norma e la vitamina C'],
    // Two forms of running text, each commoner than their join, stay two words; a piece that is no form is joined.
    ['lexical', 'la strada con il guard rail nuovo e il consi glio', 'la strada con il guard rail nuovo e il consiglio'],
    ['lexical', "si procede all'affiuamento del servizio", "si procede all'affidamento del servizio"],
    ['lexical', 'ai sensi della preserte deliberazione', 'ai sensi della presente deliberazione'],
    // Capitals worn type printed partly small: damaged for sure, read against names the document prints and the lexicon.
    ['lexical', 'Presenti: ROSSETTI MARIA, ROSSETTI CARLO. Assenti: ROSScTTI GIOVANNA, uRNELLA e MICHcLA.', 'Presenti: ROSSETTI MARIA, ROSSETTI CARLO. Assenti: ROSSETTI GIOVANNA, ORNELLA e MICHELA.'],
    // A short non-word one habitual confusion (u for d, i for l) from one of the language's most frequent words.
    ['lexical', 'la seduta uel consiglio comunale ui oggi e ia proposta', 'la seduta del consiglio comunale di oggi e la proposta'],
    ['lexical', 'il regolamento per il Funz.onamento del consiglio', 'il regolamento per il Funzionamento del consiglio'],
    ['lexical', "le spese con'risorse proprie", 'le spese con risorse proprie'],
    ['lexical', 'relativo al-progetto di bilancio', 'relativo al progetto di bilancio'],
    // An apostrophe or a speck no elision explains, inside a word or between two: dust, or a space.
    ['lexical', "il pagament'o del canone, la Riconosciut'a validità; Il'Presidente apre e la distillazione*di olii", 'il pagamento del canone, la Riconosciuta validità; Il Presidente apre e la distillazione di olii'],
    ['lexical', 'dopo lintervento del sindaco', "dopo l'intervento del sindaco"],
    ['lexical', 'visti irisultati della gestione', 'visti i risultati della gestione'],
    ['accent', 'LÈTTURA E APPROVAZIONE DEL VERBALE', 'LETTURA E APPROVAZIONE DEL VERBALE'],
    ['glyph', 'il cOMUNALE e la soCietà partecipata', 'il COMUNALE e la società partecipata'],
    ['glyph', 'il principio di autonomia nell ‘organizzazione dei servizi', 'il principio di autonomia nell’organizzazione dei servizi'],
    [
      'names',
      'Presiede Giovanni Bertoli. Giovanni Bertoli apre la seduta. Interviene Giovanni Bertoli. Replica Giovarni Bertoli.',
      'Presiede Giovanni Bertoli. Giovanni Bertoli apre la seduta. Interviene Giovanni Bertoli. Replica Giovanni Bertoli.',
    ],
    // A surname read with `l` for its capital `I`, after a first name or an office; a word there stays.
    [
      'names',
      'Presenti: Giorgio lacobelli, Marco Bianchi. La consigliera lervolino apre la seduta; il sindaco legge il verbale.',
      'Presenti: Giorgio Iacobelli, Marco Bianchi. La consigliera Iervolino apre la seduta; il sindaco legge il verbale.',
    ],
    // A place joined to another by a slash, damaged where the document prints it whole three times.
    [
      'names',
      'La frazione di Valdorezzo, il centro di Valdorezzo e la piazza di Valdorezzo. Gemellaggio Riva/Naldorezzo-Brno: approvazione.',
      'La frazione di Valdorezzo, il centro di Valdorezzo e la piazza di Valdorezzo. Gemellaggio Riva/Valdorezzo-Brno: approvazione.',
    ],
    ['lexical', 'Il Consigliere Rossi e il Censigliere Bianchi votano con il Consigliere Verdi', 'Il Consigliere Rossi e il Consigliere Bianchi votano con il Consigliere Verdi'],
    ['glyph', 'La seduta è aperta.\nll Presidente dà la parola a llenia Rossi.', 'La seduta è aperta.\nIl Presidente dà la parola a Ilenia Rossi.'],
    ['glyph', 'la nota del C.l.S. e della società S.p.A.', 'la nota del C.I.S. e della società S.p.A.'],
    ['glyph', 'Alla seduta partecipa ll Segretario comunale.', 'Alla seduta partecipa Il Segretario comunale.'],
    ['accent', 'a servizio della comunita del paese', 'a servizio della comunità del paese'],
    // A capitalised word's first letter set apart; a letter that labels something stays.
    ['lexical', 'la Programmazione Triennale dei F abbisogni del Personale; allegato B la relazione', 'la Programmazione Triennale dei Fabbisogni del Personale; allegato B la relazione'],
    // A lone vowel with an accent no Italian word has: a speck over `a`.
    ['accent', 'Il Consiglio è chiamato à deliberare sul punto', 'Il Consiglio è chiamato a deliberare sul punto'],
    ['lexical', 'il Consiglie.e anziano chiede la Cessazio.e del servizio', 'il Consigliere anziano chiede la Cessazione del servizio'],
    // Short words a faded strike cut with a mark: the confusion model reads the mark as the letter it stood for.
    ['lexical', 'il parere de.le commissioni, chiesto p.ù volte, fu rinviato a.la seduta successiva', 'il parere delle commissioni, chiesto più volte, fu rinviato alla seduta successiva'],
    // A letter read as a comma with the space its width left: the two pieces, one no word, are one word.
    ['lexical', 'come è necessa, io per il servizio, fare la verifica delle posizioni', 'come è necessario per il servizio, fare la verifica delle posizioni'],
    // A word a mark cuts is no word print has: two confusions away from a word, it is that word.
    ['lexical', 'la seduta per trac.tare gli argomenti iscritti, presente il PRESIDE.TE', 'la seduta per trattare gli argomenti iscritti, presente il PRESIDENTE'],
    // A form with a slash the document prints, its slash read as a letter.
    [
      'lexical',
      'Surroga di Consigliere/i. Sono proclamati i Consigliere/i eletti: i Consiglierel/i Tosato e Frattini, e le Consigliereli Lupetti.',
      'Surroga di Consigliere/i. Sono proclamati i Consigliere/i eletti: i Consigliere/i Tosato e Frattini, e le Consigliere/i Lupetti.',
    ],
    // A form with a slash the document prints once, its slash damaged: both endings make words.
    ['lexical', 'Le persone proclamatel/i, le candidatei/i e le singoleli sedute.', 'Le persone proclamate/i, le candidate/i e le singole/i sedute.'],
    // An article's abbreviation before a figure, its stop read as a letter and a stop.
    ['glyph', "ai sensi dell’arti. 34 del Regolamento e all'artl: 5 dello Statuto", "ai sensi dell’art. 34 del Regolamento e all'art. 5 dello Statuto"],
    // An abbreviation the rules know, a dot in it read as a comma.
    ['glyph', 'ai sensi del D.Lgs. n. 267/2000 e ss.mm,.ii., e della L. 241/1990 e ss.mm,ii.', 'ai sensi del D.Lgs. n. 267/2000 e ss.mm.ii., e della L. 241/1990 e ss.mm.ii.'],
    // A citation's roman numerals read with l for I.
    ['glyph', 'per i casi di cui al titolo Ill, capo Il, del D.Lgs. n. 267', 'per i casi di cui al titolo III, capo II, del D.Lgs. n. 267'],
    // The number sign glued to the word before a figure.
    ['lexical', 'ammesse la LISTAN. 3 e la deliberan. 5 del Consiglio', 'ammesse la LISTA N. 3 e la delibera n. 5 del Consiglio'],
    // A figure with one glyph read for a digit (u for 0); a code's letters (A4, 12bis, 3x2) and a short figure stay.
    ['glyph', "L'anno 2u26, legge 267/200u, alle ore 12:v8; foglio A4, art. 12bis, 3x2, euro 1u1", "L'anno 2026, legge 267/2000, alle ore 12:08; foglio A4, art. 12bis, 3x2, euro 1u1"],
    // A page's number out of the count, the narrow spaces round its `a` closed; an ordinal elsewhere stays.
    ['lexical', 'DELIBERA N. 12 del 03/02/2026 Pag. 4a 8\nla 4a commissione consiliare, pagina 2a5', 'DELIBERA N. 12 del 03/02/2026 Pag. 4 a 8\nla 4a commissione consiliare, pagina 2 a 5'],
    // An elided form damaged: a closed class, so the one elision a cheap confusion away.
    ['lexical', "ai sensi de.l'articolo 10 e del.'art. 47", "ai sensi dell'articolo 10 e dell'art. 47"],
    // A stop after a word no sentence ends on, at a line's end.
    ['noise', 'il parere della commissione e la.\ndeliberazione del Consiglio di.\nAlle ore 18', 'il parere della commissione e la\ndeliberazione del Consiglio di\nAlle ore 18'],
    // The year in letters, as minutes open: a cardinal the lexicon adds, one confusion away.
    ['lexical', "L'anno uuemilaventisei, addì sei del mese di luglio", "L'anno duemilaventisei, addì sei del mese di luglio"],
    // A long lower-case word is read outside prose too: a list's head.
    ['lexical', 'Presenti: Rossi, Bianchi.\nAssenti inaiustificati: Verdi.', 'Presenti: Rossi, Bianchi.\nAssenti ingiustificati: Verdi.'],
    // A capital opening a sentence is no sign of a name.
    ['lexical', 'Oggetto: Renuiconto della gestione 2025.', 'Oggetto: Rendiconto della gestione 2025.'],
    ['noise', 'Richiamati:\n© il regolamento di contabilità;\n®© lo statuto del comune;', 'Richiamati:\n• il regolamento di contabilità;\n• lo statuto del comune;'],
    // An arrow bullet (`➢`) read as `@`.
    ['noise', 'Considerato che:\n@ le procedure sono sospese;\n@ la Corte ne prende atto;', 'Considerato che:\n• le procedure sono sospese;\n• la Corte ne prende atto;'],
    // A quote glued before a year of four digits: a year is elided to two.
    ['noise', 'ADUNANZA DEL 28 APRILE ‘2026, bilancio 2026- ‘2028', 'ADUNANZA DEL 28 APRILE 2026, bilancio 2026- 2028'],
    // A quote glued to a word after an elided form that elides nothing: the next word opens on a consonant.
    ['noise', 'Assume la ‘Presidenza il Sindaco per le’ motivazioni in premessa', 'Assume la Presidenza il Sindaco per le motivazioni in premessa'],
    // A roll call's marks a speck touched, and a speck after a name, in a table of such rows.
    [
      'glyph',
      'ROSSI MARIO Si BIANCHI ANNA No\nVERDI LUCA S. NERI PAOLA Si.\nCONTI SARA $i GALLI ANNA si\nLUPO MASSIMO. Si PORTA LIA No\nGALLI LUCA Si NERI ANNA Si',
      'ROSSI MARIO Si BIANCHI ANNA No\nVERDI LUCA Si NERI PAOLA Si\nCONTI SARA Si GALLI ANNA Si\nLUPO MASSIMO Si PORTA LIA No\nGALLI LUCA Si NERI ANNA Si',
    ],
    // Rows that print their marks with a stop keep it, and give it to the mark a speck took it from.
    ['glyph', 'ROSSI MARIO Si. BIANCHI ANNA No.\nVERDI LUCA Si. NERI PAOLA Si.\nCONTI SARA Si GALLI ANNA Si.\nLUPO MARCO Si. PORTA LIA No.', 'ROSSI MARIO Si. BIANCHI ANNA No.\nVERDI LUCA Si. NERI PAOLA Si.\nCONTI SARA Si. GALLI ANNA Si.\nLUPO MARCO Si. PORTA LIA No.'],
    ['glyph', 'ZANETTI CARLO Presente\nTOSATO LUCA Assente\nFERRERO ANNA Presente.\nFRATTINI ELIO Presente\nCONTI LIA Assente', 'ZANETTI CARLO Presente\nTOSATO LUCA Assente\nFERRERO ANNA Presente\nFRATTINI ELIO Presente\nCONTI LIA Assente'],
    // One letter of the other case, any letter, in a word the lexicon knows, a long word in capitals or one the document prints so.
    ['glyph', 'COGNOME E nOME: ZANETTI mARCO, PORTA LUCIAnO; CONTI pAOLA e CONTI PAOLA; la delibera cHe approva', 'COGNOME E NOME: ZANETTI MARCO, PORTA LUCIANO; CONTI PAOLA e CONTI PAOLA; la delibera che approva'],
    // A word's last letter read as a stop or a colon: the letters before it end on a consonant, and one letter makes a word.
    ['lexical', 'ai sensi degl. artt. 49 e 147 del testo unico; FERRERO GIOVANN. assente; COMUNE DI ROCCAVERDE TERM:', 'ai sensi degli artt. 49 e 147 del testo unico; FERRERO GIOVANNI assente; COMUNE DI ROCCAVERDE TERME'],
  ])('%s rule: %j', (rule, raw, expected) => {
    it('is corrected, and logged with its rule and a confidence', () => {
      const result = run(raw);
      expect(result.clean).toBe(expected);
      expect(result.corrections.map((c) => c.rule)).toContain(rule);
      for (const c of result.corrections) expect(c.confidence).toBeGreaterThan(0.5);
    });
  });

  it.each([
    ['an abbreviation as its writer spelt it', 'ai sensi del D.lgs. n. 267/2000 e del d.l. 18/2020'],
    ['a typewriter accent in a text that prints accents', 'la regolarita\' tecnica e la città'],
    ['an elision with its space before a consonant', "ne' l'esercizio di un'influenza"],
    ['a stop at a line\'s end after an abbreviation, a list\'s letter or an inclusive ending', 'della S.p.a.\nla seduta. Surroga di Consigliere/i.\nNon si vota e.\nAltro'],
    ['a sentence, a figure and a letter after a word that numbers in roman', 'il capo il quale decide; la sezione 1 e la sezione l del manuale; a titolo gratuito'],
    ['the plural of arte before a figure, with no elided article', "la mostra delle arti. 34 opere e l'arte figurativa"],
    ['a name or a word ending as a damaged slashed form would', 'il dottor Vitali saluta i fedeli e le famiglie reali, e i Vangeli'],
    ['a word like a slashed form the document prints', 'i Consigliere/i presenti e i Consigliere/i assenti: consiglierei a tutti di votare'],
    ['an abbreviation before a number sign, and a word of its own ending in n', 'il Reg.n. 4 e il canon. 3 del Codice'],
    ['elisions and names with an apostrophe, and a damaged head two elisions fit alike', "nient'altro, D'Alessandro e Sant'Anna; po' altro; la quota uell'annualità"],
    ['elisions before capitals and vowels', "dell'art. 3, l'Ente, all'Assessore, un po' di D'Angelo e Sant'Anna, quell'area e nell'ora"],
    ['elided forms before a figure, a quote or a line break', "pari all' 8% del capitale e all' \"in house\" e dell'\nanno"],
    ['a roll call of two rows, and names in capitals in prose', 'ROSSI MARIO S. BIANCHI ANNA No\nVERDI LUCA Si NERI PAOLA si\nSono presenti ROSSI MARIO e BIANCHI ANNA.'],
    ['a roll call that spells a mark two ways as often', 'ROSSI MARIO Si BIANCHI ANNA Sì\nVERDI LUCA Sì NERI PAOLA Si\nCONTI SARA Si GALLI ANNA Sì\nLUPO MARCO No PORTA LIA No'],
    ['years elided to two digits, a century to three, and a quote closed round a year', "negli anni '70 e nel '900, la voce 'bilancio 2026' e la '2026'"],
    ['a cardinal elided before a vowel', "in servizio da quarant'anni, dopo vent'anni e trent'anni di attesa"],
    ['quotes paired over several lines', 'ad oggetto "Bilancio\n       di previsione 2026-2028" e il “Piano”'],
    ['single quotes around a phrase, and a quote closed after its full stop', "il servizio 'in house' è affidato; disse: 'non ci sto.' e uscì"],
    ['a compound with its hyphen', 'i servizi socio-sanitari e socio-economici e la e-mail'],
    ['an abbreviation with a dot inside', 'f.to il Segretario, lett. e), p.ed. 123, conv. in legge'],
    ['a foreign word and a conjunction', 'la sua mission e composizione'],
    ['a ruled table with its head and rule', '| N. | Cognome e Nome | Carica      |\n|----|----------------|-------------|\n| 1  | Rossi Anna     | Consigliere |'],
    ['another inflection of a known word', 'le rottamazioni e le definizioni agevolate'],
    ['bullets and dashes opening lines', '• primo punto\n- secondo punto\n● terzo punto'],
    ['a spaced comma and an initial', 'Rossi A., Bianchi B. , Verdi'],
    ['a comma between two words', 'per la casa, di proprietà del comune, la sede, una, tre'],
    ['a conjunction between two adjectives of a vote', 'Con separata votazione, unanime e favorevole, resa nelle forme di legge.'],
    ['a first name in capitals in a row of names', 'CONTI SARA              Assessore           A\nANDREA LUCA NICOLA      Consigliere         P'],
    ['a ligature a PDF carries', 'la ﬁrma del Sindaco'],
    ['a roman numeral read as two small l in mid-sentence', 'ai sensi del comma ll della legge'],
    ['a list number read apart from its dot, and an ellipsis', 'punto 1 . Oggetto, poi ... e altro'],
    ['short abbreviations with a dot inside', 'visto il p.to 3, la lett.e e il f.to del Sig.ra'],
    ['two sentences a missing space joins, and surnames opening sentences', 'Il Consiglio.Il Sindaco. La seduta è aperta. Conci illustra la proposta. Sartori replica.'],
    ['a degree sign opening one line only', '° gradi misurati alla stazione'],
    ['printed bullets on lines of their own', 'Visti:\n●\n   il regolamento;\n●\n   lo statuto;'],
    ['acronyms mixing capitals and small letters', 'il CdA della SpA e il gruppo FI - UdC con la PdL, il MiSE e il MiBACT'],
    ['a mixed word the document prints again, and a short one nothing knows', 'il progetto ReTe e la rete ReTe, il codice AbX'],
    ['a stop after an abbreviation, a name ending on a vowel, or a cut that two words fit', 'il prot. n. 5 firmato dal Segr. Rossi e da Zanetti Manci. Il conto de. comune'],
    ['short codes and units in prose', 'sono stati raccolti 5 kg di rifiuti, 20 mq di area e la norma ue del regolamento, il cd e il pc della sala'],
    ['a stop after an abbreviation, a list letter, a short word or before a capital', 'visto il prot. n. 5, tot. di spesa, ecc. e altro\na. la delibera\ndi. Assessori'],
    ['a word cut at the end of a line', 'sulle politiche in tema di adoles\nla metodologia'],
    [
      "another person's surname after a first name, beside a surname printed often",
      'Presiede Marco Ferri. Interviene Ferri. Replica Ferri. La parola passa a Giovanna Perri, che illustra la proposta.',
    ],
  ])('leaves %s alone', (_label, text) => {
    const result = run(text);
    expect(result.corrections.filter((c) => c.rule !== 'layout')).toEqual([]);
    expect(result.clean).toBe(text);
  });

  it('touches a page from a PDF text layer only for furniture and hyphenation', () => {
    const page = 'Il Consiglio renuiconto alle ore 20 ‘ e la preserte deliberazione\nsi approva il rappre-\nsentante';
    const text = [page, `Sulla ${page}`].join('\f');
    const result = run({ text, pages: [{ method: 'text-layer' }, { method: 'ocr' }] });
    const [printed, read] = result.clean.split('\f') as [string, string];
    expect(printed).toBe('Il Consiglio renuiconto alle ore 20 ‘ e la preserte deliberazione\nsi approva il rappresentante');
    expect(read).toContain('rendiconto');
    expect(read).toContain('presente');
    expect(result.corrections.filter((c) => c.page === 1).map((c) => c.rule)).toEqual(['layout']);
  });

  it('reads a non-word one plain misreading from a word as damaged only where tesseract doubted much of the page', () => {
    const text =
      "La Giunta comunale, riunita nella solita sala delle adunanze, esamina la proposta di concessicne del contributo annuale alla associazione sportiva del paese per la festa di primavera, visto il bilancio di previsione, sentita la relazione dell'ufficio tecnico e considerato che la spesa trova copertura nel capitolo dedicato alle attività sportive e ricreative della comunità locale, approva all'unanimità la proposta presentata dal sindaco e dispone la pubblicazione della presente deliberazione.";
    const read = (doubtedEvery: number) => text.split(' ').map((t, i) => word(t, i * 120, 30, i % doubtedEvery === 0 ? 55 : 93));
    // A clean reading (one word in twenty doubted), or text alone: an unknown word is as likely a word the lexicon lacks.
    expect(run({ text, pages: [{ method: 'ocr', words: read(20) }] }).clean).toBe(text);
    expect(run(text).clean).toBe(text);
    // A worn page (one word in four doubted): a misreading is likelier, and the same word is repaired.
    expect(run({ text, pages: [{ method: 'ocr', words: read(4) }] }).clean).toContain('proposta di concessione del contributo');
  });

  it('keeps a slip of the print that a clean reading read with confidence, and repairs it where the engine doubted it', () => {
    const text =
      "La Giunta comunale, riunita nella solita sala delle adunanze, esamina la proposta di concessione del contributo annuale alla associazione sportiva del paese per la festa di primavera, visto il bilancio di previsione, sentita la relazione dell'ufficio tecnico e considerato che la spesa sostiene una realità associativa della comunità locale, approva all'unanimità la proposta presentata dal sindaco e dispone la pubblicazione della presente deliberazione.";
    const read = (slip: number) => text.split(' ').map((t, i) => word(t, i * 120, 30, t === 'realità' ? slip : 93));
    // Text alone says nothing of how it was read: the non-word is taken for a misreading, as before.
    expect(run(text).clean).toContain('una realtà associativa');
    // Read at 93 among words read as surely, it is what the page prints.
    expect(run({ text, pages: [{ method: 'ocr', words: read(93) }] }).clean).toBe(text);
    // Doubted by the engine, it is a misreading.
    expect(run({ text, pages: [{ method: 'ocr', words: read(60) }] }).clean).toContain('una realtà associativa');
  });

  it('gives back a capital read small where the document prints the word capitalised, when the reading is in doubt', () => {
    const text = 'Il Consiglio approva. Presenti: Verdi, Zanetti, Conti.\nIl Consiglio vota; zanetti si astiene e il consiglio approva.\nIl Consiglio e Zanetti, con Zanetti.';
    const words = text.split(/\s+/).map((w, i) => word(w, 40 * i, 30, w === 'consiglio' ? 62 : 93));
    // A name no lexicon knows, read small: capitalised in text alone; a word in doubt only where tesseract doubted it.
    expect(run(text).clean).toBe(text.replace('zanetti', 'Zanetti'));
    expect(run({ text, pages: [{ method: 'ocr', words }] }).clean).toBe(text.replace('zanetti', 'Zanetti').replace('il consiglio', 'il Consiglio'));
    // Read small with confidence, the word stays as printed: print writes it both ways.
    const sure = words.map((w) => ({ ...w, confidence: 93 }));
    expect(run({ text, pages: [{ method: 'ocr', words: sure }] }).clean).toBe(text.replace('zanetti', 'Zanetti'));
  });

  it('takes out specks by their word boxes, and keeps short words and list bullets of type size', () => {
    const text = 'Il Consiglio i approva\n* il bilancio';
    const words = [word('Il', 0), word('Consiglio', 30), { ...word('i', 130, 6, 40) }, word('approva', 150), word('*', 0, 12, 80), word('il', 20, 28), word('bilancio', 50)];
    const result = run({ text, pages: [{ method: 'ocr', words }] });
    expect(result.clean).toBe('Il Consiglio approva\n* il bilancio');
    expect(result.corrections).toEqual([expect.objectContaining({ rule: 'noise', ruleId: 'noise/speck', from: ' i ' })]);
  });

  it("keeps a list's dash opening its line however tesseract doubts it, and takes out a doubted mark in mid-line", () => {
    const text = 'Visti:\n- lo statuto , il regolamento;\n- il bilancio';
    const words = [word('Visti:', 0), word('-', 0, 6, 20), word('lo', 40), word('statuto', 70), word(',', 150, 6, 20), word('il', 170), word('regolamento;', 200), word('-', 0, 6, 25), word('il', 40), word('bilancio', 70)];
    expect(run({ text, pages: [{ method: 'ocr', words }] }).clean).toBe('Visti:\n- lo statuto il regolamento;\n- il bilancio');
  });

  it('takes out a doubted token of type size standing apart after a line, and keeps the marks of a table in their columns', () => {
    const text = 'delle locandine            SA\nTOSATO MARIO            Si\nFRATTINI ANNA            No\nIl Consiglio approva';
    const words = [
      word('delle', 0),
      word('locandine', 60),
      word('SA', 400, 34, 40),
      word('TOSATO', 0),
      word('MARIO', 60),
      word('Si', 400, 30, 88),
      word('FRATTINI', 0),
      word('ANNA', 80),
      word('No', 400, 30, 91),
      word('Il', 0),
      word('Consiglio', 30),
      word('approva', 130),
    ];
    const result = run({ text, pages: [{ method: 'ocr', words }] });
    expect(result.clean).toBe('delle locandine\nTOSATO MARIO            Si\nFRATTINI ANNA            No\nIl Consiglio approva');
    expect(result.corrections).toEqual([expect.objectContaining({ ruleId: 'noise/isolated' })]);
  });

  it("takes out a mark standing apart from its line's text however sure tesseract is, and keeps a table's nil mark after its label", () => {
    const text = 'ed integrazioni;       :\nAstenuti            -\nai sensi della legge;        -\nVisti : il bilancio';
    // Each token with its x, and a mark's height and confidence.
    const boxes: [string, number, number?, number?][] = [
      ['ed', 0], ['integrazioni;', 30], [':', 300, 8, 85],
      ['Astenuti', 0], ['-', 300, 4, 90],
      ['ai', 0], ['sensi', 30], ['della', 90], ['legge;', 150], ['-', 400, 4, 90],
      ['Visti', 0], [':', 60, 8, 90], ['il', 80], ['bilancio', 110],
    ];
    const words = boxes.map(([t, x, height, confidence]) => word(t, x, height, confidence));
    const result = run({ text, pages: [{ method: 'ocr', words }] });
    expect(result.clean).toBe('ed integrazioni;\nAstenuti            -\nai sensi della legge;\nVisti : il bilancio');
    expect(result.corrections.map((c) => [c.ruleId, c.from.trim()])).toEqual([
      ['noise/speck', ':'],
      ['noise/speck', '-'],
    ]);
  });

  it("measures a short token against its line's print: a footer's small letter stays, a speck in it goes", () => {
    const body = 'Il Consiglio comunale approva la proposta del sindaco';
    const text = `${body}\nSede legale: via Roma 3, C.F e P. IVA: 0012 i 345`;
    const small = (t: string, x: number, height = 16) => word(t, x, height);
    const footer = ['Sede', 'legale:', 'via', 'Roma', '3,', 'C.F', 'e', 'P.', 'IVA:', '0012', 'i', '345'].map((t, i) => small(t, i * 60, t === 'e' ? 11 : t === 'i' ? 4 : 16));
    const words = [...body.split(' ').map((t, i) => word(t, i * 100)), ...footer];
    // `e` is 11 of the body's 30 (a speck's size there) and 11 of its line's 16 (a small letter's).
    const result = run({ text, pages: [{ method: 'ocr', words }] });
    expect(result.clean).toBe(`${body}\nSede legale: via Roma 3, C.F e P. IVA: 0012 345`);
    expect(result.corrections).toEqual([expect.objectContaining({ ruleId: 'noise/speck', from: ' i ' })]);
  });

  it('reads a letter opening a line as a bullet where it is smaller than the page prints that letter, and the same letter glued to a word there', () => {
    const text = 'Il Consiglio e la Giunta e il sindaco e gli assessori:\ne che la seduta è valida;\ne la nota del sindaco;\neil parere;\ne il verbale è letto.';
    // Inside the lines `e` is 24 high; two lines open on an `e` of 18 (a round bullet), one on `eil` (such a bullet glued to its word), the last on an `e` of 24.
    const heights = [24, 18, 18, 24, 24];
    const words = text.split('\n').flatMap((line, l) => {
      let x = 0;
      return line.split(' ').map((t, i) => {
        const w = word(t, x, t === 'e' ? (i === 0 ? (heights[l] as number) : 24) : 30);
        x = w.bbox.x1 + 12;
        return w;
      });
    });
    const result = run({ text, pages: [{ method: 'ocr', words }] });
    expect(result.clean).toBe('Il Consiglio e la Giunta e il sindaco e gli assessori:\n• che la seduta è valida;\n• la nota del sindaco;\n• il parere;\ne il verbale è letto.');
    expect(result.corrections.map((c) => c.ruleId)).toEqual(['noise/bullet', 'noise/bullet', 'noise/bullet']);
  });

  it("reads a letter glued to a line's first word as the bullet another page of the document showed apart", () => {
    const first = 'Il Consiglio e la Giunta e il sindaco e gli assessori:\ne che la seduta è valida;\ne la nota del sindaco;';
    const second = 'Visti inoltre:\neche in data 5 maggio la seduta è convocata;\neil parere del segretario.';
    // On the first page `e` is 24 high inside the lines and 18 opening them (a round bullet); the second page glues it.
    const boxes = (page: string) =>
      page.split('\n').flatMap((line) => {
        let x = 0;
        return line.split(' ').map((t, i) => {
          const w = word(t, x, t === 'e' ? (i === 0 ? 18 : 24) : 30);
          x = w.bbox.x1 + 12;
          return w;
        });
      });
    const text = `${first}\f${second}`;
    const result = run({ text, pages: [{ method: 'ocr', words: boxes(first) }, { method: 'ocr', words: boxes(second) }] });
    expect(result.clean).toBe('Il Consiglio e la Giunta e il sindaco e gli assessori:\n• che la seduta è valida;\n• la nota del sindaco;\fVisti inoltre:\n• che in data 5 maggio la seduta è convocata;\n• il parere del segretario.');
    // Alone, the second page shows no bullet apart: no letter of it is read as one.
    expect(run({ text: second, pages: [{ method: 'ocr', words: boxes(second) }] }).corrections.filter((c) => c.ruleId?.startsWith('noise/bullet'))).toEqual([]);
  });

  it("keeps a word processor's letter bullet as read, and writes a filled bullet read as a letter as one", () => {
    const text = 'Visti:\no   la delibera del Consiglio;\no   il parere del segretario;\ne   la nota del sindaco;\ne   il verbale.';
    const words = text.split('\n').flatMap((line) => line.split(/ +/).map((t, i) => word(t, i === 0 ? 0 : 80 + (i - 1) * 110)));
    expect(run({ text, pages: [{ method: 'ocr', words }] }).clean).toBe(
      'Visti:\no   la delibera del Consiglio;\no   il parere del segretario;\n•   la nota del sindaco;\n•   il verbale.',
    );
  });

  it('keeps a real one-letter word whose box is type size', () => {
    const text = 'ai consiglieri e agli assessori';
    const words = ['ai', 'consiglieri', 'e', 'agli', 'assessori'].map((w, i) => word(w, i * 100, w === 'e' ? 18 : 30));
    expect(run({ text, pages: [{ method: 'ocr', words }] }).clean).toBe(text);
  });

  it('takes out the whole of an indented picture line that opens with a speck', () => {
    const text = 'Il Consiglio approva\n    I      LAT TNI1   FT   TEST RR\nla proposta';
    const doubted = (t: string, x: number) => word(t, x, 30, 20);
    const words = [word('Il', 0), word('Consiglio', 30), word('approva', 130), word('I', 40, 5, 27), ...['LAT', 'TNI1', 'FT', 'TEST', 'RR'].map((t, i) => doubted(t, 100 + i * 80)), word('la', 0), word('proposta', 30)];
    expect(run({ text, pages: [{ method: 'ocr', words }] }).clean).toBe('Il Consiglio approva\nla proposta');
  });

  it('takes out a line tesseract made of a picture, by its doubted words, and keeps a doubted row of figures', () => {
    const text = 'Il Consiglio approva\nSENSE TINI (_JJMI TL}\nTotale 1.250,00 3.400,00\nla proposta';
    const doubted = (t: string, x: number) => word(t, x, 30, 20);
    const words = [
      word('Il', 0),
      word('Consiglio', 30),
      word('approva', 130),
      ...['SENSE', 'TINI', '(_JJMI', 'TL}'].map((t, i) => doubted(t, i * 80)),
      ...['Totale', '1.250,00', '3.400,00'].map((t, i) => doubted(t, i * 100)),
      word('la', 0),
      word('proposta', 30),
    ];
    const result = run({ text, pages: [{ method: 'ocr', words }] });
    expect(result.clean).toBe('Il Consiglio approva\nTotale 1.250,00 3.400,00\nla proposta');
    expect(result.corrections).toEqual([expect.objectContaining({ ruleId: 'noise/doubtful-line' })]);
  });

  it('keeps a doubted typed name whose line goes on in specks read as letters', () => {
    // A signature's specks read as `TE`, `SnS` (five pixels high, confidence 0) after a faded name read at 27 and 74.
    const text = 'La segretaria circoscrizionale\nVlarta Bortolotti,     TE SnS\nIl Consiglio approva';
    const line = (l: string) => l.split(' ').map((t, i) => word(t, i * 200));
    const name = [word('Vlarta', 0, 24, 27), word('Bortolotti,', 80, 24, 74), word('TE', 300, 5, 0), word('SnS', 360, 6, 0)];
    const words = [...line('La segretaria circoscrizionale'), ...name, ...line('Il Consiglio approva')];
    expect(run({ text, pages: [{ method: 'ocr', words }] }).clean).toBe('La segretaria circoscrizionale\nVlarta Bortolotti,\nIl Consiglio approva');
  });

  it('takes a picture line for text only by the lexicon words tesseract did not all but guess, unless they are frequent', () => {
    // A logo read as `FETI` (a rare plural of the lexicon) at confidence 9: no evidence; a faded line of type whose words are
    // read at 35-45 is text, and so is a member's row beside a scan's dot leaders, its first name read at 20.
    const text = 'Il Consiglio approva\n{N FETI INT BRENT)\nla proposta del Sindaco\nXQ, BRUNELK: Giuseppe iis\ne la delibera';
    const words = [
      word('Il', 0),
      word('Consiglio', 30),
      word('approva', 130),
      ...[['{N', 32], ['FETI', 9], ['INT', 48], ['BRENT)', 43]].map(([t, c], i) => word(t as string, i * 80, 30, c as number)),
      ...['la', 'proposta', 'del', 'Sindaco'].map((t, i) => word(t, i * 100, 30, 35 + i * 3)),
      ...[['XQ,', 12], ['BRUNELK:', 15], ['Giuseppe', 20], ['iis', 8]].map(([t, c], i) => word(t as string, i * 90, 30, c as number)),
      word('e', 0),
      word('la', 20),
      word('delibera', 50),
    ];
    const result = run({ text, pages: [{ method: 'ocr', words }] });
    expect(result.clean).toBe('Il Consiglio approva\nla proposta del Sindaco\nXQ, BRUNELK: Giuseppe iis\ne la delibera');
    expect(result.corrections.filter((c) => c.rule === 'noise')).toEqual([expect.objectContaining({ ruleId: 'noise/doubtful-line', from: '{N FETI INT BRENT)\n' })]);
  });

  it('reads a letter standing well apart from its line as a list bullet, by its box', () => {
    const text = 'Visti:\ne il regolamento;\ne lo statuto;\ne il sindaco firma';
    const line = (y: number, first: string, gap: number, ...rest: string[]) => {
      const out = [{ text: first, confidence: 80, bbox: { x0: 0, y0: y, x1: 20, y1: y + 20 } }];
      let x = 20 + gap;
      for (const t of rest) {
        out.push({ text: t, confidence: 95, bbox: { x0: x, y0: y - 10, x1: x + 10 * t.length, y1: y + 20 } });
        x += 10 * t.length + 12;
      }
      return out;
    };
    const words = [...line(0, 'Visti:', 12), ...line(50, 'e', 50, 'il', 'regolamento;'), ...line(100, 'e', 50, 'lo', 'statuto;'), ...line(150, 'e', 12, 'il', 'sindaco', 'firma')];
    const result = run({ text, pages: [{ method: 'ocr', words }] });
    expect(result.clean).toBe('Visti:\n• il regolamento;\n• lo statuto;\ne il sindaco firma');
  });

  it('reads a bar on the baseline and as tall as the word beside it as a capital I, by its box', () => {
    // Type 22 high on a baseline at 122; the third bar reaches 6 px under it, as a bar does; the link at the end is
    // underlined, so its box reaches under the baseline too.
    const line = 'Sede: piazza Duomo, 5 | 37100 Verona | tel. 045 800 | fax 045 900 | www.verona.it';
    const box = (text: string, x0: number, y0: number, x1: number, y1: number, confidence = 95) => ({ text, confidence, bbox: { x0, y0, x1, y1 } });
    let x = 0;
    const words: ReturnType<typeof box>[] = [];
    for (const t of line.split(' ')) {
      if (t === '|') {
        const bar = words.length === 11;
        words.push(box('|', x, bar ? 102 : 100, x + 3, bar ? 128 : 122, 80));
        x += 15;
      } else {
        words.push(box(t, x, 100, x + 12 * t.length, /[p,]/.test(t) ? 128 : t.startsWith('www') ? 126 : 122));
        x += 12 * t.length + 12;
      }
    }
    // The bar that is one is dust between words, as before.
    expect(run({ text: line, pages: [{ method: 'ocr', words }] }).clean).toBe('Sede: piazza Duomo, 5 I 37100 Verona I tel. 045 800 fax 045 900 I www.verona.it');
  });

  it('keeps a column label in brackets and a minus between operands, however doubted and apart', () => {
    const text = 'Colonne          (a)          (b)          (c) = (a) - (b)';
    // The first three labels stand three type sizes apart; (b) and the minus are doubted.
    let x = 0;
    const words = text.split(/ +/).map((t, i) => {
      const w = word(t, x, 30, ['(b)', '-'].includes(t) ? 30 : 95);
      x = w.bbox.x1 + (i < 3 ? 90 : 12);
      return w;
    });
    expect(run({ text, pages: [{ method: 'ocr', words }] }).clean).toBe(text);
  });

  it("reads a letter a little apart from its line as a list bullet where the list's shape agrees", () => {
    // Type 30 high; a bullet 10 wide, 35 px from its text (under bulletMinGap). Each line: its first token's x,
    // its text's x, its word space.
    const lines: [string, number, number, number][] = [
      ['Visti i seguenti atti del comune:', 0, 0, 12],
      ['e il regolamento comunale delle entrate', 0, 45, 12], // hanging: its next line starts under its text
      ['approvato nel 2020;', 45, 45, 12],
      ['e lo statuto del comune;', 0, 45, 12], // one line; the item before has its bullet and text at the same places
      ["e l'atto che prevede i termini", 0, 45, 30], // justified: its spaces near its gap; told by its neighbours
      ['e il piano del sindaco;', 0, 45, 12],
      ['e il sindaco firma il verbale della seduta', 0, 34, 12], // a real `e`, two spaces apart, its text elsewhere
      ['che è letto e approvato.', 0, 0, 12],
    ];
    const boxes = (rows: typeof lines) =>
      rows.flatMap(([line, first, textAt, space]) => {
        let x = textAt;
        return line.split(' ').map((t, i) => {
          if (i === 0 && textAt !== first) return word(t, first, 20);
          const w = word(t, x);
          x = w.bbox.x1 + space;
          return w;
        });
      });
    const text = lines.map(([line]) => line).join('\n');
    expect(run({ text, pages: [{ method: 'ocr', words: boxes(lines) }] }).clean).toBe(text.replace(/^e (il r|lo|l'|il p)/gmu, '• $1'));
    // Alone, the justified line's letter is a letter.
    const alone = [lines[0], lines[4]] as typeof lines;
    const single = alone.map(([line]) => line).join('\n');
    expect(run({ text: single, pages: [{ method: 'ocr', words: boxes(alone) }] }).clean).toBe(single);
  });

  // A word tesseract doubted is likelier damage than a real word the lexicon lacks; a word read sure of itself, or
  // text with no boxes (verbali clean), is read as before.
  it.each([
    ['doubted', 40, "in merito all'oggetto della seduta si discute"],
    ['read with confidence', 95, "in merito all'oggetro della seduta si discute"],
  ])("reads a non-word one plain edit from a word by tesseract's confidence in it: %s", (_, confidence, expected) => {
    const text = "in merito all'oggetro della seduta si discute";
    const words = text.split(' ').map((t, i) => word(t, i * 120, 30, t === "all'oggetro" ? confidence : 95));
    expect(run({ text, pages: [{ method: 'ocr', words }] }).clean).toBe(expected);
    expect(run(text).clean).toBe(text);
  });

  it("keeps a typewriter's accent on a word the lexicon lacks where the document writes its accents so", () => {
    expect(run("la compatibilita' e la conferibilita' alla carica, la citta' e' grande").clean).toBe("la compatibilità e la conferibilita' alla carica, la città è grande");
    // With no such evidence, a quote glued to a word that closes nothing is dust, as before.
    expect(run("la conferibilita' alla carica").clean).toBe('la conferibilita alla carica');
  });

  it('leaves a piece of a word marks cut to the reading of the whole word, however doubted', () => {
    const text = "salvaguardia degli equilibri per l'eserci.io 2026 ai sensi di legge";
    const words = text.split(' ').map((t, i) => word(t, i * 120, 30, t.includes('eserci') ? 30 : 95));
    expect(run({ text, pages: [{ method: 'ocr', words }] }).clean).not.toContain('esserci');
  });
});

import { esc, href, num, scriptJson } from './html.js';
import { italianDate, labelOf, METHOD_LABEL, MODE_LABEL, RULE_LABEL } from './labels.js';
import { buildOutline } from './outline.js';
import type { DocImages } from './page-images.js';
import type { ReviewDoc } from './read-output.js';
import { LOW_CONFIDENCE, pageTextHtml, textMarks, warningPlace } from './text-view.js';

/** The opening of every page of the site: Italian, readable on a laptop, local assets only (the site works from file://). */
export function pageHead(title: string, assets: string, bodyClass: string): string {
  return `<!doctype html>
<html lang="it">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${esc(title)}</title>
<link rel="stylesheet" href="${assets}/review.css">
</head>
<body class="${bodyClass}">
<a class="skip" href="#main">Vai al contenuto</a>
`;
}

/** The record's title as a person names it: body, organization, date. */
export function recordTitle(doc: ReviewDoc): string {
  const m = doc.record.meeting;
  const parts = [m?.body, m?.organization, italianDate(m?.date)].filter((p): p is string => Boolean(p));
  return parts.length ? parts.join(' · ') : doc.name;
}

/** The clean text's page boundaries: where each page starts and ends (pages are separated by `\f`). */
export function pageBounds(clean: string): { start: number; end: number }[] {
  const bounds: { start: number; end: number }[] = [];
  let start = 0;
  for (let i = clean.indexOf('\f'); i !== -1; i = clean.indexOf('\f', i + 1)) {
    bounds.push({ start, end: i });
    start = i + 1;
  }
  bounds.push({ start, end: clean.length });
  return bounds;
}

/** The script file with page `n`'s word boxes, relative to the site's root. */
export const wordsScript = (name: string, n: number) => `data/${name}/${n}.js`;

/**
 * One record's page: the structure as an outline beside the pages, each page's
 * image (with its word boxes, loaded when the page comes into view) beside its
 * clean text with corrections, low-confidence words and warnings marked.
 */
export function recordPage(doc: ReviewDoc, images: DocImages): string {
  const { record, name } = doc;
  const clean = record.text.clean;
  const bounds = pageBounds(clean);
  const starts = bounds.map((b) => b.start);
  const outline = buildOutline(record);
  const marks = textMarks(doc, starts, outline.anchors);
  const cursor = { point: 0, stretch: 0 };
  const warnings = record.warnings ?? [];
  const unplaced = warnings.map((w, i) => ({ w, i })).filter(({ w }) => warningPlace(w, starts) === null);

  const pages = bounds
    .map((b, i) => {
      const n = i + 1;
      const info = record.source.pages.find((p) => p.n === n);
      const words = doc.words.get(n);
      const image = images.pages.get(n);
      const facts = [
        info ? labelOf(METHOD_LABEL, info.method) : '',
        info?.confidence != null ? `confidenza ${num(info.confidence)}` : '',
        info?.rotation ? `girata di ${info.rotation}°` : '',
        words?.skew ? `raddrizzata di ${num(words.skew, 2)}°` : '',
      ].filter(Boolean);
      const figure = image
        ? `<figure class="scan" style="aspect-ratio:${image.width}/${image.height}"><img src="../img/${href(image.file)}" width="${image.width}" height="${image.height}" alt="Pagina ${n} del documento originale" loading="${n <= 2 ? 'eager' : 'lazy'}" decoding="async"><div class="ov" data-n="${n}"></div></figure>`
        : images.missing
          ? `<p class="noimg">Immagine della pagina non disponibile: ${esc(images.missing)}.</p>`
          : '';
      const text = pageTextHtml(clean, b.start, b.end, marks, cursor);
      return `<section class="page${figure ? ' has-img' : ''}" id="p${n}" data-n="${n}" aria-labelledby="h${n}">
<h2 id="h${n}">Pagina ${n}${facts.length ? ` <small>${esc(facts.join(' · '))}</small>` : ''}</h2>
<div class="row">${figure}<div class="tx" data-s="${b.start}" data-n="${n}">${text}</div></div>
</section>`;
    })
    .join('\n');

  const data = {
    name,
    low: LOW_CONFIDENCE,
    corrections: (record.corrections ?? []).map((c) => [
      c.from,
      c.to,
      `${labelOf(RULE_LABEL, c.rule)}${c.ruleId ? ` (${c.ruleId})` : ''}`,
      c.confidence,
      c.cleanOffset,
      c.cleanOffset + c.to.length,
    ]),
    warnings: warnings.map((w) => [w.code, w.message, w.span?.start ?? null, w.span?.end ?? null]),
    words: Object.fromEntries([...doc.words.keys()].filter((n) => images.pages.has(n)).map((n) => [n, `../${wordsScript(name, n)}`])),
  };
  const m = record.meeting;
  const kind = stringField(record, 'kind');
  const facts = [
    kind ? `tipo: ${kind}` : '',
    m?.startTime ? `inizio ${m.startTime}` : '',
    m?.endTime ? `fine ${m.endTime}` : '',
    m?.mode ? `seduta ${labelOf(MODE_LABEL, m.mode)}` : '',
    m?.place ? `luogo: ${m.place}` : '',
    record.officers?.president ? `presidente: ${record.officers.president}` : '',
    record.officers?.secretary ? `segretario: ${record.officers.secretary}` : '',
  ].filter(Boolean);
  const links = [
    doc.markdown ? `<a href="../../${href(`${name}.md`)}" title="${esc(name)}.md: correggilo e rilancia verbali run sul file">Modifica il Markdown</a>` : '',
    `<a href="../../${href(`${name}.json`)}">Record JSON</a>`,
  ].filter(Boolean);
  const general = unplaced.length
    ? `<section class="general" aria-labelledby="hg"><h2 id="hg">Avvisi sul documento</h2><ul>${unplaced
        .map(({ w, i }) => `<li><mark class="wb" id="w${i}" data-w="${i}" tabindex="-1"></mark> ${esc(`${w.code}: ${w.message}`)}</li>`)
        .join('')}</ul></section>`
    : '';

  return `${pageHead(`${recordTitle(doc)} — revisione`, '../assets', 'record')}<header class="top">
<p class="back"><a href="../index.html">← Tutti i verbali</a></p>
<h1>${esc(recordTitle(doc))}</h1>
<p class="facts">${esc([...facts, `${bounds.length} ${bounds.length === 1 ? 'pagina' : 'pagine'}`, `${(record.corrections ?? []).length} correzioni`, `${warnings.length} avvisi`, `sorgente: ${record.source.file}`].join(' · '))}</p>
<div class="tools">
<label for="q">Cerca nel testo</label> <input id="q" type="search" autocomplete="off" placeholder="parola… (tasto /)"> <span id="qn" class="qn" aria-live="polite"></span>
<button type="button" id="raw" aria-pressed="false">Mostra lettura OCR</button>
<span class="zoom" role="group" aria-label="Dimensione immagine"><button type="button" id="zo" aria-label="Immagine più piccola">−</button><button type="button" id="zi" aria-label="Immagine più grande">+</button></span>
${links.join('\n')}
</div>
</header>
<div class="layout">
<nav class="outline" aria-label="Struttura del verbale"><h2>Struttura</h2>${outline.html}</nav>
<main id="main" tabindex="-1">
${general}
${pages}
</main>
</div>
<div id="detail" class="detail" role="status" aria-live="polite"><span id="dt">Tasti: <kbd>j</kbd>/<kbd>k</kbd> (o frecce) correzioni e avvisi, <kbd>Invio</kbd> vai al punto, <kbd>/</kbd> cerca, <kbd>+</kbd>/<kbd>−</kbd> immagine. Clic su una parola del testo o dell’immagine per collegarle.</span></div>
<script type="application/json" id="vr-data">${scriptJson(data)}</script>
<script src="../assets/review.js"></script>
</body>
</html>
`;
}

/** A field the record may gain (the segment stage adds them over time): its value when it is a string. */
export function stringField(record: object, key: string): string | null {
  const value = (record as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : null;
}

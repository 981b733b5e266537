import { esc, href, num } from './html.js';
import { italianDate } from './labels.js';
import type { ReviewDoc } from './read-output.js';
import { pageBounds, pageHead, stringField } from './record-page.js';

/** The lowest OCR confidence of a record's pages, or null when none was OCR'd. */
export function lowestConfidence(doc: ReviewDoc): number | null {
  const values = doc.record.source.pages.map((p) => p.confidence).filter((c): c is number => typeof c === 'number');
  return values.length ? Math.min(...values) : null;
}

const COLUMNS: { key: string; label: string; numeric?: boolean }[] = [
  { key: 'date', label: 'Data' },
  { key: 'body', label: 'Organo' },
  { key: 'org', label: 'Ente' },
  { key: 'kind', label: 'Tipo' },
  { key: 'pages', label: 'Pagine', numeric: true },
  { key: 'warnings', label: 'Avvisi', numeric: true },
  { key: 'corrections', label: 'Correzioni', numeric: true },
  { key: 'confidence', label: 'Confidenza minima', numeric: true },
  { key: 'file', label: 'File' },
];

/**
 * The index of every record: a table sortable by any column (buttons in the
 * headers) and filtered by the text typed in the box; each row links to the
 * record's page. Sorted by date at first, records without a date last.
 */
export function indexPage(docs: readonly ReviewDoc[], skipped: readonly { file: string; reason: string }[]): string {
  const rows = [...docs]
    .sort((a, b) => (a.record.meeting?.date ?? '9999').localeCompare(b.record.meeting?.date ?? '9999') || a.name.localeCompare(b.name))
    .map((doc) => {
      const r = doc.record;
      const low = lowestConfidence(doc);
      const pages = pageBounds(r.text.clean).length;
      const cells: [string, string | number, string][] = [
        ['date', r.meeting?.date ?? '', italianDate(r.meeting?.date) || '—'],
        ['body', r.meeting?.body ?? '', r.meeting?.body ?? '—'],
        ['org', r.meeting?.organization ?? '', r.meeting?.organization ?? '—'],
        ['kind', stringField(r, 'kind') ?? '', stringField(r, 'kind') ?? '—'],
        ['pages', pages, String(pages)],
        ['warnings', (r.warnings ?? []).length, String((r.warnings ?? []).length)],
        ['corrections', (r.corrections ?? []).length, String((r.corrections ?? []).length)],
        ['confidence', low ?? 101, low === null ? '—' : num(low)],
        ['file', r.source.file, r.source.file],
      ];
      const link = `<a href="records/${href(`${doc.name}.html`)}">${esc(cells[0]?.[2] ?? '')}</a>`;
      const tds = cells.map(([key, value, shown], i) => {
        const cls = (COLUMNS[i]?.numeric ? 'num' : '') + (key === 'warnings' && Number(value) > 0 ? ' warn' : '') + (key === 'confidence' && low !== null && low < 80 ? ' warn' : '');
        return `<td data-v="${esc(String(value))}"${cls.trim() ? ` class="${cls.trim()}"` : ''}>${i === 0 ? link : esc(shown)}</td>`;
      });
      return `<tr>${tds.join('')}</tr>`;
    });
  const head = COLUMNS.map(
    (c, i) => `<th scope="col"${i === 0 ? ' aria-sort="ascending"' : ''}><button type="button" data-col="${i}"${c.numeric ? ' data-num="1"' : ''}>${esc(c.label)}</button></th>`,
  ).join('');
  const problems = skipped.length
    ? `<section class="general"><h2>File non mostrati</h2><ul>${skipped.map((s) => `<li>${esc(`${s.file}: ${s.reason}`)}</li>`).join('')}</ul></section>`
    : '';
  return `${pageHead('Verbali — revisione', 'assets', 'index')}<header class="top">
<h1>Verbali — revisione</h1>
<p class="facts">${docs.length} ${docs.length === 1 ? 'verbale' : 'verbali'}. Tasti: <kbd>/</kbd> filtra, <kbd>j</kbd>/<kbd>k</kbd> (o frecce) scorre le righe, <kbd>Invio</kbd> apre.</p>
<div class="tools"><label for="q">Filtra</label> <input id="q" type="search" autocomplete="off" placeholder="data, organo, ente, file… (tasto /)"> <span id="qn" class="qn" aria-live="polite"></span></div>
</header>
<main id="main" tabindex="-1">
${problems}
<table class="records">
<caption class="sr">Verbali: clic su un’intestazione per ordinare</caption>
<thead><tr>${head}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</main>
<script src="assets/review.js"></script>
</body>
</html>
`;
}

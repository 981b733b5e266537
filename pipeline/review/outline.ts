import type { Span } from '../../schemas/index.js';
import { esc } from './html.js';
import { EVENT_LABEL, labelOf, OUTCOME_LABEL, SUBJECT_LABEL } from './labels.js';
import type { RecordView } from './read-output.js';

/** The outline of a record's structure, and the anchors it links to in the text. */
export interface Outline {
  html: string;
  anchors: { at: number; html: string }[];
}

type Spanned = { span?: Span | null };

/** Vote counts as a reviewer reads them: `12 favorevoli, 0 contrari, 1 astenuto`, with `presenti`/`votanti` where the record has them. */
function votesText(votes: unknown): string {
  if (!votes || typeof votes !== 'object') return 'nessun voto registrato';
  const v = votes as Record<string, unknown>;
  const parts: string[] = [];
  const count = (key: string, one: string, many: string) => {
    if (typeof v[key] === 'number') parts.push(`${v[key]} ${v[key] === 1 ? one : many}`);
  };
  count('presenti', 'presente', 'presenti');
  count('votanti', 'votante', 'votanti');
  count('favorevoli', 'favorevole', 'favorevoli');
  count('contrari', 'contrario', 'contrari');
  count('astenuti', 'astenuto', 'astenuti');
  if (v.unanimous === true) parts.push('all’unanimità');
  return parts.join(', ') || 'voti non indicati';
}

/**
 * The structure as a navigable outline (attendance, the speeches before the
 * agenda, agenda items with their turns and votes, arrivals and departures, attachments, signatures,
 * warnings): each entry with a span links to an anchor placed at the span's
 * start, and carries the span's offsets so the page can highlight it.
 */
export function buildOutline(record: RecordView): Outline {
  const anchors: Outline['anchors'] = [];
  const entry = (id: string, label: string, item: Spanned) => {
    const span = item.span;
    if (!span) return `<li><span class="nolink">${esc(label)}</span></li>`;
    anchors.push({ at: span.start, html: `<span class="a" id="${id}"></span>` });
    return `<li><a href="#${id}" data-s="${span.start}" data-e="${span.end}">${esc(label)}</a>`;
  };
  const section = (title: string, count: number, body: string) =>
    count === 0 ? '' : `<details open><summary>${esc(title)} <span class="count">(${count})</span></summary><ul>${body}</ul></details>`;

  const attendance = record.attendance ?? [];
  const members = attendance
    .map((a, i) => {
      const who = [a.person ?? a.entity ?? '—', a.person && a.entity ? `(${a.entity})` : ''].filter(Boolean).join(' ');
      const state = a.present === null ? 'presenza non indicata' : a.present ? (a.remote ? 'presente da remoto' : 'presente') : 'assente';
      return `${entry(`s-att-${i}`, `${a.n}. ${who}${a.role ? ` — ${a.role}` : ''} · ${state}`, a)}</li>`;
    })
    .join('');
  const staff = (record.staff ?? [])
    .map((s, i) => `${entry(`s-staff-${i}`, `${s.person ?? s.entity ?? '—'}${s.role ? ` — ${s.role}` : ''}`, s)}</li>`)
    .join('');
  // Speeches before the first item (question time, communications): reviewed as an item's turns are.
  const before = (record.turnsBeforeAgenda ?? []).map((t, j) => `${entry(`s-pre-${j}`, t.speaker?.label ?? t.speaker?.name ?? 'intervento', t)}</li>`).join('');
  const agenda = (record.agenda ?? [])
    .map((item, i) => {
      const head = entry(`s-item-${i}`, `${item.number !== null ? `${item.number}. ` : ''}${item.title}`, item);
      const turns = (item.turns ?? []).map((t, j) => `${entry(`s-turn-${i}-${j}`, t.speaker?.label ?? t.speaker?.name ?? 'intervento', t)}</li>`);
      const decisions = (item.decisions ?? []).map((d, j) => {
        const subject = d.subject && d.subject !== 'deliberation' ? ` (${labelOf(SUBJECT_LABEL, d.subject)})` : '';
        return `${entry(`s-dec-${i}-${j}`, `Votazione${subject}: ${labelOf(OUTCOME_LABEL, d.outcome)} — ${votesText(d.votes)}`, d).replace('<li>', '<li class="vote">')}</li>`;
      });
      const inner = [...turns, ...decisions];
      return `${head}${inner.length ? `<ul>${inner.join('')}</ul>` : ''}</li>`;
    })
    .join('');
  const events = (record.events ?? [])
    .map((e, i) => `${entry(`s-ev-${i}`, `${e.time ?? '—'} ${labelOf(EVENT_LABEL, e.type)}: ${e.person ?? e.entity ?? '—'}`, e)}</li>`)
    .join('');
  const attachments = (record.attachments ?? []).map((a, i) => `${entry(`s-all-${i}`, a.title, a)}</li>`).join('');
  const signatures = (record.signatures ?? []).map((s) => `<li>${esc(`${s.role}: ${s.person ?? '—'}`)}</li>`).join('');
  const warnings = (record.warnings ?? []).map((w, i) => `<li><a href="#w${i}" data-w="${i}">${esc(`${w.code}: ${w.message}`)}</a></li>`).join('');

  const html = [
    section('Presenze', attendance.length, members),
    section('Personale e ospiti', (record.staff ?? []).length, staff),
    section("Interventi prima dell'ordine del giorno", (record.turnsBeforeAgenda ?? []).length, before),
    section('Ordine del giorno', (record.agenda ?? []).length, agenda),
    section('Entrate e uscite', (record.events ?? []).length, events),
    section('Allegati', (record.attachments ?? []).length, attachments),
    section('Firme', (record.signatures ?? []).length, signatures),
    section('Avvisi', (record.warnings ?? []).length, warnings),
  ].join('');
  return { html: html || '<p>Nessuna struttura riconosciuta.</p>', anchors };
}

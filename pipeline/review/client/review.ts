/**
 * The review site's script (a classic script: pages opened from file:// may
 * not load modules or fetch files). On the index: sort, filter, keyboard.
 * On a record: page image and text linked both ways through the word boxes,
 * walking corrections and warnings with j/k, search, outline jumps.
 */

/** `[x0, y0, x1, y1, confidence, cleanStart, cleanEnd, as OCR read it (0: as the clean text)]`, box in the pixels of the image OCR read. */
type Word = [number, number, number, number, number, number, number, string | 0];
interface PageWords {
  w: number;
  h: number;
  words: Word[];
}
/** `[from, to, rule, confidence, cleanStart, cleanEnd]`. */
type CorrectionData = [string, string, string, number, number, number];
interface RecordData {
  name: string;
  low: number;
  corrections: CorrectionData[];
  warnings: [string, string, number | null, number | null][];
  words: Record<string, string>;
}

/** Work started from an event, not awaited: a failure still shows (on the console), never as an unhandled rejection. */
function background(work: Promise<unknown>): void {
  work.catch((error: unknown) => console.error(error));
}

const loaded = new Map<number, PageWords>();
const waiting = new Map<number, ((words: PageWords) => void)[]>();

/** Called by each `data/<name>/<n>.js`. */
(window as unknown as { VR: unknown }).VR = {
  words(n: number, data: PageWords) {
    loaded.set(n, data);
    for (const resolve of waiting.get(n) ?? []) resolve(data);
    waiting.delete(n);
  },
};

const $ = <T extends Element>(selector: string, root: ParentNode = document) => root.querySelector<T>(selector);
const $$ = <T extends Element>(selector: string, root: ParentNode = document) => [...root.querySelectorAll<T>(selector)];
const typing = (target: EventTarget | null) => target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement;
const italian = (n: number) => n.toLocaleString('it-IT', { maximumFractionDigits: 2 });
const fold = (s: string) => s.toLocaleLowerCase('it-IT');

function esc(text: string): string {
  const span = document.createElement('span');
  span.textContent = text;
  return span.innerHTML;
}

function setHighlight(name: string, ranges: Range[]): void {
  const registry = (globalThis as { CSS?: { highlights?: Map<string, unknown> } }).CSS?.highlights;
  const Ctor = (globalThis as { Highlight?: new (...r: Range[]) => unknown }).Highlight;
  if (!registry || !Ctor) return;
  if (ranges.length) registry.set(name, new Ctor(...ranges));
  else registry.delete(name);
}

// ---------------------------------------------------------------- index

function initIndex(): void {
  const tbody = $<HTMLTableSectionElement>('table.records tbody');
  const input = $<HTMLInputElement>('#q');
  const count = $<HTMLElement>('#qn');
  if (!tbody || !input || !count) return;
  const rows = $$<HTMLTableRowElement>('tr', tbody);
  const headers = $$<HTMLTableCellElement>('table.records th');
  let current = -1;

  for (const th of headers) {
    const button = $<HTMLButtonElement>('button', th);
    button?.addEventListener('click', () => {
      const col = Number(button.dataset.col);
      const numeric = button.dataset.num === '1';
      const ascending = th.getAttribute('aria-sort') !== 'ascending';
      for (const other of headers) other.removeAttribute('aria-sort');
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      const value = (row: HTMLTableRowElement) => row.cells[col]?.dataset.v ?? '';
      const sorted = [...rows].sort((a, b) => {
        const d = numeric ? Number(value(a)) - Number(value(b)) : value(a).localeCompare(value(b), 'it');
        return ascending ? d : -d;
      });
      for (const row of sorted) tbody.appendChild(row);
    });
  }

  const filter = () => {
    const q = fold(input.value.trim());
    let shown = 0;
    for (const row of rows) {
      row.hidden = q !== '' && !fold(row.textContent ?? '').includes(q);
      if (!row.hidden) shown++;
    }
    count.textContent = q ? `${shown} di ${rows.length}` : '';
  };
  input.addEventListener('input', filter);

  const visible = () => $$<HTMLTableRowElement>('tr:not([hidden])', tbody);
  const move = (step: number) => {
    const list = visible();
    if (!list.length) return;
    const at = list.findIndex((r) => r.classList.contains('cur'));
    current = Math.max(0, Math.min(list.length - 1, at === -1 ? (step > 0 ? 0 : list.length - 1) : at + step));
    for (const r of rows) r.classList.remove('cur');
    const row = list[current];
    row?.classList.add('cur');
    $<HTMLAnchorElement>('a', row)?.focus();
  };

  document.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (typing(e.target)) {
      if (e.key === 'Escape') input.blur();
      if (e.key === 'ArrowDown' || e.key === 'Enter') {
        e.preventDefault();
        move(1);
      }
      return;
    }
    if (e.key === '/') {
      e.preventDefault();
      input.focus();
      input.select();
    } else if (e.key === 'j' || e.key === 'ArrowDown') {
      e.preventDefault();
      move(1);
    } else if (e.key === 'k' || e.key === 'ArrowUp') {
      e.preventDefault();
      move(-1);
    }
  });
}

// ---------------------------------------------------------------- record

/** Offsets in `text.clean` ↔ positions in the page texts (each `.tx` starts at offset `data-s`). */
const texts = () => $$<HTMLElement>('.tx');

function offsetOf(node: Node, offset: number): { page: number; at: number } | null {
  const tx = (node instanceof Element ? node : node.parentElement)?.closest<HTMLElement>('.tx');
  if (!tx) return null;
  const range = document.createRange();
  range.setStart(tx, 0);
  range.setEnd(node, offset);
  return { page: Number(tx.dataset.n), at: Number(tx.dataset.s) + range.toString().length };
}

function rangeAt(start: number, end: number): Range | null {
  const all = texts();
  let tx: HTMLElement | undefined;
  for (const t of all) if (Number(t.dataset.s) <= start) tx = t;
  if (!tx) return null;
  const base = Number(tx.dataset.s);
  const walker = document.createTreeWalker(tx, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let seen = 0;
  let started = false;
  let last: Text | null = null;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const length = node.data.length;
    if (!started && base + seen + length >= start) {
      range.setStart(node, Math.min(length, start - base - seen));
      started = true;
    }
    if (started && base + seen + length >= end) {
      range.setEnd(node, Math.max(0, Math.min(length, end - base - seen)));
      return range;
    }
    seen += length;
    last = node;
  }
  if (!started) return null;
  if (last) range.setEnd(last, last.data.length);
  return range;
}

function scrollToRange(range: Range): void {
  const rect = range.getBoundingClientRect();
  if (rect.top < 60 || rect.bottom > window.innerHeight - 80) window.scrollBy({ top: rect.top - window.innerHeight / 3 });
}

function initRecord(): void {
  const dataNode = $('#vr-data');
  const detail = $<HTMLElement>('#dt');
  if (!dataNode || !detail) return;
  const data = JSON.parse(dataNode.textContent ?? '{}') as RecordData;

  // Word boxes: loaded when a page comes near the screen, or when asked for.
  const requested = new Set<number>();
  const loadWords = (n: number): Promise<PageWords | null> => {
    const ready = loaded.get(n);
    if (ready) return Promise.resolve(ready);
    const src = data.words[String(n)];
    if (!src) return Promise.resolve(null);
    if (!requested.has(n)) {
      requested.add(n);
      const script = document.createElement('script');
      script.src = src;
      document.head.appendChild(script);
    }
    return new Promise((resolve) => waiting.set(n, [...(waiting.get(n) ?? []), resolve]));
  };
  const overlay = (n: number) => $<HTMLElement>(`.ov[data-n="${n}"]`);
  const place = (box: HTMLElement, page: PageWords, w: Word) => {
    box.style.left = `${(w[0] / page.w) * 100}%`;
    box.style.top = `${(w[1] / page.h) * 100}%`;
    box.style.width = `${((w[2] - w[0]) / page.w) * 100}%`;
    box.style.height = `${((w[3] - w[1]) / page.h) * 100}%`;
  };
  const corrected = data.corrections.filter((c) => c[5] > c[4]);
  const drawMarks = (n: number, page: PageWords) => {
    const ov = overlay(n);
    if (!ov || ov.dataset.drawn) return;
    ov.dataset.drawn = '1';
    for (const w of page.words) {
      const low = w[4] < data.low && w[5] >= 0;
      const fixed = w[5] >= 0 && corrected.some((c) => c[4] < w[6] && c[5] > w[5]);
      if (!low && !fixed) continue;
      const box = document.createElement('div');
      box.className = `bx ${fixed ? 'cb' : 'lcb'}`;
      place(box, page, w);
      ov.appendChild(box);
    }
  };
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        const n = Number((entry.target as HTMLElement).dataset.n);
        observer.unobserve(entry.target);
        background(loadWords(n).then((page) => page && drawMarks(n, page)));
      }
    },
    { rootMargin: '600px 0px' },
  );
  for (const section of $$<HTMLElement>('.page.has-img')) observer.observe(section);

  // The selected word: its box on the image, its stretch in the text.
  const selectBox = (n: number, page: PageWords, w: Word) => {
    for (const old of $$('.bx.sel')) old.remove();
    const ov = overlay(n);
    if (!ov) return;
    const box = document.createElement('div');
    box.className = 'bx sel';
    place(box, page, w);
    ov.appendChild(box);
  };
  const describeWord = (w: Word, clean: string | null) => {
    const conf = `confidenza OCR ${italian(w[4])}${w[4] < data.low ? ' (bassa)' : ''}`;
    const read = w[7] === 0 ? (clean ?? '') : w[7];
    if (clean === null) return `Parola letta dall’OCR <q>${esc(read)}</q>, rimossa dalla pulizia (intestazione o piè di pagina) · ${conf}`;
    return `Parola <q>${esc(clean)}</q>${clean !== read ? ` · l’OCR aveva letto <q>${esc(read)}</q>` : ''} · ${conf}`;
  };
  const wordAtOffset = (page: PageWords, at: number) =>
    page.words.find((w) => w[5] >= 0 && w[5] <= at && at < w[6]) ?? page.words.find((w) => w[5] >= 0 && w[5] <= at && at <= w[6]);

  // Text → image: the word under the caret or the click.
  const fromText = async () => {
    const sel = document.getSelection();
    if (!sel?.focusNode) return;
    const spot = offsetOf(sel.focusNode, sel.focusOffset);
    if (!spot) return;
    const page = await loadWords(spot.page);
    if (!page) return;
    const w = wordAtOffset(page, spot.at);
    if (!w) return;
    selectBox(spot.page, page, w);
    const range = rangeAt(w[5], w[6]);
    setHighlight('vr-word', range ? [range] : []);
    detail.innerHTML = describeWord(w, range?.toString() ?? null);
  };
  for (const tx of texts()) {
    tx.addEventListener('mouseup', () => background(fromText()));
    tx.addEventListener('keyup', () => background(fromText()));
  }

  // Image → text: the word whose box holds the click (or the nearest within a few pixels).
  for (const ov of $$<HTMLElement>('.ov')) {
    ov.addEventListener('click', async (e) => {
      const n = Number(ov.dataset.n);
      const page = await loadWords(n);
      if (!page) return;
      const rect = ov.getBoundingClientRect();
      const x = ((e.clientX - rect.left) / rect.width) * page.w;
      const y = ((e.clientY - rect.top) / rect.height) * page.h;
      const slack = page.w / 200;
      const distance = (w: Word) => Math.max(w[0] - x, x - w[2], 0) + Math.max(w[1] - y, y - w[3], 0);
      let best: Word | null = null;
      for (const w of page.words) if (distance(w) <= slack && (!best || distance(w) < distance(best))) best = w;
      if (!best) return;
      selectBox(n, page, best);
      const range = best[5] >= 0 ? rangeAt(best[5], best[6]) : null;
      setHighlight('vr-word', range ? [range] : []);
      if (range) {
        const sel = document.getSelection();
        sel?.removeAllRanges();
        sel?.addRange(range);
        scrollToRange(range);
      }
      detail.innerHTML = describeWord(best, range?.toString() ?? null);
    });
  }

  // Warnings' stretches tinted.
  setHighlight(
    'vr-warn',
    data.warnings.flatMap(([, , s, e]) => (s !== null && e !== null && e > s ? [rangeAt(s, e)].filter((r): r is Range => r !== null) : [])),
  );

  // Corrections and warnings, in text order: j/k (and arrows) walk them, Enter goes there.
  const stops = $$<HTMLElement>('mark.c[id], mark.wb');
  let current = -1;
  const describeStop = (el: HTMLElement) => {
    const position = `${stops.indexOf(el) + 1} di ${stops.length}`;
    if (el.classList.contains('wb')) {
      const [code, message] = data.warnings[Number(el.dataset.w)] ?? ['', ''];
      return `<b>Avviso</b> ${esc(code)}: ${esc(message)} <small>(${position})</small>`;
    }
    const parts = (el.dataset.c ?? '').split(' ').map((i) => {
      const [from, to, rule, confidence] = data.corrections[Number(i)] ?? ['', '', '', 0];
      const what = to === '' ? `rimosso <q>${esc(from)}</q>` : `OCR <q>${esc(from)}</q> → <q>${esc(to)}</q>`;
      return `${what} · regola ${esc(rule)} · confidenza ${italian(confidence)}`;
    });
    return `<b>Correzione</b> ${parts.join('; ')} <small>(${position})</small>`;
  };
  const showStopOnImage = async (el: HTMLElement) => {
    const n = Number(el.closest<HTMLElement>('.tx')?.dataset.n);
    const spot = offsetOf(el, 0);
    const page = n ? await loadWords(n) : null;
    if (!page || !spot) return;
    const w = wordAtOffset(page, spot.at);
    if (w) selectBox(n, page, w);
  };
  const goTo = (i: number) => {
    if (!stops.length) return;
    current = Math.max(0, Math.min(stops.length - 1, i));
    for (const s of $$('.cur')) s.classList.remove('cur');
    const el = stops[current] as HTMLElement;
    el.classList.add('cur');
    el.scrollIntoView({ block: 'center' });
    detail.innerHTML = describeStop(el);
    background(showStopOnImage(el));
  };
  for (const [i, el] of stops.entries()) {
    el.addEventListener('click', () => {
      current = i;
      for (const s of $$('.cur')) s.classList.remove('cur');
      el.classList.add('cur');
      detail.innerHTML = describeStop(el);
      background(showStopOnImage(el));
    });
    el.addEventListener('focus', () => {
      current = i;
      detail.innerHTML = describeStop(el);
    });
  }

  // The outline: jump to a span's start, and tint the span.
  for (const link of $$<HTMLAnchorElement>('nav.outline a[href^="#"]')) {
    link.addEventListener('click', (e) => {
      const target = document.getElementById(link.hash.slice(1));
      if (!target) return;
      e.preventDefault();
      const stop = stops.indexOf(target);
      if (stop !== -1) {
        goTo(stop);
        target.focus({ preventScroll: true });
      } else {
        target.tabIndex = -1;
        target.scrollIntoView({ block: 'start' });
        target.focus({ preventScroll: true });
      }
      const s = Number(link.dataset.s);
      const end = Number(link.dataset.e);
      const range = link.dataset.s ? rangeAt(s, end) : null;
      setHighlight('vr-span', range ? [range] : []);
      history.replaceState(null, '', link.hash);
      if (range) detail.textContent = `${link.textContent ?? ''}`;
    });
  }

  // Search in the text.
  const input = $<HTMLInputElement>('#q');
  const count = $<HTMLElement>('#qn');
  let matches: Range[] = [];
  let match = -1;
  const search = () => {
    if (!input || !count) return;
    const q = fold(input.value);
    matches = [];
    match = -1;
    if (q.length >= 2) {
      for (const tx of texts()) {
        const text = fold(tx.textContent ?? '');
        const base = Number(tx.dataset.s);
        for (let i = text.indexOf(q); i !== -1 && matches.length < 5000; i = text.indexOf(q, i + q.length)) {
          const range = rangeAt(base + i, base + i + q.length);
          if (range) matches.push(range);
        }
      }
    }
    setHighlight('vr-find', matches);
    count.textContent = q.length >= 2 ? (matches.length ? `${matches.length} risultati` : 'nessun risultato') : '';
  };
  const nextMatch = (step: number) => {
    if (!matches.length || !count) return;
    match = (match + step + matches.length) % matches.length;
    const range = matches[match] as Range;
    scrollToRange(range);
    setHighlight('vr-word', [range]);
    count.textContent = `${match + 1} di ${matches.length}`;
  };
  let timer = 0;
  input?.addEventListener('input', () => {
    clearTimeout(timer);
    timer = window.setTimeout(search, 120);
  });

  // Buttons: raw OCR reading shown before each correction; image size.
  const raw = $<HTMLButtonElement>('#raw');
  raw?.addEventListener('click', () => {
    const on = document.body.classList.toggle('raw');
    raw.setAttribute('aria-pressed', String(on));
  });
  const sizes = ['34%', '42%', '50%', '60%', '70%', '80%'];
  let size = 2;
  const zoom = (step: number) => {
    size = Math.max(0, Math.min(sizes.length - 1, size + step));
    document.documentElement.style.setProperty('--img', sizes[size] as string);
  };
  $('#zi')?.addEventListener('click', () => zoom(1));
  $('#zo')?.addEventListener('click', () => zoom(-1));

  document.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (typing(e.target)) {
      if (e.target === input && e.key === 'Enter') {
        e.preventDefault();
        clearTimeout(timer);
        if (matches.length === 0) search();
        nextMatch(e.shiftKey ? -1 : 1);
      } else if (e.key === 'Escape') {
        (e.target as HTMLElement).blur();
      }
      return;
    }
    switch (e.key) {
      case '/':
        e.preventDefault();
        input?.focus();
        input?.select();
        break;
      case 'j':
      case 'ArrowDown':
        e.preventDefault();
        goTo(current + 1);
        break;
      case 'k':
      case 'ArrowUp':
        e.preventDefault();
        goTo(current - 1);
        break;
      case 'Enter': {
        const el = stops[current];
        if (!el || (e.target instanceof HTMLElement && e.target.closest('a, button, summary'))) break;
        e.preventDefault();
        el.focus({ preventScroll: true });
        el.scrollIntoView({ block: 'center' });
        background(showStopOnImage(el));
        break;
      }
      case '+':
      case '=':
        zoom(1);
        break;
      case '-':
        zoom(-1);
        break;
    }
  });
}

if (document.body.classList.contains('index')) initIndex();
else initRecord();

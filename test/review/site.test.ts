import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanText, createCleanContext } from '../../pipeline/clean/index.js';
import { locateWords } from '../../pipeline/ocr/index.js';
import * as review from '../../pipeline/review/index.js';
import { type ReviewDoc, readOutputFolder } from '../../pipeline/review/read-output.js';
import { pageBounds, recordPage } from '../../pipeline/review/record-page.js';
import { runPipeline } from '../../pipeline/run.js';
import type { VerbaleRecord } from '../../schemas/index.js';
import { SEED, tempDir } from '../helpers.js';

/** The text of a page's HTML as a browser shows it: tags dropped, entities read. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));

const word = (text: string) => ({ text, confidence: 90, bbox: { x0: 0, y0: 0, x1: 1, y1: 1 } });

describe('review site: building blocks', () => {
  it('exports the site builder and the folder reader', () => {
    expect(Object.keys(review).sort()).toEqual(['PREVIEW_PIXELS', 'buildReviewSite', 'readOutputFolder']);
  });

  it.each([
    ['every word in order', 'Il Sindaco apre la seduta', ['Il', 'Sindaco', 'apre', 'la', 'seduta'], [0, 3, 11, 16, 19]],
    ['a word the text lacks costs that word only', 'Il Sindaco apre', ['Il', 'Sindco', 'apre'], [0, -1, 11]],
    ['a repeated word is found after the previous one', 'la la la', ['la', 'la', 'la'], [0, 3, 6]],
  ])('locateWords: %s', (_, text, words, starts) => {
    expect(locateWords(text, words.map(word))).toEqual(starts);
  });

  it('cleanText maps raw offsets to clean ones: through a fixed word, and past a removed line', () => {
    const raw = "In data odierna si e' riunita la Giunta.\nL'incontro inizia alle 18.";
    const result = cleanText(raw, {}, createCleanContext());
    const at = (w: string) => raw.indexOf(w);
    expect(result.clean.slice(result.toClean(at('riunita')), result.toClean(at('riunita') + 7))).toBe('riunita');
    expect(result.clean.slice(result.toClean(at('Giunta')), result.toClean(at('Giunta') + 6))).toBe('Giunta');
    expect(result.clean.slice(result.toClean(at('incontro')), result.toClean(at('incontro') + 8))).toBe('incontro');
  });
});

describe('review site: a record page', () => {
  const out = tempDir('verbali-review-unit-');
  let seed: VerbaleRecord;
  beforeAll(async () => {
    seed = (await runPipeline(SEED)).record;
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  const docOf = (record: VerbaleRecord | Record<string, unknown>, name = 'r'): ReviewDoc => ({
    name,
    record: record as ReviewDoc['record'],
    words: new Map(),
    markdown: true,
  });
  const noImages = { pages: new Map(), rendered: 0, missing: null };

  it('shows the clean text exactly, page by page, each correction one keyboard stop with its OCR reading', () => {
    const html = recordPage(docOf(seed), noImages);
    const texts = [...html.matchAll(/<div class="tx" data-s="(\d+)" data-n="\d+">([\s\S]*?)<\/div><\/div>\n<\/section>/g)];
    expect(texts.map((m) => textOf(m[2] as string)).join('\f')).toBe(seed.text.clean);
    expect(texts.map((m) => Number(m[1]))).toEqual(pageBounds(seed.text.clean).map((b) => b.start));
    const ids = [...html.matchAll(/ id="(c\d+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    const first = seed.corrections.findIndex((c) => c.to !== '');
    expect(html).toContain(`id="c${first}" data-c="${first}`);
    expect(html).toMatch(new RegExp(`id="c${first}" data-c="[\\d ]+" data-raw="${seed.corrections[first]?.from.replace(/'/g, '&#39;')}"`));
  });

  it('reads records defensively: fields the segment stage adds later show, fields it lacks do not break the page', () => {
    const item = seed.agenda[0] as VerbaleRecord['agenda'][number];
    const later = {
      ...seed,
      kind: 'deliberazione',
      rollCalls: [{ time: '10:30', present: 13, names: [], span: null }],
      agenda: [
        {
          ...item,
          decisions: [{ text: 'Emendamento approvato.', outcome: 'approved', subject: 'amendment', span: item.span, votes: { presenti: 13, votanti: 12, favorevoli: 12, contrari: 0, astenuti: 0, unanimous: true, against: [], abstainers: [] } }],
        },
      ],
      warnings: [
        { code: 'vote-total-mismatch', message: 'voti e presenti non tornano', span: item.span, page: 1 },
        { code: 'page-unreadable', message: 'pagina 2 illeggibile', span: null, page: 2 },
        { code: 'no-place', message: 'senza posto', span: null },
      ],
    };
    delete (later as Partial<VerbaleRecord>).events;
    delete (later as Partial<VerbaleRecord>).staff;
    const html = recordPage(docOf(later), noImages);
    expect(html).toContain('tipo: deliberazione');
    expect(html).toContain('Votazione (emendamento): approvata — 13 presenti, 12 votanti, 12 favorevoli, 0 contrari, 0 astenuti, all’unanimità');
    // The placed warning at its span, the page warning where its page starts (or at the top when the text has no such page), the third at the top.
    const textStart = html.indexOf('<div class="tx"');
    expect(html.indexOf('id="w0"')).toBeGreaterThan(textStart);
    expect(html.indexOf('id="w2"')).toBeLessThan(textStart);
    expect(html).toContain('Avvisi sul documento');
  });

  it('lists the speeches before the agenda in the outline, each linked to its place in the text', () => {
    const span = { page: 1, start: 10, end: 40 };
    const turn = { speaker: { name: 'Mario Rossi', label: 'CONS. ROSSI', role: 'Consigliere', entity: null }, text: 'Chiedo al Sindaco dei lavori.', span };
    const html = recordPage(docOf({ ...seed, turnsBeforeAgenda: [turn] }), noImages);
    expect(html).toContain('Interventi prima dell&#39;ordine del giorno');
    expect(html).toMatch(/<a href="#s-pre-0" data-s="10" data-e="40">CONS\. ROSSI<\/a>/);
    expect(recordPage(docOf(seed), noImages)).not.toContain('s-pre-0');
  });

  it('reads an output folder: records only, a sidecar of another version of the record is set aside with the reason', () => {
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'a.json'), JSON.stringify(seed));
    writeFileSync(join(out, 'summary.json'), JSON.stringify({ processed: 1 }));
    writeFileSync(join(out, 'broken.json'), JSON.stringify({ schema: 'verbali.record/1', id: 'x' }));
    writeFileSync(join(out, 'a.words.jsonl'), `${JSON.stringify({ schema: 'verbali.words/1', id: seed.id, cleanSha256: '0'.repeat(64) })}\n`);
    const folder = readOutputFolder(out);
    expect(folder.docs.map((d) => d.name)).toEqual(['a']);
    expect(folder.docs[0]?.words.size).toBe(0);
    expect(folder.skipped.map((s) => s.file).sort()).toEqual(['a.words.jsonl', 'broken.json']);
    expect(folder.skipped.find((s) => s.file === 'a.words.jsonl')?.reason).toMatch(/another version of the record/);
    expect(readFileSync(join(out, 'a.json'), 'utf8')).toContain(seed.id);
  });
});

import { describe, expect, it } from 'vitest';
import { DOUBTED_NAME_CONFIDENCE } from '../../pipeline/emit/index.js';
import { sourceFromBytes } from '../../pipeline/ingest/index.js';
import type { RecognizedPage } from '../../pipeline/ocr/index.js';
import { createPipeline, recordFromPages } from '../../pipeline/run.js';
import { MEMBER_LIST } from '../helpers.js';

const TEXT = MEMBER_LIST;

/** The page as the OCR stage hands it over, every word read at 95 but those `doubted` names. */
function ocrPage(doubted: Record<string, number>): RecognizedPage {
  let x = 0;
  const words = TEXT.split(/\s+/).map((text) => {
    x += 10 * text.length + 10;
    return { text, confidence: doubted[text] ?? 95, bbox: { x0: x, y0: 100, x1: x + 10 * text.length, y1: 130 } };
  });
  return { n: 1, text: TEXT, method: 'ocr', confidence: 90, rotation: 0, words, frame: { width: 2480, height: 3508, skew: 0 } };
}

describe('emit: names read from words the OCR doubted', () => {
  const pipeline = createPipeline({ jobs: 1 });
  const source = sourceFromBytes('verbale.pdf', Buffer.from(TEXT), 'application/pdf');
  const doubts = (page: RecognizedPage) => recordFromPages(source, [page], pipeline, () => 'tesseract.js').record.warnings.filter((w) => w.code === 'name-doubtful');

  it('flags a listed member whose surname was read under the threshold, with the row to check', () => {
    const { record } = recordFromPages(source, [ocrPage({ FRATTINI: 20 })], pipeline, () => 'tesseract.js');
    expect(record.attendance.map((a) => a.person)).toEqual(['Mario Tosato', 'Anna Frattini', 'Carlo Lupetti']);
    const warnings = record.warnings.filter((w) => w.code === 'name-doubtful');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toMatch(/^Anna Frattini: .*confidence 20/);
    const span = warnings[0]?.span;
    expect(record.text.clean.slice(span?.start, span?.end)).toContain('FRATTINI Anna');
    expect(warnings[0]?.page).toBe(1);
  });

  it('says nothing of names read with confidence, of doubted words that are no name, or of a page without word boxes', () => {
    expect(doubts(ocrPage({ FRATTINI: DOUBTED_NAME_CONFIDENCE }))).toEqual([]);
    expect(doubts(ocrPage({ presente: 10, 'Risultano:': 5 }))).toEqual([]);
    expect(doubts({ n: 1, text: TEXT, method: 'text-layer', confidence: null, rotation: 0 })).toEqual([]);
  });
});

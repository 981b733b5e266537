import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import * as schemas from '../../schemas/index.js';
import { recordJsonSchema, VerbaleRecord } from '../../schemas/index.js';
import { runCli, SEED, sample } from '../helpers.js';

describe('schemas', () => {
  it('exports the record schema, its parts and the JSON Schema generator', () => {
    expect(Object.keys(schemas).sort()).toEqual(
      expect.arrayContaining(['VerbaleRecord', 'RECORD_SCHEMA_ID', 'Span', 'Attendance', 'AgendaItem', 'Decision', 'Votes', 'Correction', 'recordJsonSchema']),
    );
  });

  describe('the JSON Schema printed by `verbali schema` validates what the tool writes (checked with ajv, not zod)', () => {
    let validate: ReturnType<Ajv2020['compile']>;
    beforeAll(async () => {
      const printed = await runCli(['schema']);
      expect(printed.code).toBe(0);
      const ajv = new Ajv2020({ strict: false, allErrors: true });
      validate = ajv.compile(JSON.parse(printed.stdout));
    });

    it.each([
      ['the seed OCR text', SEED],
      ['an OCR text of our own scan', sample('consiglio-castione-2023-03-28.ocr.txt')],
      ['a born-digital PDF', sample('consiglio-castione-2023-03-28.pdf')],
    ])('%s', async (_label, file) => {
      const run = await runCli(['run', file]);
      expect(run.code, run.stderr).toBe(0);
      const record = JSON.parse(run.stdout);
      const ok = validate(record);
      expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([]);
      expect(ok).toBe(true);
    });

    it('rejects a record that breaks the contract', () => {
      expect(validate({ schema: 'verbali.record/1', id: 'nope' })).toBe(false);
    });
  });

  it('the zod schema and the generated JSON Schema agree on the contract id', () => {
    const json = recordJsonSchema() as { properties: { schema: { const: string } } };
    expect(json.properties.schema.const).toBe('verbali.record/1');
    expect(VerbaleRecord.shape.schema.value).toBe('verbali.record/1');
  });
});

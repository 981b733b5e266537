import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VerbaliError } from '../../pipeline/errors.js';
import { createPipeline, type Pipeline, runPipeline } from '../../pipeline/run.js';
import { writeBadInputs } from '../fixtures/bad-inputs.js';
import { sample, tempDir } from '../helpers.js';

describe('bad inputs: a clear error that names the file and the reason', () => {
  const dir = tempDir('verbali-bad-');
  let expected: Record<string, string>;
  let pipeline: Pipeline;
  beforeAll(() => {
    expected = writeBadInputs(dir, sample('consiglio-castione-2023-03-28.pdf'));
    pipeline = createPipeline({ jobs: 1 });
  });
  afterAll(() => pipeline.close());

  it.each([
    'corrupt.pdf', 'truncated.pdf', 'encrypted.pdf', 'zero-pages.pdf', 'huge-page.pdf', 'empty.txt', 'empty.pdf',
    'wrong-extension.png', 'latin1.txt', 'huge-image.png', 'truncated.png', 'dangling.pdf',
  ])('%s', async (name) => {
    const file = join(dir, name);
    const error = await runPipeline(file, {}, pipeline).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(VerbaliError);
    expect((error as VerbaliError).code).toBe(expected[name]);
    expect((error as VerbaliError).file).toBe(file);
    expect((error as VerbaliError).describe()).toContain(name);
  });
});

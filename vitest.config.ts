import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Builds dist/ when a source is newer: the CLI and the page reader threads run the built copy.
    globalSetup: ['test/global-setup.ts'],
    // Real tesseract.js and real child processes: generous per-test time, files one or two at a time.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default'],
  },
});

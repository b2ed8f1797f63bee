import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The PostgreSQL suite: one private cluster per run, started on first use; skipped (said loudly) without server binaries.
    globalSetup: ['test/pg/global-setup.ts'],
    // e2e tests spawn the built CLI and open real SQLite files: give them room on a 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Two files at a time, on two cores too (vitest's default there is one): the slow tests are real processes that
    // mostly wait (on a lock, a FIFO, a signal's moment), so two overlap well.
    maxWorkers: 2,
    // A worker runs file after file in one process (a fresh process per file cost ~10 s of the run); the setup file
    // gives each file the same environment and language.
    isolate: false,
    setupFiles: ['test/helpers/setup.ts'],
    // The JSON report lets .ci/run print a plain 'N passed, N failed' closing line.
    reporters: ['default', ['json', { outputFile: 'test-results.json' }]],
    env: { NO_COLOR: '1', LEADQ_LANG: 'en' },
  },
});

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
    // The JSON report lets .ci/run print a plain 'N passed, N failed' closing line.
    reporters: ['default', ['json', { outputFile: 'test-results.json' }]],
    env: { NO_COLOR: '1', LEADQ_LANG: 'en' },
  },
});

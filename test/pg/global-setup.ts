// vitest globalSetup for the PostgreSQL suite: decides once per run whether it runs (server binaries found, or
// LEADQ_TEST_PG_URL given), says so clearly when it is skipped, fails the run instead under LEADQ_REQUIRE_PG=1 (CI),
// and stops the run's one cluster at the end. The cluster itself starts on first use (helpers.ts), so a run of
// tests that never touch PostgreSQL pays nothing for it.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { findPgBin, stopCluster } from './cluster.mjs';

export type PgStatus = 'external' | 'local' | 'missing';

declare module 'vitest' {
  export interface ProvidedContext {
    /** How the PostgreSQL suite runs: against LEADQ_TEST_PG_URL, a private cluster, or not at all. */
    pgStatus: PgStatus;
    /** A folder shared by the run's test files: the lock and the cluster's URL (cluster.json). */
    pgState: string;
  }
}

const NOT_FOUND =
  'no PostgreSQL server binaries (initdb) were found. Install PostgreSQL (e.g. apt-get install postgresql), set ' +
  'LEADQ_PG_BIN to its bin folder, or LEADQ_TEST_PG_URL to a server.';

/** Printed when the PostgreSQL suite cannot run. */
export const SKIP_MESSAGE = `leadq: the PostgreSQL suite is SKIPPED: ${NOT_FOUND} CI sets LEADQ_REQUIRE_PG=1 and never skips it.`;

/** The failure under LEADQ_REQUIRE_PG=1 (CI), where skipping the suite is not allowed. */
export const REQUIRED_MESSAGE = `LEADQ_REQUIRE_PG=1 and ${NOT_FOUND}`;

/** Whether the suite can run here, from the environment alone. */
export function pgStatus(env: NodeJS.ProcessEnv = process.env): PgStatus {
  if (env.LEADQ_TEST_PG_URL !== undefined && env.LEADQ_TEST_PG_URL !== '') return 'external';
  return findPgBin(env) === undefined ? 'missing' : 'local';
}

export default function setup(project: TestProject): () => void {
  const status = pgStatus();
  if (status === 'missing') {
    if (process.env.LEADQ_REQUIRE_PG === '1') throw new Error(REQUIRED_MESSAGE);
    console.warn(`\n${SKIP_MESSAGE}\n`);
  }
  const state = mkdtempSync(join(tmpdir(), 'leadq-pg-run-'));
  project.provide('pgStatus', status);
  project.provide('pgState', state);
  return () => {
    const info = join(state, 'cluster.json');
    if (existsSync(info)) stopCluster(JSON.parse(readFileSync(info, 'utf8')) as { dir: string; bin: string });
    rmSync(state, { recursive: true, force: true });
  };
}

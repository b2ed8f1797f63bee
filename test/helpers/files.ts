import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout (tests read samples and fixtures from it; nothing outside it). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The built CLI (npm test builds first): what the real-process tests in test/e2e spawn. */
export const BIN = join(ROOT, 'bin/leadq.js');
/** The shipped sample exports. */
export const SAMPLES = join(ROOT, 'data/samples');
/** The csv-spectrum conformance cases (each CSV with the JSON records it must parse to), kept in the repo. */
export const SPECTRUM = join(ROOT, 'test/fixtures/csv-spectrum');
/** Test-only hooks (a worker thread that crashes …), preloaded with `NODE_OPTIONS=--require HOOKS`: none ship in dist/. */
export const HOOKS = join(ROOT, 'test/fixtures/hooks.cjs');
/** The synthetic CRM export generator: `node GEN_LEADS N out.csv`. */
export const GEN_LEADS = join(ROOT, 'test/bench/gen-leads.cjs');

/** A fresh temp folder; call the returned cleanup in afterEach/afterAll. */
export function tempDir(prefix = 'leadq-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

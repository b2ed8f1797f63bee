import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built CLI under test (npm test builds first). */
export const BIN = fileURLToPath(new URL('../../bin/leadq.js', import.meta.url));
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The csv-spectrum conformance cases (each CSV with the JSON records it must parse to), kept in the repo. */
export const SPECTRUM = join(ROOT, 'test/fixtures/csv-spectrum');
/** Test-only hooks (a worker thread that crashes …), preloaded with `NODE_OPTIONS=--require HOOKS`: none ship in dist/. */
export const HOOKS = join(ROOT, 'test/fixtures/hooks.cjs');
/** The synthetic CRM export generator: `node GEN_LEADS N out.csv`. */
export const GEN_LEADS = join(ROOT, 'test/bench/gen-leads.cjs');

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Text (or bytes) written to stdin; stdin is closed either way. */
  input?: string | Buffer;
  env?: Record<string, string | undefined>;
  cwd?: string;
  timeoutMs?: number;
}

/** Spawns `node bin/leadq.js ...args` without a TTY, NO_COLOR=1, LEADQ_LANG=en unless env overrides. */
export function runCli(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', LEADQ_LANG: 'en', LEADQ_DEBUG: undefined, FORCE_COLOR: undefined, ...options.env };
    for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
    const child = spawn(process.execPath, [BIN, ...args], { env: env as NodeJS.ProcessEnv, cwd: options.cwd ?? ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 25_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}

/** A fresh temp folder; call the returned cleanup in afterEach/afterAll. */
export function tempDir(prefix = 'leadq-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

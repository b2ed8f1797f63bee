// The real-process layer: spawns the built CLI (bin/leadq.js over dist/) for what only a process shows: exit codes of
// the process itself, signals, a TTY, pipes, concurrency, special files. Everything else runs in-process
// (test/helpers/leadq.ts), which is much faster.
import { spawn } from 'node:child_process';
import { BIN, ROOT } from '../helpers/files.js';

export { BIN, GEN_LEADS, HOOKS, ROOT, SAMPLES, SPECTRUM, tempDir } from '../helpers/files.js';

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

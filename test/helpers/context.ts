import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { Context } from '../../src/context.js';
import { readEnv } from '../../src/env.js';
import { setLang, type Lang } from '../../src/i18n/index.js';
import { stderrLog } from '../../src/output/log.js';
import { openStore } from '../../src/store/index.js';
import { textSink } from './leadq.js';

// A handler's context for in-process tests: fake stdin/stdout/stderr that keep what is written, an environment of
// the test's own, a clock, and a data file in a fresh temp folder (not created: the command creates it).

export interface TestContext {
  readonly ctx: Context;
  readonly stdout: ReturnType<typeof textSink>;
  readonly stderr: ReturnType<typeof textSink>;
  /** The temp folder holding the data file. */
  readonly dir: string;
  /** Closes the store and removes the temp folder. */
  readonly cleanup: () => void;
}

export interface TestContextOptions {
  readonly lang?: Lang;
  readonly env?: NodeJS.ProcessEnv;
  readonly now?: () => Date;
  /** stdin is a terminal (the interview asks). */
  readonly stdinTty?: boolean;
  /** Another data file than <temp>/data/leadq.db. */
  readonly dbPath?: string;
}

/** A context on fake streams and a temp data file path. */
export function testContext(options: TestContextOptions = {}): TestContext {
  const lang = options.lang ?? 'en';
  setLang(lang);
  const dir = mkdtempSync(join(tmpdir(), 'leadq-ctx-'));
  const stdout = textSink();
  const stderr = textSink();
  const dbPath = options.dbPath ?? join(dir, 'data', 'leadq.db');
  const stdin = Object.assign(new PassThrough(), { isTTY: options.stdinTty === true });
  const ctx: Context = {
    lang,
    env: readEnv(options.env ?? { NO_COLOR: '1' }),
    stdin: stdin as unknown as NodeJS.ReadStream,
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: stderr as unknown as NodeJS.WriteStream,
    log: stderrLog(stderr),
    actor: 'rep',
    noColor: true,
    dbPath,
    store: openStore(dbPath, { busyTimeoutMs: 5000 }),
    now: options.now ?? (() => new Date()),
  };
  const cleanup = () => {
    void ctx.store.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { ctx, stdout, stderr, dir, cleanup };
}

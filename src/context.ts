import type { Command } from 'commander';
import { userInfo } from 'node:os';
import { readEnv, type LeadqEnv } from './env.js';
import { UsageError } from './errors.js';
import { getLang, type Lang } from './i18n/index.js';
import { stderrLog, type Log } from './output/log.js';
import type { Io } from './run.js';
import { openStore } from './store/index.js';
import { resolveDbPath } from './store/path.js';
import type { Store } from './store/store.js';

/** What every command handler gets from the shell: streams, environment, language, the data file path, the clock. */
export interface Context {
  readonly lang: Lang;
  readonly env: LeadqEnv;
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
  /** Messages to stderr, each line `leadq: …`. */
  readonly log: Log;
  /** --no-color was given. */
  readonly noColor: boolean;
  /** The data file path (resolved, not opened); a PostgreSQL URL without its password. */
  readonly dbPath: string;
  /** The store at dbPath, opened on first use (closed when the program ends). */
  readonly store: Store;
  readonly now: () => Date;
  /** Who is working (--as, else $LEADQ_USER, else the OS login name): recorded as a lead's owner and as `by`. */
  readonly actor: string;
}

interface GlobalOptions {
  db?: string;
  lang?: string;
  color?: boolean;
  as?: string;
}

// The Io each program (the root command) runs with, set by cli.ts and found again from any of its subcommands, and the
// stores its commands opened (closed when the program ends).
const programs = new WeakMap<Command, { readonly io: Io; readonly stores: Store[] }>();

/** Binds a program (the root command) to the Io its commands run with. */
export function bindIo(program: Command, io: Io): void {
  programs.set(program, { io, stores: [] });
}

/** Closes the stores the program's commands opened. */
export async function closeStores(program: Command): Promise<void> {
  const stores = programs.get(program)?.stores.splice(0) ?? [];
  for (const store of stores) await store.close();
}

/** Builds the handler context from a command's global options and the Io of its program. */
export function contextOf(command: Command): Context {
  let root = command;
  while (root.parent !== null) root = root.parent;
  const bound = programs.get(root);
  if (bound === undefined) throw new Error('contextOf: a command of a program built without an Io');
  const { io } = bound;
  const globals = command.optsWithGlobals<GlobalOptions>();
  // `--db "$UNSET"` must not quietly fall back to the rep's real data file.
  if (globals.db !== undefined && globals.db.trim() === '') throw new UsageError('error.emptyDb', {}, 'hint.emptyDb');
  if (globals.as !== undefined && globals.as.trim() === '') throw new UsageError('error.emptyAs', {}, 'hint.emptyAs');
  const env = readEnv(io.env);
  const location = resolveDbPath(globals.db, env);
  const store = openStore(location, { busyTimeoutMs: env.busyTimeoutMs });
  bound.stores.push(store);
  return {
    lang: getLang(),
    env,
    stdin: io.stdin,
    stdout: io.stdout,
    stderr: io.stderr,
    log: stderrLog(io.stderr),
    noColor: globals.color === false,
    dbPath: store.location,
    store,
    now: io.now,
    actor: globals.as?.trim() ?? env.user ?? loginName(env),
  };
}

/** The OS login name (libpq's default user too); $USER or $LOGNAME when the system has no name for the uid. */
function loginName(env: LeadqEnv): string {
  try {
    return userInfo().username;
  } catch {
    return env.raw.USER ?? env.raw.LOGNAME ?? 'unknown';
  }
}

/** A moment's calendar date in the local time zone, YYYY-MM-DD: "today" as the rep sees it. */
export function localDate(moment: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(moment.getFullYear()).padStart(4, '0')}-${pad(moment.getMonth() + 1)}-${pad(moment.getDate())}`;
}

/** Today's local date from the context's clock: the shell passes it to the engine, which never reads a clock. */
export function todayOf(ctx: Pick<Context, 'now'>): string {
  return localDate(ctx.now());
}

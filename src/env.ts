import { homedir } from 'node:os';
import { join } from 'node:path';

// Every environment variable leadq reads is read here, once per run, and nowhere else: the rest of the code gets
// values (docs/architecture.md lists them for users). Tests pass an environment of their own to readEnv.
// Read indirectly: Node's getColorDepth (TERM, COLORTERM, CI …) gets `raw` for the colour depth of a terminal;
// os.tmpdir() reads TMPDIR for the kept answers of a failed interview; child processes inherit `raw`.

/** SPEC: a busy timeout of at least 5 s. */
export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

/** FORCE_COLOR as a colour level: 1 (16 colours), 2 (256), 3 (truecolor). */
export type ForcedColor = 1 | 2 | 3;

/** What leadq takes from its environment. */
export interface LeadqEnv {
  /** LEADQ_DB: the data file when --db is not given ('' counts as unset). */
  readonly db: string | undefined;
  /** LEADQ_LANG: en or zh (anything else is ignored), before the locale. */
  readonly lang: string | undefined;
  /** The first of LC_ALL, LC_MESSAGES, LANG that is set (POSIX precedence): zh… means Chinese. */
  readonly locale: string | undefined;
  /** LEADQ_DEBUG=1: a stack trace with every error. */
  readonly debug: boolean;
  /** LEADQ_USER: who is working, when --as is not given (else the OS login name). */
  readonly user: string | undefined;
  /** LEADQ_BUSY_TIMEOUT_MS: how long a writer waits for a busy data file (a whole number; default 5000). */
  readonly busyTimeoutMs: number;
  /** LEADQ_WORKERS=0: score on one thread (no worker threads). */
  readonly workers: boolean;
  /** NO_COLOR set and not empty: no colour anywhere. */
  readonly noColor: boolean;
  /** FORCE_COLOR set (not 0 or false): colour even off a terminal. */
  readonly forceColor: ForcedColor | undefined;
  /** TERM=dumb: a terminal that cannot show colour. */
  readonly dumbTerminal: boolean;
  /** COLUMNS: the width `score --format table` fits when stdout is not a terminal (more than 20). */
  readonly columns: number | undefined;
  /** XDG_DATA_HOME, else $HOME/.local/share: where the default data file lives. */
  readonly dataHome: string;
  /** The environment as given: for child processes and Node's own terminal checks. */
  readonly raw: NodeJS.ProcessEnv;
}

/** Reads leadq's variables from an environment (process.env at the process edge, a test's own in tests). */
export function readEnv(env: NodeJS.ProcessEnv): LeadqEnv {
  const set = (name: string) => (env[name] === undefined || env[name] === '' ? undefined : env[name]);
  return {
    db: set('LEADQ_DB'),
    lang: set('LEADQ_LANG'),
    locale: [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== ''),
    debug: env.LEADQ_DEBUG === '1',
    user: set('LEADQ_USER')?.trim() || undefined,
    busyTimeoutMs: wholeNumber(env.LEADQ_BUSY_TIMEOUT_MS) ?? DEFAULT_BUSY_TIMEOUT_MS,
    workers: env.LEADQ_WORKERS !== '0',
    noColor: set('NO_COLOR') !== undefined,
    forceColor: forcedColor(env.FORCE_COLOR),
    dumbTerminal: env.TERM === 'dumb',
    columns: columnsOf(env.COLUMNS),
    dataHome: set('XDG_DATA_HOME') ?? join(set('HOME') ?? homedir(), '.local', 'share'),
    raw: env,
  };
}

function wholeNumber(raw: string | undefined): number | undefined {
  return raw === undefined || !/^\d+$/.test(raw.trim()) ? undefined : Number(raw.trim());
}

function forcedColor(raw: string | undefined): ForcedColor | undefined {
  if (raw === undefined || raw === '0' || raw === 'false') return undefined;
  const n = Number(raw);
  return n === 2 || n === 3 ? n : 1;
}

function columnsOf(raw: string | undefined): number | undefined {
  const n = Number(raw);
  return Number.isInteger(n) && n > 20 ? n : undefined;
}

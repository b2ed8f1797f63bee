import { readEnv } from './env.js';
import { EXIT, BusyError, CantCreateError, CliError, DataError, UsageError, failureReason } from './errors.js';
import { stopForSignal } from './files/interrupt.js';
import { resolveLang, setLang, t, type MessageKey, type Params } from './i18n/index.js';
import { terminalLine, terminalText } from './output/terminal-text.js';

// The only place that sets the exit status. Everything else throws CliError (or a bug).

const argv = process.argv.slice(2);

// A reader that closed the pipe (`leadq lead list | head -1`) is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(EXIT.ok);
  // Any other failure to write the output (a full disk, /dev/full) is exit 73 in one line, not a stack.
  process.stderr.write(`leadq: ${t('error.cantWrite', { file: 'stdout', reason: failureReason(err) })}\n`);
  process.exit(EXIT.cantCreate);
});
// A closed or broken stderr must not change the exit code or what was written: messages to it are best effort.
process.stderr.on('error', () => undefined);

// Ctrl-C, SIGTERM, SIGHUP: stop helpers, remove partial outputs, release blocked reads, then exit at once (128 + signal).
const SIGNAL_EXIT: ReadonlyArray<readonly [NodeJS.Signals, number]> = [
  ['SIGINT', EXIT.interrupted],
  ['SIGTERM', 128 + 15],
  ['SIGHUP', 128 + 1],
];
for (const [signal, code] of SIGNAL_EXIT) {
  process.on(signal, () => {
    stopForSignal();
    // On a terminal the cursor may sit after a prompt: start the message on a line of its own.
    const message = signal === 'SIGINT' ? t('error.cancelled') : t('error.signalled', { signal });
    process.stderr.write(`${process.stderr.isTTY === true ? '\n' : ''}leadq: ${message}\n`);
    process.exit(code);
  });
}

async function run(args: readonly string[]): Promise<number> {
  const langFlag = findLangFlag(args);
  const lang = resolveLang(langFlag, readEnv(process.env));
  setLang(lang ?? 'en');
  try {
    if (lang === undefined) throw new UsageError('error.badLang', { value: langFlag });
    const { buildProgram } = await import('./cli.js');
    await buildProgram().parseAsync([...args], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (err) {
    return report(err);
  }
}

/** The --lang value, read before commander so that help text is already in the right language. */
function findLangFlag(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') return undefined;
    if (a === '--lang') return args[i + 1] ?? '';
    if (a?.startsWith('--lang=')) return a.slice('--lang='.length);
  }
  return undefined;
}

// commander error codes → our own bilingual messages (commander's text is English only).
const COMMANDER_MESSAGES: Record<string, MessageKey> = {
  'commander.unknownOption': 'cli.unknownOption',
  'commander.unknownCommand': 'cli.unknownCommand',
  'commander.missingArgument': 'cli.missingArgument',
  'commander.optionMissingArgument': 'cli.optionMissingArgument',
  'commander.missingMandatoryOptionValue': 'cli.missingMandatoryOption',
  'commander.invalidArgument': 'cli.invalidArgument',
  'commander.excessArguments': 'cli.excessArguments',
  'commander.conflictingOption': 'cli.conflictingOption',
};

interface CommanderLikeError {
  code: string;
  exitCode: number;
  message: string;
}

function isCommanderError(err: unknown): err is CommanderLikeError {
  return err instanceof Error && typeof (err as Partial<CommanderLikeError>).code === 'string' && (err as Partial<CommanderLikeError>).code!.startsWith('commander.');
}

/**
 * Prints an error as `leadq: <what is wrong>` (+ hint) and returns its exit code; a stack only with LEADQ_DEBUG=1.
 * Names and values in a message may come from data (a company, a CSV cell, a file name): never sent raw to a terminal.
 */
function report(err: unknown): number {
  const debug = readEnv(process.env).debug;
  const write = (line: string) => process.stderr.write(terminalText(line) + '\n');
  if (isCommanderError(err)) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return EXIT.ok;
    // `leadq` or `leadq lead` without a subcommand: commander has shown the help on stderr; that is a usage error.
    if (err.code === 'commander.help') return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    const key = COMMANDER_MESSAGES[err.code];
    const detail = err.message.replace(/^error:\s*/, '');
    const quoted = [...detail.matchAll(/'([^']*)'/g)].map((m) => m[1]);
    write(`leadq: ${key === undefined ? detail : t(key, { name: quoted[0] ?? '', value: quoted[1] ?? '', detail, reason: invalidReason(detail) })}`);
    const suggestion = /\(Did you mean ([^?]+)\?\)/.exec(detail)?.[1];
    if (suggestion !== undefined) write(t('cli.didYouMean', { name: suggestion }));
    // After an unknown command, the help to read is the one of the command above it.
    const path = commandPath();
    write(t('hint.help', { command: err.code === 'commander.unknownCommand' ? path.split(' ').slice(0, -1).join(' ') : path }));
    return EXIT.usage;
  }
  const mapped = fromSqlite(err);
  if (mapped !== undefined) return report(mapped);
  if (err instanceof CliError) {
    write(`leadq: ${t(err.key, oneLineParams(err.params))}`);
    if (err.hintKey !== undefined) write(t(err.hintKey, oneLineParams(err.hintParams)));
    if (debug && err.stack !== undefined) write(err.stack);
    return err.exitCode;
  }
  const message = err instanceof Error ? err.message : String(err);
  write(`leadq: ${t('error.internal', { message: terminalLine(message.split('\n')[0] ?? '') })}`);
  if (debug && err instanceof Error && err.stack !== undefined) write(err.stack);
  else write(t('hint.debug'));
  return EXIT.internal;
}

/** A message's parameters as they may be shown: each on one line, control characters escaped. */
function oneLineParams(params: Params): Params {
  const out: Record<string, string | number | null | undefined> = {};
  for (const [name, value] of Object.entries(params)) out[name] = typeof value === 'string' ? terminalLine(value) : value;
  return out;
}

/** Why commander refused an option value: its choices, or the message our own argument parser gave. */
function invalidReason(detail: string): string {
  const reason = detail.split(' is invalid. ')[1] ?? '';
  const choices = /^Allowed choices are (.+?)\.?$/.exec(reason)?.[1];
  return choices === undefined ? reason : t('cli.allowedChoices', { choices });
}

// SQLite errors that escaped a command's own handling still get the SPEC's exit code, not "internal error".
const SQLITE_EXIT: ReadonlyArray<readonly [RegExp, () => CliError]> = [
  [/^SQLITE_(BUSY|LOCKED)/, () => new BusyError()],
  [/^SQLITE_(CORRUPT|NOTADB)/, () => new DataError('error.dataFileDamaged', {}, 'hint.dataFileDamaged')],
  [/^SQLITE_(CANTOPEN|READONLY|FULL|IOERR|PERM)/, () => new CantCreateError('error.dataFileUnwritable')],
];

/** The CliError for an SQLite error code, if it is one. */
function fromSqlite(err: unknown): CliError | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return undefined;
  return SQLITE_EXIT.find(([pattern]) => pattern.test(code))?.[1]();
}

const GROUPS = new Set(['lead', 'referral', 'top20', 'db']);

/** The command typed so far, for the help hint: "leadq", "leadq score", "leadq lead add". */
function commandPath(): string {
  const words = ['leadq'];
  for (let i = 0; i < argv.length && words.length < 3; i++) {
    const a = argv[i] ?? '';
    if (a === '--db' || a === '--lang') i++;
    else if (a.startsWith('-')) continue;
    else if (words.length === 1 || GROUPS.has(words[1] ?? '')) words.push(a);
    else break;
  }
  return words.join(' ');
}

// Fast path: `leadq --version` is what scripts and benchmarks call most; it needs no commander.
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  const { packageVersion } = await import('./version.js');
  process.stdout.write(`${packageVersion()}\n`);
} else {
  process.exitCode = await run(argv);
}

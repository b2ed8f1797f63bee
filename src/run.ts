import type { Context } from './context.js';
import { commanderOutcome, isCommanderError } from './commander-errors.js';
import { isGroup, type GroupSpec } from './commands/spec.js';
import { readEnv } from './env.js';
import { EXIT, CliError, UsageError } from './errors.js';
import { StoreError } from './store/errors.js';
import { isPgUrl } from './store/postgres/url.js';
import { resolveLang, setLang, msg } from './i18n/index.js';
import { stderrLog, type Log } from './output/log.js';
import { terminalLine, terminalText } from './output/terminal-text.js';

// The program as a function: argv and the process's streams, environment and clock in, an exit code out. main.ts
// runs it in the real process; tests run it in-process with their own streams (test/helpers/leadq.ts). This is the
// one place errors become text: codes stay codes until here, where the language in force prints them.

/** What the program talks to: the process's streams, environment and clock (tests give their own). */
export interface Io {
  readonly stdin: Context['stdin'];
  readonly stdout: Context['stdout'];
  readonly stderr: Context['stderr'];
  readonly env: NodeJS.ProcessEnv;
  readonly now: () => Date;
}

/** Runs leadq with the arguments (without `node leadq`); resolves to the exit code, having printed any error. */
export async function run(args: readonly string[], io: Io): Promise<number> {
  const env = readEnv(io.env);
  const langFlag = findLangFlag(args);
  const lang = resolveLang(langFlag, env);
  setLang(lang ?? 'en');
  const log = stderrLog(io.stderr);
  try {
    if (lang === undefined) throw new UsageError('error.badLang', { value: langFlag });
    const { buildProgram } = await import('./cli.js');
    const { closeStores } = await import('./context.js');
    const program = buildProgram(io);
    try {
      await program.parseAsync([...args], { from: 'user' });
    } finally {
      await closeStores(program);
    }
    return EXIT.ok;
  } catch (err) {
    const { COMMANDS } = await import('./commands/index.js');
    return report(err, { log, stderr: io.stderr, debug: env.debug, args, groups: COMMANDS.filter(isGroup) });
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

interface Reporting {
  readonly log: Log;
  readonly stderr: NodeJS.WritableStream;
  readonly debug: boolean;
  readonly args: readonly string[];
  /** The command groups (lead, db …): their subcommand is part of the command typed. */
  readonly groups: readonly GroupSpec[];
}

/** Prints an error as `leadq: <what is wrong>` (+ hint) and returns its exit code; a stack only with LEADQ_DEBUG=1. */
function report(err: unknown, reporting: Reporting): number {
  const { log, stderr, debug, args, groups } = reporting;
  const stack = (e: unknown) => {
    if (debug && e instanceof Error && e.stack !== undefined) stderr.write(terminalText(e.stack) + '\n');
  };
  if (isCommanderError(err)) {
    const outcome = commanderOutcome(err, commandPath(args, groups));
    if (outcome.quiet) return outcome.exitCode;
    for (const line of outcome.lines) log.say(line);
    return EXIT.usage;
  }
  if (err instanceof StoreError) {
    const mapped = storeErrorAsCliError(err);
    stack(err);
    return report(mapped, { ...reporting, debug: false });
  }
  if (err instanceof CliError) {
    log.say(err.key, err.params);
    if (err.hintKey !== undefined) log.say(err.hintKey, err.hintParams);
    stack(err);
    return err.exitCode;
  }
  const message = err instanceof Error ? err.message : String(err);
  log.say('error.internal', { message: terminalLine(message.split('\n')[0] ?? '') });
  if (debug && err instanceof Error && err.stack !== undefined) stack(err);
  else log.say(msg('hint.debug'));
  return EXIT.internal;
}

/** A store's failure as the SPEC's exit code, the message and the hint (the one table of them). */
export function storeErrorAsCliError(err: StoreError): CliError {
  const generic = storeErrorInOwnWords(err);
  const said = err.details.said;
  return said === undefined ? generic : new CliError(generic.exitCode, said.key, said.params, said.hintKey, said.hintParams);
}

function storeErrorInOwnWords(err: StoreError): CliError {
  const file = err.location;
  const { reason = '', detail = '', found, known, writing = false } = err.details;
  switch (err.code) {
    case 'missing':
      return new CliError(EXIT.noInput, isPgUrl(file) ? 'store.missingPg' : 'store.missing', { file }, 'store.hintMissing');
    case 'busy':
      return new CliError(EXIT.busy, 'store.busy', {}, 'store.hintBusy');
    case 'damaged':
      return new CliError(EXIT.data, 'store.damaged', { file, detail }, 'store.hintRestore');
    case 'notLeadq':
      return new CliError(EXIT.data, 'store.notLeadq', { file }, 'store.hintOther');
    case 'fromFuture':
      return new CliError(EXIT.data, 'store.fromFuture', { file, found, known }, 'store.hintUpgrade');
    case 'cantCreate':
      return new CliError(EXIT.cantCreate, 'store.cantCreate', { file, reason }, 'store.hintWritable');
    case 'unwritable':
      return new CliError(EXIT.cantCreate, 'store.cantWrite', { file, reason }, 'store.hintWritable');
    case 'unreadable':
      return new CliError(EXIT.noInput, 'store.unreadable', { file, reason });
    case 'notAFile':
      return writing ? new CliError(EXIT.cantCreate, 'store.cantCreate', { file, reason }, 'store.hintFile') : new CliError(EXIT.noInput, 'store.unreadable', { file, reason }, 'store.hintFile');
    case 'unreachable':
      return new CliError(EXIT.unavailable, 'store.unreachable', { file, reason }, 'store.hintUnreachable');
    case 'denied':
      return new CliError(EXIT.noPermission, 'store.denied', { file, reason }, 'store.hintDenied');
  }
}

/**
 * The command typed so far, for the help hint: "leadq", "leadq score", "leadq lead add", "leadq contact log" for
 * `leadq contact 2 …` (a word that is no subcommand of a group with a default is its argument: a lead).
 */
function commandPath(args: readonly string[], groups: readonly GroupSpec[]): string {
  const words = ['leadq'];
  for (let i = 0; i < args.length && words.length < 3; i++) {
    const a = args[i] ?? '';
    if (a === '--db' || a === '--lang' || a === '--as') i++;
    else if (a.startsWith('-')) continue;
    else if (words.length === 1) words.push(a);
    else {
      const group = groups.find((g) => g.name === words[1]);
      // Not a group: the word is an argument. A group without a default: an unknown subcommand (its help is the group's).
      if (group !== undefined) words.push(group.commands.some((c) => c.name === a) ? a : (group.commands.find((c) => c.isDefault === true)?.name ?? a));
      break;
    }
  }
  return words.join(' ');
}

import { msg, type Message, type MessageKey } from './i18n/index.js';

// commander's errors in our own words: commander writes English only, and its messages quote names and values in a
// fixed form ("error: unknown option '--x'"). This module is the one place that reads them; test/commander-errors
// pins one case per code, so a commander upgrade that changes a message fails there.

/** commander error codes → our bilingual messages. */
export const COMMANDER_MESSAGES: Readonly<Record<string, MessageKey>> = {
  'commander.unknownOption': 'cli.unknownOption',
  'commander.unknownCommand': 'cli.unknownCommand',
  'commander.missingArgument': 'cli.missingArgument',
  'commander.optionMissingArgument': 'cli.optionMissingArgument',
  'commander.missingMandatoryOptionValue': 'cli.missingMandatoryOption',
  'commander.invalidArgument': 'cli.invalidArgument',
  'commander.excessArguments': 'cli.excessArguments',
  'commander.conflictingOption': 'cli.conflictingOption',
};

/** The shape of commander's CommanderError (checked by code, so this module needs no commander import). */
export interface CommanderLikeError {
  readonly code: string;
  readonly exitCode: number;
  readonly message: string;
}

/** Whether err is one of commander's errors. */
export function isCommanderError(err: unknown): err is CommanderLikeError {
  const code = (err as Partial<CommanderLikeError> | null)?.code;
  return err instanceof Error && typeof code === 'string' && code.startsWith('commander.');
}

/** What a commander error comes to: nothing to say (help or version shown: exit 0, or 64 for help on a usage error), or lines. */
export type CommanderOutcome = { readonly quiet: true; readonly exitCode: 0 | 64 } | { readonly quiet: false; readonly lines: readonly Message[] };

/**
 * A commander error as our messages: what is wrong, "did you mean", and which help to read. commandPath: the command
 * typed so far ("leadq lead add"), whose help the hint names (the group's help after an unknown subcommand).
 */
export function commanderOutcome(err: CommanderLikeError, commandPath: string): CommanderOutcome {
  if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return { quiet: true, exitCode: 0 };
  // `leadq` or `leadq lead` without a subcommand: commander has shown the help on stderr; that is a usage error.
  if (err.code === 'commander.help') return { quiet: true, exitCode: err.exitCode === 0 ? 0 : 64 };
  const key = COMMANDER_MESSAGES[err.code];
  const detail = err.message.replace(/^error:\s*/, '');
  const quoted = [...detail.matchAll(/'([^']*)'/g)].map((m) => m[1]);
  // An argument's value names the value first ("command-argument value 'x' is invalid for argument 'shell'"), an
  // option's the option first ("option '--status <status>' argument 'hot' is invalid").
  const [name, value] = detail.startsWith('command-argument value') ? [quoted[1], quoted[0]] : [quoted[0], quoted[1]];
  const problem = key === undefined ? msg('cli.detail', { detail }) : msg(key, { name: name ?? '', value: value ?? '', detail, reason: invalidReason(detail) });
  // One line for what is wrong (with the likely meant name), one for the help to read.
  const suggestion = /\(Did you mean ([^?]+)\?\)/.exec(detail)?.[1];
  const lines: Message[] = [suggestion === undefined ? problem : msg('cli.didYouMean', { problem, name: suggestion })];
  // After an unknown command, the help to read is the one of the command above it.
  lines.push(msg('hint.help', { command: err.code === 'commander.unknownCommand' ? commandPath.split(' ').slice(0, -1).join(' ') : commandPath }));
  return { quiet: false, lines };
}

/** Why commander refused an option value: its choices, or the message our own argument parser gave. */
function invalidReason(detail: string): Message | string {
  const reason = /is invalid(?: for argument '[^']*')?\. (.*)$/s.exec(detail)?.[1] ?? '';
  const choices = /^Allowed choices are (.+?)\.?$/.exec(reason)?.[1];
  return choices === undefined ? reason : msg('cli.allowedChoices', { choices });
}

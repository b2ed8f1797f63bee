import { t } from '../../i18n/index.js';
import { isGroup, type CommandSpec, type Entry, type OptionSpec } from '../spec.js';

// What the shell completion knows, made from the command table: the commands and groups, each command's options
// (whether they take a value, and its choices), and what its arguments are. PURE: the scripts are made from this.

/** An option as completion sees it. */
export interface CompletedOption {
  /** '--status', '-h'. */
  readonly flags: readonly string[];
  /** It takes a value (the next word). */
  readonly takesValue: boolean;
  /** The values it takes, when they are a list. */
  readonly choices?: readonly string[];
  /** Its value names a file (complete file names). */
  readonly file: boolean;
  readonly description: string;
}

/** A command (or a group's subcommand) as completion sees it. */
export interface CompletedCommand {
  readonly name: string;
  readonly description: string;
  readonly options: readonly CompletedOption[];
  /** Values of its first argument, when they are a list (completion bash|zsh|fish). */
  readonly argumentChoices?: readonly string[];
  /** Its arguments name files (score <file|->, db backup <file>). */
  readonly fileArguments: boolean;
  /** A group's commands. */
  readonly subcommands?: readonly CompletedCommand[];
}

/** The whole program as completion sees it. */
export interface CompletionTree {
  readonly name: string;
  readonly globals: readonly CompletedOption[];
  readonly commands: readonly CompletedCommand[];
}

const HELP: CompletedOption = { flags: ['-h', '--help'], takesValue: false, file: false, description: '' };

/** The tree of the command table, descriptions in the language in force. */
export function completionTree(
  name: string,
  globals: ReadonlyArray<{ readonly flags: string; readonly description: Parameters<typeof t>[0]; readonly choices?: readonly string[] }>,
  entries: readonly Entry[],
): CompletionTree {
  const globalOptions = globals.map((g) => optionOf({ flags: g.flags, description: g.description, ...(g.choices === undefined ? {} : { choices: g.choices }) }));
  return {
    name,
    globals: [...globalOptions, { flags: ['-V', '--version'], takesValue: false, file: false, description: t('help.version') }, { ...HELP, description: t('help.help') }],
    commands: entries.map((entry) =>
      isGroup(entry)
        ? {
            name: entry.name,
            description: t(entry.description),
            // A group with a default command (`contact 12 --kind visit`) takes that command's options itself.
            options: entry.commands.find((c) => c.isDefault === true)?.options === undefined ? [{ ...HELP, description: t('help.help') }] : commandOf(entry.commands.find((c) => c.isDefault === true)!).options,
            fileArguments: false,
            subcommands: entry.commands.map(commandOf),
          }
        : commandOf(entry),
    ),
  };
}

function commandOf(spec: CommandSpec): CompletedCommand {
  const args = Object.values(spec.args);
  const choices = args.find((a) => a.choices !== undefined)?.choices;
  return {
    name: spec.name,
    description: t(spec.description),
    options: [...Object.values(spec.options).map(optionOf), { ...HELP, description: t('help.help') }],
    ...(choices === undefined ? {} : { argumentChoices: choices }),
    fileArguments: args.some((a) => /file/.test(a.name)),
  };
}

function optionOf(option: Pick<OptionSpec<unknown>, 'flags' | 'description' | 'descriptionParams' | 'choices'>): CompletedOption {
  const [names = '', value] = option.flags.split(/ (?=[<[])/);
  return {
    flags: names.split(/,\s*/),
    takesValue: value !== undefined,
    ...(option.choices === undefined ? {} : { choices: option.choices }),
    file: value !== undefined && /file/.test(value),
    description: t(option.description, option.descriptionParams),
  };
}

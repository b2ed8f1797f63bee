import { Command, type Argument, type Option } from 'commander';
import { bindIo } from './context.js';
import { t, type MessageKey } from './i18n/index.js';
import type { Io } from './run.js';
import { LIST_FORMATS } from './output/format.js';
import { packageVersion } from './version.js';
import { register as registerQualify } from './commands/qualify.js';
import { register as registerLead } from './commands/lead.js';
import { register as registerContact } from './commands/contact.js';
import { register as registerScore } from './commands/score.js';
import { register as registerReferral } from './commands/referral.js';
import { register as registerTop20 } from './commands/top20.js';
import { register as registerReport } from './commands/report.js';
import { register as registerDb } from './commands/db.js';

// Help section titles commander prints, translated; commander has no i18n of its own.
const TITLES: Record<string, MessageKey> = {
  'Usage:': 'help.titleUsage',
  'Options:': 'help.titleOptions',
  'Commands:': 'help.titleCommands',
  'Arguments:': 'help.titleArguments',
  'Global Options:': 'help.titleGlobalOptions',
};

/** Applies the shared help/error settings to a command; subcommands made with .command() inherit them. */
export function configure(command: Command, stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): Command {
  return command
    .exitOverride()
    .configureOutput({
      writeOut: (s) => stdout.write(s),
      writeErr: (s) => stderr.write(s),
      // Errors are printed by main.ts in our own one-line form (and language).
      outputError: () => undefined,
    })
    .configureHelp({
      styleTitle: (title) => {
        const key = TITLES[title];
        return key === undefined ? title : t(key);
      },
      optionDescription: describeOption,
      argumentDescription: describeArgument,
      showGlobalOptions: true,
    })
    .helpOption('-h, --help', t('help.help'))
    .helpCommand(false);
}

/** An option's help line with its choices and default in the reader's language (commander writes them in English). */
function describeOption(option: Option): string {
  const extra: string[] = [];
  if (option.argChoices !== undefined) extra.push(t('help.choices', { choices: option.argChoices.join(', ') }));
  const showDefault = option.required || option.optional || (option.isBoolean() && typeof option.defaultValue === 'boolean' && option.defaultValue);
  const shown = option.defaultValueDescription ?? String(option.defaultValue ?? '');
  if (option.defaultValue !== undefined && showDefault && shown !== '') extra.push(t('help.default', { value: shown }));
  return extra.length === 0 ? option.description : `${option.description} (${extra.join(', ')})`;
}

/** An argument's help line, likewise. */
function describeArgument(argument: Argument): string {
  const extra: string[] = [];
  if (argument.argChoices !== undefined) extra.push(t('help.choices', { choices: argument.argChoices.join(', ') }));
  if (argument.defaultValue !== undefined) {
    extra.push(t('help.default', { value: argument.defaultValueDescription ?? String(argument.defaultValue) }));
  }
  return extra.length === 0 ? argument.description : `${argument.description} (${extra.join(', ')})`;
}

/** Applies what commander does not pass down to subcommands: no English `help` subcommand, our help option text. */
function configureTree(command: Command): void {
  for (const sub of command.commands) {
    sub.helpCommand(false).helpOption('-h, --help', t('help.help'));
    configureTree(sub);
  }
}

/** The SPEC's list output options, the same on every list command: --format (table|csv|tsv|json|ndjson) and --no-header. */
export function listOutputOptions(command: Command): Command {
  return command.option('--format <format>', t('help.format', { choices: LIST_FORMATS.join('|') })).option('--no-header', t('help.noHeader'));
}

/** Adds an "Examples:" block to a command's help. */
export function examples(command: Command, lines: readonly string[]): Command {
  return command.addHelpText('after', `\n${t('help.examples')}\n${lines.map((l) => `  ${l}`).join('\n')}\n`);
}

/** Builds the whole leadq program on an Io (no side effects: nothing runs until parseAsync). */
export function buildProgram(io: Io): Command {
  const program = new Command('leadq');
  bindIo(program, io);
  configure(program, io.stdout, io.stderr)
    .description(t('help.description'))
    .usage('[--db <file>] [--lang en|zh] [--no-color] <command> [options]')
    .option('--db <file>', t('help.globalDb'))
    .option('--lang <lang>', t('help.globalLang'))
    .option('--no-color', t('help.globalNoColor'))
    .version(packageVersion(), '-V, --version', t('help.version'))
    .showSuggestionAfterError(true);

  registerQualify(program);
  registerLead(program);
  registerContact(program);
  registerScore(program);
  registerReferral(program);
  registerTop20(program);
  registerReport(program);
  registerDb(program);

  examples(program, [
    'leadq qualify                                  # interview before a visit',
    'leadq qualify --answers answers.json --json    # the same, from a JSON file',
    'leadq score data/samples/leads.csv --out scored.csv',
    'leadq lead list --status precise',
    'leadq top20 list --uncontacted --days 30 --format tsv',
    'leadq --lang zh report',
  ]);
  program.addHelpText('after', `\n${t('help.exitCodes')}\n`);
  configureTree(program);
  return program;
}

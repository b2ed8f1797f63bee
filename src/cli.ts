import { Argument, Command, Option } from 'commander';
import { COMMANDS, GLOBAL_OPTIONS, PROGRAM } from './commands/index.js';
import { isGroup, type CommandSpec, type Example, type GroupSpec, type OptionSpec, type ParseContext } from './commands/spec.js';
import { bindIo, contextOf } from './context.js';
import { getLang, t, type Message, type MessageKey } from './i18n/index.js';
import type { Io } from './run.js';
import { packageVersion } from './version.js';

// Builds the commander program from the command table (commands/index.ts): every command, option, argument, choice,
// example and note comes from there. The one lazy loader: a command's action loads the handler module its spec names
// and runs it with the context; nothing heavy loads for --help.

// Help section titles commander prints, translated; commander has no i18n of its own.
const TITLES: Record<string, MessageKey> = {
  'Usage:': 'help.titleUsage',
  'Options:': 'help.titleOptions',
  'Commands:': 'help.titleCommands',
  'Arguments:': 'help.titleArguments',
  'Global Options:': 'help.titleGlobalOptions',
};

/** Builds the whole leadq program on an Io (no side effects: nothing runs until parseAsync). */
export function buildProgram(io: Io): Command {
  const program = new Command(PROGRAM.name);
  bindIo(program, io);
  configure(program, io.stdout, io.stderr).description(t(PROGRAM.description)).usage(PROGRAM.usage);
  for (const option of GLOBAL_OPTIONS) program.addOption(new Option(option.flags, t(option.description)));
  program.version(packageVersion(), '-V, --version', t('help.version')).showSuggestionAfterError(true);
  // Parsing reads the clock once: a date option's window is the same for every option of the run.
  const parsing: ParseContext = { now: io.now() };
  for (const entry of COMMANDS) {
    if (isGroup(entry)) addGroup(program, entry, parsing);
    else addCommand(program, entry, parsing);
  }
  examples(program, PROGRAM.examples);
  program.addHelpText('after', `\n${t('help.exitCodes')}\n`);
  configureTree(program);
  return program;
}

function addGroup(program: Command, spec: GroupSpec, parsing: ParseContext): void {
  const group = program.command(spec.name).description(t(spec.description));
  examples(group, spec.examples);
  for (const command of spec.commands) addCommand(group, command, parsing);
}

/** One command from its spec: arguments, options (parsed and checked by commander), help, and the lazy action. */
function addCommand(parent: Command, spec: CommandSpec, parsing: ParseContext): void {
  const command = parent.command(spec.name, { isDefault: spec.isDefault === true }).description(t(spec.description));
  for (const arg of Object.values(spec.args)) {
    const argument = new Argument(arg.name, t(arg.description));
    if (arg.choices !== undefined) argument.choices(arg.choices);
    command.addArgument(argument);
  }
  for (const [key, option] of Object.entries(spec.options)) command.addOption(commanderOption(key, option, parsing));
  const names = Object.keys(spec.args);
  if (spec.check !== undefined) {
    const check = spec.check;
    command.hook('preAction', (_program, action) => check(inputOf(names, action)));
  }
  command.action(async (...params: unknown[]) => {
    const action = params[params.length - 1] as Command;
    const { handler } = await spec.load();
    await handler(contextOf(action), inputOf(names, action));
  });
  examples(command, spec.examples);
  if (spec.notes !== undefined) {
    const notes = spec.notes;
    command.addHelpText('after', () => `\n${text(typeof notes === 'function' ? notes() : notes)}\n`);
  }
}

/** commander's Option for a declaration; its attribute name must be the key it is declared under (the input's name). */
function commanderOption(key: string, spec: OptionSpec<unknown>, parsing: ParseContext): Option {
  const option = new Option(spec.flags, t(spec.description, spec.descriptionParams));
  if (option.attributeName() !== key) throw new Error(`option ${spec.flags} is declared as ${key}, not ${option.attributeName()}`);
  const parse = spec.parse;
  if (parse !== undefined) option.argParser((value: string, previous: unknown) => parse(value, previous ?? spec.default, parsing));
  else if (spec.choices !== undefined) option.choices(spec.choices);
  if (spec.default !== undefined) option.default(spec.default);
  if (spec.mandatory === true) option.makeOptionMandatory();
  return option;
}

/** The handler's input: the arguments by their declared names, then the options. */
function inputOf(names: readonly string[], action: Command): never {
  const input: Record<string, unknown> = { ...action.opts() };
  names.forEach((name, i) => (input[name] = action.processedArgs[i]));
  return input as never;
}

function text(message: Message): string {
  return t(message.key, message.params);
}

/** Applies the shared help/error settings to a command; subcommands made with .command() inherit them. */
export function configure(command: Command, stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): Command {
  return command
    .exitOverride()
    .configureOutput({
      writeOut: (s) => stdout.write(s),
      writeErr: (s) => stderr.write(s),
      // Errors are printed by run.ts in our own one-line form (and language).
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

/** Adds an "Examples:" block to a command's help, each example in the reader's language. */
function examples(command: Command, lines: readonly Example[] | undefined): void {
  if (lines === undefined || lines.length === 0) return;
  const lang = getLang();
  const text = (line: Example) => (typeof line === 'string' ? line : line[lang]);
  command.addHelpText('after', `\n${t('help.examples')}\n${lines.map((l) => `  ${text(l)}`).join('\n')}\n`);
}

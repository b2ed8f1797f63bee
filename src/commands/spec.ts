import type { Context } from '../context.js';
import type { Message, MessageKey, Params } from '../i18n/index.js';

// A command as data: its name, description, arguments and options (flags, description key, how a value is parsed,
// its choices and default), examples and notes, and the module of its handler. cli.ts builds commander from these
// declarations (so --help, parsing and validation come from one place), completion.ts builds the shell completion
// from the same, and the handler's input type is derived from them (Input<typeof spec>), never written by hand.
//
// Validation runs at parse time, through commander's own hooks: an option's parse function is its argParser (a bad
// value is a UsageError, exit 64, before any handler loads), choices are commander's choices, and a command's check
// (what needs several values at once, e.g. exactly one of --won/--lost) runs as a preAction hook.

/** What an option's parse function may know besides the value: the clock (a date must lie in its window). */
export interface ParseContext {
  readonly now: Date;
}

/** An option as data; V is the type its value has in the handler's input. */
export interface OptionSpec<V> {
  /** commander's flags: '--status <status>', '--no-header', '--json'. */
  readonly flags: string;
  readonly description: MessageKey;
  readonly descriptionParams?: Params;
  /** The allowed values, for help and shell completion; commander checks them, unless parse does. */
  readonly choices?: readonly string[];
  /** Reads a given value (and the one before, for a repeatable option); throws a UsageError (exit 64) for a bad one. */
  parse?(value: string, previous: V, context: ParseContext): V;
  /** The value when the option is not given. */
  readonly default?: V;
  /** The option must be given (commander says so, exit 64). */
  readonly mandatory?: boolean;
  /** Never set: carries V for the type of the handler's input. */
  readonly __value?: V;
}

/** A positional argument as data: '<lead>' (required) or '[lead]' (optional); V is its type in the input. */
export interface ArgumentSpec<V> {
  readonly name: string;
  readonly description: MessageKey;
  /** The allowed values, when they are a list (commander checks them; help and completion list them). */
  readonly choices?: readonly string[];
  /** Never set: carries V. */
  readonly __value?: V;
}

/** A command's arguments by the name its handler reads them under, in the order they are typed. */
export type ArgumentSpecs = Readonly<Record<string, ArgumentSpec<unknown>>>;
/** A command's options by their commander attribute name (--dry-run is dryRun, --no-header is header). */
export type OptionSpecs = Readonly<Record<string, OptionSpec<unknown>>>;

type ValueOf<S> = S extends OptionSpec<infer V> ? V : S extends ArgumentSpec<infer V> ? V : never;

/** The handler's input: every argument and option by name, typed from the declarations (each spec module exports its own). */
export type InputOf<A extends ArgumentSpecs, O extends OptionSpecs> = { readonly [K in keyof A]: ValueOf<A[K]> } & { readonly [K in keyof O]: ValueOf<O[K]> };

/** No positional arguments. */
export type NoArguments = Record<never, never>;

/** A command's handler module: its handler gets the context (streams, clock, store …) and the parsed input. */
export interface HandlerModule<A extends ArgumentSpecs, O extends OptionSpecs> {
  handler(ctx: Context, input: InputOf<A, O>): Promise<void>;
}

/** An example of --help: a command line the same in both languages, or one whose comment or note is in each. */
export type Example = string | { readonly en: string; readonly zh: string };

/** An example whose words (a comment, a note) are said in each language. */
export function example(en: string, zh: string): Example {
  return { en, zh };
}

/** A command as data. */
export interface CommandSpec<A extends ArgumentSpecs = ArgumentSpecs, O extends OptionSpecs = OptionSpecs> {
  readonly name: string;
  readonly description: MessageKey;
  readonly args: A;
  readonly options: O;
  /** Lines shown under "Examples:" in its --help. */
  readonly examples?: readonly Example[];
  /** Text shown after the examples in its --help. */
  readonly notes?: Message | (() => Message);
  /** The group's command run when the first word after the group names none of its commands (`contact 12 --kind visit`). */
  readonly isDefault?: boolean;
  /** Checks what needs several values (or a file) at once, before the handler loads; throws a UsageError (exit 64). */
  check?(input: InputOf<A, O>): void | Promise<void>;
  /** Loads the handler's module (only when the command runs: --help loads none). */
  load(): Promise<HandlerModule<A, O>>;
}

/** A group of commands (`leadq lead add|list|…`) as data. */
export interface GroupSpec {
  readonly name: string;
  readonly description: MessageKey;
  readonly examples?: readonly Example[];
  readonly commands: readonly CommandSpec[];
}

/** One entry of the command table: a command, or a group of them. */
export type Entry = CommandSpec | GroupSpec;

/** Whether an entry of the table is a group. */
export function isGroup(entry: Entry): entry is GroupSpec {
  return 'commands' in entry;
}

/** Declares a command; the types of its arguments and options are inferred, and its handler is checked against them. */
export function command<A extends ArgumentSpecs, O extends OptionSpecs>(spec: CommandSpec<A, O>): CommandSpec<A, O> {
  return spec;
}

/** Declares a group of commands. */
export function group(spec: GroupSpec): GroupSpec {
  return spec;
}

/** A required argument ('<lead>'): a string. */
export function argument(name: `<${string}>`, description: MessageKey): ArgumentSpec<string> {
  return { name, description };
}

/** A required argument one of whose values must be given. */
export function choiceArgument<C extends string>(name: `<${string}>`, description: MessageKey, choices: readonly C[]): ArgumentSpec<C> {
  return { name, description, choices };
}

/** An optional argument ('[lead]'): a string, or undefined when not given. */
export function optionalArgument(name: `[${string}]`, description: MessageKey): ArgumentSpec<string | undefined> {
  return { name, description };
}

/** A switch ('--json'): true when given. */
export function flag(flags: string, description: MessageKey, descriptionParams?: Params): OptionSpec<boolean | undefined> {
  return { flags, description, descriptionParams };
}

/** A negatable switch ('--no-header'): true unless the --no- form is given. */
export function negatable(flags: `--no-${string}`, description: MessageKey): OptionSpec<boolean> {
  return { flags, description };
}

/** An option taking text ('--industry <industry>'), as given; undefined when not given. */
export function text(flags: string, description: MessageKey, descriptionParams?: Params): OptionSpec<string | undefined> {
  return { flags, description, descriptionParams };
}

/** An option one of whose values must be given (commander checks them; help and completion list them). */
export function choice<C extends string>(flags: string, description: MessageKey, choices: readonly C[], descriptionParams?: Params): OptionSpec<C | undefined> {
  return { flags, description, descriptionParams, choices };
}

/** An option whose value is read by parse (a UsageError for a bad one); choices, when given, are for help and completion. */
export function parsed<T>(
  flags: string,
  description: MessageKey,
  parse: (value: string, context: ParseContext) => T,
  extra: { readonly choices?: readonly string[]; readonly descriptionParams?: Params } = {},
): OptionSpec<T | undefined> {
  return { flags, description, ...extra, parse: (value, _previous, context) => parse(value, context) };
}

/** An option that may be given many times ('--map <field=Header>'): every value, read by parse, in order. */
export function repeatable<T>(flags: string, description: MessageKey, parse: (value: string) => T): OptionSpec<T[]> {
  return { flags, description, parse: (value, previous) => [...previous, parse(value)], default: [] };
}

/** The option with a default: its value is never undefined. */
export function withDefault<T>(option: OptionSpec<T | undefined>, value: T): OptionSpec<T> {
  return { ...(option as OptionSpec<T>), default: value };
}

/** The option must be given: its value is never undefined. */
export function mandatory<T>(option: OptionSpec<T | undefined>): OptionSpec<T> {
  return { ...(option as OptionSpec<T>), mandatory: true };
}

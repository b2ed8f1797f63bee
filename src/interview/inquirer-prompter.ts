import input from '@inquirer/input';
import select from '@inquirer/select';
import { InterruptedError } from '../errors.js';
import { t } from '../i18n/index.js';
import type { Paint } from '../output/color.js';
import { terminalLine, terminalText } from '../output/terminal-text.js';
import { formatMoney } from '../output/qualification.js';
import { dateAnswer, moneyAnswer, moneyEcho, wholeNumberAnswer, type Parsed } from './answer-kinds.js';
import { BACK_TEXT, GoBack, type Choice, type DatePrompt, type MoneyPrompt, type NumberPrompt, type PromptBase, type Prompter, type SelectPrompt, type TextPrompt, type YesNoPrompt } from './prompter.js';

// The Prompter on @inquirer/prompts. Prompts draw on stderr (stdout carries data only); colours follow our rules for
// stderr (chalk via Paint), not inquirer's own detection; the "why" line sits above each question while it is asked
// and disappears once answered, leaving one line per answer. Every text drawn may hold data (a company, a previous
// answer): it goes through the terminal-safe sanitiser first, our colours after. The config builders are exported so
// tests can render each prompt with @inquirer/testing.

export type InputConfig = Parameters<typeof input>[0];
export type SelectConfig<V> = Parameters<typeof select<V>>[0];

/** A text prompt whose answer is parsed: the inquirer config, and how the entered text becomes the answer. */
export interface ParsedInput<T> {
  readonly config: InputConfig;
  readonly answer: (text: string) => T;
}

/** Where the prompts read and draw. */
export interface PromptStreams {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
}

const KEY_ACTIONS: Readonly<Record<string, () => string>> = {
  navigate: () => t('interview.keyNavigate'),
  select: () => t('interview.keySelect'),
};

/** An inquirer theme in our colours; `why` is drawn above the question while it is being asked. */
function themeFor(paint: Paint, base: PromptBase, kind: 'input' | 'select') {
  // inquirer puts a space between prefix and message on input prompts, even an empty prefix; select does not.
  const firstLine = kind === 'input' ? '' : ' ';
  return {
    prefix: { idle: '', done: paint.green('✔') },
    spinner: { interval: 80, frames: ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'].map((f) => paint.yellow(f)) },
    style: {
      message: (text: string, status: string) => {
        if (status === 'done') return paint.bold(terminalLine(text));
        // A text prompt says how to go back; a list offers it as its last choice.
        const back = base.back === true && kind === 'input' ? paint.dim(`  (${t('interview.backHint', { key: BACK_TEXT })})`) : '';
        return `${firstLine}${paint.dim(` ↳ ${terminalLine(base.why)}`)}${back}\n${paint.blue('?')} ${paint.bold(terminalLine(text))}`;
      },
      answer: (text: string) => paint.cyan(terminalLine(text)),
      error: (text: string) => paint.red(`> ${terminalLine(text)}`),
      defaultAnswer: (text: string) => paint.dim(`(${terminalLine(text)})`),
      help: (text: string) => paint.dim(text),
      highlight: (text: string) => paint.cyan(text),
      key: (text: string) => paint.cyan(paint.bold(`<${text}>`)),
      description: (text: string) => paint.cyan(text),
      disabled: (text: string) => paint.dim(text),
      keysHelpTip: (keys: [string, string][]) =>
        keys.map(([key, action]) => `${paint.bold(key)} ${paint.dim(KEY_ACTIONS[action]?.() ?? action)}`).join(paint.dim(' • ')),
    },
  };
}

/** A text prompt: refused text stays on the line with the reason under it; the final line shows the parsed answer. */
function parsedInput<T>(
  paint: Paint,
  base: PromptBase,
  defaultText: string | undefined,
  parse: (text: string) => Parsed<T>,
  shown: (value: T, text: string) => string,
  check?: TextPrompt['validate'],
): ParsedInput<T> {
  return {
    config: {
      message: base.message,
      default: defaultText,
      validate: async (text) => {
        if (goesBack(base, text)) return true;
        // The way back typed where there is nothing before: said, never saved as an answer (a contact named "<").
        if (text.trim() === BACK_TEXT) return t('interview.noBack');
        const parsed = parse(text);
        if (!parsed.ok) return parsed.reason;
        return check === undefined ? true : check(text);
      },
      transformer: (text, { isFinal }) => {
        if (!isFinal) return terminalLine(text);
        if (goesBack(base, text)) return paint.dim(t('interview.back'));
        const parsed = parse(text);
        // shown() makes the answered line from text it has made safe itself (it may add leadq's own styling).
        return paint.cyan(parsed.ok ? shown(parsed.value, text) : terminalLine(text));
      },
      theme: { ...themeFor(paint, base, 'input'), validationFailureMode: 'keep' },
    },
    answer: (text) => {
      if (goesBack(base, text)) throw new GoBack();
      const parsed = parse(text);
      if (!parsed.ok) throw new Error(`a validated answer no longer parses: ${text}`);
      return parsed.value;
    },
  };
}

/** The rep typed the way back (only where going back is offered). */
function goesBack(base: PromptBase, text: string): boolean {
  return base.back === true && text.trim() === BACK_TEXT;
}

/** The last choice of a list that offers going back (a value no list holds). */
const BACK_CHOICE = Symbol('back');

/** Free text, trimmed. */
export function textInput(paint: Paint, prompt: TextPrompt): ParsedInput<string> {
  return parsedInput(paint, prompt, prompt.default, (text) => ({ ok: true, value: text.trim() }), (value) => terminalLine(value), prompt.validate);
}

/** An amount of money in any form reps type; the answered line echoes the number it was read as. */
export function moneyInput(paint: Paint, prompt: MoneyPrompt): ParsedInput<number | undefined> {
  const defaultText = prompt.default === undefined ? undefined : formatMoney(prompt.default);
  return parsedInput(paint, prompt, defaultText, moneyAnswer, (value, text) => {
    if (value === undefined) return '';
    const echo = moneyEcho(value);
    return text.trim() === formatMoney(value) ? echo : `${terminalLine(text.trim())} ${paint.dim(`→ ${echo}`)}`;
  });
}

/** A date (YYYY-MM-DD). */
export function dateInput(paint: Paint, prompt: DatePrompt): ParsedInput<string | undefined> {
  return parsedInput(paint, prompt, prompt.default, dateAnswer, (value) => terminalLine(value ?? ''));
}

/** A whole number in a range; outside it, the prompt's reason is shown. */
export function numberInput(paint: Paint, prompt: NumberPrompt): ParsedInput<number> {
  const defaultText = prompt.default === undefined ? undefined : String(prompt.default);
  return parsedInput(paint, prompt, defaultText, (text) => wholeNumberAnswer(text, prompt.min, prompt.max, prompt.outOfRange), (value) => String(value));
}

/** A list to pick one from; the default is preselected, so Enter keeps it. */
export function selectList<V>(paint: Paint, prompt: SelectPrompt<V>): SelectConfig<V> {
  const choices = prompt.choices.map((c) => ({ value: c.value, name: terminalLine(c.label), ...(c.short === undefined ? {} : { short: terminalLine(c.short) }) }));
  if (prompt.back === true) choices.push({ value: BACK_CHOICE as V, name: t('interview.backChoice'), short: t('interview.back') });
  return {
    message: prompt.message,
    choices,
    ...('default' in prompt ? { default: prompt.default } : {}),
    pageSize: 10,
    theme: themeFor(paint, prompt, 'select'),
  };
}

/** Yes / no (是 / 否), and "don't know yet" when allowed: a select, since inquirer's confirm only understands y/n. */
export function yesNoList(paint: Paint, prompt: YesNoPrompt): SelectConfig<boolean | undefined> {
  const choices: Choice<boolean | undefined>[] = [
    { value: true, label: t('interview.yes') },
    { value: false, label: t('interview.no') },
  ];
  if (prompt.allowUnknown === true) choices.push({ value: undefined, label: t('interview.notSure') });
  const { default: chosen, ...rest } = prompt;
  // With "don't know yet" offered, no default means that choice; without it, the first (yes).
  return selectList(paint, { ...rest, choices, ...(chosen !== undefined || prompt.allowUnknown === true ? { default: chosen } : {}) });
}

/** Ctrl-C (or a prompt closed under us) is the rep cancelling: exit 130, nothing saved. */
export function cancelled(err: unknown): unknown {
  const name = (err as { name?: unknown } | null)?.name;
  return name === 'ExitPromptError' || name === 'AbortPromptError' || name === 'CancelPromptError' ? new InterruptedError() : err;
}

type Context = { input: NodeJS.ReadableStream; output: NodeJS.WritableStream; signal: AbortSignal };

/** A Prompter drawing inquirer prompts on `streams.output` (stderr) with the given colours. */
export function inquirerPrompter(streams: PromptStreams, paint: Paint): Prompter {
  /** Runs one prompt; Ctrl-D closes inquirer's readline without settling the prompt, so an emptied event loop cancels it. */
  async function run<T>(prompt: (context: Context) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    const abandon = () => controller.abort();
    process.once('beforeExit', abandon);
    try {
      return await prompt({ input: streams.input, output: streams.output, signal: controller.signal });
    } catch (err) {
      throw cancelled(err);
    } finally {
      process.off('beforeExit', abandon);
    }
  }
  const ask = <T>(parsed: ParsedInput<T>) => run(async (context) => parsed.answer(await input(parsed.config, context)));

  /** A list; its back choice (when offered) rejects with GoBack. */
  const pick = async <V>(config: SelectConfig<V>): Promise<V> => {
    const value = await run((context) => select(config, context));
    if ((value as unknown) === BACK_CHOICE) throw new GoBack();
    return value;
  };

  return {
    select: (prompt) => pick(selectList(paint, prompt)),
    yesNo: (prompt) => pick(yesNoList(paint, prompt)),
    input: (prompt) => ask(textInput(paint, prompt)),
    money: (prompt) => ask(moneyInput(paint, prompt)),
    date: (prompt) => ask(dateInput(paint, prompt)),
    number: (prompt) => ask(numberInput(paint, prompt)),
    say(text) {
      streams.output.write(`${paint.dim(terminalText(text))}\n`);
    },
  };
}

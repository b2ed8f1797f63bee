// The one door every interview question goes through. The inquirer implementation draws on stderr;
// tests replace it with a scripted one. No prompt library is imported here, so the flow can load without it.

/** One answer a rep can pick; `label` is already in the rep's language. */
export interface Choice<V> {
  readonly value: V;
  readonly label: string;
  /** The answer as shown once picked, when shorter than the label. */
  readonly short?: string;
}

/** What every prompt shows: the question and one line on why it matters (the method's words). */
export interface PromptBase {
  /** Stable id (the answers path, e.g. `payment.budget`): scripted prompters answer by it. */
  readonly id: string;
  readonly message: string;
  /** Why the question matters, in the method's words. */
  readonly why: string;
  /** The rep may go back to the previous question from this one: the prompt then rejects with GoBack. */
  readonly back?: boolean;
}

/** What a prompt asked with `back` rejects with when the rep goes back to the previous question. */
export class GoBack extends Error {
  constructor() {
    super('back to the previous question');
    this.name = 'GoBack';
  }
}

/** What a rep types in a text prompt to go back to the previous question. */
export const BACK_TEXT = '<';

export interface SelectPrompt<V> extends PromptBase {
  readonly choices: readonly Choice<V>[];
  readonly default?: V;
}

export interface TextPrompt extends PromptBase {
  readonly default?: string;
  /** true, or why the text is refused (shown under the line, which keeps what was typed). */
  readonly validate?: (text: string) => true | string | Promise<true | string>;
}

export interface MoneyPrompt extends PromptBase {
  readonly default?: number;
}

export interface YesNoPrompt extends PromptBase {
  readonly default?: boolean;
  /** Adds a "don't know yet" choice, answered as undefined. */
  readonly allowUnknown?: boolean;
}

export interface DatePrompt extends PromptBase {
  /** YYYY-MM-DD */
  readonly default?: string;
}

export interface NumberPrompt extends PromptBase {
  readonly default?: number;
  readonly min: number;
  readonly max: number;
  /** Shown when the number is outside min..max. */
  readonly outOfRange: string;
}

/** The prompts the interview needs. Every method rejects with InterruptedError when the rep presses Ctrl-C. */
export interface Prompter {
  select<V>(prompt: SelectPrompt<V>): Promise<V>;
  /** Free text; '' when skipped. */
  input(prompt: TextPrompt): Promise<string>;
  /** An amount as reps type it (10万, 5w, 1.2m, ¥100,000); undefined when skipped. */
  money(prompt: MoneyPrompt): Promise<number | undefined>;
  /** A select with yes/no (是/否) choices: inquirer's confirm only understands y/n. */
  yesNo(prompt: YesNoPrompt): Promise<boolean | undefined>;
  /** YYYY-MM-DD, or undefined when skipped. */
  date(prompt: DatePrompt): Promise<string | undefined>;
  number(prompt: NumberPrompt): Promise<number>;
  /** A line of text between prompts (stderr). */
  say(text: string): void;
}

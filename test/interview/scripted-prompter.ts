import { InterruptedError } from '../../src/errors.js';
import { dateAnswer, moneyAnswer, wholeNumberAnswer, type Parsed } from '../../src/interview/answer-kinds.js';
import { GoBack, type Choice, type Prompter } from '../../src/interview/prompter.js';

// A Prompter that answers from a script keyed by prompt id, as a rep would type: money as text ("10万"), a pick by
// its value; a prompt missing from the script is answered with Enter (its default). Every prompt is recorded.

/** Press Enter: keep the default. */
export const ENTER = Symbol('enter');
/** Press Ctrl-C. */
export const CTRL_C = Symbol('ctrl-c');
/** Go back to the previous question (only where the prompt offers it). */
export const BACK = Symbol('back');

const SEQUENCE = Symbol('sequence');
/** The answers a prompt asked several times (after going back) gets, in order; the last one repeats. */
export function answers(...values: unknown[]): { readonly [SEQUENCE]: unknown[] } {
  return { [SEQUENCE]: values };
}

const LABEL = Symbol('label');
/** Pick the choice whose label contains this text (for choices whose values are objects). */
export function labelled(text: string): { readonly [LABEL]: string } {
  return { [LABEL]: text };
}

export interface AskedPrompt {
  readonly kind: 'select' | 'yesNo' | 'input' | 'money' | 'date' | 'number';
  readonly id: string;
  readonly message: string;
  readonly why: string;
  readonly default: unknown;
  readonly choices?: readonly Choice<unknown>[];
  readonly answer: unknown;
  /** The prompt offered going back. */
  readonly back?: boolean;
}

export type Script = Readonly<Record<string, unknown>>;

export interface ScriptedPrompter extends Prompter {
  readonly asked: AskedPrompt[];
  readonly said: string[];
  /** Ids asked, in order. */
  ids(): string[];
  /** The prompt asked with this id (throws when it was not asked). */
  prompt(id: string): AskedPrompt;
}

/** A scripted Prompter; throws on an answer the real prompt would refuse, so a test cannot pass on bad input. */
export function scriptedPrompter(script: Script = {}): ScriptedPrompter {
  const asked: AskedPrompt[] = [];
  const said: string[] = [];

  const times = new Map<string, number>();
  function scripted(p: { id: string; back?: boolean }): unknown {
    const id = p.id;
    if (!(id in script)) return ENTER;
    let value = script[id];
    if (typeof value === 'object' && value !== null && SEQUENCE in value) {
      const values = (value as { [SEQUENCE]: unknown[] })[SEQUENCE];
      const n = times.get(id) ?? 0;
      times.set(id, n + 1);
      value = values[Math.min(n, values.length - 1)];
    }
    if (value === CTRL_C) throw new InterruptedError();
    if (value === BACK) {
      if (p.back !== true) throw new Error(`prompt ${id} offers no way back`);
      asked.push({ kind: 'input', id, message: '', why: '', default: undefined, answer: BACK });
      throw new GoBack();
    }
    return value;
  }

  function typed<T>(kind: AskedPrompt['kind'], p: { id: string; message: string; why: string; back?: boolean }, defaultText: string | undefined, parse: (text: string) => Parsed<T>): T {
    const value = scripted(p);
    const text = value === ENTER ? (defaultText ?? '') : String(value);
    const parsed = parse(text);
    if (!parsed.ok) throw new Error(`prompt ${p.id} refuses "${text}": ${parsed.reason}`);
    asked.push({ kind, id: p.id, message: p.message, why: p.why, default: defaultText, answer: parsed.value, back: p.back === true });
    return parsed.value;
  }

  function picked<V>(kind: 'select' | 'yesNo', p: { id: string; message: string; why: string; back?: boolean }, choices: readonly Choice<V>[], hasDefault: boolean, defaultValue: V | undefined): V {
    const value = scripted(p);
    const first = choices[0];
    if (first === undefined) throw new Error(`prompt ${p.id} has no choices`);
    const fallback = hasDefault && choices.some((c) => c.value === defaultValue) ? (defaultValue as V) : first.value;
    const byLabel = typeof value === 'object' && value !== null && LABEL in value ? choices.find((c) => c.label.includes((value as { [LABEL]: string })[LABEL])) : undefined;
    const answer = value === ENTER ? fallback : byLabel !== undefined ? byLabel.value : (value as V);
    if (!choices.some((c) => c.value === answer)) throw new Error(`prompt ${p.id} has no choice ${String(answer)}`);
    asked.push({ kind, id: p.id, message: p.message, why: p.why, default: hasDefault ? defaultValue : first.value, choices, answer, back: p.back === true });
    return answer;
  }

  return {
    asked,
    said,
    ids: () => asked.map((a) => a.id),
    prompt(id) {
      const found = asked.find((a) => a.id === id);
      if (found === undefined) throw new Error(`prompt ${id} was not asked; asked: ${asked.map((a) => a.id).join(', ')}`);
      return found;
    },
    select: async (p) => picked('select', p, p.choices, 'default' in p, p.default),
    yesNo: async (p) => {
      const choices: Choice<boolean | undefined>[] = [
        { value: true, label: 'yes' },
        { value: false, label: 'no' },
      ];
      if (p.allowUnknown === true) choices.push({ value: undefined, label: 'unknown' });
      return picked('yesNo', p, choices, p.default !== undefined || p.allowUnknown === true, p.default);
    },
    input: async (p) => {
      const text = typed('input', p, p.default, (s) => ({ ok: true, value: s }));
      const verdict = p.validate === undefined ? true : await p.validate(text);
      if (verdict !== true) throw new Error(`prompt ${p.id} refuses "${text}": ${verdict}`);
      return text.trim();
    },
    money: async (p) => typed('money', p, p.default === undefined ? undefined : String(p.default), moneyAnswer),
    date: async (p) => typed('date', p, p.default, dateAnswer),
    number: async (p) => typed('number', p, p.default === undefined ? undefined : String(p.default), (s) => wholeNumberAnswer(s, p.min, p.max, p.outOfRange)),
    say: (text) => {
      said.push(text);
    },
  };
}

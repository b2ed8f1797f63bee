import type { Answers } from '../engine/answers.js';
import { t, type Params } from '../i18n/index.js';
import { formatMoney, textOf } from '../output/qualification.js';
import { askStoredLead, type FindLeads } from './lead-picker.js';
import { GoBack, type Choice, type Prompter } from './prompter.js';
import type { AnswerPath, Phrase, Question, Section } from './questions.js';

// Runs the question table through a Prompter: each asked question fills its answers path; a question whose branch
// does not apply removes its field (so a changed answer never leaves a stale one behind, e.g. a funds date after
// "cash now"); fields the table never asks (contact, phone …) are kept from the previous answers.

type Loose = Record<string, unknown>;

/** The value at an answers path. */
export function answerAt(answers: Answers, path: AnswerPath): unknown {
  const [section, field] = splitPath(path);
  return (answers[section] as Loose | undefined)?.[field];
}

/** A copy of the answers with one path set (undefined removes the field, and an emptied section). */
export function withAnswer(answers: Answers, path: AnswerPath, value: unknown): Answers {
  const [section, field] = splitPath(path);
  const part: Loose = { ...(answers[section] as Loose | undefined) };
  if (value === undefined) delete part[field];
  else part[field] = value;
  const next: Loose = { ...answers };
  if (Object.keys(part).length === 0) delete next[section];
  else next[section] = part;
  return next as Answers;
}

function splitPath(path: AnswerPath): [Section, string] {
  const dot = path.indexOf('.');
  return [path.slice(0, dot) as Section, path.slice(dot + 1)];
}

/** The text of a phrase for the answers so far; numbers in params are shown as money (100,000). */
export function phraseText(phrase: Phrase, answers: Answers): string {
  if (typeof phrase === 'string') return t(phrase);
  const { key, params = {} } = phrase(answers);
  const shown: Record<string, Params[string]> = {};
  for (const [name, value] of Object.entries(params as Params)) shown[name] = typeof value === 'number' ? formatMoney(value) : value;
  return t(key, shown);
}

/** Gate headings printed between sections, with the engine's own gate names. */
const SECTION_TITLE: Readonly<Partial<Record<Section, string>>> = { need: 'engine.gate.need', kp: 'engine.gate.kp', payment: 'engine.gate.payment' };

const noLeads: FindLeads = () => Promise.resolve([]);

/**
 * Asks the questions in order, defaults from the previous answers (Enter keeps them); returns the new answers. Every
 * question after the first can go back to the one asked before it (GoBack from the prompt): the answers are as they
 * were before that question, and what the rep had answered is its default. backFromFirst: the first question can go
 * back too, to what the caller asked before (the company): GoBack is thrown to it.
 */
export async function askQuestions(prompter: Prompter, questions: readonly Question[], previous: Answers = {}, findLeads: FindLeads = noLeads, backFromFirst = false): Promise<Answers> {
  let answers: Answers = previous;
  // The defaults: the previous answers, then what the rep answers now (shown again after going back).
  let defaults: Answers = previous;
  let section: Section | undefined;
  const asked: Array<{ readonly index: number; readonly answers: Answers }> = [];
  for (let i = 0; i < questions.length; ) {
    const question = questions[i]!;
    if (question.when !== undefined && !question.when(answers)) {
      answers = withAnswer(answers, question.id, undefined);
      i++;
      continue;
    }
    const [questionSection] = splitPath(question.id);
    const title = SECTION_TITLE[questionSection];
    if (questionSection !== section && title !== undefined) prompter.say(`── ${textOf(title, {}, questionSection)} ──`);
    section = questionSection;
    let value: unknown;
    try {
      value = await ask(prompter, question, answers, answerAt(defaults, question.id), findLeads, asked.length > 0 || backFromFirst);
    } catch (err) {
      const before = err instanceof GoBack ? asked.pop() : undefined;
      if (before === undefined) throw err;
      i = before.index;
      answers = before.answers;
      continue;
    }
    asked.push({ index: i, answers });
    answers = withAnswer(answers, question.id, value);
    defaults = withAnswer(defaults, question.id, value);
    i++;
  }
  return answers;
}

/** Asks one question; `previous` is its last answer (the default). */
async function ask(prompter: Prompter, question: Question, answers: Answers, previous: unknown, findLeads: FindLeads, back: boolean): Promise<unknown> {
  const base = { id: question.id, message: phraseText(question.message, answers), why: phraseText(question.why, answers), back };
  switch (question.kind) {
    case 'select': {
      const choices: Choice<string | undefined>[] = question.choices.map((value) => ({ value, label: textOf(question.label(value), {}, value) }));
      if (question.unknownChoice === true) choices.push({ value: undefined, label: t('interview.notSure') });
      const known = typeof previous === 'string' && question.choices.includes(previous) ? previous : undefined;
      return prompter.select({ ...base, choices, default: known ?? question.fallback });
    }
    case 'yesNo':
      return prompter.yesNo({ ...base, allowUnknown: question.allowUnknown, default: typeof previous === 'boolean' ? previous : question.fallback });
    case 'money':
      return prompter.money({ ...base, default: typeof previous === 'number' ? previous : undefined });
    case 'date':
      return prompter.date({ ...base, default: typeof previous === 'string' ? previous : undefined });
    case 'lead':
      return askStoredLead(prompter, findLeads, base);
    case 'text': {
      const text = (await prompter.input({ ...base, default: typeof previous === 'string' ? previous : undefined })).trim();
      return text === '' ? undefined : text;
    }
  }
}

import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { todayOf, type Context } from '../../context.js';
import { answersSchema, type Answers } from '../../engine/answers.js';
import type { Qualification } from '../../engine/types.js';
import { DataError, NoInputError, failureReason } from '../../errors.js';
import { isMessageKey, t } from '../../i18n/index.js';
import { paintFor } from '../../output/color.js';
import { qualificationJson, renderQualificationText } from '../../output/qualification.js';
import { watchInput } from '../../files/interrupt.js';
import { readAnswersJson } from './answers-json.js';
import type { SaveQualificationOutcome } from '../../interview/session.js';
import { qualifyFromAnswers } from './save.js';

/** `leadq qualify --answers <file|->`: answers file → engine → save → print. */
export async function qualifyWithAnswers(ctx: Context, leadRef: string | undefined, answersFile: string, options: { readonly json?: boolean; readonly dryRun?: boolean }): Promise<void> {
  const given = parseAnswers(await readAnswersText(ctx, answersFile), answersFile);
  if (leadRef === undefined && (given.lead?.company ?? '').trim() === '') throw new DataError('qualify.companyRequired', {}, 'qualify.hintAnswersSchema');
  const outcome = await qualifyFromAnswers(ctx, leadRef, given, todayOf(ctx), options.dryRun === true);
  printQualification(ctx, outcome, outcome.result, options.json === true);
}

/** Prints a qualification: the SPEC JSON on stdout with --json, else the human view (coloured only on a TTY). */
export function printQualification(ctx: Context, outcome: SaveQualificationOutcome, result: Qualification, json: boolean): void {
  if (json) {
    ctx.stdout.write(JSON.stringify(qualificationJson(outcome.lead, result, outcome.saved), null, 2) + '\n');
    return;
  }
  const paint = paintFor(ctx, ctx.stdout);
  const note = outcome.notSavedReason === undefined ? undefined : t(outcome.notSavedReason);
  ctx.stdout.write(renderQualificationText(outcome.lead, result, paint, { saved: outcome.saved, note }));
}

/** The answers file's bytes (decoded and checked by readAnswersJson); a FIFO being read is released by a signal. */
async function readAnswersText(ctx: Context, file: string): Promise<Buffer> {
  const unwatch = file === '-' ? () => undefined : watchInput(file);
  try {
    if (file === '-') {
      const chunks: Buffer[] = [];
      for await (const chunk of ctx.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
      return Buffer.concat(chunks);
    }
    return await readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new NoInputError('error.fileMissing', { file });
    throw new NoInputError('error.fileUnreadable', { file, reason: failureReason(err) });
  } finally {
    unwatch();
  }
}

/**
 * Parses an answers file: bad UTF-8, nesting or text and JSON errors name the line (readAnswersJson), schema errors
 * the field path and reason (exit 65).
 */
export function parseAnswers(input: Uint8Array | string, file: string): Answers {
  const data = readAnswersJson(input, file === '-' ? 'stdin' : file);
  const parsed = answersSchema.safeParse(data, { reportInput: true });
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues;
  const first = issues[0];
  if (first === undefined) throw new DataError('qualify.answersInvalid', { path: '(root)', reason: t('qualify.reasonInvalid') });
  const { path: field, reason } = describeIssue(first);
  const path = field === '' ? t('qualify.answersRoot') : field;
  const more = issues.length - 1;
  throw new DataError(more > 0 ? 'qualify.answersInvalidMore' : 'qualify.answersInvalid', { path, reason, more }, 'qualify.hintAnswersSchema');
}

type Issue = z.core.$ZodIssue;

/** One zod issue as `path` + a reason in the chosen language. */
export function describeIssue(issue: Issue): { path: string; reason: string } {
  const base = issue.path.map(String).join('.');
  const at = (key: string) => (base === '' ? key : `${base}.${key}`);
  const input = displayInput((issue as { input?: unknown }).input);
  switch (issue.code) {
    case 'unrecognized_keys':
      return { path: at(issue.keys[0] ?? ''), reason: t('qualify.reasonUnknownKey', { key: issue.keys[0] }) };
    case 'invalid_value':
      return { path: base, reason: t('qualify.reasonEnum', { input, choices: issue.values.map(String).join(', ') }) };
    case 'invalid_type':
      return { path: base, reason: t('qualify.reasonType', { expected: issue.expected, received: typeName((issue as { input?: unknown }).input) }) };
    case 'invalid_union':
      return { path: base, reason: t('qualify.reasonType', { expected: 'number | string', received: typeName((issue as { input?: unknown }).input) }) };
    case 'too_big':
      return { path: base, reason: t('qualify.reasonTooLong') };
    case 'custom': {
      if (issue.message.startsWith('money.')) return { path: base, reason: moneyReason(issue.message, input) };
      if (issue.message === 'date') return { path: base, reason: t('qualify.reasonDate', { input }) };
      return { path: base, reason: issue.message };
    }
    default:
      return { path: base, reason: t('qualify.reasonInvalid') };
  }
}

function moneyReason(code: string, input: string): string {
  const key = `engine.${code}`;
  return isMessageKey(key) ? t(key, { input }) : t('qualify.reasonInvalid');
}

function displayInput(input: unknown): string {
  if (typeof input === 'string') return input;
  if (input === undefined) return '';
  return JSON.stringify(input) ?? String(input);
}

function typeName(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'array';
  return typeof input;
}

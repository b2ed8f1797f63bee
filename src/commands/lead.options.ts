import { z } from 'zod';
import { SOURCES } from '../engine/enums.js';
import { UsageError } from '../errors.js';
import { isMessageKey, t } from '../i18n/index.js';
import { isCreditCode, normaliseCreditCode } from '../domain/company.js';
import type { LeadFieldOptions } from './lead.js';
import { dateOption } from './date-option.js';

// zod schemas of the writing commands' options (lead add/edit, contact). Loaded only by those commands: zod costs
// ~60 ms to import, which `lead list` and `lead show` must not pay.

const text = z.string().trim().max(10_000, 'lead.reasonTooLong');

/** lead add/edit options: trimmed; '' kept (edit clears a field with it); the credit code folded and checked. */
export const leadFieldOptionsSchema = z.object({
  company: text.min(1, 'lead.reasonEmpty').optional(),
  contact: text.optional(),
  title: text.optional(),
  phone: text.optional(),
  email: text.optional(),
  industry: text.optional(),
  source: z.enum(SOURCES).optional(),
  competitor: text.optional(),
  partner: text.optional(),
  referrer: text.optional(),
  notes: text.optional(),
  creditCode: z
    .string()
    .transform(normaliseCreditCode)
    .refine((code) => code === '' || isCreditCode(code), 'lead.reasonCreditCode')
    .optional(),
});

export type LeadFieldValues = z.output<typeof leadFieldOptionsSchema>;

/** Parses lead add/edit options; a bad value is exit 64 naming the option and why. */
export function parseLeadFieldOptions(options: LeadFieldOptions): LeadFieldValues {
  return parseOptions(leadFieldOptionsSchema, options);
}

/** `leadq contact` options: a trimmed note (--at goes through the one date parser: dateOption). */
export const contactOptionsSchema = z.object({
  note: text.optional(),
});

/** Parses `contact` options (the kind is checked by commander's choices): --at a date that happened (default: now); a bad value is exit 64. */
export function parseContactOptions(options: { at?: string; note?: string }, now: Date): { at: string | undefined; note: string | undefined } {
  const { note } = parseOptions(contactOptionsSchema, { note: options.note });
  return { at: options.at === undefined ? undefined : dateOption('--at', options.at, 'happened', now).iso, note };
}

/** Parses options with a schema; the first problem becomes exit 64: `invalid value "x" for --option: reason`. */
function parseOptions<S extends z.ZodType>(schema: S, options: object): z.output<S> {
  const parsed = schema.safeParse(options);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const key = String(issue?.path[0] ?? '');
  const value = (options as Record<string, unknown>)[key];
  const reason = issue !== undefined && isMessageKey(issue.message) ? t(issue.message) : (issue?.message ?? '');
  throw new UsageError('lead.badOption', { option: `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, value: String(value ?? ''), reason });
}

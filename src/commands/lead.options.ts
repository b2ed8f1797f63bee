import { z } from 'zod';
import { SOURCES } from '../engine/enums.js';
import { UsageError } from '../errors.js';
import { isMessageKey, t } from '../i18n/index.js';
import { isCreditCode, normaliseCreditCode } from '../store/company.js';
import type { LeadFieldOptions } from './lead.js';

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

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/**
 * An ISO 8601 date or date-time as a UTC ISO string (so stored times order as strings); a date or time without a
 * zone is local time. undefined when it is not a real date (2026-02-30, 25:00, garbage).
 */
export function parseIsoDateTime(value: string): string | undefined {
  const m = ISO_DATE_TIME.exec(value.trim());
  if (m === null) return undefined;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [number, number, number, number, number, number];
  const ms = Number((m[7] ?? '0').slice(0, 3).padEnd(3, '0'));
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) return undefined;
  const zone = m[8];
  if (zone === undefined) return new Date(year, month - 1, day, hour, minute, second, ms).toISOString();
  const offset = zone.toUpperCase() === 'Z' ? 0 : zoneMinutes(zone);
  if (offset === undefined) return undefined;
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms) - offset * 60_000).toISOString();
}

function zoneMinutes(zone: string): number | undefined {
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || '0');
  if (hours > 14 || minutes > 59) return undefined;
  return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

/** `leadq contact` options: --at an ISO date (default: now), a trimmed note. */
export const contactOptionsSchema = z.object({
  at: z
    .string()
    .transform((value, ctx) => {
      const iso = parseIsoDateTime(value);
      if (iso === undefined) ctx.addIssue({ code: 'custom', message: 'lead.reasonDate' });
      return iso ?? z.NEVER;
    })
    .optional(),
  note: text.optional(),
});

/** Parses `contact` options (the kind is checked by commander's choices); a bad value is exit 64. */
export function parseContactOptions(options: { at?: string; note?: string }): z.output<typeof contactOptionsSchema> {
  return parseOptions(contactOptionsSchema, options);
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

import { z } from 'zod';
import { parseMoney } from './money.js';

/** Lead sources from METHOD.md, best first; `cold` is the 1-in-66 baseline. */
export const SOURCES = ['competitor_customer', 'referral', 'channel', 'top20', 'cold', 'inbound', 'other'] as const;
export const NEED_KINDS = ['switching', 'exploring', 'initiative', 'already_has', 'none', 'unknown'] as const;
export const KP_ROLES = ['owner', 'chairman', 'gm', 'vp', 'director', 'manager', 'staff', 'other'] as const;
export const YES_NO_UNKNOWN = ['yes', 'no', 'unknown'] as const;
export const OTHER_DECIDERS = ['none', 'spouse', 'partner', 'parent_company', 'board', 'other', 'unknown'] as const;
export const FUNDS = ['now', 'by_date', 'needs_financing', 'no', 'unknown'] as const;
export const RECOGNIZES_VALUE = ['yes', 'partly', 'no', 'unknown'] as const;

export type Source = (typeof SOURCES)[number];
export type NeedKind = (typeof NEED_KINDS)[number];
export type KpRole = (typeof KP_ROLES)[number];
export type YesNoUnknown = (typeof YES_NO_UNKNOWN)[number];
export type OtherDecider = (typeof OTHER_DECIDERS)[number];
export type Funds = (typeof FUNDS)[number];
export type RecognizesValue = (typeof RECOGNIZES_VALUE)[number];

/** A money field: a number or a string such as "10万"; parsed to a number of currency units. Issue message is the problem code. */
export const money = z.union([z.number(), z.string()]).transform((input, ctx): number | undefined => {
  const parsed = parseMoney(input);
  if (parsed.ok) return parsed.value;
  ctx.addIssue({ code: 'custom', message: `money.${parsed.problem}`, input, params: { money: true } });
  return z.NEVER;
});

const text = z.string().max(10_000);

const isoDate = z.string().refine((s) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}, 'date');

export const leadAnswersSchema = z.strictObject({
  company: text.optional(),
  contact: text.optional(),
  title: text.optional(),
  phone: text.optional(),
  email: text.optional(),
  industry: text.optional(),
  source: z.enum(SOURCES).optional(),
  competitor: text.optional(),
  partner: text.optional(),
  referrer: z.union([text, z.number().int().positive()]).optional(),
});

export const needAnswersSchema = z.strictObject({
  kind: z.enum(NEED_KINDS).optional(),
  pain: text.optional(),
  currentSpend: money.optional(),
  annualValue: money.optional(),
  askedOthers: z.boolean().optional(),
});

export const kpAnswersSchema = z.strictObject({
  name: text.optional(),
  role: z.enum(KP_ROLES).optional(),
  signsFinal: z.enum(YES_NO_UNKNOWN).optional(),
  otherDecider: z.enum(OTHER_DECIDERS).optional(),
});

export const paymentAnswersSchema = z.strictObject({
  price: money.optional(),
  budget: money.optional(),
  acceptsOverBudget: z.boolean().optional(),
  funds: z.enum(FUNDS).optional(),
  fundsDate: isoDate.optional(),
  recognizesValue: z.enum(RECOGNIZES_VALUE).optional(),
  prefersCheaperCompetitor: z.boolean().optional(),
});

/** The answers of one qualification, exactly as SPEC.md gives them; unknown keys are an error. */
export const answersSchema = z.strictObject({
  lead: leadAnswersSchema.optional(),
  need: needAnswersSchema.optional(),
  kp: kpAnswersSchema.optional(),
  payment: paymentAnswersSchema.optional(),
});

/** Answers after parsing: money fields are numbers (undefined when not given). */
export type Answers = z.output<typeof answersSchema>;
/** Answers as written in a JSON file (money may be a string). */
export type AnswersInput = z.input<typeof answersSchema>;

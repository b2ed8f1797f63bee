import { z } from 'zod';
import { isIsoDate } from './dates.js';
import { parseMoney } from './money.js';
import { SOURCES, NEED_KINDS, KP_ROLES, YES_NO_UNKNOWN, OTHER_DECIDERS, FUNDS, RECOGNIZES_VALUE } from './enums.js';

// The enum constants live in enums.ts (no zod) so light commands can use them; re-exported here for the engine.
export { SOURCES, NEED_KINDS, KP_ROLES, YES_NO_UNKNOWN, OTHER_DECIDERS, FUNDS, RECOGNIZES_VALUE };
export type { Source, NeedKind, KpRole, YesNoUnknown, OtherDecider, Funds, RecognizesValue } from './enums.js';

/** A money field: a number or a string such as "10万"; parsed to a number of currency units. Issue message is the problem code. */
export const money = z.union([z.number(), z.string()]).transform((input, ctx): number | undefined => {
  const parsed = parseMoney(input);
  if (parsed.ok) return parsed.value;
  ctx.addIssue({ code: 'custom', message: `money.${parsed.problem}`, input, params: { money: true } });
  return z.NEVER;
});

const text = z.string().max(10_000);

const isoDate = z.string().refine(isIsoDate, 'date');

/** The lead section of the answers. */
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

const needAnswersSchema = z.strictObject({
  kind: z.enum(NEED_KINDS).optional(),
  pain: text.optional(),
  currentSpend: money.optional(),
  annualValue: money.optional(),
  askedOthers: z.boolean().optional(),
});

const kpAnswersSchema = z.strictObject({
  name: text.optional(),
  role: z.enum(KP_ROLES).optional(),
  signsFinal: z.enum(YES_NO_UNKNOWN).optional(),
  otherDecider: z.enum(OTHER_DECIDERS).optional(),
  /** The rep confirmed the signer with someone other than the contact, or in writing (METHOD v2: the VP who "signs"). */
  confirmed: z.boolean().optional(),
});

const paymentAnswersSchema = z.strictObject({
  price: money.optional(),
  budget: money.optional(),
  acceptsOverBudget: z.boolean().optional(),
  funds: z.enum(FUNDS).optional(),
  fundsDate: isoDate.optional(),
  recognizesValue: z.enum(RECOGNIZES_VALUE).optional(),
  prefersCheaperCompetitor: z.boolean().optional(),
});

/** The answers of one qualification, exactly as an answers file gives them (README, "Qualify a lead before a visit"); unknown keys are an error. */
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

import { DEFAULT_SOURCE } from '../domain/lead.js';
import { FUNDS, KP_ROLES, NEED_KINDS, OTHER_DECIDERS, RECOGNIZES_VALUE, SOURCES, YES_NO_UNKNOWN } from '../engine/enums.js';
import type { Answers } from '../engine/answers.js';
import { roleRarelyKp } from '../engine/kp.js';
import { givenText } from '../engine/text.js';
import { terminalLine } from '../output/terminal-text.js';
import { t, type MessageKey, type Params } from '../i18n/index.js';

// The interview as data: one row per question, in the order the method asks them (lead → need → KP → payment).
// Each row names the answers path it fills and takes its choices from the schema's own enums, so the answers the
// flow builds are exactly the engine's answers schema.

export type Section = 'lead' | 'need' | 'kp' | 'payment';
/** An answers path such as `payment.budget`. */
export type AnswerPath = { [S in Section]: `${S}.${keyof NonNullable<Answers[S]> & string}` }[Section];

/** A message: a key, or a key + params computed from the answers so far. */
export type Phrase = MessageKey | ((answers: Answers) => { key: MessageKey; params?: Params });

interface QuestionBase {
  readonly id: AnswerPath;
  readonly message: Phrase;
  /** Why the question matters, in the method's words. */
  readonly why: Phrase;
  /** Branch: ask only when this holds for the answers so far; otherwise the field is left out. */
  readonly when?: (answers: Answers) => boolean;
}

export interface SelectQuestion extends QuestionBase {
  readonly kind: 'select';
  readonly choices: readonly string[];
  /** Message key of a choice's label: the engine's own labels ('engine.needKind.' + value …). */
  readonly label: (value: string) => string;
  /** Adds a "don't know yet" choice answered as undefined (for enums without an `unknown` value). */
  readonly unknownChoice?: boolean;
  /** The default when there is no previous answer. */
  readonly fallback?: string;
}

export interface YesNoQuestion extends QuestionBase {
  readonly kind: 'yesNo';
  readonly allowUnknown: boolean;
  readonly fallback?: boolean;
}

export interface PlainQuestion extends QuestionBase {
  /** `lead`: pick a stored lead (answered with its id), e.g. the referrer. */
  readonly kind: 'money' | 'text' | 'date' | 'lead';
}

export type Question = SelectQuestion | YesNoQuestion | PlainQuestion;

const labelUnder = (prefix: string) => (value: string) => prefix + value;
const SIGNS_FINAL_LABEL: Readonly<Record<string, string>> = { yes: 'interview.yes', no: 'interview.no', unknown: 'interview.notSure' };

/** The KP must be questioned further: not known to sign, or a role that rarely signs. */
export function kpNeedsOtherDecider(answers: Answers): boolean {
  const kp = answers.kp;
  return kp?.signsFinal !== 'yes' || roleRarelyKp(kp.role);
}

/** The price exceeds a known budget (by how much, or undefined when not over or not known). */
export function overBudget(answers: Answers): number | undefined {
  const { price, budget } = answers.payment ?? {};
  return price !== undefined && budget !== undefined && budget < price ? price - budget : undefined;
}

/** The questions, in the order asked. */
export const QUESTIONS: readonly Question[] = [
  // Lead: asked only for a lead created now (see leadQuestions); an existing lead keeps its recorded source.
  // Who the rep will call, so a new lead is never a company with no one to reach.
  { id: 'lead.contact', kind: 'text', message: 'interview.q.contact', why: 'interview.why.contact' },
  { id: 'lead.phone', kind: 'text', message: 'interview.q.phone', why: 'interview.why.phone' },
  {
    id: 'lead.source',
    kind: 'select',
    message: 'interview.q.source',
    why: 'interview.why.source',
    choices: SOURCES,
    label: labelUnder('engine.source.'),
    // Enter on the source question: not given, which everywhere in leadq means the cold list.
    fallback: DEFAULT_SOURCE,
  },
  {
    id: 'lead.competitor',
    kind: 'text',
    message: 'interview.q.competitor',
    why: 'interview.why.competitor',
    when: (a) => a.lead?.source === 'competitor_customer',
  },
  {
    // A stored lead (the saved referral links to it), never free text that could fail to resolve at save time.
    id: 'lead.referrer',
    kind: 'lead',
    message: 'interview.q.referrer',
    why: 'interview.why.referrer',
    when: (a) => a.lead?.source === 'referral',
  },
  {
    id: 'lead.partner',
    kind: 'text',
    message: 'interview.q.partner',
    why: 'interview.why.partner',
    when: (a) => a.lead?.source === 'channel',
  },

  // Gate 1 — need.
  {
    id: 'need.kind',
    kind: 'select',
    message: 'interview.q.needKind',
    why: 'interview.why.needKind',
    choices: NEED_KINDS,
    label: labelUnder('engine.needKind.'),
    fallback: 'unknown',
  },
  {
    id: 'need.pain',
    kind: 'text',
    message: 'interview.q.pain',
    why: 'interview.why.pain',
    when: (a) => a.need?.kind === 'switching' || a.need?.kind === 'exploring' || a.need?.kind === 'initiative',
  },
  {
    id: 'need.annualValue',
    kind: 'money',
    message: 'interview.q.annualValue',
    why: 'interview.why.annualValue',
    when: (a) => a.need?.kind === 'already_has',
  },
  {
    // The ask-around rule (v2): "no need" and "we already have one" are one contact's word until those around were asked.
    id: 'need.askedOthers',
    kind: 'yesNo',
    message: (a) => ({ key: a.need?.kind === 'already_has' ? 'interview.q.askedOthersHas' : 'interview.q.askedOthers' }),
    why: (a) => ({ key: a.need?.kind === 'already_has' ? 'interview.why.askedOthersHas' : 'interview.why.askedOthers' }),
    allowUnknown: false,
    fallback: false,
    when: (a) => a.need?.kind === 'none' || a.need?.kind === 'already_has',
  },

  // Gate 2 — the true KP.
  {
    id: 'kp.role',
    kind: 'select',
    message: 'interview.q.role',
    why: 'interview.why.role',
    choices: KP_ROLES,
    label: labelUnder('engine.role.'),
    unknownChoice: true,
  },
  {
    id: 'kp.signsFinal',
    kind: 'select',
    message: 'interview.q.signsFinal',
    why: 'interview.why.signsFinal',
    choices: YES_NO_UNKNOWN,
    label: (value) => SIGNS_FINAL_LABEL[value] ?? value,
    fallback: 'unknown',
  },
  {
    // Always asked: the gate passes only when nobody else decides. The wording follows the branch in docs/method.md:
    // a KP not known to sign, or a role below GM, is asked "who else decides"; a signing GM is asked to confirm.
    id: 'kp.otherDecider',
    kind: 'select',
    message: (a) => ({ key: kpNeedsOtherDecider(a) ? 'interview.q.otherDecider' : 'interview.q.otherDeciderConfirm' }),
    why: (a) => ({ key: kpNeedsOtherDecider(a) ? 'interview.why.otherDecider' : 'interview.why.otherDeciderConfirm' }),
    choices: OTHER_DECIDERS,
    label: labelUnder('engine.decider.'),
    fallback: 'unknown',
  },
  {
    // Always asked: the next actions name the KP ("visit KP (NAME)"), and who it is may not be the contact at all.
    id: 'kp.name',
    kind: 'text',
    message: 'interview.q.kpName',
    why: 'interview.why.kpName',
  },
  {
    // Asked only where it decides the gate (METHOD v2, the VP who "signs"): a role that is rarely the KP says it signs.
    id: 'kp.confirmed',
    kind: 'yesNo',
    message: (a) => {
      const role = t(`engine.role.${a.kp?.role ?? 'other'}`);
      // The name is the rep's own typing, shown back on a terminal: made safe like any data.
      const name = givenText(a.kp?.name);
      return name === undefined ? { key: 'interview.q.confirmed', params: { role } } : { key: 'interview.q.confirmedNamed', params: { role, name: terminalLine(name) } };
    },
    why: 'interview.why.confirmed',
    allowUnknown: false,
    fallback: false,
    when: (a) => a.kp?.signsFinal === 'yes' && roleRarelyKp(a.kp.role),
  },

  // Gate 3 — payment capacity: ability (budget, money in time) and willingness (sees the value).
  { id: 'payment.price', kind: 'money', message: 'interview.q.price', why: 'interview.why.price' },
  { id: 'payment.budget', kind: 'money', message: 'interview.q.budget', why: 'interview.why.budget' },
  {
    id: 'payment.acceptsOverBudget',
    kind: 'yesNo',
    message: (a) => ({ key: 'interview.q.acceptsOverBudget', params: { over: overBudget(a) } }),
    why: 'interview.why.acceptsOverBudget',
    allowUnknown: true,
    when: (a) => overBudget(a) !== undefined,
  },
  {
    // Always asked (willingness needs it); over budget, the why-line says how seeing the value finds the money.
    id: 'payment.recognizesValue',
    kind: 'select',
    message: 'interview.q.recognizesValue',
    why: (a) => ({ key: overBudget(a) === undefined ? 'interview.why.recognizesValue' : 'interview.why.recognizesValueOver' }),
    choices: RECOGNIZES_VALUE,
    label: labelUnder('engine.recognizesValue.'),
    fallback: 'unknown',
  },
  {
    id: 'payment.funds',
    kind: 'select',
    message: 'interview.q.funds',
    why: 'interview.why.funds',
    choices: FUNDS,
    label: labelUnder('engine.funds.'),
    fallback: 'unknown',
  },
  {
    id: 'payment.fundsDate',
    kind: 'date',
    message: 'interview.q.fundsDate',
    why: 'interview.why.fundsDate',
    when: (a) => a.payment?.funds === 'by_date',
  },
  {
    id: 'payment.prefersCheaperCompetitor',
    kind: 'yesNo',
    message: 'interview.q.prefersCheaper',
    why: 'interview.why.prefersCheaper',
    allowUnknown: true,
  },
];

/** The questions for one interview: where the lead comes from is asked only when the lead is created now. */
export function questionsFor(newLead: boolean): readonly Question[] {
  return newLead ? QUESTIONS : QUESTIONS.filter((q) => !q.id.startsWith('lead.'));
}

import fc from 'fast-check';
import {
  FUNDS,
  KP_ROLES,
  NEED_KINDS,
  OTHER_DECIDERS,
  RECOGNIZES_VALUE,
  SOURCES,
  YES_NO_UNKNOWN,
  type Answers,
  type QualifyContext,
  type Source,
} from '../../src/engine/index.js';
import { TODAY } from './context.js';

// Amounts that hit the rules' edges (0, half, equal) as well as anything else.
const money = fc.oneof(fc.constantFrom(0, 50_000, 100_000, 120_000, 500_000, 1_000_000), fc.integer({ min: 0, max: 5_000_000 }));
const text = fc.oneof(fc.constantFrom('', '  ', 'ACME', '王总'), fc.string());
// Dates around TODAY: the day before has passed, the day itself and later are in time.
const date = fc.constantFrom('2024-12-31', '2025-05-31', TODAY, '2025-06-02', '2026-01-15');

/** Any valid parsed answers: every section and field may be missing. */
export const answersArb: fc.Arbitrary<Answers> = fc.record(
  {
    lead: fc.record(
      { company: text, source: fc.constantFrom(...SOURCES), contact: text, title: text, phone: text, email: text, industry: text, competitor: text, partner: text, referrer: fc.oneof(text, fc.integer({ min: 1, max: 99 })) },
      { requiredKeys: [] },
    ),
    need: fc.record(
      { kind: fc.constantFrom(...NEED_KINDS), pain: text, currentSpend: money, annualValue: money, askedOthers: fc.boolean() },
      { requiredKeys: [] },
    ),
    kp: fc.record(
      {
        name: text,
        role: fc.constantFrom(...KP_ROLES),
        signsFinal: fc.constantFrom(...YES_NO_UNKNOWN),
        otherDecider: fc.constantFrom(...OTHER_DECIDERS),
        confirmed: fc.boolean(),
      },
      { requiredKeys: [] },
    ),
    payment: fc.record(
      {
        price: money,
        budget: money,
        acceptsOverBudget: fc.boolean(),
        funds: fc.constantFrom(...FUNDS),
        fundsDate: date,
        recognizesValue: fc.constantFrom(...RECOGNIZES_VALUE),
        prefersCheaperCompetitor: fc.boolean(),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);

/** Any context the shell can pass: today around the funds dates, a visit logged or not, a referrer's company or none. */
export const contextArb: fc.Arbitrary<QualifyContext> = fc.record(
  { today: fc.constantFrom('2025-01-01', TODAY, '2025-06-02', '2026-12-31'), visitLogged: fc.boolean(), referrer: fc.option(text, { nil: undefined }) },
  { requiredKeys: ['today', 'visitLogged'] },
);

/** The same answers with another lead source (or none). */
export function withSource(answers: Answers, source: Source | undefined): Answers {
  return { ...answers, lead: { ...answers.lead, source } };
}

type Tweak = (a: Answers) => Answers;
const tweak = <K extends 'lead' | 'need' | 'kp' | 'payment', V>(section: K, field: string, values: fc.Arbitrary<V>): fc.Arbitrary<Tweak> =>
  values.map((value): Tweak => (a) => ({ ...a, [section]: { ...a[section], [field]: value } }));

/**
 * Answers one to three steps away from a precise customer (worked example 1 with names): uniform random answers
 * rarely pass all three gates, so this reaches the precise verdict and each v2 rule's edge from the passing side.
 */
export const nearPreciseArb: fc.Arbitrary<Answers> = fc
  .tuple(
    fc.constantFrom(...SOURCES),
    fc.array(
      fc.oneof(
        tweak('need', 'kind', fc.constantFrom(...NEED_KINDS)),
        tweak('need', 'askedOthers', fc.boolean()),
        tweak('need', 'annualValue', fc.constantFrom(0, 40_000, 50_000, 60_000)),
        tweak('kp', 'role', fc.constantFrom(...KP_ROLES)),
        tweak('kp', 'confirmed', fc.boolean()),
        tweak('kp', 'signsFinal', fc.constantFrom(...YES_NO_UNKNOWN)),
        tweak('kp', 'otherDecider', fc.constantFrom(...OTHER_DECIDERS)),
        tweak('kp', 'name', fc.constantFrom(undefined, '', ' ')),
        tweak('payment', 'price', fc.constantFrom(0, 100_000)),
        tweak('payment', 'budget', fc.constantFrom(0, 50_000, 50_001, 99_999, 100_000)),
        tweak('payment', 'acceptsOverBudget', fc.boolean()),
        tweak('payment', 'funds', fc.constantFrom(...FUNDS)),
        tweak('payment', 'fundsDate', date),
        tweak('payment', 'recognizesValue', fc.constantFrom(...RECOGNIZES_VALUE)),
        tweak('payment', 'prefersCheaperCompetitor', fc.boolean()),
      ),
      { maxLength: 3 },
    ),
  )
  .map(([source, tweaks]) =>
    tweaks.reduce<Answers>((a, change) => change(a), {
      lead: { source, competitor: '销售易', partner: 'HR 云' },
      need: { kind: 'switching', pain: 'slow reports' },
      kp: { role: 'gm', signsFinal: 'yes', otherDecider: 'none', name: '王总' },
      payment: { price: 100_000, budget: 120_000, funds: 'now', recognizesValue: 'yes' },
    }),
  );

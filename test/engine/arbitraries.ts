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
      { company: text, source: fc.constantFrom(...SOURCES), contact: text, competitor: text, partner: text, referrer: fc.oneof(text, fc.integer({ min: 1, max: 99 })) },
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

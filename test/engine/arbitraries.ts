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
  type Source,
} from '../../src/engine/index.js';

// Amounts that hit the rules' edges (0, half, equal) as well as anything else.
const money = fc.oneof(fc.constantFrom(0, 50_000, 100_000, 120_000, 500_000, 1_000_000), fc.integer({ min: 0, max: 5_000_000 }));
const text = fc.oneof(fc.constantFrom('', '  ', 'ACME', '王总'), fc.string());

/** Any valid parsed answers: every section and field may be missing. */
export const answersArb: fc.Arbitrary<Answers> = fc.record(
  {
    lead: fc.record({ company: text, source: fc.constantFrom(...SOURCES), contact: text }, { requiredKeys: [] }),
    need: fc.record(
      { kind: fc.constantFrom(...NEED_KINDS), pain: text, currentSpend: money, annualValue: money, askedOthers: fc.boolean() },
      { requiredKeys: [] },
    ),
    kp: fc.record(
      { name: text, role: fc.constantFrom(...KP_ROLES), signsFinal: fc.constantFrom(...YES_NO_UNKNOWN), otherDecider: fc.constantFrom(...OTHER_DECIDERS) },
      { requiredKeys: [] },
    ),
    payment: fc.record(
      {
        price: money,
        budget: money,
        acceptsOverBudget: fc.boolean(),
        funds: fc.constantFrom(...FUNDS),
        fundsDate: fc.constantFrom('2025-06-30', '2026-01-15'),
        recognizesValue: fc.constantFrom(...RECOGNIZES_VALUE),
        prefersCheaperCompetitor: fc.boolean(),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);

/** The same answers with another lead source (or none). */
export function withSource(answers: Answers, source: Source | undefined): Answers {
  return { ...answers, lead: { ...answers.lead, source } };
}

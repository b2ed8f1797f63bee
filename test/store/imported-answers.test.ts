import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { leadAnswersSchema } from '../../src/engine/answers.js';
import { importedAnswers, PRINTED_FIELDS, RULE_FIELDS, sameImportedAnswers } from '../../src/store/imported-answers.js';
import { answersArb } from '../engine/arbitraries.js';

// What --import keeps of a row's answers: the rules' lead fields in the answers, the others as a print. A lead field
// in neither would be lost from the history and never seen changing.

describe('the answers --import keeps', () => {
  it('every field of the answers’ lead section is kept, or printed', () => {
    expect([...RULE_FIELDS, ...PRINTED_FIELDS].sort()).toEqual(Object.keys(leadAnswersSchema.shape).sort());
  });

  it('are the same answers exactly when the row’s whole answers are the same (kept whole, or as an import keeps them)', () => {
    fc.assert(
      fc.property(answersArb, answersArb, (a, b) => {
        const kept = importedAnswers(a);
        const row = importedAnswers(b);
        const same = JSON.stringify(a) === JSON.stringify(b);
        expect(sameImportedAnswers({ answers: kept.answers, leadPrint: kept.leadPrint }, kept)).toBe(true);
        expect(sameImportedAnswers({ answers: JSON.stringify(a), leadPrint: null }, kept)).toBe(true);
        if (!same) {
          const lead = (x: typeof a) => JSON.stringify(PRINTED_FIELDS.map((f) => x.lead?.[f] ?? null));
          if (lead(a) !== lead(b)) expect(row.leadPrint).not.toBe(kept.leadPrint);
        }
        if (same) expect(sameImportedAnswers({ answers: kept.answers, leadPrint: kept.leadPrint }, row)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('a changed phone, contact or company changes the print; the order a JSON kept them in does not', () => {
    const base = { lead: { company: 'Acme', contact: 'Anna', phone: '1', source: 'cold' as const } };
    const print = importedAnswers(base).leadPrint;
    expect(importedAnswers({ lead: { ...base.lead, phone: '2' } }).leadPrint).not.toBe(print);
    expect(importedAnswers({ lead: { ...base.lead, contact: 'Bo' } }).leadPrint).not.toBe(print);
    expect(importedAnswers({ lead: { ...base.lead, company: 'Acme Inc.' } }).leadPrint).not.toBe(print);
    // Moving text from one field to the next is a change too.
    expect(importedAnswers({ lead: { company: 'AcmeAnna', source: 'cold' } }).leadPrint).not.toBe(importedAnswers({ lead: { company: 'Acme', contact: 'Anna', source: 'cold' } }).leadPrint);
    expect(importedAnswers({ lead: { phone: '1', source: 'cold', contact: 'Anna', company: 'Acme' } }).leadPrint).toBe(print);
    expect(importedAnswers(base).answers).toBe('{"lead":{"source":"cold"}}');
    // An empty field is not an absent one, a referrer's id not the same digits as text (cases fast-check found).
    expect(importedAnswers({ lead: { referrer: '' } }).leadPrint).not.toBe(importedAnswers({}).leadPrint);
    expect(importedAnswers({ lead: { referrer: 7 } }).leadPrint).not.toBe(importedAnswers({ lead: { referrer: '7' } }).leadPrint);
  });
});

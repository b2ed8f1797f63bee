import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { leadAnswersSchema } from '../../src/engine/answers.js';
import type { Answers } from '../../src/engine/answers.js';
import { base36, importedAnswers, PRINTED_FIELDS, RULE_FIELDS, sameImportedAnswers } from '../../src/store/imported-answers.js';
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

  it('are what data files already keep: the answers and print earlier leadq made (an import after an upgrade finds rows unchanged)', () => {
    // Kept by earlier leadq (a million-lead data file holds these exact strings).
    expect(importedAnswers({ lead: { company: 'Acme', contact: 'Anna', phone: '1', source: 'cold' } })).toEqual({ answers: '{"lead":{"source":"cold"}}', leadPrint: 'zotlfynjun' });
    expect(importedAnswers({})).toEqual({ answers: '{}', leadPrint: 'zp6h0jo492' });
    const row = {
      lead: { company: '上海博远500000信息技术股份有限公司', contact: '陈军', title: 'Operations Manager', phone: '14129582121', email: 'user500000@example.cn', industry: '互联网', source: 'inbound' as const },
      need: { pain: 'Asked for demo. Decision maker: CFO' },
      kp: { role: 'manager' as const },
      payment: { budget: 92000 },
    } as Answers;
    expect(importedAnswers(row)).toEqual({ answers: '{"lead":{"source":"inbound"},"need":{"pain":"Asked for demo. Decision maker: CFO"},"kp":{"role":"manager"},"payment":{"budget":92000}}', leadPrint: '1pr0vtlzz3y' });
    // Any answers: the JSON earlier leadq made, one section at a time, empty ones left out.
    fc.assert(
      fc.property(answersArb, (a) => {
        expect(importedAnswers(a).answers).toBe(sectionBySection(a));
      }),
      { numRuns: 3000 },
    );
    // Answers an older file kept whole that are no sections of fields (compared when such a lead is imported again).
    for (const json of ['{"need":null,"kp":{"role":"boss"}}', '{"kp":[],"need":{}}', '{"payment":5}', '{"__proto__":{"a":1},"need":{"b":2}}', '{"need":{"b":2},"1":{"a":1}}', '{"lead":{"source":"cold","phone":"1"},"x":"y"}'])
      expect(importedAnswers(JSON.parse(json) as Answers).answers, json).toBe(sectionBySection(JSON.parse(json) as Answers));
  });

  it('base36 writes the digits toString(36) writes, for every whole number a print can be', () => {
    for (const n of [0, 1, 35, 36, 1295, 1296, 36 ** 10, 2 ** 32, 2 ** 53 - 1]) expect(base36(n)).toBe(n.toString(36));
    fc.assert(
      fc.property(fc.maxSafeNat(), (n) => {
        expect(base36(n)).toBe(n.toString(36));
      }),
      { numRuns: 20000 },
    );
  });
});

describe('a stored lead section that is not a section of fields (a damaged or hand-edited store)', () => {
  it('is kept as it is and compares as other answers than a row’s, never as a crash', () => {
    const row = importedAnswers({ lead: { company: 'Acme', source: 'cold' }, need: { pain: 'x' } } as Answers);
    for (const json of ['{"lead":null,"need":{"pain":"x"}}', '{"lead":[1],"need":{"pain":"x"}}', '{"lead":5}']) {
      expect(importedAnswers(JSON.parse(json) as Answers).answers, json).toBe(json);
      expect(sameImportedAnswers({ answers: json, leadPrint: null }, row), json).toBe(false);
    }
  });
});

/** The answers JSON as earlier leadq made it: one section at a time, in their order, "{}" ones left out. */
function sectionBySection(a: Answers): string {
  let json = '';
  for (const [section, values] of Object.entries(a)) {
    if (values === undefined) continue;
    const text = JSON.stringify(section === 'lead' ? Object.fromEntries(RULE_FIELDS.map((f) => [f, (values as Record<string, unknown>)[f]])) : values);
    if (text !== '{}') json += `${json === '' ? '{' : ','}${JSON.stringify(section)}:${text}`;
  }
  return json === '' ? '{}' : `${json}}`;
}

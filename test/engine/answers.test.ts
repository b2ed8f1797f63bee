import { describe, expect, it } from 'vitest';
import { answersSchema } from '../../src/engine/index.js';

/** The path and message of each issue zod raised. */
function issues(input: unknown): Array<{ path: string; message: string }> {
  const parsed = answersSchema.safeParse(input);
  expect(parsed.success).toBe(false);
  return parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

describe('answersSchema', () => {
  it('accepts empty answers and a full set, parsing money', () => {
    expect(answersSchema.parse({})).toEqual({});
    const full = answersSchema.parse({
      lead: { company: 'ACME', contact: '张三', title: 'GM', phone: '1', email: 'a@b.c', industry: 'HR', source: 'cold', competitor: 'X', partner: 'Y', referrer: 3 },
      need: { kind: 'switching', pain: 'slow', currentSpend: '50万', annualValue: '10w', askedOthers: false },
      kp: { name: '李四', role: 'gm', signsFinal: 'yes', otherDecider: 'none' },
      payment: { price: '100k', budget: 120000, acceptsOverBudget: false, funds: 'now', fundsDate: '2025-02-28', recognizesValue: 'yes', prefersCheaperCompetitor: false },
    });
    expect(full.need?.currentSpend).toBe(500_000);
    expect(full.need?.annualValue).toBe(100_000);
    expect(full.payment?.price).toBe(100_000);
  });

  it.each([
    [{ extra: 1 }, ''],
    [{ lead: { company: 'A', nickname: 'x' } }, 'lead'],
    [{ need: { kind: 'switching', why: 'x' } }, 'need'],
    [{ kp: { role: 'gm', age: 50 } }, 'kp'],
    [{ payment: { price: 1, discount: 2 } }, 'payment'],
  ])('rejects unknown keys at every level: %j', (input, path) => {
    expect(issues(input)).toEqual([expect.objectContaining({ path })]);
    expect(answersSchema.safeParse(input).error?.issues[0]?.code).toBe('unrecognized_keys');
  });

  it.each([
    [{ lead: { source: 'billboard' } }, 'lead.source'],
    [{ need: { kind: 'maybe' } }, 'need.kind'],
    [{ kp: { role: 'ceo' } }, 'kp.role'],
    [{ kp: { signsFinal: 'perhaps' } }, 'kp.signsFinal'],
    [{ kp: { otherDecider: 'wife' } }, 'kp.otherDecider'],
    [{ payment: { funds: 'later' } }, 'payment.funds'],
    [{ payment: { recognizesValue: 'somewhat' } }, 'payment.recognizesValue'],
    [{ need: { askedOthers: 'yes' } }, 'need.askedOthers'],
    [{ payment: { acceptsOverBudget: 1 } }, 'payment.acceptsOverBudget'],
    [{ payment: { fundsDate: '2025-02-30' } }, 'payment.fundsDate'],
  ])('rejects a bad value with its field path: %j', (input, path) => {
    expect(issues(input).map((i) => i.path)).toEqual([path]);
  });

  it.each([
    ['abc', 'money.garbage'],
    ['-5', 'money.negative'],
    [1e20, 'money.tooLarge'],
  ])('rejects bad money %j with the problem code', (price, message) => {
    expect(issues({ payment: { price } })).toEqual([{ path: 'payment.price', message }]);
  });
});

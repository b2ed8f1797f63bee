import { describe, expect, it } from 'vitest';
import { qualifyLead, type Answers } from '../../src/engine/index.js';

const codes = (xs: ReadonlyArray<{ code: string }>): string[] => xs.map((x) => x.code);

// METHOD.md "Worked examples from the article (must hold)", one by one.
describe('worked examples from the article', () => {
  it('1. unhappy with a competitor, the GM signs alone, budget covers, cash now, sees the value → precise', () => {
    const q = qualifyLead({
      need: { kind: 'switching', pain: 'unhappy with the current vendor' },
      kp: { role: 'gm', signsFinal: 'yes', otherDecider: 'none' },
      payment: { price: 100_000, budget: 120_000, funds: 'now', recognizesValue: 'yes' },
    });
    expect(q.verdict).toBe('precise');
    expect([q.gates.need.status, q.gates.kp.status, q.gates.payment.status]).toEqual(['pass', 'pass', 'pass']);
    expect([q.gates.payment.ability, q.gates.payment.willingness]).toEqual(['yes', 'yes']);
    expect(codes(q.nextActions)).toContain('visit_and_close');
    expect(q.score).toBeGreaterThanOrEqual(70);
  });

  it('2. "we already have one", our value equals theirs → disqualified (need fails)', () => {
    const q = qualifyLead({ need: { kind: 'already_has', annualValue: 0 }, payment: { price: 100_000 } });
    expect(q.verdict).toBe('disqualified');
    expect(q.gates.need.status).toBe('fail');
    expect(codes(q.nextActions)[0]).toBe('ask_referrals');
    expect(q.score).toBeLessThanOrEqual(20);
  });

  it('3. already has a 500k product, our price 1M, extra value 500k a year → qualifying, need unknown, present the value case', () => {
    const q = qualifyLead({
      need: { kind: 'already_has', currentSpend: 500_000, annualValue: 500_000 },
      payment: { price: 1_000_000 },
    });
    expect(q.verdict).toBe('qualifying');
    expect(q.gates.need.status).toBe('unknown');
    expect(codes(q.nextActions)[0]).toBe('present_value_case');
  });

  it('4. the contact is a VP, signsFinal unknown → KP unknown with the VP warning', () => {
    const q = qualifyLead({ need: { kind: 'switching' }, kp: { role: 'vp', signsFinal: 'unknown' } });
    expect(q.gates.kp.status).toBe('unknown');
    expect(q.verdict).toBe('qualifying');
    expect(q.nextActions).toContainEqual({ code: 'warn_role_rarely_kp', params: { role: 'vp' } });
  });

  it('5. the GM agrees but his wife decides → KP unknown, reach her', () => {
    const q = qualifyLead({ need: { kind: 'switching' }, kp: { role: 'gm', signsFinal: 'yes', otherDecider: 'spouse' } });
    expect(q.gates.kp.status).toBe('unknown');
    expect(q.nextActions).toContainEqual({ code: 'reach_decider', params: { decider: 'spouse' } });
  });

  it('6. price 100k, budget 50k, does not see the value, prefers the 50k competitor → disqualified, no ability, willingness no', () => {
    const q = qualifyLead({
      need: { kind: 'switching' },
      payment: { price: 100_000, budget: 50_000, recognizesValue: 'no', prefersCheaperCompetitor: true },
    });
    expect(q.verdict).toBe('disqualified');
    expect(q.gates.payment.status).toBe('fail');
    expect(q.gates.payment.ability).toBe('no');
    expect(q.gates.payment.willingness).toBe('no');
    expect(codes(q.nextActions)[0]).toBe('ask_referrals');
  });

  it('7. price 100k, budget 50k, fully sees the value, cash now → ability yes, payment can pass', () => {
    const payment = { price: 100_000, budget: 50_000, recognizesValue: 'yes', funds: 'now' } as const;
    const q = qualifyLead({ need: { kind: 'switching' }, kp: { signsFinal: 'yes', otherDecider: 'none' }, payment });
    expect(q.gates.payment.ability).toBe('yes');
    expect(q.gates.payment.willingness).toBe('yes');
    expect(q.gates.payment.status).toBe('pass');
    expect(q.verdict).toBe('precise');
    expect(codes(q.gates.payment.reasons)).toContain('value_moves_money');
  });

  it('8. has the money, prefers the competitor with the same features at half the price → payment unknown, willingness no, explain why you are worth it', () => {
    const answers: Answers = {
      need: { kind: 'switching' },
      payment: { price: 100_000, budget: 100_000, funds: 'now', prefersCheaperCompetitor: true },
    };
    const q = qualifyLead(answers);
    expect(q.gates.payment.status).toBe('unknown');
    expect(q.gates.payment.ability).toBe('yes');
    expect(q.gates.payment.willingness).toBe('no');
    expect(q.verdict).toBe('qualifying');
    expect(codes(q.nextActions)).toContain('show_value');
  });
});

describe('verdict and next actions', () => {
  it('precise: visit and close, then ask for referrals', () => {
    const q = qualifyLead({
      need: { kind: 'initiative' },
      kp: { signsFinal: 'yes', otherDecider: 'none' },
      payment: { acceptsOverBudget: true, funds: 'by_date', recognizesValue: 'yes' },
    });
    expect(q.verdict).toBe('precise');
    expect(codes(q.nextActions)).toEqual(['visit_and_close', 'ask_referrals']);
  });

  it('qualifying: actions in the order need → KP → payment', () => {
    const q = qualifyLead({ need: { kind: 'none' }, kp: { role: 'director' }, payment: { price: 100_000, budget: 70_000 } });
    expect(q.verdict).toBe('qualifying');
    expect(codes(q.nextActions)).toEqual([
      'ask_others_about_need',
      'warn_role_rarely_kp',
      'ask_other_decider',
      'close_budget_gap',
      'confirm_funds_timing',
      'confirm_value',
    ]);
  });

  it('empty answers: qualifying with every unknown named', () => {
    const q = qualifyLead({});
    expect(q.verdict).toBe('qualifying');
    expect(q.source).toBeUndefined();
    expect(codes(q.nextActions)).toEqual([
      'find_need',
      'confirm_signer',
      'ask_other_decider',
      'quote_price',
      'find_budget',
      'confirm_funds_timing',
      'confirm_value',
    ]);
  });

  it('a cold lead that passes all three gates is precise', () => {
    const q = qualifyLead({
      lead: { source: 'cold' },
      need: { kind: 'exploring' },
      kp: { signsFinal: 'yes', otherDecider: 'none' },
      payment: { price: 1, budget: 1, funds: 'now', recognizesValue: 'yes' },
    });
    expect(q.verdict).toBe('precise');
    expect(q.source).toBe('cold');
  });

  it('is plain JSON data', () => {
    const q = qualifyLead({ need: { kind: 'already_has', annualValue: 600 }, payment: { price: 1000 } });
    expect(JSON.parse(JSON.stringify(q))).toEqual(q);
  });
});

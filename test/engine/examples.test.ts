import { describe, expect, it } from 'vitest';
import { METHOD_VERSION, qualifyLead, type Answers } from '../../src/engine/index.js';
import { CTX, TODAY } from './context.js';

const codes = (xs: ReadonlyArray<{ code: string }>): string[] => xs.map((x) => x.code);
const qualify = (answers: Answers, visitLogged = false) => qualifyLead(answers, { ...CTX, visitLogged });

/** The KP and payment of worked example 1: everything but the gate under test passes. */
const SIGNS: NonNullable<Answers['kp']> = { role: 'gm', signsFinal: 'yes', otherDecider: 'none' };
const PAYS: NonNullable<Answers['payment']> = { price: 100_000, budget: 120_000, funds: 'now', recognizesValue: 'yes' };

// docs/method.md "The article's worked examples" (they must hold), one by one, version 2.
describe('worked examples from the article (method 2)', () => {
  it('1. unhappy with a competitor, the GM signs alone, budget covers, cash now, sees the value → precise', () => {
    const q = qualify({ need: { kind: 'switching', pain: 'unhappy with the current vendor' }, kp: SIGNS, payment: PAYS });
    expect(q.verdict).toBe('precise');
    expect([q.gates.need.status, q.gates.kp.status, q.gates.payment.status]).toEqual(['pass', 'pass', 'pass']);
    expect([q.gates.payment.ability, q.gates.payment.willingness]).toEqual(['yes', 'yes']);
    expect(codes(q.nextActions)).toEqual(['visit_kp']);
    expect(q.score).toBeGreaterThanOrEqual(70);
    expect(q.method).toBe(2);
  });

  it('2. "we already have one", equal value, others asked → disqualified; not yet asked → qualifying, ask around what they dislike', () => {
    const asked = qualify({ need: { kind: 'already_has', annualValue: 0, askedOthers: true }, payment: { price: 100_000 } });
    expect(asked.verdict).toBe('disqualified');
    expect(asked.gates.need.status).toBe('fail');
    expect(asked.score).toBeLessThanOrEqual(20);
    expect(asked.nextActions[0]).toEqual({ code: 'let_go_because', params: { gate: 'need', reason: 'need_value_below_half', annualValue: 0, price: 100_000, half: 50_000 } });

    const notAsked = qualify({ need: { kind: 'already_has', annualValue: 0 }, payment: { price: 100_000 } });
    expect(notAsked.verdict).toBe('qualifying');
    expect(notAsked.gates.need.status).toBe('unknown');
    expect(notAsked.nextActions[0]?.code).toBe('ask_others_what_they_dislike');
  });

  it('3. already has a 500k product, our price 1M, extra value 500k a year → qualifying, need unknown, present the value case', () => {
    const q = qualify({ need: { kind: 'already_has', currentSpend: 500_000, annualValue: 500_000 }, payment: { price: 1_000_000 } });
    expect(q.verdict).toBe('qualifying');
    expect(q.gates.need.status).toBe('unknown');
    expect(codes(q.nextActions)[0]).toBe('present_value_case');
  });

  it('4. a VP, signsFinal unknown → KP unknown with the VP warning; signsFinal yes but not confirmed → still unknown, confirm with someone else', () => {
    const unsure = qualify({ need: { kind: 'switching' }, kp: { role: 'vp', signsFinal: 'unknown', otherDecider: 'none' } });
    expect(unsure.gates.kp.status).toBe('unknown');
    expect(unsure.verdict).toBe('qualifying');
    expect(unsure.nextActions).toContainEqual({ code: 'warn_role_rarely_kp', params: { role: 'vp' } });

    const says = qualify({ need: { kind: 'switching' }, kp: { role: 'vp', signsFinal: 'yes', otherDecider: 'none', name: '张副总' }, payment: PAYS });
    expect(says.gates.kp.status).toBe('unknown');
    expect(says.verdict).toBe('qualifying');
    expect(says.nextActions).toEqual([{ code: 'confirm_signer_elsewhere_named', params: { role: 'vp', name: '张副总' } }]);

    const confirmed = qualify({ need: { kind: 'switching' }, kp: { role: 'vp', signsFinal: 'yes', otherDecider: 'none', confirmed: true }, payment: PAYS });
    expect(confirmed.gates.kp.status).toBe('pass');
    expect(confirmed.verdict).toBe('precise');
  });

  it('5. the GM agrees but his wife decides → KP unknown, reach her', () => {
    const q = qualify({ need: { kind: 'switching' }, kp: { role: 'gm', signsFinal: 'yes', otherDecider: 'spouse' } });
    expect(q.gates.kp.status).toBe('unknown');
    expect(q.nextActions).toContainEqual({ code: 'reach_decider', params: { decider: 'spouse' } });
  });

  it('6. price 100k, budget 50k, does not see the value, prefers the 50k competitor → disqualified, willingness no, ability not no; value recognition unknown → qualifying, show your value, then ask', () => {
    const q = qualify({ need: { kind: 'switching' }, payment: { price: 100_000, budget: 50_000, recognizesValue: 'no', prefersCheaperCompetitor: true } });
    expect(q.verdict).toBe('disqualified');
    expect(q.gates.payment.status).toBe('fail');
    expect(q.gates.payment.willingness).toBe('no');
    expect(q.gates.payment.ability).not.toBe('no');
    expect(q.nextActions[0]).toEqual({ code: 'let_go_because', params: { gate: 'payment', reason: 'budget_at_most_half', price: 100_000, budget: 50_000, percent: 50 } });

    // "The same with value recognition unknown": recognition not yet found out, no preference shown yet.
    const open = qualify({ need: { kind: 'switching' }, payment: { price: 100_000, budget: 50_000, recognizesValue: 'unknown' } });
    expect(open.verdict).toBe('qualifying');
    expect(open.gates.payment.status).toBe('unknown');
    expect(open.gates.payment.ability).not.toBe('no');
    expect(open.nextActions).toContainEqual({ code: 'show_value_then_ask', params: { price: 100_000, budget: 50_000, percent: 50 } });
  });

  it('7. price 100k, budget 50k, fully sees the value, cash now → ability yes, payment can pass', () => {
    const q = qualify({ need: { kind: 'switching' }, kp: SIGNS, payment: { price: 100_000, budget: 50_000, recognizesValue: 'yes', funds: 'now' } });
    expect(q.gates.payment.ability).toBe('yes');
    expect(q.gates.payment.willingness).toBe('yes');
    expect(q.gates.payment.status).toBe('pass');
    expect(q.verdict).toBe('precise');
    expect(codes(q.gates.payment.reasons)).toContain('value_moves_money');
  });

  it('8. has the money, prefers the competitor with the same features at half the price → payment unknown, willingness no, explain why you are worth it', () => {
    const q = qualify({ need: { kind: 'switching' }, payment: { price: 100_000, budget: 100_000, funds: 'now', prefersCheaperCompetitor: true } });
    expect(q.gates.payment.status).toBe('unknown');
    expect(q.gates.payment.ability).toBe('yes');
    expect(q.gates.payment.willingness).toBe('no');
    expect(q.verdict).toBe('qualifying');
    expect(codes(q.nextActions)).toContain('show_value');
  });

  it('9. no money right now, fully sees the value → payment unknown, ask which money they would move; truly no money → disqualified', () => {
    const notNow = qualify({ need: { kind: 'switching' }, kp: SIGNS, payment: { ...PAYS, funds: 'not_now' } });
    expect(notNow.gates.payment.status).toBe('unknown');
    expect(notNow.gates.payment.ability).toBe('unknown');
    expect(notNow.verdict).toBe('qualifying');
    expect(codes(notNow.nextActions)).toEqual(['ask_which_money_moves']);

    const none = qualify({ need: { kind: 'switching' }, kp: SIGNS, payment: { ...PAYS, funds: 'no' } });
    expect(none.gates.payment.status).toBe('fail');
    expect(none.gates.payment.ability).toBe('no');
    expect(none.verdict).toBe('disqualified');
  });

  it('10. everything passes but the money comes by a date before today → qualifying, payment unknown, the date has passed: ask again', () => {
    const q = qualify({ need: { kind: 'switching' }, kp: SIGNS, payment: { ...PAYS, funds: 'by_date', fundsDate: '2025-05-31' } });
    expect(q.verdict).toBe('qualifying');
    expect(q.gates.payment.status).toBe('unknown');
    expect(q.nextActions).toEqual([{ code: 'funds_date_passed', params: { date: '2025-05-31' } }]);
    // The same date is in time on or before it.
    expect(qualifyLead({ need: { kind: 'switching' }, kp: SIGNS, payment: { ...PAYS, funds: 'by_date', fundsDate: '2025-05-31' } }, { ...CTX, today: '2025-05-31' }).verdict).toBe('precise');
    expect(TODAY > '2025-05-31').toBe(true);
  });
});

describe('verdict and next actions', () => {
  it('precise: visit the KP by name with the value case (the referral ask is part of it)', () => {
    const q = qualify({ need: { kind: 'initiative' }, kp: { ...SIGNS, name: '  王总 ' }, payment: { acceptsOverBudget: true, funds: 'by_date', fundsDate: '2025-07-01', recognizesValue: 'yes' } });
    expect(q.verdict).toBe('precise');
    expect(q.nextActions).toEqual([{ code: 'visit_kp_named', params: { name: '王总' } }]);
  });

  it('qualifying: actions in the order need → KP → payment', () => {
    const q = qualify({ need: { kind: 'none' }, kp: { role: 'director' }, payment: { price: 100_000, budget: 70_000 } });
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
    const q = qualify({});
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

  it('disqualified: each failed gate first, then "don\'t visit" and ask the next time — or, after a visit, ask before you leave', () => {
    const answers: Answers = { need: { kind: 'none', askedOthers: true }, payment: { funds: 'no' } };
    expect(codes(qualify(answers).nextActions)).toEqual(['let_go_because', 'let_go_because', 'dont_visit', 'ask_referrals_next_time']);
    expect(qualify(answers).nextActions.slice(0, 2).map((a) => a.params.gate)).toEqual(['need', 'payment']);
    expect(codes(qualify(answers, true).nextActions)).toEqual(['let_go_because', 'let_go_because', 'ask_referrals']);
  });

  it('a cold lead that passes all three gates is precise', () => {
    const q = qualify({ lead: { source: 'cold' }, need: { kind: 'exploring' }, kp: { signsFinal: 'yes', otherDecider: 'none' }, payment: { price: 1, budget: 1, funds: 'now', recognizesValue: 'yes' } });
    expect(q.verdict).toBe('precise');
    expect(q.source).toBe('cold');
  });

  it('is plain JSON data carrying its method version', () => {
    const q = qualify({ need: { kind: 'already_has', annualValue: 600 }, payment: { price: 1000 } });
    expect(JSON.parse(JSON.stringify(q))).toEqual(q);
    expect(q.method).toBe(METHOD_VERSION);
    expect(METHOD_VERSION).toBe(2);
  });
});

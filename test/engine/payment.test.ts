import { describe, expect, it } from 'vitest';
import { paymentAbility as abilityOn, paymentGateStatus, paymentWillingness, qualifyLead, type Answers } from '../../src/engine/index.js';
import { CTX, TODAY } from './context.js';

type Payment = NonNullable<Answers['payment']>;
const codes = (xs: ReadonlyArray<{ code: string }>): string[] => xs.map((x) => x.code);
const PRICE = 100_000;
const paymentAbility = (payment: Payment) => abilityOn(payment, TODAY);

describe('payment ability (有钱)', () => {
  it.each<[string, Payment, 'yes' | 'no' | 'unknown', string[]]>([
    // no: only truly no money
    ['funds = no, even with budget and value', { price: PRICE, budget: 200_000, funds: 'no', recognizesValue: 'yes' }, 'no', ['no_funds']],
    ['funds no and budget at most half', { price: PRICE, budget: 50_000, funds: 'no' }, 'no', ['no_funds']],
    // half the budget is a willingness problem (v2): ability is not no
    ['budget exactly half, no acceptance, value unknown', { price: PRICE, budget: 50_000, funds: 'now' }, 'unknown', ['over_budget', 'funds_now']],
    ['budget below half, value partly', { price: PRICE, budget: 10_000, funds: 'now', recognizesValue: 'partly' }, 'unknown', ['over_budget', 'funds_now']],
    ['budget 0, value no', { price: PRICE, budget: 0, recognizesValue: 'no' }, 'unknown', ['over_budget', 'funds_unknown']],
    // yes
    ['budget exactly = price, cash now', { price: PRICE, budget: PRICE, funds: 'now' }, 'yes', ['budget_covers_price', 'funds_now']],
    ['by a date after today', { price: PRICE, budget: 120_000, funds: 'by_date', fundsDate: '2025-09-30' }, 'yes', ['budget_covers_price', 'funds_by_date_on']],
    ['by today itself', { price: PRICE, budget: 120_000, funds: 'by_date', fundsDate: TODAY }, 'yes', ['budget_covers_price', 'funds_by_date_on']],
    ['half budget but accepts over budget', { price: PRICE, budget: 50_000, acceptsOverBudget: true, funds: 'now' }, 'yes', ['over_budget', 'accepts_over_budget', 'funds_now']],
    ['half budget but sees the value (money is moved)', { price: PRICE, budget: 50_000, recognizesValue: 'yes', funds: 'now' }, 'yes', ['over_budget', 'value_moves_money', 'funds_now']],
    ['budget unknown but accepts over budget', { price: PRICE, acceptsOverBudget: true, funds: 'now' }, 'yes', ['budget_unknown', 'accepts_over_budget', 'funds_now']],
    ['no price, sees the value', { recognizesValue: 'yes', funds: 'by_date', fundsDate: '2025-06-02' }, 'yes', ['price_unknown', 'value_moves_money', 'funds_by_date_on']],
    // unknown
    ['nothing known', {}, 'unknown', ['price_unknown', 'funds_unknown']],
    ['budget unknown', { price: PRICE, funds: 'now' }, 'unknown', ['budget_unknown', 'funds_now']],
    ['over budget (above half), not accepted', { price: PRICE, budget: 60_000, funds: 'now' }, 'unknown', ['over_budget', 'funds_now']],
    ['budget just above half', { price: PRICE, budget: 50_001, funds: 'now' }, 'unknown', ['over_budget', 'funds_now']],
    ['covered but needs financing', { price: PRICE, budget: PRICE, funds: 'needs_financing' }, 'unknown', ['budget_covers_price', 'funds_need_financing']],
    ['covered, no money right now', { price: PRICE, budget: PRICE, funds: 'not_now' }, 'unknown', ['budget_covers_price', 'funds_not_now']],
    ['covered, funds unknown', { price: PRICE, budget: PRICE, funds: 'unknown' }, 'unknown', ['budget_covers_price', 'funds_unknown']],
    ['covered, funds missing', { price: PRICE, budget: PRICE }, 'unknown', ['budget_covers_price', 'funds_unknown']],
    ['covered, by a date not given', { price: PRICE, budget: PRICE, funds: 'by_date' }, 'unknown', ['budget_covers_price', 'funds_by_date']],
    ['covered, by a date that has passed', { price: PRICE, budget: PRICE, funds: 'by_date', fundsDate: '2025-05-31' }, 'unknown', ['budget_covers_price', 'funds_date_passed']],
    ['half budget with value, needs financing', { price: PRICE, budget: 50_000, recognizesValue: 'yes', funds: 'needs_financing' }, 'unknown', ['over_budget', 'value_moves_money', 'funds_need_financing']],
    // a price of 0 is an unknown price (v2)
    ['price 0 is no price', { price: 0, budget: 0, funds: 'now' }, 'unknown', ['price_unknown', 'funds_now']],
  ])('%s → %s', (_, payment, ability, reasons) => {
    const result = paymentAbility(payment);
    expect(result.value).toBe(ability);
    expect(codes(result.reasons)).toEqual(reasons);
  });

  it('says how much the price exceeds the budget', () => {
    expect(paymentAbility({ price: PRICE, budget: 60_000 }).reasons[0]).toEqual({ code: 'over_budget', params: { price: PRICE, budget: 60_000, over: 40_000 } });
    expect(paymentAbility({ price: PRICE, budget: 50_000 }).reasons[0]).toEqual({ code: 'over_budget', params: { price: PRICE, budget: 50_000, over: 50_000 } });
  });

  it.each<[string, Payment, string[]]>([
    ['nothing known', {}, ['quote_price', 'find_budget', 'confirm_funds_timing']],
    ['budget unknown', { price: PRICE, funds: 'now' }, ['find_budget']],
    ['over budget', { price: PRICE, budget: 80_000, funds: 'by_date', fundsDate: TODAY }, ['close_budget_gap']],
    ['half the budget', { price: PRICE, budget: 50_000, funds: 'now' }, ['show_value_then_ask']],
    ['by a date not given', { price: PRICE, budget: PRICE, funds: 'by_date' }, ['ask_funds_date']],
    ['by a date that has passed', { price: PRICE, budget: PRICE, funds: 'by_date', fundsDate: '2024-12-31' }, ['funds_date_passed']],
    ['no money right now, value seen', { funds: 'not_now', recognizesValue: 'yes' }, ['ask_which_money_moves']],
    ['no money right now, value not yet seen', { price: PRICE, budget: PRICE, funds: 'not_now' }, ['confirm_funds_timing']],
    ['covered, funds open', { price: PRICE, budget: PRICE, funds: 'needs_financing' }, ['confirm_funds_timing']],
    ['covered by acceptance, no numbers, funds open', { acceptsOverBudget: true }, ['confirm_funds_timing']],
    ['yes', { price: PRICE, budget: PRICE, funds: 'now' }, []],
    ['no', { funds: 'no' }, []],
  ])('ability actions: %s → %j', (_, payment, actions) => {
    expect(codes(paymentAbility(payment).actions)).toEqual(actions);
  });

  it('close_budget_gap carries the gap', () => {
    expect(paymentAbility({ price: PRICE, budget: 80_000, funds: 'now' }).actions).toEqual([
      { code: 'close_budget_gap', params: { price: PRICE, budget: 80_000, over: 20_000 } },
    ]);
  });
});

describe('payment willingness (认可价值)', () => {
  it.each<[Payment['recognizesValue'], boolean | undefined, 'yes' | 'no' | 'unknown']>([
    ['yes', undefined, 'yes'],
    ['yes', false, 'yes'],
    // METHOD lists "no" first: a preference for the cheaper competitor wins over recognising the value.
    // v2: sees the value yet prefers the cheaper competitor: a conflict to settle, not a no.
    ['yes', true, 'unknown'],
    ['no', undefined, 'no'],
    ['no', true, 'no'],
    ['partly', undefined, 'unknown'],
    ['partly', true, 'no'],
    ['unknown', false, 'unknown'],
    ['unknown', true, 'no'],
    [undefined, undefined, 'unknown'],
    [undefined, true, 'no'],
  ])('recognizesValue %s, prefersCheaperCompetitor %s → %s', (recognizesValue, prefersCheaperCompetitor, willingness) => {
    expect(paymentWillingness({ recognizesValue, prefersCheaperCompetitor }).value).toBe(willingness);
  });
});

describe('payment gate', () => {
  it.each([
    ['no', 'yes', 'fail'],
    ['no', 'no', 'fail'],
    ['no', 'unknown', 'fail'],
    ['yes', 'yes', 'pass'],
    ['yes', 'no', 'unknown'],
    ['yes', 'unknown', 'unknown'],
    ['unknown', 'yes', 'unknown'],
    ['unknown', 'no', 'unknown'],
    ['unknown', 'unknown', 'unknown'],
  ] as const)('ability %s, willingness %s → %s', (ability, willingness, status) => {
    expect(paymentGateStatus(ability, willingness)).toBe(status);
  });

  it.each(['yes', 'no', 'unknown'] as const)('half the budget and unwilling fails whatever the ability (%s)', (ability) => {
    expect(paymentGateStatus(ability, 'no', true)).toBe('fail');
  });

  /** Payment-gate actions for a lead whose need and KP pass. */
  const actionsOf = (payment: Payment): string[] =>
    codes(qualifyLead({ need: { kind: 'switching' }, kp: { signsFinal: 'yes', otherDecider: 'none' }, payment }, CTX).nextActions);

  it('willingness no with ability not no → show your value against the competitor, first', () => {
    expect(actionsOf({ price: PRICE, budget: PRICE, funds: 'now', prefersCheaperCompetitor: true })).toEqual(['show_value']);
    expect(actionsOf({ recognizesValue: 'no' })).toEqual(['show_value', 'quote_price', 'find_budget', 'confirm_funds_timing']);
  });

  it('willingness unknown → confirm the value, after the ability actions', () => {
    expect(actionsOf({ price: PRICE, funds: 'now' })).toEqual(['find_budget', 'confirm_value']);
  });

  it('ability no → payment fails, the lead is let go after asking for referrals', () => {
    const q = qualifyLead({ need: { kind: 'switching' }, payment: { funds: 'no', prefersCheaperCompetitor: true } }, CTX);
    expect(q.gates.payment.status).toBe('fail');
    expect(q.verdict).toBe('disqualified');
    expect(q.nextActions).toEqual([
      { code: 'let_go_because', params: { gate: 'payment', reason: 'no_funds' } },
      { code: 'dont_visit', params: {} },
      { code: 'ask_referrals_next_time', params: {} },
    ]);
  });
});

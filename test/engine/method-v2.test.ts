import { describe, expect, it } from 'vitest';
import { qualifyLead, type Answers, type QualifyContext } from '../../src/engine/index.js';
import { CTX, TODAY } from './context.js';

// One table per rule of method version 2 (docs/method.md), named as the method names it. (Each source's own move: sources.test.ts;
// the known facts and the re-balanced bands: score.test.ts; the worked examples: examples.test.ts.)

const SIGNS: NonNullable<Answers['kp']> = { role: 'gm', signsFinal: 'yes', otherDecider: 'none' };
const PAYS: NonNullable<Answers['payment']> = { price: 100_000, budget: 120_000, funds: 'now', recognizesValue: 'yes' };
const run = (answers: Answers, context: Partial<QualifyContext> = {}) => {
  const q = qualifyLead(answers, { ...CTX, ...context });
  return { ...q, codes: q.nextActions.map((a) => a.code), reasonCodes: (g: keyof typeof q.gates) => q.gates[g].reasons.map((r) => r.code) };
};

describe('ask around before letting go, and a competitor\'s customer is a chance (already_has)', () => {
  it.each<[string, NonNullable<Answers['need']>, number | undefined, string | undefined, 'unknown' | 'fail', string | undefined]>([
    ['not asked yet', { kind: 'already_has' }, 100_000, undefined, 'unknown', 'ask_others_what_they_dislike'],
    ['not asked yet, competitor known', { kind: 'already_has', askedOthers: false }, 100_000, 'Salesforce', 'unknown', 'ask_others_what_they_dislike_named'],
    ['asked, no value known', { kind: 'already_has', askedOthers: true }, 100_000, 'Salesforce', 'fail', undefined],
    ['asked, equal value', { kind: 'already_has', askedOthers: true, annualValue: 0 }, 100_000, undefined, 'fail', undefined],
    ['asked, value below half', { kind: 'already_has', askedOthers: true, annualValue: 49_999 }, 100_000, undefined, 'fail', undefined],
    ['asked, value case holds', { kind: 'already_has', askedOthers: true, annualValue: 50_000 }, 100_000, undefined, 'unknown', 'present_value_case'],
    ['not asked, value case holds', { kind: 'already_has', annualValue: 80_000 }, 100_000, undefined, 'unknown', 'present_value_case'],
    ['"no need", not asked', { kind: 'none' }, undefined, undefined, 'unknown', 'ask_others_about_need'],
    ['"no need", asked', { kind: 'none', askedOthers: true }, undefined, undefined, 'fail', undefined],
  ])('%s → need %s', (_, need, price, competitor, status, first) => {
    const q = run({ lead: { competitor }, need, payment: { ...PAYS, price } });
    expect(q.gates.need.status).toBe(status);
    if (first !== undefined) expect(q.codes[0]).toBe(first);
    if (first?.endsWith('_named')) expect(q.nextActions[0]?.params).toEqual({ competitor });
    if (status === 'fail') expect(q.verdict).toBe('disqualified');
  });
});

describe('the VP who "signs" (kp.confirmed)', () => {
  it.each<[NonNullable<Answers['kp']>['role'], boolean | undefined, string | undefined, 'pass' | 'unknown', string | undefined]>([
    ['vp', undefined, '张总', 'unknown', 'confirm_signer_elsewhere_named'],
    ['vp', false, undefined, 'unknown', 'confirm_signer_elsewhere'],
    ['vp', true, '张总', 'pass', undefined],
    ['director', undefined, undefined, 'unknown', 'confirm_signer_elsewhere'],
    ['manager', false, ' ', 'unknown', 'confirm_signer_elsewhere'],
    ['staff', true, undefined, 'pass', undefined],
    ['gm', undefined, undefined, 'pass', undefined],
    ['owner', false, undefined, 'pass', undefined],
    ['chairman', undefined, undefined, 'pass', undefined],
    ['other', undefined, undefined, 'pass', undefined],
    [undefined, undefined, undefined, 'pass', undefined],
  ])('%s who signs, confirmed %s, named %j → KP %s', (role, confirmed, name, status, action) => {
    const q = run({ need: { kind: 'switching' }, kp: { ...SIGNS, role, confirmed, name }, payment: PAYS });
    expect(q.gates.kp.status).toBe(status);
    if (action === undefined) expect(q.codes.filter((c) => c.startsWith('confirm_signer'))).toEqual([]);
    else expect(q.nextActions[0]).toEqual({ code: action, params: action.endsWith('_named') ? { role, name } : { role } });
  });

  it('confirmed changes nothing while the signer is not known to sign', () => {
    for (const signsFinal of ['no', 'unknown'] as const) expect(run({ kp: { role: 'vp', signsFinal, otherDecider: 'none', confirmed: true } }).gates.kp.status).toBe('unknown');
  });
});

describe('funds: no money right now (not_now) is unknown, truly no money (no) fails', () => {
  it.each<[NonNullable<Answers['payment']>, 'yes' | 'no' | 'unknown', 'pass' | 'unknown' | 'fail', string[]]>([
    [{ ...PAYS, funds: 'not_now' }, 'unknown', 'unknown', ['ask_which_money_moves']],
    [{ ...PAYS, funds: 'not_now', recognizesValue: 'partly' }, 'unknown', 'unknown', ['confirm_funds_timing', 'confirm_value']],
    [{ ...PAYS, funds: 'no' }, 'no', 'fail', []],
    [{ ...PAYS, funds: 'no', budget: 1_000_000 }, 'no', 'fail', []],
    [{ ...PAYS, funds: 'needs_financing' }, 'unknown', 'unknown', ['confirm_funds_timing']],
  ])('%j → ability %s, payment %s', (payment, ability, status, actions) => {
    const q = run({ need: { kind: 'switching' }, kp: SIGNS, payment });
    expect([q.gates.payment.ability, q.gates.payment.status]).toEqual([ability, status]);
    if (status !== 'fail') expect(q.codes).toEqual(actions);
  });
});

describe('half the budget is a willingness problem', () => {
  const HALF = { price: 100_000, budget: 50_000, funds: 'now' } as const;
  it.each<[string, NonNullable<Answers['payment']>, 'unknown' | 'fail' | 'pass', string[]]>([
    ['recognition unknown', { ...HALF }, 'unknown', ['show_value_then_ask']],
    ['recognition partly', { ...HALF, recognizesValue: 'partly' }, 'unknown', ['show_value_then_ask']],
    ['does not see the value', { ...HALF, recognizesValue: 'no' }, 'fail', []],
    // Worked example 6b as written: the same buyer (prefers the 50k competitor) with recognition unknown stays open.
    ['prefers the cheaper competitor, recognition unknown', { ...HALF, prefersCheaperCompetitor: true }, 'unknown', ['show_value_then_ask']],
    ['prefers the cheaper competitor, sees it partly', { ...HALF, prefersCheaperCompetitor: true, recognizesValue: 'partly' }, 'fail', []],
    ['sees the value: money is moved', { ...HALF, recognizesValue: 'yes' }, 'pass', ['visit_kp']],
    ['accepts going over the budget, unwilling', { ...HALF, acceptsOverBudget: true, recognizesValue: 'no' }, 'unknown', ['show_value']],
    ['budget below half, recognition unknown', { ...HALF, budget: 10_000 }, 'unknown', ['show_value_then_ask']],
    ['budget 0, unwilling', { ...HALF, budget: 0, recognizesValue: 'no' }, 'fail', []],
    ['budget just above half, unwilling', { ...HALF, budget: 50_001, recognizesValue: 'no' }, 'unknown', ['show_value', 'close_budget_gap']],
  ])('%s → payment %s', (_, payment, status, actions) => {
    const q = run({ need: { kind: 'switching' }, kp: SIGNS, payment });
    expect(q.gates.payment.status).toBe(status);
    expect(q.gates.payment.ability).not.toBe('no');
    if (status !== 'fail') expect(q.codes).toEqual(actions);
    if (status === 'fail') expect(q.reasonCodes('payment')).toContain('budget_at_most_half');
  });

  it('says the budget as a share of the price', () => {
    expect(run({ payment: { price: 300_000, budget: 100_000 } }).nextActions).toContainEqual({ code: 'show_value_then_ask', params: { price: 300_000, budget: 100_000, percent: 33 } });
  });
});

describe('a funds date before today has passed: ask again', () => {
  it.each<[string | undefined, string, 'pass' | 'unknown', string[]]>([
    ['2025-05-31', TODAY, 'unknown', ['funds_date_passed']],
    ['2020-01-01', TODAY, 'unknown', ['funds_date_passed']],
    [TODAY, TODAY, 'pass', []],
    ['2025-06-02', TODAY, 'pass', []],
    ['2025-06-02', '2025-06-03', 'unknown', ['funds_date_passed']],
    [undefined, TODAY, 'unknown', ['ask_funds_date']],
  ])('funds by %s, today %s → payment %s', (fundsDate, today, status, actions) => {
    const q = run({ need: { kind: 'switching' }, kp: SIGNS, payment: { ...PAYS, funds: 'by_date', fundsDate } }, { today });
    expect(q.gates.payment.status).toBe(status);
    expect(q.codes).toEqual(status === 'pass' ? ['visit_kp'] : actions);
  });
});

describe('a price of 0 or below is an unknown price', () => {
  it.each([0, -1, -0.5])('price %d', (price) => {
    const q = run({ need: { kind: 'already_has', askedOthers: true, annualValue: 0 }, payment: { price, budget: 0, funds: 'now' } });
    expect(q.reasonCodes('need')).toEqual(['need_already_has']);
    expect(q.reasonCodes('payment')[0]).toBe('price_unknown');
    expect(q.gates.payment.ability).toBe('unknown');
    const open = run({ need: { kind: 'switching' }, payment: { price, funds: 'now' } });
    expect(open.codes).toContain('quote_price');
    expect(open.breakdown.find((f) => f.factor === 'facts.known')?.params.count).toBe(2);
  });
});

describe('"sees the value" and "prefers the cheaper competitor" together: ask what would make them choose you', () => {
  it.each<[NonNullable<Answers['payment']>['recognizesValue'], boolean, 'yes' | 'no' | 'unknown', string | undefined]>([
    ['yes', true, 'unknown', 'ask_what_makes_them_choose_you'],
    ['yes', false, 'yes', undefined],
    ['partly', true, 'no', 'show_value'],
    ['unknown', true, 'no', 'show_value'],
    [undefined, true, 'no', 'show_value'],
    ['no', false, 'no', 'show_value'],
    ['partly', false, 'unknown', 'confirm_value'],
  ])('sees the value %s, prefers cheaper %s → willingness %s', (recognizesValue, prefersCheaperCompetitor, willingness, action) => {
    const q = run({ need: { kind: 'switching' }, kp: SIGNS, payment: { ...PAYS, recognizesValue, prefersCheaperCompetitor } });
    expect(q.gates.payment.willingness).toBe(willingness);
    if (action === undefined) expect(q.verdict).toBe('precise');
    else expect(q.codes).toEqual([action]);
  });
});

describe('disqualified: why first, then don\'t visit — or, after a visit, referrals before you leave', () => {
  it.each<[string, Answers, boolean, string[]]>([
    ['need fails, no visit', { need: { kind: 'none', askedOthers: true } }, false, ['need', 'dont_visit', 'ask_referrals_next_time']],
    ['need fails, visited', { need: { kind: 'none', askedOthers: true } }, true, ['need', 'ask_referrals']],
    ['payment fails, no visit', { need: { kind: 'switching' }, payment: { funds: 'no' } }, false, ['payment', 'dont_visit', 'ask_referrals_next_time']],
    ['both fail, visited', { need: { kind: 'already_has', askedOthers: true }, payment: { funds: 'no' } }, true, ['need', 'payment', 'ask_referrals']],
    ['no money and half the budget unwilling', { need: { kind: 'switching' }, payment: { funds: 'no', price: 100, budget: 10, recognizesValue: 'no' } }, false, ['payment', 'payment', 'dont_visit', 'ask_referrals_next_time']],
  ])('%s', (_, answers, visitLogged, expected) => {
    const q = run(answers, { visitLogged });
    expect(q.verdict).toBe('disqualified');
    expect(q.nextActions.map((a) => (a.code === 'let_go_because' ? String(a.params.gate) : a.code))).toEqual(expected);
    for (const a of q.nextActions.filter((x) => x.code === 'let_go_because')) {
      const gate = a.params.gate as 'need' | 'payment';
      expect(q.reasonCodes(gate)).toContain(a.params.reason);
    }
  });
});

describe('precise: visit KP (NAME) with the value case; referrals before you leave', () => {
  it.each<[string | undefined, object]>([
    ['王总', { code: 'visit_kp_named', params: { name: '王总' } }],
    ['  Mrs. Li ', { code: 'visit_kp_named', params: { name: 'Mrs. Li' } }],
    [undefined, { code: 'visit_kp', params: {} }],
    ['', { code: 'visit_kp', params: {} }],
  ])('KP name %j', (name, action) => {
    for (const visitLogged of [false, true]) expect(run({ need: { kind: 'switching' }, kp: { ...SIGNS, name }, payment: PAYS }, { visitLogged }).nextActions).toEqual([action]);
  });
});

describe('the result carries "method": 2', () => {
  it.each<Answers>([{}, { need: { kind: 'none', askedOthers: true } }, { need: { kind: 'switching' }, kp: SIGNS, payment: PAYS }])('%j', (answers) => {
    expect(run(answers).method).toBe(2);
  });
});

import { describe, expect, it } from 'vitest';
import {
  ACTION_CODES,
  FACTOR_CODES,
  FUNDS,
  KP_ROLES,
  NEED_KINDS,
  OTHER_DECIDERS,
  RECOGNIZES_VALUE,
  REASON_CODES,
  RETIRED_ACTION_CODES,
  SOURCES,
  VERDICTS,
} from '../../src/engine/index.js';
import { en, zh } from '../../src/i18n/engine.js';
import { isMessageKey, t } from '../../src/i18n/index.js';

const keys = [
  ...VERDICTS.map((v) => `engine.verdict.${v}`),
  'engine.gate.need',
  'engine.gate.kp',
  'engine.gate.payment',
  ...['pass', 'unknown', 'fail'].map((s) => `engine.status.${s}`),
  'engine.ability',
  'engine.willingness',
  ...['yes', 'no', 'unknown'].map((s) => `engine.tri.${s}`),
  ...REASON_CODES.map((c) => `engine.reason.${c}`),
  ...ACTION_CODES.map((c) => `engine.action.${c}`),
  ...RETIRED_ACTION_CODES.map((c) => `engine.action.${c}`),
  ...FACTOR_CODES.map((c) => `engine.factor.${c}`),
  ...['garbage', 'negative', 'tooLarge'].map((p) => `engine.money.${p}`),
  ...SOURCES.map((s) => `engine.source.${s}`),
  ...NEED_KINDS.map((k) => `engine.needKind.${k}`),
  ...KP_ROLES.map((r) => `engine.role.${r}`),
  ...OTHER_DECIDERS.map((d) => `engine.decider.${d}`),
  ...FUNDS.map((f) => `engine.funds.${f}`),
  ...RECOGNIZES_VALUE.map((v) => `engine.recognizesValue.${v}`),
];

describe('engine messages', () => {
  it('has en and zh text for every code and label, and nothing else', () => {
    for (const key of keys) {
      expect(isMessageKey(key), key).toBe(true);
      expect((en as Record<string, string>)[key]?.length, key).toBeGreaterThan(0);
      expect((zh as Record<string, string>)[key]?.length, key).toBeGreaterThan(0);
    }
    expect(Object.keys(en).sort()).toEqual([...new Set(keys)].sort());
  });

  it('uses the same placeholders in en and zh', () => {
    const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
    for (const key of Object.keys(en) as Array<keyof typeof en>) expect(placeholders(zh[key]), key).toEqual(placeholders(en[key]));
  });

  it("speaks METHOD's words in English", () => {
    expect(t('engine.action.present_value_case', { annualValue: 500000, price: 1000000 }, 'en')).toContain('present the value case');
    expect(t('engine.action.find_signer', {}, 'en')).toContain('find who signs');
    expect(t('engine.action.reach_decider', { decider: 'spouse' }, 'en')).toMatch(/reach .* before closing/);
    expect(t('engine.action.ask_other_decider', {}, 'en')).toContain('ask whether anyone else must agree');
    expect(t('engine.action.show_value', {}, 'en')).toContain('show your value against the competitor');
    expect(t('engine.action.ask_referrals', {}, 'en')).toContain('before you leave, ask for 1–3 referrals (3 is best, 1 at least');
    expect(t('engine.action.ask_referrals_next_time', {}, 'en')).toMatch(/^the next time you speak, ask for 1–3 referrals/);
    expect(t('engine.action.ask_others_what_they_dislike', {}, 'en')).toContain('ask the users around the contact what they dislike about what they have');
    expect(t('engine.action.ask_others_what_they_dislike_named', { competitor: '销售易' }, 'en')).toContain('what they dislike about 销售易');
    expect(t('engine.action.confirm_signer_elsewhere_named', { role: 'VP', name: '张总' }, 'en')).toBe(
      'a VP is often taken for the KP: confirm with someone else (or in writing) that 张总 signs the final decision',
    );
    expect(t('engine.action.show_value_then_ask', { percent: 50 }, 'en')).toBe(
      'their budget is 50% of your price: they pay double only if they see your value — show it, then ask',
    );
    expect(t('engine.action.funds_date_passed', { date: '2025-01-01' }, 'en')).toContain('has passed: ask again');
    expect(t('engine.action.ask_which_money_moves', {}, 'en')).toBe('they see the value: ask which money they would move to pay you, and by when');
    expect(t('engine.action.ask_what_makes_them_choose_you', {}, 'en')).toContain('ask what would make them choose you');
    expect(t('engine.action.find_competitor_dislikes_named', { competitor: 'X' }, 'en')).toContain('find what they dislike about X');
    expect(t('engine.action.ask_referrer_named', { referrer: 'Acme' }, 'en')).toBe('ask Acme what they know: what the company needs and who signs');
    expect(t('engine.action.ask_partner_named', { partner: 'HRTech' }, 'en')).toBe("ask HRTech about the customer's need and who signs");
    expect(t('engine.action.research_top20', {}, 'en')).toBe('a top-20 company: research its need, KP and payment before you visit');
    expect(t('engine.action.visit_kp_named', { name: '王总' }, 'en')).toBe('visit the KP (王总): bring the value case; before you leave, ask for 1–3 referrals');
    expect(t('engine.action.dont_visit', {}, 'en')).toMatch(/^don't visit/);
    expect(t('engine.funds.not_now', {}, 'zh')).toContain('现在没钱');
    expect(t('engine.funds.no', {}, 'zh')).toContain('真没钱');
    expect(t('engine.verdict.disqualified', {}, 'zh')).toBe('放手');
    expect(t('engine.money.garbage', { input: 'abc' }, 'en')).toBe('"abc" is not an amount of money');
  });
});

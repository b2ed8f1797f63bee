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
    expect(t('engine.action.ask_referrals', {}, 'en')).toContain('ask for 1–3 referrals');
    expect(t('engine.verdict.disqualified', {}, 'zh')).toBe('放手');
    expect(t('engine.money.garbage', { input: 'abc' }, 'en')).toBe('"abc" is not an amount of money');
  });
});

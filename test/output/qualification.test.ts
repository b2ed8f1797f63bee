import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { qualifyLead } from '../../src/engine/index.js';
import { setLang } from '../../src/i18n/index.js';
import { CTX } from '../engine/context.js';
import { codeText, formatMoney, isQualification, qualificationJson, twoDecimals } from '../../src/output/qualification.js';

describe('qualification rendering', () => {
  it('makes no Intl number format for the amounts reps see, and makes them once for one it leaves to Intl (the first costs ~10 ms of ICU data)', async () => {
    vi.resetModules();
    const Real = Intl.NumberFormat;
    const made = vi.spyOn(Intl, 'NumberFormat').mockImplementation(function (...args: ConstructorParameters<typeof Intl.NumberFormat>) {
      return new Real(...args);
    } as unknown as typeof Intl.NumberFormat);
    try {
      const fresh = await import('../../src/output/qualification.js');
      expect(made).not.toHaveBeenCalled();
      expect(fresh.formatMoney(123_456, 'zh')).toBe('12.3456万');
      expect(fresh.formatMoney(1_500_000.5, 'en')).toBe('1,500,000.5');
      expect(made).not.toHaveBeenCalled();
      expect(fresh.formatMoney(2e21, 'en')).toBe('2,000,000,000,000,000,000,000');
      expect(made).toHaveBeenCalledTimes(2);
      fresh.formatMoney(3e21, 'zh');
      expect(made).toHaveBeenCalledTimes(2);
    } finally {
      made.mockRestore();
    }
  });

  const result = qualifyLead({ lead: { company: 'Acme', source: 'referral' }, need: { kind: 'already_has', annualValue: 500_000 }, payment: { price: 1_000_000 } }, CTX);

  it('recognises an engine result and refuses other shapes read back from the data file', () => {
    expect(isQualification(result)).toBe(true);
    expect(isQualification(JSON.parse(JSON.stringify(result)))).toBe(true);
    for (const other of [null, 1, 'x', {}, { verdict: 'qualifying', score: 40 }, { ...result, gates: { need: result.gates.need } }, { ...result, breakdown: 'x' }]) {
      expect(isQualification(other)).toBe(false);
    }
  });

  it('gives every reason and action as text in the chosen language, with the English codes beside them', () => {
    setLang('en');
    const en = qualificationJson({ id: 3, company: 'Acme' }, result, true);
    expect(en.gates.need.reasonCodes).toEqual(['need_value_case']);
    expect(en.gates.need.reasons[0]).toContain('500,000');
    expect(en.nextActions.map((a) => a.code)).toContain('present_value_case');
    expect(en.nextActions.find((a) => a.code === 'present_value_case')?.message).toMatch(/^present the value case/);
    setLang('zh');
    const zh = qualificationJson({ id: 3, company: 'Acme' }, result, true);
    expect(zh.nextActions.map((a) => a.code)).toEqual(en.nextActions.map((a) => a.code));
    expect(zh.nextActions[0]?.message).toMatch(/[\u4e00-\u9fff]/);
    setLang('en');
  });
});

describe('amounts as a rep of the language says them (SPEC v2)', () => {
  it.each<[number, string, string]>([
    [100_000, '100,000', '10万'],
    [120_000, '120,000', '12万'],
    [150_000_000, '150,000,000', '1.5亿'],
    [123_456, '123,456', '12.3456万'],
    [5_000, '5,000', '5000'],
    [10_000, '10,000', '1万'],
    [99_999_999, '99,999,999', '9999.9999万'],
    [0, '0', '0'],
    [1234.5, '1,234.5', '1234.5'],
    // As exact as the English: 亿 and 万 keep every digit of the amount, to its two decimals.
    [149_995_000, '149,995,000', '1.49995亿'],
    [123_456_789.5, '123,456,789.5', '1.234567895亿'],
    [12_345.67, '12,345.67', '1.234567万'],
    [-149_995_000, '-149,995,000', '-1.49995亿'],
    // The unit is the rounded amount's: 9,999.995 shows as 10,000 in English, so 1万.
    [9_999.995, '10,000', '1万'],
    [99_999_999.995, '100,000,000', '1亿'],
    // Ten trillion and more: the digits of the amount, not of amount / 1e8 (which rounds a cent off).
    [99_999_999_999_999.98, '99,999,999,999,999.98', '999999.9999999998亿'],
    [12_345_678_901_234.56, '12,345,678,901,234.56', '123456.7890123456亿'],
  ])('%d: en %s, zh %s', (n, en, zh) => {
    expect(formatMoney(n, 'en')).toBe(en);
    expect(formatMoney(n, 'zh')).toBe(zh);
  });

  it('a count of 万 or 亿 is the amount to the cent, whatever its size (fast-check, BigInt as the oracle)', () => {
    // Amounts of whole cents up to 2^51 cents (22 trillion yuan): a double holds every one of them to the cent (above
    // that its step passes half a cent, and en and zh both show the double's own two decimals).
    fc.assert(
      fc.property(fc.bigInt({ min: 1_000_000n, max: 2n ** 51n - 1n }), (cents) => {
        const places = cents >= 10_000_000_000n ? 10 : 6; // 亿 from 1e8 yuan (1e10 cents), else 万
        const unit = 10n ** BigInt(places);
        const tail = (cents % unit).toString().padStart(places, '0').replace(/0+$/, '');
        const expected = `${cents / unit}${tail === '' ? '' : `.${tail}`}${places === 10 ? '亿' : '万'}`;
        expect(formatMoney(Number(cents) / 100, 'zh')).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('a budget far below the price', () => {
  it('is "<1%" of it, not "0%", in both languages; a share that rounds to 1% or more is its number', () => {
    const params = { budget: 2_000, price: 1_000_000, percent: 0 };
    expect(codeText('engine.reason.', 'budget_at_most_half', params)).toContain('<1% of your price');
    setLang('zh');
    expect(codeText('engine.reason.', 'budget_at_most_half', params)).toContain('的 <1%');
    expect(codeText('engine.reason.', 'budget_at_most_half', { ...params, budget: 10_000, percent: 1 })).toContain('的 1%');
    setLang('en');
  });
});


describe('twoDecimals', () => {
  // What it stands in for: the Intl format every amount went through (its first use loads ICU's number data).
  const intl = { true: new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }), false: new Intl.NumberFormat('en-US', { maximumFractionDigits: 2, useGrouping: false }) };
  const same = (n: number) => {
    for (const grouping of [true, false]) expect(twoDecimals(n, grouping), `${n} ${grouping}`).toBe(intl[`${grouping}`].format(n));
  };

  it('writes what Intl.NumberFormat writes, to the cent, halves away from zero', () => {
    for (const n of [0, -0, 1, -1, 0.5, 0.005, 0.015, 0.125, -0.125, 1.005, 2.675, 999.995, 9999.995, 99_999_999.995, 1234567.891, -1234567.891, 1e15 + 0.5, 99_999_999_999_999.98, 1e20, 1e21, 1.5e21, -0.001, NaN, Infinity, -Infinity])
      same(n);
    fc.assert(
      fc.property(fc.oneof(fc.double({ min: -1e22, max: 1e22 }), fc.integer({ min: -1e9, max: 1e9 }).map((c) => c / 1000), fc.integer().map((c) => c / 8)), (n) => {
        same(n);
      }),
      { numRuns: 20000 },
    );
  });
});

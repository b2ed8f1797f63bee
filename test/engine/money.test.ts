import { describe, expect, it } from 'vitest';
import { parseMoney } from '../../src/engine/index.js';

describe('parseMoney', () => {
  it.each([
    [100000, 100_000],
    ['100000', 100_000],
    ['100,000', 100_000],
    ['¥100000', 100_000],
    ['￥100,000', 100_000],
    ['100k', 100_000],
    ['100K', 100_000],
    ['10万', 100_000],
    ['10w', 100_000],
    ['10W', 100_000],
    ['1.5亿', 150_000_000],
    ['1.2m', 1_200_000],
    ['１０万', 100_000],
    [' 5 w ', 50_000],
    ['10万元', 100_000],
    ['0', 0],
    [0, 0],
    ['12.345', 12.35],
    ['1,234,567.50', 1_234_567.5],
    ['USD 120,000.00', 120_000],
    ['¥ 100,000', 100_000],
    ['10 万', 100_000],
    ['.5k', 500],
    ['１００，０００', 100_000],
    // Every Chinese unit at its own size: 千万 is ten million, never a million (百万).
    ['1千万', 10_000_000],
    ['2.5 千万', 25_000_000],
    ['3百万', 3_000_000],
    ['3千', 3_000],
    // Spelled scale words, spaces grouping thousands (a no-break or thin space too), Excel's scientific notation.
    ['1.2 million', 1_200_000],
    ['2 Millions', 2_000_000],
    ['3.5mn', 3_500_000],
    ['50 thousand', 50_000],
    ['1 billion', 1_000_000_000],
    ['100 000', 100_000],
    ['1\u00a0234\u00a0567', 1_234_567],
    ['1\u2009000', 1_000],
    ['1.2E+05', 120_000],
    ['1e5', 100_000],
  ])('%j → %d', (input, value) => {
    expect(parseMoney(input)).toEqual({ ok: true, value });
  });

  it.each(['', '   ', null, undefined])('%j is not given', (input) => {
    expect(parseMoney(input)).toEqual({ ok: true, value: undefined });
  });

  it.each([
    ['abc', 'garbage'],
    ['10万万', 'garbage'],
    ['1..2', 'garbage'],
    ['1.2.3', 'garbage'],
    ['万', 'garbage'],
    ['¥', 'garbage'],
    [Number.NaN, 'garbage'],
    [Number.POSITIVE_INFINITY, 'garbage'],
    ['-5', 'negative'],
    ['-¥5', 'negative'],
    ['¥-5', 'negative'],
    [-5, 'negative'],
    ['-10万', 'negative'],
    ['1e20', 'tooLarge'],
    ['1e', 'garbage'],
    ['1e-5', 'garbage'],
    ['1,000 000', 'garbage'],
    ['1000 000', 'garbage'],
    ['1 00', 'garbage'],
    // Commas group digits in threes; anything else is a typo, not an amount.
    ['1,2,3', 'garbage'],
    ['100,00', 'garbage'],
    ['1,0000', 'garbage'],
    [',100', 'garbage'],
    ['1 2', 'garbage'],
    ['10 0万', 'garbage'],
    ['.', 'garbage'],
    [1e20, 'tooLarge'],
    ['99999999亿', 'tooLarge'],
  ])('%j is refused as %s', (input, problem) => {
    expect(parseMoney(input)).toEqual({ ok: false, problem });
  });
});

import { describe, expect, it } from 'vitest';
import { readAmount, splitUnit } from '../../src/csv/amounts.js';

describe('money units named in headers', () => {
  it.each([
    ['预算(万元)', '预算', 1e4],
    ['预算（万元）', '预算', 1e4],
    ['报价（元）', '报价', 1],
    ['预算（单位：万元）', '预算', 1e4],
    ['预算/万元', '预算', 1e4],
    ['金额_万', '金额', 1e4],
    ['合同金额千元', '合同金额', 1e3],
    ['预算（亿元）', '预算', 1e8],
    ['预算（千万元）', '预算', 1e7],
    ['金额_百万', '金额', 1e6],
    ['Budget (k)', 'Budget', 1e3],
    ['Budget ($K)', 'Budget', 1e3],
    ['Budget (k€)', 'Budget', 1e3],
    ['Amount in thousands', 'Amount', 1e3],
    ['Amount (in thousands)', 'Amount', 1e3],
    ["Amount ('000)", 'Amount', 1e3],
    ['Revenue (USD m)', 'Revenue', 1e6],
    ['Deal Size (millions)', 'Deal Size', 1e6],
    ['Amount (USD)', 'Amount', 1],
  ])('%s → %s ×%d', (header, name, factor) => {
    expect(splitUnit(header)).toMatchObject({ name, unit: { factor } });
  });

  it.each(['预算', 'Budget', 'Name (Chinese)', '预算（必填）', 'Budget 2025', 'Phone (mobile)', '万达广场'])('%s names no unit', (header) => {
    expect(splitUnit(header)).toEqual({ name: header, unit: undefined });
  });
});

describe('amounts as exports write them', () => {
  it.each([
    // a plain number takes the header's unit; a cell with its own unit keeps it
    ['15', 1e4, 150_000],
    ['1.5', 1e4, 15_000],
    ['¥15', 1e4, 150_000],
    ['15万', 1e4, 150_000],
    ['1千万', 1, 10_000_000],
    ['2百万', 1, 2_000_000],
    ['150000元', 1e4, 150_000],
    ['120', 1e3, 120_000],
    ['1,200', 1e3, 1_200_000],
    ['100k', 1e3, 100_000],
    ['15', 1, 15],
    // about words are dropped; a range reads as its lower bound
    ['约10万', 1, 100_000],
    ['10万左右', 1, 100_000],
    ['20万以上', 1, 200_000],
    ['~100k', 1, 100_000],
    ['approx. 5000', 1, 5_000],
    ['10-15万', 1, 100_000],
    ['10~15万', 1, 100_000],
    ['10到15', 1e4, 100_000],
    ['100k to 150k', 1, 100_000],
    // at least: the sure amount
    ['≥10万', 1, 100_000],
    ['>= 5000', 1, 5_000],
    ['至少10万', 1, 100_000],
    ['at least 100k', 1, 100_000],
    // spelled scale words and space-grouped digits, as CRM exports write them
    ['1.2 million', 1, 1_200_000],
    ['100 000', 1, 100_000],
    ['1 200', 1e3, 1_200_000],
    // dots grouping thousands (a European export): never three decimals of money
    ['€ 50.000', 1, 50_000],
    ['50.000 €', 1, 50_000],
    ['1.234.567', 1, 1_234_567],
    ['1.234,56', 1, 1_234.56],
    ['1.500', 1e3, 1_500_000],
    ['12.5', 1, 12.5],
    ['12.34', 1, 12.34],
  ])('%s with ×%d → %d', (cell, factor, value) => {
    expect(readAmount(cell, factor)).toEqual({ ok: true, value });
  });

  it.each(['abc', '1.2.3', '12,34', '-5', '15-abc'])('%s is not an amount', (cell) => {
    expect(readAmount(cell, 1).ok).toBe(false);
  });
});

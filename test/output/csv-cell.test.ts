import { describe, expect, it } from 'vitest';
import { csvField, runsAsFormula } from '../../src/output/csv-cell.js';

describe('the CSV formula guard (SPEC: files, never expose data)', () => {
  it.each([
    // Plain numbers and phone numbers after + or -: data, kept as they are.
    ['+49 30 5550 1200', false],
    ['-12.5', false],
    ['+1 (415) 555-0142', false],
    ['+86 138-0013-8000', false],
    ['-2024/11/01', false],
    ['－5', false],
    ['＋86 21 5555 0101', false],
    ['+0', false],
    // Anything a spreadsheet would compute or call.
    ['=1+1', true],
    ['=HYPERLINK("http://x")', true],
    ['@SUM(A1)', true],
    ['＝1', true],
    ['＠x', true],
    ['\tx', true],
    ['\rx', true],
    ['+1+1', true],
    ['-1e5', true],
    ['+49 30 =1', true],
    ['-A1', true],
    ['-', true],
    ['+', true],
    ['+ ( )', true],
    ['-1\n=cmd', true],
    // Not starting with a formula character: never touched.
    ['49-30', false],
    ['Acme', false],
    ['', false],
  ])('%j runs as a formula: %s', (cell, formula) => {
    expect(runsAsFormula(cell)).toBe(formula);
    expect(csvField(cell).replace(/^"/, '').startsWith("'")).toBe(formula);
  });
});

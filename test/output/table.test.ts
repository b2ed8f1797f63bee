import { describe, expect, it } from 'vitest';
import { renderTable, tableHeader, tableLines, tableWidths, type Column, type Row } from '../../src/output/format.js';

const columns: Column[] = [
  { key: 'id', header: 'id', align: 'right' },
  { key: 'company', header: 'company' },
];

function* leads(n: number): Generator<Row> {
  for (let i = 1; i <= n; i++) yield { id: i, company: `Company ${i}` };
}

describe('the table renderer at scale (issue 9, item 17)', () => {
  it('lays out 200,000 rows (Math.max(...cells) overflowed the stack above ~120,000)', () => {
    const text = renderTable([...leads(200_000)], columns);
    const lines = text.split('\n');
    expect(lines).toHaveLength(200_002);
    expect(lines[1]).toBe('     1  Company 1');
    expect(lines[200_000]).toBe('200000  Company 200000');
  });

  it('widths come from one streamed pass over a million rows; lines from a second', () => {
    const widths = tableWidths(leads(1_000_000), columns, true);
    expect(widths).toEqual([7, 15]);
    expect(tableHeader(columns, widths)).toBe('     id  company\n');
    expect(tableLines(leads(2), columns, widths)).toBe('      1  Company 1\n      2  Company 2\n');
  });
});

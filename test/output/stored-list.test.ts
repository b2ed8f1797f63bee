import { afterEach, describe, expect, it } from 'vitest';
import { printStoredList } from '../../src/output/stored-list.js';
import { testContext, type TestContext } from '../helpers/context.js';

// The table view measures its rows, then writes them (output/stored-list.ts). What must hold: a short table (today's
// first screen) is read from the store once, a long one twice in constant memory, and both print every row alike.

interface Row {
  readonly [key: string]: string | number | null;
  readonly id: number;
  readonly company: string;
}

let open: TestContext | undefined;
afterEach(() => open?.cleanup());

async function table(rows: number): Promise<{ reads: number; lines: string[] }> {
  open = testContext();
  let reads = 0;
  async function* batches(): AsyncIterable<readonly Row[]> {
    reads++;
    for (let at = 0; at < rows; at += 300) yield Array.from({ length: Math.min(300, rows - at) }, (_, i) => ({ id: at + i + 1, company: `Company ${at + i + 1}` }));
  }
  await printStoredList<Row>(open.ctx, { format: 'table', header: true, spec: [['id', 'lead.colId', 'right'], ['company', 'col.company', 'left']], read: batches });
  return { reads, lines: open.stdout.text().trimEnd().split('\n') };
}

describe('the table view of a stored list', () => {
  it.each([
    [0, 1],
    [150, 1],
    [1000, 1],
    [1001, 2],
    [2500, 2],
  ])('%i rows: read %i time(s), every row printed once, in order', async (rows, reads) => {
    const printed = await table(rows);
    expect(printed.reads).toBe(reads);
    const ids = printed.lines.map((l) => Number(l.trim().split(/\s+/)[0])).filter((n) => Number.isInteger(n) && n > 0);
    expect(ids).toEqual(Array.from({ length: rows }, (_, i) => i + 1));
  });

  it('a long table is laid out as wide as its widest row, wherever it comes', async () => {
    const { lines } = await table(2500);
    const rows = lines.filter((l) => l.includes('Company '));
    expect(rows).toHaveLength(2500);
    // Ids right-aligned to the widest (2500): every company starts in the same column.
    expect(new Set(rows.map((l) => l.indexOf('Company '))).size).toBe(1);
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inBatches } from '../../src/store/batches.js';
import { openStore } from '../../src/store/index.js';
import { leadq } from '../helpers/leadq.js';
import { describeStores } from '../helpers/stores.js';

// Listings hand their rows over in batches, the first small (store/batches.ts): `| head`, today's first screen and a
// --limit wait for no more rows than they show, on either store.

const sizes = async (batches: AsyncIterable<readonly unknown[]>) => {
  const seen: number[] = [];
  for await (const batch of batches) seen.push(batch.length);
  return seen;
};

describe('inBatches', () => {
  it('32 rows first, then twice as many each time up to 512, the rest last', async () => {
    const rows = Array.from({ length: 1500 }, (_, i) => i);
    expect(await sizes(inBatches(rows))).toEqual([32, 64, 128, 256, 512, 508]);
    expect(await sizes(inBatches([]))).toEqual([]);
    const all: number[] = [];
    for await (const batch of inBatches(rows)) all.push(...batch);
    expect(all).toEqual(rows);
  });
});

describeStores('a listing of 300 leads', (store) => {
  it('comes in batches of 32, 64, 128 and the rest', async () => {
    const csv = join(store.dir, 'leads.csv');
    writeFileSync(csv, ['Company,Budget', ...Array.from({ length: 300 }, (_, i) => `Company ${i + 1} Ltd,${1000 + i}`)].join('\n') + '\n');
    expect((await leadq(['--db', store.db, 'score', csv, '--import', '--format', 'ndjson'])).code).toBe(0);
    const s = openStore(store.db, { busyTimeoutMs: 1000 });
    try {
      expect(await s.read((tx) => sizes(tx.listLeads({})))).toEqual([32, 64, 128, 76]);
    } finally {
      await s.close();
    }
  });
});

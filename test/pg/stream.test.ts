// Streaming reads through a cursor: every row, typed as on SQLite (ids as numbers), and leaving early frees the
// connection for the next statement (`lead list | head`).
import Cursor from 'pg-cursor';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { closePg, pgQuery, type PgConnection } from '../../src/store/postgres/client.js';
import { openPgStore } from '../../src/store/postgres/schema.js';
import { pgBatches } from '../../src/store/postgres/stream.js';
import { describePg, freshDatabase } from './helpers.js';

const LEADS = 20_000;

/** The rows of pgBatches one by one. */
async function* pgRows<R extends Record<string, unknown>>(...args: Parameters<typeof pgBatches<R>>): AsyncGenerator<R> {
  for await (const batch of pgBatches<R>(...args)) yield* batch;
}

describePg('pgBatches', () => {
  let conn: PgConnection;
  let drop: () => Promise<void> = async () => undefined;
  beforeAll(async () => {
    const db = await freshDatabase();
    drop = db.drop;
    conn = await openPgStore(db.url, { env: {} });
    await pgQuery(
      conn,
      `INSERT INTO leads (company, company_key, status, score, created_at, updated_at)
       SELECT 'Company ' || i, 'company' || i, 'qualifying', i % 101, '2026-03-01T09:00:00.000Z', '2026-03-01T09:00:00.000Z'
         FROM generate_series(1, $1::int) i`,
      [LEADS],
    );
  });
  afterAll(async () => {
    await closePg(conn);
    await drop();
  });

  it('streams every row in order, ids as numbers, a batch at a time', async () => {
    let count = 0;
    let last = 0;
    for await (const row of pgRows<{ id: number; company: string; score: number }>(conn, 'SELECT id, company, score FROM leads WHERE status = $1 ORDER BY id', ['qualifying'], 777)) {
      expect(typeof row.id).toBe('number');
      expect(row.id).toBeGreaterThan(last);
      last = row.id;
      count++;
    }
    expect(count).toBe(LEADS);
  });

  it('reads batches of 32, 64, 128 … and stops at the first one that comes back short: no round trip to hear "no more"', async () => {
    const reads = vi.spyOn(Cursor.prototype, 'read');
    try {
      const ids: number[] = [];
      for await (const row of pgRows<{ id: number }>(conn, 'SELECT id FROM leads WHERE id <= $1 ORDER BY id', [100])) ids.push(row.id);
      expect(ids).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
      expect(reads.mock.calls.map(([size]) => size)).toEqual([32, 64, 128]);
      reads.mockClear();
      // Exactly a batch's worth: one more read, which comes back empty.
      const all: number[] = [];
      for await (const row of pgRows<{ id: number }>(conn, 'SELECT id FROM leads WHERE id <= $1 ORDER BY id', [96])) all.push(row.id);
      expect(all).toHaveLength(96);
      expect(reads.mock.calls.map(([size]) => size)).toEqual([32, 64, 128]);
    } finally {
      reads.mockRestore();
    }
  });

  it('leaving the loop early closes the cursor and frees the connection', async () => {
    const first: string[] = [];
    for await (const row of pgRows<{ company: string }>(conn, 'SELECT company FROM leads ORDER BY id')) {
      first.push(row.company);
      if (first.length === 3) break;
    }
    expect(first).toEqual(['Company 1', 'Company 2', 'Company 3']);
    expect(await pgQuery(conn, 'SELECT count(*) AS n FROM leads')).toEqual([{ n: LEADS }]);
  });
});

// A PostgreSQL store made by an older leadq (schema 1, the groundwork's) is brought up to date by the first command,
// as a data file is: v2 adds who did it (empty on the rows it had), v3 the rep's day, filled in from the history.
import pg from 'pg';
import { expect, it } from 'vitest';
import { PG_MIGRATIONS, PG_SCHEMA_VERSION } from '../../src/store/postgres/migrations.js';
import { openStore } from '../../src/store/index.js';
import { leadq } from '../helpers/leadq.js';
import { describePg, freshDatabase } from './helpers.js';

describePg('PostgreSQL migrations', () => {
  it('a schema 1 database reaches the current schema: owner and by empty, the worklist columns from its history', async () => {
    const db = await freshDatabase();
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      await client.query(PG_MIGRATIONS[0] as string);
      await client.query(`
        INSERT INTO leadq_meta (application, schema_version) VALUES ('leadq', 1);
        INSERT INTO leads (id, company, company_key, status, score, created_at, updated_at) VALUES (1, 'Acme', 'acme', 'qualifying', 40, 't0', 't0');
        INSERT INTO leads (id, company, company_key, referrer_id, created_at, updated_at) VALUES (2, 'Globex', 'globex', 1, 't1', 't1');
        INSERT INTO qualifications (lead_id, answers, result, verdict, score, engine_version, created_at) VALUES
          (1, '{}', '{"method":1,"nextActions":[{"code":"find_signer","params":{}}]}', 'disqualified', 10, 1, '2026-01-01T00:00:00.000Z'),
          (1, '{}', '{"method":1,"nextActions":[{"code":"find_budget","params":{"x":1}}]}', 'qualifying', 40, 1, '2026-02-01T00:00:00.000Z');
        INSERT INTO contacts (lead_id, kind, at, created_at) VALUES (1, 'visit', '2026-01-05T00:00:00.000Z', 't'), (1, 'call', '2026-03-01T00:00:00.000Z', 't');
      `);
      const store = openStore(db.url, { busyTimeoutMs: 5000 });
      try {
        const lead = await store.read((tx) => tx.getLead(1));
        expect(lead).toMatchObject({ owner: null, qualifiedAt: '2026-02-01T00:00:00.000Z', lastVisitAt: '2026-01-05T00:00:00.000Z', followUpOn: null });
        expect((await store.read((tx) => tx.contactsOf(1))).map((c) => c.by)).toEqual([null, null]);
        expect(await store.read((tx) => tx.referralOf(2))).toBeDefined();
      } finally {
        await store.close();
      }
      const [meta] = (await client.query('SELECT schema_version FROM leadq_meta')).rows;
      expect(meta.schema_version).toBe(PG_SCHEMA_VERSION);
      const [next] = (await client.query('SELECT next_action FROM leads WHERE id = 1')).rows;
      expect(JSON.parse(next.next_action as string)).toEqual({ code: 'find_budget', params: { x: 1 } });
      // And it is a store like any other: db check passes and counts the lead an older method scored.
      expect((await leadq(['--db', db.url, 'db', 'check'])).stdout).toBe('ok\nopen leads scored by an older method version: 1 (`leadq db rescore` re-scores them with method 2)\n');
    } finally {
      await client.end();
      await db.drop();
    }
  });
});

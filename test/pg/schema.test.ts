// The PostgreSQL store's schema on a real server: created on first open, versioned, migrated once under the advisory
// lock even when 20 processes start at the same moment, a newer or foreign database refused (65) and left untouched.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { closePg, connectPg, pgQuery } from '../../src/store/postgres/client.js';
import { PG_SCHEMA_VERSION, PG_TABLES } from '../../src/store/postgres/migrations.js';
import { openPgStore, pgSchemaVersion, pgSchemaVersionOnConnect, pgSequencesPastIds } from '../../src/store/postgres/schema.js';
import { adminQuery, describePg, freshDatabase, refusal } from './helpers.js';

const OPEN_STORE = fileURLToPath(new URL('./fixtures/open-store.mjs', import.meta.url));

/** The tables, columns and leadq_meta rows of a database: equal before and after means nothing was changed. */
async function snapshot(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query(
      `SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1, 2`,
    );
    const meta = await client.query(`SELECT to_regclass('leadq_meta') IS NOT NULL AS has`);
    const rows = meta.rows[0]?.has === true ? (await client.query('SELECT * FROM leadq_meta ORDER BY 1')).rows : [];
    return JSON.stringify({ columns: columns.rows, rows });
  } finally {
    await client.end();
  }
}


function runFixture(url: string, startAt: number): Promise<{ migrations?: number; exit?: number; key?: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [OPEN_STORE, url, String(startAt)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        resolve({ ...(JSON.parse(out) as object), code });
      } catch {
        reject(new Error(`fixture printed ${JSON.stringify(out)} / ${err}`));
      }
    });
  });
}

describePg('PostgreSQL schema', () => {
  const dbs: Array<{ drop: () => Promise<void> }> = [];
  const fresh = async () => {
    const db = await freshDatabase();
    dbs.push(db);
    return db.url;
  };
  afterAll(async () => {
    for (const db of dbs) await db.drop();
  });

  it('creates every table on first open and records the schema version', async () => {
    const url = await fresh();
    const conn = await openPgStore(url);
    try {
      const tables = await pgQuery<{ t: string }>(conn, "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1");
      expect(tables.map((r) => r.t)).toEqual([...PG_TABLES, 'leadq_meta'].sort());
      expect(await pgQuery(conn, 'SELECT application, schema_version FROM leadq_meta')).toEqual([{ application: 'leadq', schema_version: PG_SCHEMA_VERSION }]);
    } finally {
      await closePg(conn);
    }
    // A second open finds nothing to do and changes nothing.
    const before = await snapshot(url);
    await closePg(await openPgStore(url));
    expect(await snapshot(url)).toBe(before);
  });

  it('ids take explicit values and the sequences move past them (db copy); text orders by bytes, as on SQLite', async () => {
    const conn = await openPgStore(await fresh());
    try {
      const now = '2026-01-02T08:00:00.000Z';
      for (const [id, company] of [[7, 'b'], [3, 'B'], [5, 'é'], [9, 'a']] as const) {
        await pgQuery(conn, 'INSERT INTO leads (id, company, company_key, created_at, updated_at) VALUES ($1, $2, $2, $3, $3)', [id, company, now]);
      }
      const ordered = await pgQuery<{ id: number; company: string }>(conn, 'SELECT id, company FROM leads ORDER BY company');
      expect(ordered).toEqual([
        { id: 3, company: 'B' },
        { id: 9, company: 'a' },
        { id: 7, company: 'b' },
        { id: 5, company: 'é' },
      ]);
      // After rows were written with their own ids (db copy), the sequences move past them.
      await pgSequencesPastIds(conn);
      const [next] = await pgQuery<{ id: number }>(conn, "INSERT INTO leads (company, company_key, created_at, updated_at) VALUES ('c', 'c', $1, $1) RETURNING id", [now]);
      expect(next?.id).toBe(10);
      const [firstContact] = await pgQuery<{ id: number }>(conn, "INSERT INTO contacts (lead_id, kind, at, created_at) VALUES (3, 'visit', $1, $1) RETURNING id", [now]);
      expect(firstContact?.id).toBe(1);
      // db copy writes a lead before the referrer it names, foreign keys deferred to the commit.
      await pgQuery(conn, 'BEGIN');
      await pgQuery(conn, 'SET CONSTRAINTS ALL DEFERRED');
      await pgQuery(conn, 'INSERT INTO leads (id, company, company_key, referrer_id, created_at, updated_at) VALUES (20, $1, $1, 21, $2, $2)', ['x', now]);
      await pgQuery(conn, 'INSERT INTO leads (id, company, company_key, created_at, updated_at) VALUES (21, $1, $1, $2, $2)', ['y', now]);
      await pgQuery(conn, 'COMMIT');
      // lower() on leadq's columns folds ASCII only, as SQLite's does, whatever the database's locale.
      await pgQuery(conn, "UPDATE leads SET company = 'ÉCOLE Acme' WHERE id = 9");
      expect(await pgQuery(conn, 'SELECT lower(company) AS l FROM leads WHERE id = 9')).toEqual([{ l: 'École acme' }]);
    } finally {
      await closePg(conn);
    }
  });

  it('migrates once when 20 processes open a fresh database at the same moment', async () => {
    const url = await fresh();
    const startAt = Date.now() + 1500;
    const results = await Promise.all(Array.from({ length: 20 }, () => runFixture(url, startAt)));
    expect(results.filter((r) => r.code !== 0 || r.exit !== undefined)).toEqual([]);
    // One process ran the migration; the 19 others waited on the lock and found the schema up to date.
    expect(results.reduce((sum, r) => sum + (r.migrations ?? 0), 0)).toBe(PG_SCHEMA_VERSION);
    const conn = await openPgStore(url);
    try {
      expect(await pgQuery(conn, 'SELECT schema_version FROM leadq_meta')).toEqual([{ schema_version: PG_SCHEMA_VERSION }]);
    } finally {
      await closePg(conn);
    }
  });

  it('refuses a database from a newer leadq with 65 and leaves it untouched', async () => {
    const url = await fresh();
    const conn = await openPgStore(url);
    await pgQuery(conn, 'UPDATE leadq_meta SET schema_version = $1', [PG_SCHEMA_VERSION + 1]);
    await pgQuery(conn, 'ALTER TABLE leads ADD COLUMN from_the_future text');
    await closePg(conn);
    const before = await snapshot(url);
    const err = await refusal(openPgStore(url));
    expect(err).toMatchObject({ exitCode: 65, key: 'pg.fromFuture', hintKey: 'pg.hintUpgrade' });
    expect(err.params).toMatchObject({ found: PG_SCHEMA_VERSION + 1, known: PG_SCHEMA_VERSION });
    expect(await snapshot(url)).toBe(before);
  });

  it('refuses a database whose leads table leadq did not create, and leaves it untouched', async () => {
    const url = await fresh();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('CREATE TABLE leads (name text)');
    await client.end();
    const before = await snapshot(url);
    expect(await refusal(openPgStore(url))).toMatchObject({ exitCode: 65, key: 'pg.notLeadq', params: { table: 'leads' } });
    expect(await snapshot(url)).toBe(before);
  });

  it('reads the version on connecting in one query, and answers as the catalog way does where that one cannot tell', async () => {
    const { url, drop } = await freshDatabase();
    const admin = await openPgStore(url, { env: {} });
    const withPath = (path: string) => `${url}?options=${encodeURIComponent(`-csearch_path=${path}`)}`;
    const both = async (target: string) => {
      const conn = await connectPg(target, { env: {} });
      try {
        const quick = await pgSchemaVersionOnConnect(conn).catch((err: unknown) => err);
        const catalog = await pgSchemaVersion(conn).catch((err: unknown) => err);
        return { quick, catalog };
      } finally {
        await closePg(conn);
      }
    };
    try {
      await pgQuery(admin, 'CREATE SCHEMA team1; CREATE SCHEMA foreign_leads; CREATE TABLE foreign_leads.leads (id int); CREATE SCHEMA empty_meta');
      await pgQuery(admin, 'CREATE TABLE empty_meta.leadq_meta (application text, schema_version int)');
      // A leadq schema where it looks; an empty schema first in the path (the leadq_meta found by name is public's,
      // but leadq would create its tables in team1: 0); someone else's leads; a leadq_meta without leadq's row.
      expect(await both(url)).toEqual({ quick: PG_SCHEMA_VERSION, catalog: PG_SCHEMA_VERSION });
      expect(await both(withPath('team1,public'))).toEqual({ quick: 0, catalog: 0 });
      for (const path of ['foreign_leads,public', 'empty_meta,public']) {
        const { quick, catalog } = await both(withPath(path));
        expect(quick, path).toMatchObject({ exitCode: 65, key: 'pg.notLeadq' });
        expect(catalog, path).toMatchObject({ exitCode: 65, key: 'pg.notLeadq' });
      }
      // A view named leadq_meta first in the path (it has no tableoid), and a role that may not read public's
      // leadq_meta opening its own empty schema: the catalog way's answers (1, and 0: the role's tables to create).
      await pgQuery(admin, "CREATE SCHEMA viewfirst; CREATE VIEW viewfirst.leadq_meta AS SELECT 'leadq'::text AS application, 1 AS schema_version");
      expect(await both(withPath('viewfirst,public'))).toEqual({ quick: 1, catalog: 1 });
      const role = `leadq_t_reader_${process.pid}`;
      await adminQuery(`DROP ROLE IF EXISTS ${role}`);
      await adminQuery(`CREATE ROLE ${role} LOGIN PASSWORD 'pw'`);
      try {
        await pgQuery(admin, `REVOKE ALL ON leadq_meta FROM PUBLIC; CREATE SCHEMA ${role} AUTHORIZATION ${role}`);
        const asRole = new URL(url);
        asRole.username = role;
        asRole.password = 'pw';
        expect(await both(asRole.toString())).toEqual({ quick: 0, catalog: 0 });
      } finally {
        await pgQuery(admin, `DROP SCHEMA ${role} CASCADE`);
        await adminQuery(`DROP OWNED BY ${role}`).catch(() => undefined);
        await adminQuery(`DROP ROLE IF EXISTS ${role}`).catch(() => undefined);
      }
    } finally {
      await closePg(admin);
      await drop();
    }
  });

  it('says which database is missing (69), never with the password', async () => {
    const url = await fresh();
    const missing = url.replace(/\/[^/]+$/, '/no_such_database');
    const err = await refusal(connectPg(missing));
    expect(err).toMatchObject({ exitCode: 69, key: 'pg.noDatabase', params: { database: 'no_such_database' } });
    expect(JSON.stringify(err.params)).not.toContain('leadq-test');
  });
});

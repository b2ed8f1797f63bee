import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import pg from 'pg';
import { isPgUrl } from '../../src/store/postgres/url.js';

// A data file's records read straight from SQLite (never through leadq): what a test compares before and after.

/** The leads and qualifications of a data file: everything an import can change. */
export function snapshot(db: string): unknown {
  const d = new Database(db, { readonly: true });
  try {
    return {
      leads: d.prepare('SELECT * FROM leads ORDER BY id').all(),
      qualifications: d.prepare('SELECT * FROM qualifications ORDER BY id').all(),
    };
  } finally {
    d.close();
  }
}

/** The rows of a table (0 when there is no data file). */
export function count(db: string, table: 'leads' | 'qualifications' | 'contacts' = 'leads'): number {
  if (!existsSync(db)) return 0;
  const d = new Database(db, { readonly: true });
  try {
    return d.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  } finally {
    d.close();
  }
}

/** snapshot() of either store: a data file's path or a PostgreSQL URL (read straight from the server). */
export async function snapshotOf(db: string): Promise<unknown> {
  if (!isPgUrl(db)) return snapshot(db);
  return withPg(db, async (client) => ({
    leads: (await client.query('SELECT * FROM leads ORDER BY id')).rows,
    qualifications: (await client.query('SELECT * FROM qualifications ORDER BY id')).rows,
  }));
}

/** count() of either store (0 before leadq created its tables). */
export async function countOf(db: string, table: 'leads' | 'qualifications' | 'contacts' = 'leads'): Promise<number> {
  if (!isPgUrl(db)) return count(db, table);
  return withPg(db, async (client) => {
    const exists = (await client.query('SELECT to_regclass($1) IS NOT NULL AS found', [table])).rows[0].found === true;
    return exists ? Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n) : 0;
  });
}

/** The rows of one query on either store (parameters: ? on SQLite, $1 on PostgreSQL). */
export async function rowsOf(db: string, sql: string): Promise<Array<Record<string, unknown>>> {
  if (isPgUrl(db)) return withPg(db, async (client) => (await client.query(sql)).rows);
  const d = new Database(db, { readonly: true });
  try {
    return d.prepare(sql).all() as Array<Record<string, unknown>>;
  } finally {
    d.close();
  }
}

async function withPg<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

// Opening a PostgreSQL store: the schema version in leadq_meta, a database from a newer leadq refused (65) and left
// untouched, a database holding someone else's `leads` refused (65), and the missing migrations run once, in one
// transaction, under an advisory lock, however many reps start at the same moment.
import { closePg, connectPg, pgQuery, type ConnectOptions, type PgConnection } from './client.js';
import { classifyPgError, codeOf, PgStoreError } from './errors.js';
import { PG_ID_TABLES, PG_MIGRATIONS, PG_SCHEMA_VERSION } from './migrations.js';

/** Advisory lock keys: leadq's mark (the SQLite files' application_id, 'LEAQ') and what is locked. */
export const PG_LOCK_CLASS = 0x4c454151;
export const PG_LOCK_MIGRATE = 1;

/**
 * Connects and brings the schema up to date (migrating an older or empty database); refuses a newer leadq's database
 * and a foreign `leads` table with 65, changing nothing. Close it with closePg.
 */
export async function openPgStore(url: string, options: ConnectOptions = {}): Promise<PgConnection> {
  const conn = await connectPg(url, options);
  try {
    if ((await pgSchemaVersionOnConnect(conn)) < PG_SCHEMA_VERSION) await migratePg(conn);
    return conn;
  } catch (err) {
    await closePg(conn);
    throw err;
  }
}

/**
 * The schema version of the connected database (0: no leadq schema yet), after refusing one from a newer leadq or
 * one whose `leads` table leadq did not create (65). Reads only: `db check` and `db backup` use it as it is.
 */
export async function pgSchemaVersion(conn: PgConnection): Promise<number> {
  // Read from pg_class with the statement's snapshot, not with to_regclass: that one trusts the backend's catalog
  // cache, which still says "no such table" after a migrating process committed while this one waited on the lock.
  // current_schema() is where CREATE TABLE puts them (search_path, so ?options=-csearch_path=… works).
  const found = await pgQuery<{ relname: string }>(
    conn,
    `SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relname IN ('leadq_meta', 'leads')`,
  );
  const tables = { meta: found.some((r) => r.relname === 'leadq_meta'), leads: found.some((r) => r.relname === 'leads') };
  if (!tables.meta) {
    if (tables.leads) throw notLeadq(conn, 'leads');
    return 0;
  }
  const [row] = await pgQuery<{ schema_version: number }>(conn, "SELECT schema_version FROM leadq_meta WHERE application = 'leadq'");
  if (row === undefined) throw notLeadq(conn, 'leadq_meta');
  return knownVersion(conn, row.schema_version);
}

/**
 * pgSchemaVersion on a connection just opened, outside any transaction (so a failed statement costs nothing): the
 * version row and the schema its table is in, read in one round trip instead of two. When that cannot tell (no
 * leadq_meta found, or one outside current_schema(), which is where the catalog way looks), the catalog way answers.
 */
export async function pgSchemaVersionOnConnect(conn: PgConnection): Promise<number> {
  let row: { schema_version: number; here: boolean } | undefined;
  try {
    [row] = await pgQuery<{ schema_version: number; here: boolean }>(
      conn,
      `SELECT m.schema_version, n.nspname = current_schema() AS here
         FROM leadq_meta m JOIN pg_catalog.pg_class c ON c.oid = m.tableoid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE m.application = 'leadq'`,
    );
  } catch {
    // No leadq_meta on the search path, one this role may not read, a view of that name …: the catalog way decides
    // (it reads leadq_meta only when it is in current_schema()). A connection that failed fails it again.
  }
  return row?.here === true ? knownVersion(conn, row.schema_version) : pgSchemaVersion(conn);
}

/** A schema version read, refused (65) when a newer leadq wrote it. */
function knownVersion(conn: PgConnection, version: number): number {
  if (version > PG_SCHEMA_VERSION) {
    throw new PgStoreError('future', 'pg.fromFuture', { server: conn.server, found: version, known: PG_SCHEMA_VERSION }, 'pg.hintUpgrade');
  }
  return version;
}

/**
 * Runs the missing migrations and the version bump in ONE transaction under a transaction-level advisory lock: the
 * first leadq to get the lock migrates, the others wait for it (up to the busy timeout: then 75), read the version
 * again and find nothing to do. READ COMMITTED on purpose: each statement after the lock sees what the previous
 * holder committed. A role without CREATE gets 77 with the hint to run leadq once as the owner. Returns how many
 * migrations this process ran (0: another one had done them).
 */
export async function migratePg(conn: PgConnection): Promise<number> {
  const client = conn.client;
  try {
    await client.query('BEGIN ISOLATION LEVEL READ COMMITTED');
    await client.query("SELECT set_config('lock_timeout', $1, true)", [String(Math.max(1, conn.busyTimeoutMs))]);
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [PG_LOCK_CLASS, PG_LOCK_MIGRATE]);
    const version = await pgSchemaVersion(conn);
    for (let v = version; v < PG_SCHEMA_VERSION; v++) {
      const step = PG_MIGRATIONS[v] ?? '';
      if (typeof step === 'string') await client.query(step);
      else await step(conn);
    }
    if (version < PG_SCHEMA_VERSION) {
      await client.query(
        `INSERT INTO leadq_meta (application, schema_version) VALUES ('leadq', $1)
         ON CONFLICT (application) DO UPDATE SET schema_version = excluded.schema_version`,
        [PG_SCHEMA_VERSION],
      );
    }
    await client.query('COMMIT');
    return PG_SCHEMA_VERSION - version;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    if (codeOf(err) === '42501') {
      throw new PgStoreError('refused', 'pg.migrateRefused', { server: conn.server, version: PG_SCHEMA_VERSION, user: conn.target.user }, 'pg.hintMigrate', { user: conn.target.user });
    }
    throw classifyPgError(err, conn.context) ?? err;
  }
}

/**
 * Moves every id sequence past the largest id in its table, after `db copy` wrote rows with their own ids: the next
 * lead added gets max(id) + 1, as on SQLite. Call inside the copy's transaction (table names are constants).
 */
export async function pgSequencesPastIds(conn: PgConnection): Promise<void> {
  for (const table of PG_ID_TABLES) {
    await pgQuery(conn, `SELECT setval(pg_get_serial_sequence($1, 'id'), coalesce(max(id), 0) + 1, false) FROM ${table}`, [table]);
  }
}

function notLeadq(conn: PgConnection, table: string): PgStoreError {
  return new PgStoreError('notLeadq', 'pg.notLeadq', { server: conn.server, table }, 'pg.hintNotLeadq');
}

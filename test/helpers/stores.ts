// The command tests run on both stores: a SQLite data file and a PostgreSQL database, so "every command behaves the
// same on both" is checked, not hoped. describeStores(title, body) runs body once per store; the PostgreSQL run uses
// one database per test file on the run's cluster (test/pg/helpers.ts), emptied before each test, and is skipped
// (said loudly by the global setup) only where no server binary exists; CI (LEADQ_REQUIRE_PG=1) never skips it.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe } from 'vitest';
import { freshDatabase, PG_STATUS } from '../pg/helpers.js';
import { tempDir } from './files.js';

export type StoreKind = 'sqlite' | 'postgres';

/** The store of the test running now. */
export interface TestStore {
  readonly kind: StoreKind;
  /** What --db takes: the data file's path, or the database's URL. */
  readonly db: string;
  /** A scratch folder for the test's other files (answers, CSVs, copies). */
  readonly dir: string;
  /** Whether leadq created its store there (a data file; leadq's tables). */
  exists(): Promise<boolean>;
  /** Empties the store again within a test (a property's runs each start from nothing). */
  reset(): Promise<void>;
  /** Runs one SQL statement on the store, for tests that look under the interface (parameters: ? on SQLite, $1 on PostgreSQL). */
  sql(text: string, params?: unknown[]): Promise<Array<Record<string, unknown>>>;
}

/** The stores the command tests run on. */
export const STORE_KINDS: readonly StoreKind[] = ['sqlite', 'postgres'];

/** How often the store starts empty: before each test (default), or once for the whole describe (tests that build on a shared store). */
export type Freshness = 'eachTest' | 'once';

/** describe(title) once per store ("… [sqlite]", "… [postgres]"), body given the test's store. */
export function describeStores(title: string, body: (store: TestStore) => void, fresh: Freshness = 'eachTest'): void {
  for (const kind of STORE_KINDS) {
    describe.skipIf(kind === 'postgres' && PG_STATUS === 'missing')(`${title} [${kind}]`, () => body(useStore(kind, fresh)));
  }
}

/** Registers the hooks that give each test (or the describe) a fresh, empty store of this kind; returns it (read its fields inside tests). */
export function useStore(kind: StoreKind, fresh: Freshness = 'eachTest'): TestStore {
  let dir = '';
  let cleanup = () => undefined as void;
  let database: { url: string; drop: () => Promise<void> } | undefined;
  let client: pg.Client | undefined;
  const empty = async () => {
    ({ dir, cleanup } = tempDir());
    // An empty database, as a data file that does not exist yet: leadq creates its tables on the first write.
    if (client !== undefined) await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
  };
  beforeAll(async () => {
    if (kind === 'postgres') {
      database = await freshDatabase();
      client = new pg.Client({ connectionString: database.url });
      await client.connect();
    }
    if (fresh === 'once') await empty();
  });
  afterAll(async () => {
    if (fresh === 'once') cleanup();
    await client?.end();
    await database?.drop();
  });
  if (fresh === 'eachTest') {
    beforeEach(empty);
    afterEach(() => cleanup());
  }
  return {
    kind,
    get db() {
      return kind === 'postgres' ? database!.url : join(dir, 'leadq.db');
    },
    get dir() {
      return dir;
    },
    async reset() {
      if (client !== undefined) await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
      else for (const suffix of ['', '-wal', '-shm']) rmSync(join(dir, `leadq.db${suffix}`), { force: true });
    },
    async exists() {
      if (kind === 'sqlite') return existsSync(join(dir, 'leadq.db'));
      return (await client!.query("SELECT to_regclass('leadq_meta') IS NOT NULL AS found")).rows[0].found === true;
    },
    async sql(text, params = []) {
      if (client !== undefined) return (await client.query(text, params)).rows;
      const db = new Database(join(dir, 'leadq.db'));
      try {
        const statement = db.prepare(text);
        return statement.reader ? (statement.all(...params) as Array<Record<string, unknown>>) : (statement.run(...params), []);
      } finally {
        db.close();
      }
    },
  };
}

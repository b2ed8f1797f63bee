import { isPgUrl, redactPgUrl } from './postgres/url.js';
import type { ReadOptions, ReadTx, Store, StoreOptions, WriteOptions, WriteTx } from './store.js';

// Where a command gets its store. Opening touches nothing and loads no driver: the SQLite implementation (and
// better-sqlite3 with it), or for a postgres:// URL the PostgreSQL one (and node-postgres), is imported on the first
// read or write, so a command that never uses the store (or `--help`) never pays for it.

/** The store at location (a data file's path, or a PostgreSQL URL); nothing is opened or loaded until it is used. */
export function openStore(location: string, options: StoreOptions): Store {
  let loaded: Promise<Store> | undefined;
  const store = () =>
    (loaded ??= isPgUrl(location)
      ? import('./postgres/store.js').then(({ PgStore }) => new PgStore(location, options))
      : import('./sqlite/store.js').then(({ SqliteStore }) => new SqliteStore(location, options)));
  return {
    // A URL is only ever shown without its password.
    location: redactPgUrl(location),
    read: async <T>(fn: (tx: ReadTx) => Promise<T>, readOptions?: ReadOptions) => (await store()).read(fn, readOptions),
    write: async <T>(fn: (tx: WriteTx) => Promise<T>, writeOptions?: WriteOptions) => (await store()).write(fn, writeOptions),
    check: async () => (await store()).check(),
    copyInto: async (path, name) => (await store()).copyInto(path, name),
    close: async () => {
      if (loaded !== undefined) await (await loaded).close();
    },
  };
}

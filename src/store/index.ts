import type { ReadOptions, ReadTx, Store, StoreOptions, WriteOptions, WriteTx } from './store.js';

// Where a command gets its store. Opening touches nothing and loads no driver: the SQLite implementation (and
// better-sqlite3 with it) is imported on the first read or write, so a command that never uses the store (or
// `--help`) never pays for it.

/** The store at location (a data file's path); nothing is opened or loaded until it is used. */
export function openStore(location: string, options: StoreOptions): Store {
  let loaded: Promise<Store> | undefined;
  const store = () => (loaded ??= import('./sqlite/store.js').then(({ SqliteStore }) => new SqliteStore(location, options)));
  return {
    location,
    read: async <T>(fn: (tx: ReadTx) => Promise<T>, readOptions?: ReadOptions) => (await store()).read(fn, readOptions),
    write: async <T>(fn: (tx: WriteTx) => Promise<T>, writeOptions?: WriteOptions) => (await store()).write(fn, writeOptions),
    check: async () => (await store()).check(),
    copyInto: async (path, name) => (await store()).copyInto(path, name),
    close: async () => {
      if (loaded !== undefined) await (await loaded).close();
    },
  };
}

// better-sqlite3 reads SQLITE_USE_URI once, when its native addon loads (at the first connection): with it, a name
// starting with "file:" is an SQLite URI. leadq only ever opens absolute paths, so no user's file name is read as one;
// the URI form is used to open a data file on read-only media (immutable=1). Imported by open.ts before better-sqlite3.
process.env.SQLITE_USE_URI ??= '1';
export {};

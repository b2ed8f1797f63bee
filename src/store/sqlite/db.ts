import type BetterSqlite3 from 'better-sqlite3';

// Types and the statement cache shared by the store modules; type-only import, so loading this costs nothing.

/** An open leadq data file (a better-sqlite3 connection). */
export type Db = BetterSqlite3.Database;
/** A prepared statement with positional or named parameters. */
export type Statement = BetterSqlite3.Statement<unknown[]>;

const cache = new WeakMap<Db, Map<string, Statement>>();

/** The prepared statement for sql on this connection, prepared once per connection and reused (hot loops call this). */
export function prepared(db: Db, sql: string): Statement {
  let statements = cache.get(db);
  if (statements === undefined) {
    statements = new Map();
    cache.set(db, statements);
  }
  let statement = statements.get(sql);
  if (statement === undefined) {
    statement = db.prepare<unknown[]>(sql);
    statements.set(sql, statement);
  }
  return statement;
}

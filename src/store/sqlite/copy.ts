import { columnList, STORE_TABLES, type StoredRow, type StoreTable } from '../tables.js';
import { prepared, type Db } from './db.js';
import { isoTimesOf, storedValue } from './times.js';

// `db copy` on the data file: every row of a table out, in key order, and rows in with their own ids (times as ISO
// text on the way, as every store exchanges them).

/** Whether no table holds a row. */
export function isEmpty(db: Db): boolean {
  return STORE_TABLES.every((t) => prepared(db, `SELECT 1 FROM ${t.name} LIMIT 1`).get() === undefined);
}

/** Every row of a table, by key (rowid order: ids, or industry and rank). */
export function tableRows(db: Db, table: StoreTable): IterableIterator<StoredRow> {
  return isoTimesOf(prepared(db, `SELECT ${columnList(table)} FROM ${table.name} ORDER BY ${table.hasId ? 'id' : 'industry, rank'}`).iterate() as IterableIterator<StoredRow>);
}

/** Deletes every row, children first. */
export function clearAll(db: Db): void {
  for (const t of [...STORE_TABLES].reverse()) prepared(db, `DELETE FROM ${t.name}`).run();
}

/**
 * Inserts rows as they are (ids kept). Foreign keys are checked at COMMIT (defer_foreign_keys lasts until then), so a
 * lead may name a referrer copied after it. Without AUTOINCREMENT the next id is max(id)+1 anyway.
 */
export function insertRows(db: Db, table: StoreTable, rows: readonly StoredRow[]): void {
  db.pragma('defer_foreign_keys = ON');
  const insert = prepared(db, `INSERT INTO ${table.name} (${columnList(table)}) VALUES (${table.columns.map(() => '?').join(', ')})`);
  for (const row of rows) insert.run(...table.columns.map((c) => storedValue(c, row[c] ?? null)));
}

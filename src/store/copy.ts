import { DataError } from '../errors.js';
import type { ReadTx, WriteTx } from './store.js';
import { STORE_TABLES } from './tables.js';

// `db copy` and `db backup` of a PostgreSQL store, over the store interface: every row of every table, parents first,
// ids as they are, read from one snapshot of the source and written in the target's one write transaction. The same
// for every pair of backends (SQLite → PostgreSQL, back, file to file).

/** What a copy did: rows per table. */
export type CopyCounts = Readonly<Record<string, number>>;

/**
 * Copies every record of source into target (call inside target's write, with source read as one snapshot). A target
 * holding any record is refused (65) unless replace, which deletes them first; target names it in the message.
 */
export async function copyRecords(source: ReadTx, into: WriteTx, options: { readonly replace: boolean; readonly target: string }): Promise<CopyCounts> {
  if (!(await into.isEmpty())) {
    if (!options.replace) throw new DataError('db.copyNotEmpty', { target: options.target }, 'db.hintCopyReplace');
    await into.clearAll();
  }
  const counts: Record<string, number> = {};
  for (const table of STORE_TABLES) {
    counts[table.name] = 0;
    for await (const rows of source.tableRows(table)) {
      await into.insertRows(table, rows);
      counts[table.name] = (counts[table.name] ?? 0) + rows.length;
    }
  }
  return counts;
}

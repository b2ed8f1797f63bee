import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';

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

import { CantCreateError, failureReason } from '../../errors.js';
import type { Db } from './db.js';
import Database from 'better-sqlite3';
import { storeFailure } from './errors.js';
import { MIGRATIONS } from './migrations.js';
import { isoMs, TIME_COLUMNS } from './times.js';

// `leadq db check` and `leadq db backup`: whole-file work, read-only on the data file. It can take seconds on a big
// file inside one SQLite call, so the commands run it in a helper process (maintenance-helper.ts) that Ctrl-C can stop.

/**
 * The integrity problems of an open data file (PRAGMA integrity_check + foreign_key_check); [] when it is sound.
 * Open it with openStoreAsIs: a check never changes the file. A damaged file is 65.
 */
export function integrityProblems(db: Db): string[] {
  try {
    const problems = (db.prepare('PRAGMA integrity_check').pluck().all() as string[]).filter((p) => p !== 'ok');
    problems.push(...schemaProblems(db));
    problems.push(...timesToUpgrade(db));
    const orphans = db.prepare('PRAGMA foreign_key_check').all() as { table: string; rowid: number | null; parent: string }[];
    for (const o of orphans) problems.push(`${o.table} row ${o.rowid ?? '?'}: no matching row in ${o.parent}`);
    return problems;
  } catch (err) {
    throw storeFailure(err, db.name, false) ?? err;
  }
}

/**
 * Copies the data file (opened with openStoreAsIs: an older file is copied as it is, never migrated) into an empty
 * file with VACUUM INTO, which reads one snapshot and so never blocks or is blocked by writers. The caller owns the
 * file: it created it through the guarded output path and syncs and renames it when this returns. A busy or damaged
 * data file is its usual error; anything else failed writing the copy (a full disk …): 73 naming `name`, the copy.
 */
export function copyStoreInto(db: Db, into: string, name: string): void {
  try {
    db.prepare('VACUUM INTO ?').run(into);
  } catch (err) {
    const code = String((err as { code?: unknown }).code ?? '');
    if (/^SQLITE_(BUSY|LOCKED|NOTADB|CORRUPT)/.test(code)) throw storeFailure(err, db.name, false) ?? err;
    throw new CantCreateError('error.cantWrite', { file: name, reason: failureReason(err) });
  }
}

/** The tables and their columns a data file of a schema version has, as leadq's migrations make them. */
function tablesOf(db: Db): Map<string, Set<string>> {
  const tables = new Map<string, Set<string>>();
  const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  for (const name of names) tables.set(name, new Set(db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(name) as string[]));
  return tables;
}

/** Tables or columns the file's schema version should have and it lacks (something else changed the file). */
function schemaProblems(db: Db): string[] {
  const version = db.pragma('user_version', { simple: true }) as number;
  const model = new Database(':memory:');
  try {
    for (const step of MIGRATIONS.slice(0, version)) {
      if (typeof step === 'string') model.exec(step);
      else step(model);
    }
    const found = tablesOf(db);
    const problems: string[] = [];
    for (const [table, columns] of tablesOf(model)) {
      const there = found.get(table);
      if (there === undefined) problems.push(`table ${table} is missing`);
      else for (const column of columns) if (!there.has(column)) problems.push(`table ${table} has no column ${column}`);
    }
    return problems;
  } finally {
    model.close();
  }
}

// The schema version that keeps times as milliseconds (migrations.ts v6): an older file keeps ISO text, converted then.
const TIMES_AS_MS = 6;
// db check names at most this many values that are no time (the first ones, table by table).
const TIMES_SHOWN = 20;

/** An older file's kept times that its upgrade would refuse (text that is no ISO 8601 time); [] when all are times. */
function timesToUpgrade(db: Db): string[] {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version >= TIMES_AS_MS) return [];
  const problems: string[] = [];
  const tables = tablesOf(db);
  for (const [table, columns] of Object.entries(TIME_COLUMNS)) {
    for (const column of columns) {
      if (tables.get(table)?.has(column) !== true) continue;
      const rows = db.prepare(`SELECT rowid AS id, "${column}" AS value FROM "${table}" WHERE "${column}" IS NOT NULL`).iterate() as IterableIterator<{ id: number; value: unknown }>;
      for (const { id, value } of rows) {
        if (typeof value === 'string' && isoMs(value) !== undefined) continue;
        if (problems.length === TIMES_SHOWN) return [...problems, '…'];
        problems.push(`${table}.${column} #${id}: ${JSON.stringify(value)} is not a time (the upgrade to schema ${TIMES_AS_MS} would refuse the file)`);
      }
    }
  }
  return problems;
}


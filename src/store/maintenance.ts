import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { CantCreateError, UsageError, failureReason } from '../errors.js';
import { syncFolder } from '../files/output.js';
import { isSpecialFile } from '../files/special.js';
import type { Db } from './db.js';
import { storeFailure } from './open.js';

// `leadq db check` and `leadq db backup`: whole-file operations, both read-only on the data file.

/**
 * The integrity problems of an open data file (PRAGMA integrity_check + foreign_key_check); [] when it is sound.
 * Open it with openStoreAsIs: a check never changes the file. A damaged file is 65.
 */
export function integrityProblems(db: Db): string[] {
  try {
    const problems = (db.prepare('PRAGMA integrity_check').pluck().all() as string[]).filter((p) => p !== 'ok');
    const orphans = db.prepare('PRAGMA foreign_key_check').all() as { table: string; rowid: number | null; parent: string }[];
    for (const o of orphans) problems.push(`${o.table} row ${o.rowid ?? '?'}: no matching row in ${o.parent}`);
    return problems;
  } catch (err) {
    throw storeFailure(err, db.name, false) ?? err;
  }
}

/**
 * Writes a consistent copy of the data file (opened with openStoreAsIs: an older file is copied as it is, never
 * migrated) to dest (a folder gets the file's own name) with VACUUM INTO, which reads one snapshot and so never
 * blocks or is blocked by writers. The copy is written beside dest with mode 0600, synced, then renamed over dest:
 * an interrupted backup never leaves a half-written file under dest's name.
 */
export function backupStore(db: Db, dest: string): string {
  let target = resolve(dest);
  if (existsSync(target) && statSync(target).isDirectory()) target = join(target, basename(db.name));
  if (target === resolve(db.name)) throw new UsageError('lead.backupOntoItself', { file: db.name }, 'lead.hintBackupFile');
  // The copy is renamed into place: over a device (/dev/null) that would replace the device itself.
  if (isSpecialFile(target)) throw new UsageError('lead.backupNotAFile', { file: dest }, 'lead.hintBackupFile');
  const partial = `${target}.partial-${process.pid}`;
  try {
    closeSync(openSync(partial, 'wx', 0o600));
    db.prepare('VACUUM INTO ?').run(partial);
    const fd = openSync(partial, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(partial, target);
    syncFolder(dirname(target));
    return target;
  } catch (err) {
    removeQuietly(partial);
    if (err instanceof UsageError) throw err;
    const code = String((err as { code?: unknown }).code ?? '');
    if (code.startsWith('SQLITE_BUSY') || code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) throw storeFailure(err, db.name, false) ?? err;
    throw new CantCreateError('error.cantWrite', { file: dest, reason: failureReason(err) });
  }
}

function removeQuietly(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // Nothing was created there (e.g. the folder is a file): nothing to clean.
  }
}

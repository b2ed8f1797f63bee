import { statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Context } from '../context.js';
import { DataError, UsageError } from '../errors.js';
import { openOutput } from '../files/output.js';
import { forgetTemp, registerTemp, removeQuietly } from '../files/temp.js';
import { t } from '../i18n/index.js';
import { terminalLine } from '../output/terminal-text.js';
import { runMaintenance } from '../store/maintenance-job.js';
import { openStoreAsIs } from '../store/open.js';

/** `leadq db path`: the data file in use; never creates it. */
export function runDbPath(ctx: Context): void {
  ctx.stdout.write(`${ctx.dbPath}\n`);
}

/** `leadq db check`: "ok" (0), or the problems on stdout and exit 65; no file is 66; the file is never written. */
export async function runDbCheck(ctx: Context): Promise<void> {
  // What every command refuses (missing 66, another program's or a newer leadq's file 65) is refused here, at once.
  openStoreAsIs(ctx.dbPath, { env: ctx.env }).close();
  const problems = await runMaintenance({ kind: 'check', file: ctx.dbPath }, ctx.env);
  if (problems.length === 0) {
    ctx.stdout.write(`${t('lead.dbOk')}\n`);
    return;
  }
  for (const problem of problems) ctx.stdout.write(`${problem}\n`);
  throw new DataError('lead.dbProblems', { file: ctx.dbPath, count: problems.length }, 'lead.hintRestore');
}

/**
 * `leadq db backup <file>`: a consistent copy even while others write, through the guarded output path: never onto
 * the data file or its -wal/-shm (64), 0600 (an existing backup is never left more open than that), put in place only
 * when complete. The data file is never migrated or written; unwritable → 73.
 */
export async function runDbBackup(ctx: Context, file: string): Promise<void> {
  openStoreAsIs(ctx.dbPath, { env: ctx.env }).close();
  const out = openOutput(backupTarget(ctx.dbPath, file), {
    dataFile: ctx.dbPath,
    newMode: 0o600,
    maxMode: 0o600,
    // The copy is renamed into place: over a device (/dev/null) that would replace the device itself.
    special: () => new UsageError('lead.backupNotAFile', { file }, 'lead.hintBackupFile'),
  });
  // SQLite may keep a journal beside the copy while it writes it.
  const journal = `${out.path}-journal`;
  registerTemp(journal);
  try {
    await runMaintenance({ kind: 'copy', file: ctx.dbPath, into: out.path, name: file }, ctx.env);
    out.commit();
  } catch (err) {
    out.abort();
    throw err;
  } finally {
    removeQuietly(journal);
    forgetTemp(journal);
  }
  ctx.stderr.write(`${terminalLine(t('lead.backupDone', { file: ctx.dbPath, copy: out.target }))}\n`);
}

/** A folder gets the data file's own name inside it. */
function backupTarget(dbPath: string, dest: string): string {
  try {
    if (statSync(dest).isDirectory()) return join(dest, basename(dbPath));
  } catch {
    // not there yet: the file to create
  }
  return dest;
}

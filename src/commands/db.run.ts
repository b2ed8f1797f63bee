import type { Context } from '../context.js';
import { DataError } from '../errors.js';
import { t } from '../i18n/index.js';
import { backupStore, integrityProblems } from '../store/maintenance.js';
import { openStoreAsIs } from '../store/open.js';

/** `leadq db path`: the data file in use; never creates it. */
export function runDbPath(ctx: Context): void {
  ctx.stdout.write(`${ctx.dbPath}\n`);
}

/** `leadq db check`: "ok" (0), or the problems on stdout and exit 65; no file is 66; the file is never written. */
export function runDbCheck(ctx: Context): void {
  const db = openStoreAsIs(ctx.dbPath, { env: ctx.env });
  let problems: string[];
  try {
    problems = integrityProblems(db);
  } finally {
    db.close();
  }
  if (problems.length === 0) {
    ctx.stdout.write(`${t('lead.dbOk')}\n`);
    return;
  }
  for (const problem of problems) ctx.stdout.write(`${problem}\n`);
  throw new DataError('lead.dbProblems', { file: ctx.dbPath, count: problems.length }, 'lead.hintRestore');
}

/** `leadq db backup <file>`: a consistent copy (mode 0600) even while others write; the data file is never migrated or written; unwritable → 73. */
export function runDbBackup(ctx: Context, file: string): void {
  const db = openStoreAsIs(ctx.dbPath, { env: ctx.env });
  try {
    const copy = backupStore(db, file);
    ctx.stderr.write(`${t('lead.backupDone', { file: ctx.dbPath, copy })}\n`);
  } finally {
    db.close();
  }
}

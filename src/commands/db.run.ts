import type { Context } from '../context.js';
import { DataError } from '../errors.js';
import { t } from '../i18n/index.js';
import { backupStore, integrityProblems } from '../store/maintenance.js';
import { openStore } from '../store/open.js';

/** `leadq db path`: the data file in use; never creates it. */
export function runDbPath(ctx: Context): void {
  ctx.stdout.write(`${ctx.dbPath}\n`);
}

/** `leadq db check`: "ok" (0), or the problems on stdout and exit 65; no file is 66. */
export function runDbCheck(ctx: Context): void {
  const problems = integrityProblems(ctx.dbPath, ctx.env);
  if (problems.length === 0) {
    ctx.stdout.write(`${t('lead.dbOk')}\n`);
    return;
  }
  for (const problem of problems) ctx.stdout.write(`${problem}\n`);
  throw new DataError('lead.dbProblems', { file: ctx.dbPath, count: problems.length }, 'lead.hintRestore');
}

/** `leadq db backup <file>`: a consistent copy (mode 0600) even while others write; unwritable → 73. */
export function runDbBackup(ctx: Context, file: string): void {
  const db = openStore(ctx.dbPath, { readonly: true, env: ctx.env });
  try {
    const copy = backupStore(db, file);
    ctx.stderr.write(`${t('lead.backupDone', { file: ctx.dbPath, copy })}\n`);
  } finally {
    db.close();
  }
}

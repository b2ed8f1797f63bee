import type { Context } from '../../context.js';
import { METHOD_VERSION } from '../../engine/version.js';
import { DataError } from '../../errors.js';
import { t } from '../../i18n/index.js';

/**
 * `leadq db check`: "ok" (0), then how many open leads an older method version scored, if any; or the problems on
 * stdout and exit 65; no file is 66; the file is never written.
 */
export async function handler(ctx: Context): Promise<void> {
  const problems = await ctx.store.check();
  // Read as it is: a check never writes (nor migrates) the file.
  const older = problems.length === 0 ? await ctx.store.read((tx) => tx.openLeadsScoredBefore(METHOD_VERSION), { migrate: 'asIs' }) : 0;
  if (problems.length === 0) {
    ctx.stdout.write(`${t('db.ok')}\n`);
    if (older > 0) ctx.stdout.write(`${t('db.olderScored', { count: older, method: METHOD_VERSION })}\n`);
    return;
  }
  for (const problem of problems) ctx.stdout.write(`${problem}\n`);
  throw new DataError('db.problems', { file: ctx.dbPath, count: problems.length }, 'store.hintRestore');
}


import { todayOf, type Context } from '../context.js';
import { METHOD_VERSION } from '../engine/qualify.js';
import type { Verdict } from '../engine/types.js';
import { DataError } from '../errors.js';
import { t } from '../i18n/index.js';
import { backupStore, integrityProblems } from '../store/maintenance.js';
import { missingStore, openStore, openStoreAsIs, openStoreIfExists, storeFailure } from '../store/open.js';
import { openLeadsScoredBefore } from '../store/qualifications.js';
import { rescoreOpenLeads, type RescoreSummary } from './db.rescore.js';

/** `leadq db path`: the data file in use; never creates it. */
export function runDbPath(ctx: Context): void {
  ctx.stdout.write(`${ctx.dbPath}\n`);
}

/**
 * `leadq db check`: "ok" (0), then how many open leads an older method version scored, if any; or the problems on
 * stdout and exit 65; no file is 66; the file is never written.
 */
export function runDbCheck(ctx: Context): void {
  const db = openStoreAsIs(ctx.dbPath, { env: ctx.env });
  let problems: string[];
  let older = 0;
  try {
    problems = integrityProblems(db);
    if (problems.length === 0) older = openLeadsScoredBefore(db, METHOD_VERSION);
  } catch (err) {
    throw storeFailure(err, ctx.dbPath, false) ?? err;
  } finally {
    db.close();
  }
  if (problems.length === 0) {
    ctx.stdout.write(`${t('lead.dbOk')}\n`);
    if (older > 0) ctx.stdout.write(`${t('method.olderScored', { count: older, method: METHOD_VERSION })}\n`);
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

export interface DbRescoreOptions {
  dryRun?: boolean;
  json?: boolean;
}

/**
 * `leadq db rescore [--dry-run] [--json]`: re-runs every open lead's latest answers through the current method and
 * prints how many verdicts changed from what to what. No data file is 66; a dry run never writes (nor migrates) it.
 */
export function runDbRescore(ctx: Context, options: DbRescoreOptions): void {
  const dryRun = options.dryRun === true;
  const db = dryRun ? openStoreIfExists(ctx.dbPath, { env: ctx.env, migrate: false }) : openStore(ctx.dbPath, { env: ctx.env, mustExist: true });
  if (db === undefined) throw missingStore(ctx.dbPath);
  let summary: RescoreSummary;
  try {
    summary = rescoreOpenLeads(db, { today: todayOf(ctx), now: ctx.now().toISOString(), dryRun });
  } catch (err) {
    throw storeFailure(err, ctx.dbPath, !dryRun) ?? err;
  } finally {
    db.close();
  }
  ctx.stdout.write(options.json === true ? JSON.stringify(summary, null, 2) + '\n' : rescoreText(summary));
}

/** The human summary of a rescore, in the chosen language. */
function rescoreText(s: RescoreSummary): string {
  const status = (verdict: Verdict) => t(`lead.status.${verdict}`);
  const lines = [
    t(s.dryRun ? 'method.rescoreLeadsDry' : 'method.rescoreLeads', { method: s.method, count: s.leads }),
    t(s.dryRun ? 'method.rescoreVerdictsDry' : 'method.rescoreVerdicts', { count: s.verdictsChanged }),
    ...s.verdictChanges.map((c) => t('method.rescoreChange', { from: status(c.from), to: status(c.to), count: c.count })),
    t(s.dryRun ? 'method.rescoreScoresDry' : 'method.rescoreScores', { count: s.scoresChanged }),
    t('method.rescoreUnchanged', { count: s.unchanged }),
  ];
  if (s.skipped.length > 0) lines.push(t('method.rescoreSkipped', { count: s.skipped.length, leads: s.skipped.map((id) => `#${id}`).join(', ') }));
  if (s.dryRun) lines.push(t('method.rescoreDryRun'));
  return lines.join('\n') + '\n';
}

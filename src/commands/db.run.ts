import { statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { todayOf, type Context } from '../context.js';
import { METHOD_VERSION } from '../engine/qualify.js';
import type { Verdict } from '../engine/types.js';
import { DataError, UsageError } from '../errors.js';
import { openOutput } from '../files/output.js';
import { forgetTemp, registerTemp, removeQuietly } from '../files/temp.js';
import { t } from '../i18n/index.js';
import { rescoreOpenLeads, type RescoreSummary } from './db.rescore.js';

/** `leadq db path`: the data file in use; never creates it. */
export function runDbPath(ctx: Context): void {
  ctx.stdout.write(`${ctx.store.location}\n`);
}

/**
 * `leadq db check`: "ok" (0), then how many open leads an older method version scored, if any; or the problems on
 * stdout and exit 65; no file is 66; the file is never written.
 */
export async function runDbCheck(ctx: Context): Promise<void> {
  const problems = await ctx.store.check();
  // Read as it is: a check never writes (nor migrates) the file.
  const older = problems.length === 0 ? await ctx.store.read((tx) => tx.openLeadsScoredBefore(METHOD_VERSION), { migrate: 'asIs' }) : 0;
  if (problems.length === 0) {
    ctx.stdout.write(`${t('lead.dbOk')}\n`);
    if (older > 0) ctx.stdout.write(`${t('method.olderScored', { count: older, method: METHOD_VERSION })}\n`);
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
  // What every command refuses (missing, another program's or a newer leadq's file) is refused before the copy starts.
  await ctx.store.read(async () => undefined, { migrate: 'asIs' });
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
    await ctx.store.copyInto(out.path, file);
    out.commit();
  } catch (err) {
    out.abort();
    throw err;
  } finally {
    removeQuietly(journal);
    forgetTemp(journal);
  }
  ctx.log.say('lead.backupDone', { file: ctx.dbPath, copy: out.target });
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

export interface DbRescoreOptions {
  dryRun?: boolean;
  json?: boolean;
}

/**
 * `leadq db rescore [--dry-run] [--json]`: re-runs every open lead's latest answers through the current method and
 * prints how many verdicts changed from what to what. No data file is 66; a dry run never writes (nor migrates) it.
 */
export async function runDbRescore(ctx: Context, options: DbRescoreOptions): Promise<void> {
  const dryRun = options.dryRun === true;
  const rescore = { today: todayOf(ctx), now: ctx.now().toISOString() };
  const summary: RescoreSummary = dryRun
    ? await ctx.store.read((tx) => rescoreOpenLeads(tx, { ...rescore, writer: undefined }), { migrate: 'no', missing: 'refuse' })
    : await ctx.store.write((tx) => rescoreOpenLeads(tx, { ...rescore, writer: tx }), { mustExist: true });
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

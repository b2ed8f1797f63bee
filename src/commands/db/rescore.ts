import { todayOf, type Context } from '../../context.js';
import { answersSchema } from '../../engine/answers.js';
import { t } from '../../i18n/index.js';
import type { DbRescoreInput } from './spec.js';
import { METHOD_VERSION, qualifyLead } from '../../engine/qualify.js';
import { VERDICTS, type Verdict } from '../../engine/types.js';
import { leadFacts } from '../../store/leads.js';
import type { ReadTx, WriteTx } from '../../store/store.js';
import { qualifyInput } from '../../domain/qualify-input.js';
import { yieldToEventLoop } from '../../files/interrupt.js';

// `leadq db rescore`: the latest answers of every open lead through the current method. A lead whose verdict or score
// changes gets a new history row (and its status and score); one whose verdict and score stay has its latest row's
// result brought up to the current method in place, so no history row says nothing happened and `db check` stops
// counting it as scored by an older method.

/** How many verdicts changed from what to what. */
export interface VerdictChange {
  readonly from: Verdict;
  readonly to: Verdict;
  readonly count: number;
}

/** What a rescore did (or, in a dry run, would do). */
export interface RescoreSummary {
  readonly method: number;
  readonly dryRun: boolean;
  /** Open leads with a qualification, re-run. */
  readonly leads: number;
  readonly verdictsChanged: number;
  readonly verdictChanges: readonly VerdictChange[];
  /** Same verdict, another score. */
  readonly scoresChanged: number;
  readonly unchanged: number;
  /** Leads whose stored answers the current method no longer accepts: left as they are. */
  readonly skipped: readonly number[];
}

/** Open leads read per query: memory stays flat however many leads the file holds. */
const BATCH = 500;

/**
 * Re-scores every open lead's latest answers with the current method. writer: the write transaction tx is (all of it
 * one transaction); undefined for a dry run, which writes nothing.
 */
export async function rescoreOpenLeads(tx: ReadTx, options: { readonly today: string; readonly now: string; readonly by: string; readonly writer: WriteTx | undefined }): Promise<RescoreSummary> {
  const { writer } = options;
  const changes = new Map<string, VerdictChange>();
  const skipped: number[] = [];
  let leads = 0;
  let scoresChanged = 0;
  let unchanged = 0;
  for (let after = 0; ; ) {
    // Ctrl-C stops a long rescore at once (the transaction is then never committed).
    await yieldToEventLoop();
    const batch = await tx.latestOfOpenLeads(after, BATCH);
    if (batch.length === 0) break;
    for (const latest of batch) {
      after = latest.leadId;
      const parsed = answersSchema.safeParse(latest.answers);
      const lead = await tx.getLead(latest.leadId);
      if (!parsed.success || lead === undefined) {
        skipped.push(latest.leadId);
        continue;
      }
      leads++;
      const { answers, context } = qualifyInput(parsed.data, await leadFacts(tx, lead), options.today);
      const result = qualifyLead(answers, context);
      if (result.verdict === latest.verdict && result.score === latest.score) {
        unchanged++;
        if (writer !== undefined && latest.engineVersion < result.method) await writer.refreshQualificationResult(latest.id, result);
        continue;
      }
      if (result.verdict === latest.verdict) scoresChanged++;
      else {
        const key = `${latest.verdict}>${result.verdict}`;
        changes.set(key, { from: latest.verdict, to: result.verdict, count: (changes.get(key)?.count ?? 0) + 1 });
      }
      if (writer !== undefined) {
        await writer.insertQualification({ leadId: lead.id, answers, result, engineVersion: result.method, createdAt: options.now, by: options.by, leadPrint: latest.leadPrint });
        await writer.setLeadQualification(lead.id, result.verdict, result.score, options.now);
      }
    }
  }
  const rank = (v: Verdict) => VERDICTS.indexOf(v);
  const verdictChanges = [...changes.values()].sort((a, b) => rank(a.from) - rank(b.from) || rank(a.to) - rank(b.to));
  return {
    method: METHOD_VERSION,
    dryRun: writer === undefined,
    leads,
    verdictsChanged: verdictChanges.reduce((sum, c) => sum + c.count, 0),
    verdictChanges,
    scoresChanged,
    unchanged,
    skipped,
  };
}

/**
 * `leadq db rescore [--dry-run] [--json]`: re-runs every open lead's latest answers through the current method and
 * prints how many verdicts changed from what to what. No data file is 66; a dry run never writes (nor migrates) it.
 */
export async function handler(ctx: Context, input: DbRescoreInput): Promise<void> {
  const dryRun = input.dryRun === true;
  const rescore = { today: todayOf(ctx), now: ctx.now().toISOString(), by: ctx.actor };
  const summary: RescoreSummary = dryRun
    ? await ctx.store.read((tx) => rescoreOpenLeads(tx, { ...rescore, writer: undefined }), { migrate: 'no', missing: 'refuse' })
    : await ctx.store.write((tx) => rescoreOpenLeads(tx, { ...rescore, writer: tx }), { mustExist: true });
  ctx.stdout.write(input.json === true ? JSON.stringify(summary, null, 2) + '\n' : rescoreText(summary));
}

/** The human summary of a rescore, in the chosen language. */
function rescoreText(s: RescoreSummary): string {
  const status = (verdict: Verdict) => t(`lead.status.${verdict}`);
  const lines = [
    t(s.dryRun ? 'db.rescoreLeadsDry' : 'db.rescoreLeads', { method: s.method, count: s.leads }),
    t(s.dryRun ? 'db.rescoreVerdictsDry' : 'db.rescoreVerdicts', { count: s.verdictsChanged }),
    ...s.verdictChanges.map((c) => t('db.rescoreChange', { from: status(c.from), to: status(c.to), count: c.count })),
    t(s.dryRun ? 'db.rescoreScoresDry' : 'db.rescoreScores', { count: s.scoresChanged }),
    t('db.rescoreUnchanged', { count: s.unchanged }),
  ];
  if (s.skipped.length > 0) lines.push(t('db.rescoreSkipped', { count: s.skipped.length, leads: s.skipped.map((id) => `#${id}`).join(', ') }));
  if (s.dryRun) lines.push(t('db.rescoreDryRun'));
  return lines.join('\n') + '\n';
}

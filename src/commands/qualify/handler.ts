import type { Context } from '../../context.js';
import type { SaveQualification, SaveReferralRequest } from '../../interview/session.js';
import type { QualifyInput } from './spec.js';

/**
 * `leadq qualify`: with --answers, the answers file; else the interview. Each path loads what it needs only when it
 * runs: the interview shows its first prompt before the engine (zod) and the store load.
 */
export async function handler(ctx: Context, input: QualifyInput): Promise<void> {
  if (input.set.length > 0) {
    const { qualifyWithSettings } = await import('./set.js');
    await qualifyWithSettings(ctx, input.lead, input.set, input);
    return;
  }
  if (input.answers !== undefined) {
    const { qualifyWithAnswers } = await import('./answers.js');
    await qualifyWithAnswers(ctx, input.lead, input.answers, input);
    return;
  }
  const { interviewLead } = await import('../../interview/session.js');
  // The save loads (with the store and the engine) only once the answers are in.
  const save: SaveQualification = async (answered) => (await import('./save.js')).saveQualification(ctx.store, ctx.now, ctx.actor, answered);
  const saveReferral: SaveReferralRequest = async (leadId, request) => (await import('./save.js')).saveReferralRequest(ctx.store, ctx.now, ctx.actor, leadId, request);
  await interviewLead(ctx, input.lead, { dryRun: input.dryRun === true, json: input.json === true }, save, saveReferral);
}

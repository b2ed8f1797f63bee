import type { Context } from '../../context.js';
import { resolveLead } from '../../store/leads.js';
import { referralCount, type ReferralAskInput } from './spec.js';

/** `leadq referral ask`: records a request for 1–3 referrals (checked by the spec); prints its id (--json: the request). */
export async function handler(ctx: Context, input: ReferralAskInput): Promise<void> {
  const asked = referralCount(input.count)!;
  const note = input.note || undefined;
  const request = await ctx.store.write(
    async (tx) => {
      const lead = await resolveLead(tx, input.lead);
      const id = await tx.insertReferralRequest({ leadId: lead.id, asked, note, askedAt: ctx.now().toISOString(), by: ctx.actor });
      return { id, json: input.json === true ? await tx.referralRequest(id) : undefined };
    },
    { mustExist: true },
  );
  if (input.json === true) ctx.stdout.write(JSON.stringify(request.json, null, 2) + '\n');
  else ctx.stdout.write(`${request.id}\n`);
}

import type { Context } from '../../context.js';
import { leadJson } from '../../output/lead-json.js';
import { linkReferral, resolveLead } from '../../store/leads.js';
import { fieldsOf } from '../lead/fields.js';
import { sayNoOpenRequest } from './note.js';
import type { ReferralAddInput } from './spec.js';

/** `leadq referral add`: a referred lead (source referral) linked to its referrer and the referrer's open request, in one transaction. */
export async function handler(ctx: Context, input: ReferralAddInput): Promise<void> {
  const now = ctx.now().toISOString();
  const { lead, referrer, requestId } = await ctx.store.write(
    async (tx) => {
      const referrer = await resolveLead(tx, input.referrer);
      const fields = await fieldsOf(tx, input, undefined, ctx.actor);
      const lead = await tx.insertLead({ ...fields, owner: fields.owner ?? ctx.actor, company: input.company, source: 'referral', referrerId: referrer.id }, now);
      const requestId = (await linkReferral(tx, lead.id, referrer.id, now)) ?? undefined;
      return { lead, referrer, requestId };
    },
    { mustExist: true },
  );
  if (requestId === undefined) sayNoOpenRequest(ctx, referrer);
  if (input.json === true) ctx.stdout.write(JSON.stringify(leadJson(lead), null, 2) + '\n');
  else ctx.stdout.write(`${lead.id}\n`);
}

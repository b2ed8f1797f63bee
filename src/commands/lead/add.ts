import type { Context } from '../../context.js';
import { leadJson } from '../../output/lead-json.js';
import { linkReferral } from '../../store/leads.js';
import { fieldsOf } from './fields.js';
import type { LeadAddInput } from './spec.js';

/** `leadq lead add`: a new lead; prints its id (--json: the lead). A company that already exists is exit 65. */
export async function handler(ctx: Context, input: LeadAddInput): Promise<void> {
  const lead = await ctx.store.write(async (tx) => {
    const fields = await fieldsOf(tx, input, undefined);
    const now = ctx.now().toISOString();
    const lead = await tx.insertLead({ ...fields, company: input.company, source: input.source }, now);
    // Linked to the referrer's open request exactly as `referral add` links it.
    if (lead.referrerId !== null) await linkReferral(tx, lead.id, lead.referrerId, now);
    return lead;
  });
  ctx.stdout.write(input.json === true ? JSON.stringify(leadJson(lead), null, 2) + '\n' : `${lead.id}\n`);
}

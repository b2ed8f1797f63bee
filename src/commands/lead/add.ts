import type { Context } from '../../context.js';
import { leadJson } from '../../output/lead-json.js';
import { linkReferral } from '../../store/leads.js';
import { sayNoOpenRequest } from '../referral/note.js';
import { fieldsOf } from './fields.js';
import type { LeadAddInput } from './spec.js';

/** `leadq lead add`: a new lead; prints its id (--json: the lead). A company that already exists is exit 65. */
export async function handler(ctx: Context, input: LeadAddInput): Promise<void> {
  const { lead, referrer } = await ctx.store.write(async (tx) => {
    const fields = await fieldsOf(tx, input, undefined, ctx.actor);
    const now = ctx.now().toISOString();
    // A referred lead: source referral unless another is given, linked to the referrer's open request exactly as
    // `referral add` does (and told the same when there is none). The rep who adds a lead owns it unless --owner names
    // another.
    const source = input.source ?? (fields.referrerId === undefined || fields.referrerId === null ? undefined : 'referral');
    const lead = await tx.insertLead({ ...fields, owner: fields.owner ?? ctx.actor, company: input.company, source }, now);
    const requestId = lead.referrerId === null ? null : await linkReferral(tx, lead.id, lead.referrerId, now);
    const referrer = requestId === undefined && lead.referrerId !== null ? await tx.getLead(lead.referrerId) : undefined;
    return { lead, referrer };
  });
  if (referrer !== undefined) sayNoOpenRequest(ctx, referrer);
  ctx.stdout.write(input.json === true ? JSON.stringify(leadJson(lead), null, 2) + '\n' : `${lead.id}\n`);
}

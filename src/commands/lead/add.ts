import type { Context } from '../../context.js';
import { leadJson } from '../../output/lead-json.js';
import { fieldsOf } from './fields.js';
import type { LeadAddInput } from './spec.js';

/** `leadq lead add`: a new lead; prints its id (--json: the lead). A company that already exists is exit 65. */
export async function handler(ctx: Context, input: LeadAddInput): Promise<void> {
  const lead = await ctx.store.write(async (tx) => {
    const fields = await fieldsOf(tx, input, undefined, ctx.actor);
    // The rep who adds a lead owns it unless --owner names another.
    return tx.insertLead({ ...fields, owner: fields.owner ?? ctx.actor, company: input.company, source: input.source }, ctx.now().toISOString());
  });
  ctx.stdout.write(input.json === true ? JSON.stringify(leadJson(lead), null, 2) + '\n' : `${lead.id}\n`);
}

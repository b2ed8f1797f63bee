import type { Context } from '../../context.js';
import { t } from '../../i18n/index.js';
import { leadJson } from '../../output/lead-json.js';
import { terminalLine } from '../../output/terminal-text.js';
import { relinkReferral, resolveLead } from '../../store/leads.js';
import { fieldsOf } from './fields.js';
import type { LeadEditInput } from './spec.js';

/** `leadq lead edit`: changes the given fields ('' clears one); a rename onto another lead's company is exit 65. */
export async function handler(ctx: Context, input: LeadEditInput): Promise<void> {
  const lead = await ctx.store.write(
    async (tx) => {
      const current = await resolveLead(tx, input.lead);
      const fields = await fieldsOf(tx, input, null, ctx.actor);
      const now = ctx.now().toISOString();
      const lead = await tx.updateLead(current, { ...fields, company: input.company, source: input.source }, now);
      await relinkReferral(tx, lead, current.referrerId, now);
      return lead;
    },
    { mustExist: true },
  );
  ctx.stdout.write(input.json === true ? JSON.stringify(leadJson(lead), null, 2) + '\n' : terminalLine(t('lead.edited', { id: lead.id, company: lead.company })) + '\n');
}

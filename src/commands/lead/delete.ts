import type { Context } from '../../context.js';
import { UsageError } from '../../errors.js';
import { t } from '../../i18n/index.js';
import { leadJson } from '../../output/lead-json.js';
import { terminalLine } from '../../output/terminal-text.js';
import { resolveLead } from '../../store/leads.js';
import type { LeadDeleteInput } from './spec.js';

/**
 * `leadq lead delete`: removes a lead with its history, contacts and referral requests. On a terminal it asks first
 * (the default is no); without one, --yes is required (64), so a script never deletes by accident.
 */
export async function handler(ctx: Context, input: LeadDeleteInput): Promise<void> {
  if (input.yes !== true) {
    if (ctx.stdin.isTTY !== true) throw new UsageError('lead.deleteNeedsYes', {}, 'lead.hintDeleteYes', { lead: input.lead });
    const lead = await ctx.store.read((tx) => resolveLead(tx, input.lead), { missing: 'refuse' });
    const { confirm } = await import('../../interview/confirm.js');
    if (!(await confirm(ctx, t('lead.confirmDelete', { id: lead.id, company: lead.company })))) {
      ctx.log.say('lead.deleteCancelled', { id: lead.id });
      return;
    }
  }
  const lead = await ctx.store.write(
    async (tx) => {
      const lead = await resolveLead(tx, input.lead);
      await tx.deleteLead(lead.id);
      return lead;
    },
    { mustExist: true },
  );
  ctx.stdout.write(input.json === true ? JSON.stringify({ deleted: leadJson(lead) }, null, 2) + '\n' : terminalLine(t('lead.deleted', { id: lead.id, company: lead.company })) + '\n');
}

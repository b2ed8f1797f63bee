import type { Context } from '../../context.js';
import { isClosed } from '../../domain/lead.js';
import { DataError } from '../../errors.js';
import { t } from '../../i18n/index.js';
import { leadJson } from '../../output/lead-json.js';
import { terminalLine } from '../../output/terminal-text.js';
import { resolveLead } from '../../store/leads.js';
import { statusLabel } from './labels.js';
import type { LeadReopenInput } from './spec.js';

/** `leadq lead reopen`: a closed lead goes back to its last verdict (new when never qualified); an open one is exit 65. */
export async function handler(ctx: Context, input: LeadReopenInput): Promise<void> {
  const lead = await ctx.store.write(
    async (tx) => {
      const current = await resolveLead(tx, input.lead);
      if (!isClosed(current.status)) throw new DataError('lead.notClosed', { id: current.id, company: current.company, status: statusLabel(current.status) });
      return tx.reopenLead(current.id, ctx.now().toISOString());
    },
    { mustExist: true },
  );
  ctx.stdout.write(input.json === true ? JSON.stringify(leadJson(lead), null, 2) + '\n' : terminalLine(t('lead.reopened', { id: lead.id, company: lead.company, status: statusLabel(lead.status) })) + '\n');
}

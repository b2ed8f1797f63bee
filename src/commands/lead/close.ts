import type { Context } from '../../context.js';
import { t } from '../../i18n/index.js';
import { terminalLine } from '../../output/terminal-text.js';
import { resolveLead } from '../../store/leads.js';
import { statusLabel } from './labels.js';
import type { LeadCloseInput } from './spec.js';

/** `leadq lead close`: won or lost (the spec checked exactly one was given), with an optional note (blank: none). */
export async function handler(ctx: Context, input: LeadCloseInput): Promise<void> {
  const outcome = input.won === true ? 'won' : 'lost';
  const note = input.note || null;
  const lead = await ctx.store.write(async (tx) => tx.closeLead((await resolveLead(tx, input.lead)).id, outcome, note, ctx.now().toISOString()), { mustExist: true });
  ctx.stdout.write(terminalLine(t('lead.closed', { id: lead.id, company: lead.company, status: statusLabel(lead.status) })) + '\n');
}

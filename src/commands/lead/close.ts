import type { Context } from '../../context.js';
import { isClosed } from '../../domain/lead.js';
import { DataError } from '../../errors.js';
import { t } from '../../i18n/index.js';
import { terminalLine } from '../../output/terminal-text.js';
import { resolveLead } from '../../store/leads.js';
import { statusLabel } from './labels.js';
import type { LeadCloseInput } from './spec.js';

/**
 * `leadq lead close`: won or lost (the spec checked exactly one was given), with an optional note that replaces the
 * old one (blank: none). A lead already closed is exit 65 unless --reopen says to close it again.
 */
export async function handler(ctx: Context, input: LeadCloseInput): Promise<void> {
  const outcome = input.won === true ? 'won' : 'lost';
  const note = input.note || null;
  const lead = await ctx.store.write(
    async (tx) => {
      const current = await resolveLead(tx, input.lead);
      if (isClosed(current.status) && input.reopen !== true) {
        throw new DataError('lead.alreadyClosed', { id: current.id, company: current.company, status: statusLabel(current.status) }, 'lead.hintReopen', { id: current.id });
      }
      return tx.closeLead(current.id, outcome, note, ctx.now().toISOString());
    },
    { mustExist: true },
  );
  ctx.stdout.write(terminalLine(t('lead.closed', { id: lead.id, company: lead.company, status: statusLabel(lead.status) })) + '\n');
}

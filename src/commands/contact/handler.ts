import type { Context } from '../../context.js';
import { t } from '../../i18n/index.js';
import { terminalLine } from '../../output/terminal-text.js';
import { localTime } from '../../output/time.js';
import { resolveLead } from '../../store/leads.js';
import type { ContactInput } from './spec.js';

/** `leadq contact`: logs a contact (default: now) and moves the lead's last contact forward, in one transaction. */
export async function handler(ctx: Context, input: ContactInput): Promise<void> {
  const { lead: leadRef, kind, note } = input;
  const now = ctx.now().toISOString();
  const at = input.at?.iso;
  const { lead, contact } = await ctx.store.write(
    async (tx) => {
      const lead = await resolveLead(tx, leadRef);
      return { lead, contact: await tx.insertContact({ leadId: lead.id, kind, at: at ?? now, note: note || null, by: ctx.actor }, now) };
    },
    { mustExist: true },
  );
  if (input.json === true) {
    ctx.stdout.write(JSON.stringify({ id: contact.id, lead_id: lead.id, kind: contact.kind, at: contact.at, note: contact.note, created_at: contact.createdAt, by: contact.by }, null, 2) + '\n');
  } else {
    ctx.stdout.write(terminalLine(t('contact.logged', { kind: t(`lead.kind.${kind}`), id: lead.id, company: lead.company, at: localTime(contact.at) })) + '\n');
  }
}

import { localDate, type Context } from '../../context.js';
import { followUpAfterContact } from '../../domain/today.js';
import { t } from '../../i18n/index.js';
import { terminalLine } from '../../output/terminal-text.js';
import { localTime } from '../../output/time.js';
import { resolveLead } from '../../store/leads.js';
import { contactJson } from './json.js';
import type { ContactInput } from './spec.js';

/** `leadq contact`: logs a contact (default: now), moves the lead's last contact forward and sets its follow-up day, in one transaction. */
export async function handler(ctx: Context, input: ContactInput): Promise<void> {
  const { lead: leadRef, kind, note } = input;
  const now = ctx.now().toISOString();
  const at = input.at?.iso ?? now;
  const { lead, contact, followUpOn } = await ctx.store.write(
    async (tx) => {
      const lead = await resolveLead(tx, leadRef);
      // --next sets the follow-up; without it, a follow-up due by the contact's day was this contact.
      const followUpOn = followUpAfterContact(lead.followUpOn, localDate(new Date(at)), input.next);
      const contact = await tx.insertContact({ leadId: lead.id, kind, at, note: note || null, followUpOn, by: ctx.actor }, now);
      return { lead, contact, followUpOn };
    },
    { mustExist: true },
  );
  if (input.json === true) {
    ctx.stdout.write(JSON.stringify({ ...contactJson(contact), follow_up_on: followUpOn }, null, 2) + '\n');
    return;
  }
  const lines = [t('contact.logged', { kind: t(`lead.kind.${kind}`), id: lead.id, company: lead.company, at: localTime(contact.at) })];
  if (input.next !== undefined) lines.push(t('contact.followUpSet', { date: input.next }));
  else if (lead.followUpOn !== null && followUpOn === null) lines.push(t('contact.followUpDone', { date: lead.followUpOn }));
  ctx.stdout.write(lines.map((l) => terminalLine(l) + '\n').join(''));
}

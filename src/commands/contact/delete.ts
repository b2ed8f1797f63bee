import type { Context } from '../../context.js';
import { NoInputError, UsageError } from '../../errors.js';
import { t } from '../../i18n/index.js';
import { terminalLine } from '../../output/terminal-text.js';
import { localTime } from '../../output/time.js';
import { leadIdOf } from '../../store/leads.js';
import { contactJson } from './json.js';
import type { ContactDeleteInput } from './spec.js';

/** `leadq contact delete <contact-id>`: removes a contact (a typo in --at is undone); the lead's last contact becomes the latest remaining one. */
export async function handler(ctx: Context, input: ContactDeleteInput): Promise<void> {
  const id = leadIdOf(input.contact);
  // An id is a whole number above 0 (as `contact list` shows it); anything else is a usage error, not "no such contact".
  if (id === undefined || !Number.isSafeInteger(id) || id <= 0) throw new UsageError('contact.badId', { value: input.contact.trim() }, 'contact.hintList');
  const { contact, lead, followUpBefore } = await ctx.store.write(
    async (tx) => {
      const existing = await tx.getContact(id);
      const followUpBefore = existing === undefined ? null : ((await tx.getLead(existing.leadId))?.followUpOn ?? null);
      const contact = await tx.deleteContact(id);
      if (contact === undefined) throw new NoInputError('contact.noSuchContact', { id: input.contact.trim() }, 'contact.hintList');
      return { contact, lead: await tx.getLead(contact.leadId), followUpBefore };
    },
    { mustExist: true },
  );
  const followUp = lead?.followUpOn ?? null;
  if (input.json === true) {
    ctx.stdout.write(JSON.stringify({ deleted: contactJson(contact), last_contact: lead?.lastContactAt ?? null, follow_up_on: followUp }, null, 2) + '\n');
    return;
  }
  const last = lead?.lastContactAt;
  const lines = [
    t('contact.deleted', { id: contact.id, kind: t(`lead.kind.${contact.kind}`), at: localTime(contact.at), leadId: contact.leadId, company: lead?.company ?? '' }),
    last === null || last === undefined ? t('contact.lastContactNone') : t('contact.lastContactNow', { at: localTime(last) }),
  ];
  // What the contact had done to the follow-up day is undone with it: say so.
  if (followUp !== followUpBefore) lines.push(followUp === null ? t('contact.followUpBackNone') : t('contact.followUpBack', { date: followUp }));
  ctx.stdout.write(lines.map((l) => terminalLine(l) + '\n').join(''));
}

import type { Contact } from '../../store/store.js';

/** A contact as JSON (snake_case, ISO UTC times), the same in `contact --json`, `contact list` and `contact delete --json`. */
export function contactJson(contact: Contact) {
  return { id: contact.id, lead_id: contact.leadId, kind: contact.kind, at: contact.at, note: contact.note, created_at: contact.createdAt, by: contact.by };
}

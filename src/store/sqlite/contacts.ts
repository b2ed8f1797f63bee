import { contactOfRow, type ContactRow } from '../leads.js';
import type { Contact, NewContact } from '../store.js';
import { prepared, type Db } from './db.js';
import { msOf, withIsoTimes } from './times.js';

/** Logs a contact and moves the lead's last_contact_at (and last_visit_at) forward to it (never back), setting its follow-up day when given; call inside a write transaction. */
export function insertContact(db: Db, contact: NewContact, now: string): Contact {
  // The contact keeps what it did to the follow-up day (before, after), for contact delete to undo.
  const row = prepared(
    db,
    `INSERT INTO contacts (lead_id, kind, at, note, created_at, "by", follow_up_before, follow_up_after)
     SELECT @leadId, @kind, @at, @note, @now, @by, follow_up_on, CASE WHEN @setFollowUp THEN @followUpOn ELSE follow_up_on END FROM leads WHERE id = @leadId
     RETURNING *`,
  ).get({
    leadId: contact.leadId,
    kind: contact.kind,
    at: msOf(contact.at),
    note: contact.note,
    now: msOf(now),
    by: contact.by ?? null,
    setFollowUp: contact.followUpOn === undefined ? 0 : 1,
    followUpOn: contact.followUpOn ?? null,
  }) as ContactRow;
  prepared(
    db,
    `UPDATE leads SET last_contact_at = CASE WHEN last_contact_at IS NULL OR last_contact_at < @at THEN @at ELSE last_contact_at END,
       last_visit_at = CASE WHEN @kind = 'visit' AND (last_visit_at IS NULL OR last_visit_at < @at) THEN @at ELSE last_visit_at END,
       follow_up_on = CASE WHEN @setFollowUp THEN @followUpOn ELSE follow_up_on END
     WHERE id = @id`,
  ).run({ at: msOf(contact.at), kind: contact.kind, id: contact.leadId, setFollowUp: contact.followUpOn === undefined ? 0 : 1, followUpOn: contact.followUpOn ?? null });
  return contactOfRow(withIsoTimes(row));
}

/** One contact by id, if any. */
export function getContact(db: Db, id: number): Contact | undefined {
  const row = prepared(db, 'SELECT * FROM contacts WHERE id = ?').get(id) as ContactRow | undefined;
  return row === undefined ? undefined : contactOfRow(withIsoTimes(row));
}

/**
 * Removes a contact; the lead's last contact and last visit become the latest remaining ones (a typo in --at is
 * undone), and its follow-up day is put back as it was before the contact, unless another contact changed it since.
 */
export function deleteContact(db: Db, id: number): Contact | undefined {
  const row = prepared(db, 'DELETE FROM contacts WHERE id = ? RETURNING *').get(id) as ContactRow | undefined;
  if (row === undefined) return undefined;
  prepared(
    db,
    `UPDATE leads SET last_contact_at = (SELECT max(at) FROM contacts WHERE lead_id = @id),
       last_visit_at = (SELECT max(at) FROM contacts WHERE lead_id = @id AND kind = 'visit'),
       follow_up_on = CASE WHEN follow_up_on IS @after THEN @before ELSE follow_up_on END
     WHERE id = @id`,
  ).run({ id: row.lead_id, before: row.follow_up_before, after: row.follow_up_after });
  return contactOfRow(withIsoTimes(row));
}

/** A lead's contacts, latest first. */
export function contactsOf(db: Db, leadId: number): Contact[] {
  return (prepared(db, 'SELECT * FROM contacts WHERE lead_id = ? ORDER BY at DESC, id DESC').all(leadId) as ContactRow[]).map((row) => contactOfRow(withIsoTimes(row)));
}

/** Whether a visit with the lead is logged: a lead let go after a visit is asked for referrals before the rep leaves. */
export function visitLogged(db: Db, leadId: number): boolean {
  return prepared(db, "SELECT 1 FROM contacts WHERE lead_id = ? AND kind = 'visit' LIMIT 1").get(leadId) !== undefined;
}

import type { ContactKind } from '../../domain/lead.js';
import type { Contact, NewContact } from '../store.js';
import { prepared, type Db } from './db.js';

interface ContactRow {
  id: number;
  lead_id: number;
  kind: ContactKind;
  at: string;
  note: string | null;
  created_at: string;
  by: string | null;
}

/** Logs a contact and moves the lead's last_contact_at forward to it (never back); call inside a write transaction. */
export function insertContact(db: Db, contact: NewContact, now: string): Contact {
  const row = prepared(db, 'INSERT INTO contacts (lead_id, kind, at, note, created_at, "by") VALUES (?, ?, ?, ?, ?, ?) RETURNING *').get(
    contact.leadId,
    contact.kind,
    contact.at,
    contact.note,
    now,
    contact.by ?? null,
  ) as ContactRow;
  prepared(db, 'UPDATE leads SET last_contact_at = @at WHERE id = @id AND (last_contact_at IS NULL OR last_contact_at < @at)').run({ at: contact.at, id: contact.leadId });
  return toContact(row);
}

/** A lead's contacts, latest first. */
export function contactsOf(db: Db, leadId: number): Contact[] {
  return (prepared(db, 'SELECT * FROM contacts WHERE lead_id = ? ORDER BY at DESC, id DESC').all(leadId) as ContactRow[]).map(toContact);
}

function toContact(row: ContactRow): Contact {
  return { id: row.id, leadId: row.lead_id, kind: row.kind, at: row.at, note: row.note, createdAt: row.created_at, by: row.by };
}

/** Whether a visit with the lead is logged: a lead let go after a visit is asked for referrals before the rep leaves. */
export function visitLogged(db: Db, leadId: number): boolean {
  return prepared(db, "SELECT 1 FROM contacts WHERE lead_id = ? AND kind = 'visit' LIMIT 1").get(leadId) !== undefined;
}

import type { Lead, ReferralGiven, ReferralRequestOfLead } from '../store.js';
import { prepared, type Db } from './db.js';
import { withIsoTimes } from './times.js';

// Read-only queries for `lead show`: who referred a lead, whom it referred, and the referral requests made to it.

/** The lead that referred this one (a recorded referral first, else the lead's referrer), if any. */
export function referredBy(db: Db, lead: Lead): { readonly id: number; readonly company: string } | undefined {
  const viaReferral = prepared(db, 'SELECT l.id, l.company FROM referrals f JOIN leads l ON l.id = f.referrer_id WHERE f.lead_id = ?').get(lead.id) as
    | { id: number; company: string }
    | undefined;
  if (viaReferral !== undefined || lead.referrerId === null) return viaReferral;
  return prepared(db, 'SELECT id, company FROM leads WHERE id = ?').get(lead.referrerId) as { id: number; company: string } | undefined;
}

/** The leads this one referred, oldest first (each once; both lookups use an index, so this stays instant on big files). */
export function referralsGiven(db: Db, leadId: number): ReferralGiven[] {
  return prepared(
    db,
    `SELECT l.id AS lead_id, l.company, l.status, f.request_id, f.created_at
       FROM referrals f JOIN leads l ON l.id = f.lead_id WHERE f.referrer_id = @id
     UNION ALL
     SELECT l.id, l.company, l.status, NULL, l.created_at
       FROM leads l WHERE l.referrer_id = @id AND NOT EXISTS (SELECT 1 FROM referrals f WHERE f.lead_id = l.id AND f.referrer_id = @id)
     ORDER BY 1`,
  ).all({ id: leadId }).map(withIsoTimes) as ReferralGiven[];
}

/** The referral requests made to a lead, newest first, with the number received for each. */
export function referralRequestsOf(db: Db, leadId: number): ReferralRequestOfLead[] {
  return prepared(
    db,
    `SELECT rr.id, rr.asked, (SELECT count(*) FROM referrals f WHERE f.request_id = rr.id) AS received, rr.note, rr.asked_at, rr."by"
       FROM referral_requests rr WHERE rr.lead_id = ? ORDER BY rr.id DESC`,
  ).all(leadId).map(withIsoTimes) as ReferralRequestOfLead[];
}

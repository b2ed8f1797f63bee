import type { NewReferral, NewReferralRequest, ReferralRequestRow, ReferralTotals } from '../store.js';
import { prepared, type Db } from './db.js';
import { isoTimesOf, msOf, sinceMs, withIsoTimes } from './times.js';

// Referral requests (the method: ask every visited prospect for 1 to 3, never more) and the referrals received.


/** Records a referral request to a lead; returns the request's id. Call inside a write transaction. */
export function insertReferralRequest(db: Db, request: NewReferralRequest): number {
  const result = prepared(db, 'INSERT INTO referral_requests (lead_id, asked, note, asked_at, "by") VALUES (?, ?, ?, ?, ?)').run(
    request.leadId,
    request.asked,
    request.note ?? null,
    msOf(request.askedAt),
    request.by ?? null,
  );
  return Number(result.lastInsertRowid);
}

/** The id of the referrals row linking a lead to its referrer, if any. */
export function referralOf(db: Db, leadId: number): number | undefined {
  return prepared(db, 'SELECT id FROM referrals WHERE lead_id = ?').pluck().get(leadId) as number | undefined;
}

/** The referrer's latest request with fewer referrals received than asked, if any. */
export function openReferralRequestId(db: Db, referrerId: number): number | undefined {
  const id = prepared(
    db,
    `SELECT rr.id FROM referral_requests rr
      WHERE rr.lead_id = ? AND (SELECT count(*) FROM referrals f WHERE f.request_id = rr.id) < rr.asked
      ORDER BY rr.id DESC LIMIT 1`,
  )
    .pluck()
    .get(referrerId) as number | undefined;
  return id;
}

/** Links a referred lead to its referrer (and the request it answers, or none); returns the referral's id. */
export function insertReferral(db: Db, referral: NewReferral): number {
  const result = prepared(db, 'INSERT INTO referrals (request_id, referrer_id, lead_id, created_at) VALUES (?, ?, ?, ?)').run(
    referral.requestId ?? null,
    referral.referrerId,
    referral.leadId,
    msOf(referral.createdAt),
  );
  return Number(result.lastInsertRowid);
}

/** Removes the referrals row of a referred lead. */
export function deleteReferralOf(db: Db, leadId: number): void {
  prepared(db, 'DELETE FROM referrals WHERE lead_id = ?').run(leadId);
}

/** One referral request by id, with its received count. */
export function getReferralRequest(db: Db, id: number): (ReferralRequestRow & { readonly note: string | null }) | undefined {
  return withIsoTimes(prepared(db, `${REQUEST_SELECT} WHERE rr.id = ?`).get(id) as (ReferralRequestRow & { note: string | null }) | undefined);
}

const REQUEST_SELECT = `
  SELECT rr.id, rr.lead_id, l.company, rr.asked,
         (SELECT count(*) FROM referrals f WHERE f.request_id = rr.id) AS received,
         rr.asked_at, rr.note
    FROM referral_requests rr JOIN leads l ON l.id = rr.lead_id`;

/** Every referral request, oldest first; `open`: only those with fewer received than asked. */
export function listReferralRequests(db: Db, options: { open: boolean }): IterableIterator<ReferralRequestRow> {
  const where = options.open ? ' WHERE (SELECT count(*) FROM referrals f WHERE f.request_id = rr.id) < rr.asked' : '';
  return isoTimesOf(prepared(db, `${REQUEST_SELECT}${where} ORDER BY rr.id`).iterate() as IterableIterator<ReferralRequestRow>);
}

/**
 * Referral activity since an ISO date (or ever): requests made, referrals asked for in them, the referred leads that
 * answer them (as `referral list` counts them), and referred leads created that answer no request.
 */
export function referralTotals(db: Db, since: string | undefined): ReferralTotals {
  const from = sinceMs(since);
  const requests = prepared(db, 'SELECT count(*) AS requests, coalesce(sum(asked), 0) AS asked FROM referral_requests WHERE asked_at >= ?').get(from) as {
    requests: number;
    asked: number;
  };
  const received = prepared(db, 'SELECT count(*) FROM referrals f JOIN referral_requests rr ON rr.id = f.request_id WHERE rr.asked_at >= ?').pluck().get(from) as number;
  const unrequested = prepared(
    db,
    `SELECT count(*) FROM leads WHERE created_at >= ? AND (referrer_id IS NOT NULL OR id IN (SELECT lead_id FROM referrals))
       AND id NOT IN (SELECT lead_id FROM referrals WHERE request_id IS NOT NULL)`,
  )
    .pluck()
    .get(from) as number;
  return { requests: requests.requests, asked: requests.asked, received, unrequested };
}

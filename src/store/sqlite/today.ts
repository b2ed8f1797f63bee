import { TOP_RANKS } from '../../domain/lead-sources.js';
import type { WorklistQuery, WorkReason } from '../../domain/today.js';
import type { WorklistRow } from '../store.js';
import { prepared, type Db } from './db.js';
import { CLOSED_SQL } from './leads.js';

// `leadq today` on the data file: the ranking of domain/today.ts as one query per reason, run one after the other.
// Each query takes its reason's leads in the reason's order through an index (status, score DESC, id), (follow_up_on),
// (qualified_at, id), and leaves out the leads an earlier reason already listed by testing the earlier reasons again
// (per row, no memory of what was listed), so the first rows of a million leads come at once and `| head` ends it.

// Each reason's test on a lead `l`, never NULL (so NOT of it is exact).
const QUIET = (rr: string) => `${rr}.asked_at < @askedBefore AND (SELECT count(*) FROM referrals f WHERE f.request_id = ${rr}.id) < ${rr}.asked`;
const RANKED = (r: string) => `${r}.rank <= ${TOP_RANKS}`;
const TEST: Readonly<Record<WorkReason, string>> = {
  visit: "(l.status = 'precise' AND l.last_visit_at IS NULL)",
  followUp: '(l.follow_up_on IS NOT NULL AND l.follow_up_on <= @today)',
  qualifying: "(l.status = 'qualifying')",
  referral: `EXISTS (SELECT 1 FROM referral_requests rr WHERE rr.lead_id = l.id AND ${QUIET('rr')})`,
  stale: '(l.qualified_at IS NOT NULL AND l.qualified_at < @qualifiedBefore)',
  top20: `(EXISTS (SELECT 1 FROM industry_rankings r WHERE r.lead_id = l.id AND ${RANKED('r')}) AND (l.last_contact_at IS NULL OR l.last_contact_at < @contactedBefore))`,
};
const ORDER: readonly WorkReason[] = ['visit', 'followUp', 'qualifying', 'referral', 'stale', 'top20'];

/** Open, and listed under no reason before this one. */
function notEarlier(reason: WorkReason): string {
  const earlier = ORDER.slice(0, ORDER.indexOf(reason)).map((r) => `NOT ${TEST[r]}`);
  return [`l.status NOT IN (${CLOSED_SQL})`, ...earlier].join(' AND ');
}

const LEAD = `l.id, l.company, l.status, l.score, l.follow_up_on AS followUpOn, l.qualified_at AS qualifiedAt,
  l.last_contact_at AS lastContactAt, l.next_action AS nextAction`;
const NO_EXTRA = 'NULL AS askedAt, NULL AS asked, NULL AS received, NULL AS industry, NULL AS rank';

const QUERIES: ReadonlyArray<readonly [WorkReason, string]> = [
  ['visit', `SELECT ${LEAD}, ${NO_EXTRA} FROM leads l WHERE ${TEST.visit} ORDER BY l.score DESC, l.id`],
  ['followUp', `SELECT ${LEAD}, ${NO_EXTRA} FROM leads l WHERE ${TEST.followUp} AND ${notEarlier('followUp')} ORDER BY l.follow_up_on, l.id`],
  ['qualifying', `SELECT ${LEAD}, ${NO_EXTRA} FROM leads l WHERE ${TEST.qualifying} AND ${notEarlier('qualifying')} ORDER BY l.score DESC, l.id`],
  [
    'referral',
    // The lead's oldest quiet request (one row per lead).
    `SELECT ${LEAD}, q.asked_at AS askedAt, q.asked, (SELECT count(*) FROM referrals f WHERE f.request_id = q.id) AS received, NULL AS industry, NULL AS rank
       FROM referral_requests q JOIN leads l ON l.id = q.lead_id
      WHERE ${QUIET('q')}
        AND q.id = (SELECT rr.id FROM referral_requests rr WHERE rr.lead_id = q.lead_id AND ${QUIET('rr')} ORDER BY rr.asked_at, rr.id LIMIT 1)
        AND ${notEarlier('referral')}
      ORDER BY q.asked_at, l.id`,
  ],
  ['stale', `SELECT ${LEAD}, ${NO_EXTRA} FROM leads l WHERE ${TEST.stale} AND ${notEarlier('stale')} ORDER BY l.qualified_at, l.id`],
  [
    'top20',
    // The account's best rank (one row per lead): no rank of it comes before this one.
    `SELECT ${LEAD}, NULL AS askedAt, NULL AS asked, NULL AS received, k.industry, k.rank
       FROM industry_rankings k JOIN leads l ON l.id = k.lead_id
      WHERE ${RANKED('k')}
        AND NOT EXISTS (SELECT 1 FROM industry_rankings r WHERE r.lead_id = k.lead_id AND ${RANKED('r')} AND (r.industry < k.industry OR (r.industry = k.industry AND r.rank < k.rank)))
        AND (l.last_contact_at IS NULL OR l.last_contact_at < @contactedBefore)
        AND ${notEarlier('top20')}
      ORDER BY k.industry, k.rank, l.id`,
  ],
];

/** Today's list, reason after reason, each in its order (a lazy iterator: stopping early runs no further query). */
export function* worklist(db: Db, query: WorklistQuery): IterableIterator<WorklistRow> {
  const params = { ...query };
  for (const [reason, sql] of QUERIES) {
    const statement = prepared(db, sql);
    // Each query names only the cut-offs it uses.
    const used = Object.fromEntries(Object.entries(params).filter(([name]) => sql.includes(`@${name}`)));
    for (const row of statement.iterate(used) as IterableIterator<Omit<WorklistRow, 'reason'>>) yield { ...row, reason };
  }
}

import { CLOSED_STATUSES, LEAD_STATUSES } from '../domain/lead.js';
import { TOP_RANKS } from '../domain/lead-sources.js';
import type { WorkReason } from '../domain/today.js';

// `leadq today` as SQL, one query per reason, for every backend (sqlite/today.ts, postgres/store.ts): the ranking of
// domain/today.ts. Each query takes its reason's leads in the reason's order through an index and leaves out the
// leads an earlier reason already listed by testing the earlier reasons again (per row, no memory of what was
// listed), so the first rows of a million leads come at once and `| head` ends it. A backend says how it names the
// cut-offs, orders scores (NULL last) and types a NULL.

/** How a backend writes what differs. */
export interface WorklistDialect {
  /** The cut-offs of domain/today.ts WorklistQuery as SQL expressions (parameters), and the rep (NULL: every rep). */
  readonly today: string;
  readonly qualifiedBefore: string;
  readonly askedBefore: string;
  readonly contactedBefore: string;
  readonly owner: string;
  /** Highest score first, NULL (never qualified) last, as SQLite's DESC orders it. */
  readonly scoreDesc: string;
  /** What goes before SELECT (a WITH clause naming the cut-offs), and the tables it adds to FROM. */
  readonly prefix: string;
  readonly from: string;
  /** A typed NULL of a column the reason does not fill ('text', 'int'). */
  readonly nullOf: (type: 'text' | 'int') => string;
  /** What follows `leads l` to make the planner read it through this index ('' where the planner needs no telling). */
  readonly indexedBy: (index: string) => string;
}

/**
 * The statuses a lead listed as stale can have: open, and not qualifying (those are listed under their own reason
 * before). The stale index holds only these leads (SQLite v6, PostgreSQL v5); the query names them in the very words
 * of the index's WHERE, which is what lets SQLite's planner take it.
 */
const STALE_STATUSES_SQL = LEAD_STATUSES.filter((s) => s !== 'qualifying' && !(CLOSED_STATUSES as readonly string[]).includes(s))
  .map((s) => `l.status = '${s}'`)
  .join(' OR ');

/** The reasons, in the worklist's order. */
const ORDER: readonly WorkReason[] = ['visit', 'followUp', 'qualifying', 'referral', 'stale', 'top20'];

/** Each reason's query, in the worklist's order; rows carry the WorklistRow fields but reason. */
export function worklistQueries(d: WorklistDialect): ReadonlyArray<readonly [WorkReason, string]> {
  const closed = CLOSED_STATUSES.map((s) => `'${s}'`).join(', ');
  // Each reason's test on a lead `l`, never NULL (so NOT of it is exact).
  const quiet = (rr: string) => `${rr}.asked_at < ${d.askedBefore} AND (SELECT count(*) FROM referrals f WHERE f.request_id = ${rr}.id) < ${rr}.asked`;
  const ranked = (r: string) => `${r}.rank <= ${TOP_RANKS}`;
  const test: Readonly<Record<WorkReason, string>> = {
    visit: "(l.status = 'precise' AND l.last_visit_at IS NULL)",
    followUp: `(l.follow_up_on IS NOT NULL AND l.follow_up_on <= ${d.today})`,
    qualifying: "(l.status = 'qualifying')",
    referral: `EXISTS (SELECT 1 FROM referral_requests rr WHERE rr.lead_id = l.id AND ${quiet('rr')})`,
    stale: `((${STALE_STATUSES_SQL}) AND l.qualified_at IS NOT NULL AND l.qualified_at < ${d.qualifiedBefore})`,
    top20: `(EXISTS (SELECT 1 FROM industry_rankings r WHERE r.lead_id = l.id AND ${ranked('r')}) AND (l.last_contact_at IS NULL OR l.last_contact_at < ${d.contactedBefore}))`,
  };
  /** Open, the rep's own or nobody's (unless every rep's), and listed under no reason before this one. */
  const notEarlier = (reason: WorkReason) =>
    [`l.status NOT IN (${closed})`, `(${d.owner} IS NULL OR l.owner = ${d.owner} OR l.owner IS NULL)`, ...ORDER.slice(0, ORDER.indexOf(reason)).map((r) => `NOT ${test[r]}`)].join(' AND ');
  const lead = `l.id, l.company, l.status, l.score, l.follow_up_on AS "followUpOn", l.qualified_at AS "qualifiedAt",
    l.last_contact_at AS "lastContactAt", l.next_action AS "nextAction"`;
  const received = (q: string) => `(SELECT count(*) FROM referrals f WHERE f.request_id = ${q}.id) AS received`;
  const noRequest = `${d.nullOf('text')} AS "askedAt", ${d.nullOf('int')} AS asked, ${d.nullOf('int')} AS received`;
  const noRank = `${d.nullOf('text')} AS industry, ${d.nullOf('int')} AS rank`;
  const from = (tables: string) => `FROM ${d.from}${tables}`;
  const simple = (reason: WorkReason, order: string, index?: string) =>
    `${d.prefix}SELECT ${lead}, ${noRequest}, ${noRank} ${from(`leads l${index === undefined ? '' : d.indexedBy(index)}`)} WHERE ${test[reason]} AND ${notEarlier(reason)} ORDER BY ${order}`;
  return [
    ['visit', simple('visit', `${d.scoreDesc}, l.id`)],
    ['followUp', simple('followUp', 'l.follow_up_on, l.id')],
    ['qualifying', simple('qualifying', `${d.scoreDesc}, l.id`)],
    [
      'referral',
      // The lead's oldest quiet request (one row per lead).
      `${d.prefix}SELECT ${lead}, q.asked_at AS "askedAt", q.asked, ${received('q')}, ${noRank}
         ${from('referral_requests q JOIN leads l ON l.id = q.lead_id')}
        WHERE ${quiet('q')}
          AND q.id = (SELECT rr.id FROM referral_requests rr WHERE rr.lead_id = q.lead_id AND ${quiet('rr')} ORDER BY rr.asked_at, rr.id LIMIT 1)
          AND ${notEarlier('referral')}
        ORDER BY q.asked_at, l.id`,
    ],
    // Without statistics SQLite would rather read the statuses through (status, score) and sort them.
    ['stale', simple('stale', 'l.qualified_at, l.id', 'leads_qualified_at')],
    [
      'top20',
      // The account's best rank (one row per lead): no rank of it comes before this one.
      `${d.prefix}SELECT ${lead}, ${noRequest}, k.industry, k.rank
         ${from('industry_rankings k JOIN leads l ON l.id = k.lead_id')}
        WHERE ${ranked('k')}
          AND NOT EXISTS (SELECT 1 FROM industry_rankings r WHERE r.lead_id = k.lead_id AND ${ranked('r')} AND (r.industry < k.industry OR (r.industry = k.industry AND r.rank < k.rank)))
          AND (l.last_contact_at IS NULL OR l.last_contact_at < ${d.contactedBefore})
          AND ${notEarlier('top20')}
        ORDER BY k.industry, k.rank, l.id`,
    ],
  ];
}

import { isClosed, type LeadStatus } from './lead.js';
import { TOP_RANKS } from './lead-sources.js';

// The rep's day, PURE: what `leadq today` lists and in which order (SPEC "The rep's day"). One row per lead, under the
// first of these reasons that holds for it, in this order:
//   1. visit       precise, and no visit logged yet: the method's "visit the KP" (best score first)
//   2. followUp    a follow-up day (`contact --next`) that is today or past (earliest first)
//   3. qualifying  qualifying: its first next action (best score first)
//   4. referral    a referral request with fewer received than asked, asked more than 7 days ago (oldest first)
//   5. stale       the latest qualification is older than --days (90): re-qualify (oldest first)
//   6. top20       a top-20 account with no contact in 30 days (by industry, then rank)
// Closed (won/lost) leads never appear. A store ranks in its own query language (it must be fast on a million leads);
// worklistReason and compareWork are the rule it must agree with (test/store/today.test.ts checks it does).

/** Why a lead is on today's list, in the order the list is ranked. */
export const WORK_REASONS = ['visit', 'followUp', 'qualifying', 'referral', 'stale', 'top20'] as const;
export type WorkReason = (typeof WORK_REASONS)[number];

/** `today --days` default: a qualification older than this is re-done. */
export const STALE_DAYS = 90;
/** A referral request still short of referrals this many days after it was made is followed up. */
export const REFERRAL_QUIET_DAYS = 7;
/** A top-20 account with no contact for this many days is due a contact. */
export const TOP20_QUIET_DAYS = 30;

/** The cut-offs of one day's list: the local day and the instants (UTC ISO) the reasons compare with. */
export interface WorklistQuery {
  /** Today, the rep's local day (YYYY-MM-DD): follow-ups on or before it are due. */
  readonly today: string;
  /** A latest qualification before this instant is stale. */
  readonly qualifiedBefore: string;
  /** An open referral request made before this instant has gone quiet. */
  readonly askedBefore: string;
  /** A top-20 account with no contact at or after this instant is due one. */
  readonly contactedBefore: string;
  /** Only this rep's leads and nobody's (a team's store); undefined: every rep's (`--all`). */
  readonly owner?: string | undefined;
}

const DAY_MS = 86_400_000;

/** The cut-offs for the day `now` falls on (today: the rep's local day); staleDays: `--days`. */
export function worklistQuery(now: Date, today: string, staleDays: number = STALE_DAYS, owner?: string): WorklistQuery {
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
  return { today, qualifiedBefore: before(staleDays), askedBefore: before(REFERRAL_QUIET_DAYS), contactedBefore: before(TOP20_QUIET_DAYS), owner };
}

/** A referral request made to a lead, with how many referrals came of it. */
export interface RequestFacts {
  readonly askedAt: string;
  readonly asked: number;
  readonly received: number;
}

/** What the ranking knows about a lead. */
export interface WorkFacts {
  readonly id: number;
  readonly status: LeadStatus;
  readonly score: number | null;
  readonly lastVisitAt: string | null;
  readonly lastContactAt: string | null;
  readonly followUpOn: string | null;
  readonly qualifiedAt: string | null;
  readonly requests: readonly RequestFacts[];
  readonly rankings: ReadonlyArray<{ readonly industry: string; readonly rank: number }>;
}

/** The requests of a lead that have gone quiet: fewer received than asked, asked before the cut-off. */
export function quietRequests(requests: readonly RequestFacts[], query: WorklistQuery): RequestFacts[] {
  return requests.filter((r) => r.received < r.asked && r.askedAt < query.askedBefore);
}

/** The ranks that make a lead a top-20 account, best first (by industry, then rank). */
export function topRanks(facts: Pick<WorkFacts, 'rankings'>): Array<{ readonly industry: string; readonly rank: number }> {
  return facts.rankings.filter((r) => r.rank <= TOP_RANKS).sort((a, b) => compareText(a.industry, b.industry) || a.rank - b.rank);
}

/** The reason a lead is on the list (the first that holds), or undefined when it has nothing to do today. */
export function worklistReason(facts: WorkFacts, query: WorklistQuery): WorkReason | undefined {
  if (isClosed(facts.status)) return undefined;
  if (facts.status === 'precise' && facts.lastVisitAt === null) return 'visit';
  if (facts.followUpOn !== null && facts.followUpOn <= query.today) return 'followUp';
  if (facts.status === 'qualifying') return 'qualifying';
  if (quietRequests(facts.requests, query).length > 0) return 'referral';
  if (facts.qualifiedAt !== null && facts.qualifiedAt < query.qualifiedBefore) return 'stale';
  if (topRanks(facts).length > 0 && (facts.lastContactAt === null || facts.lastContactAt < query.contactedBefore)) return 'top20';
  return undefined;
}

/** The key a lead sorts by within its reason (see the list at the top); ties go by lead id. */
function sortKey(reason: WorkReason, facts: WorkFacts, query: WorklistQuery): ReadonlyArray<string | number> {
  switch (reason) {
    case 'visit':
    case 'qualifying':
      return [-(facts.score ?? -1)];
    case 'followUp':
      return [facts.followUpOn ?? ''];
    case 'referral':
      return [quietRequests(facts.requests, query).map((r) => r.askedAt).sort(compareText)[0] ?? ''];
    case 'stale':
      return [facts.qualifiedAt ?? ''];
    case 'top20': {
      const best = topRanks(facts)[0];
      return [best?.industry ?? '', best?.rank ?? 0];
    }
  }
}

/** Text compared by code point, as the stores compare it (SQLite's BINARY collation on UTF-8). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Today's list from the facts of every lead: the rule a store's own query must agree with. */
export function rankWorklist(leads: readonly WorkFacts[], query: WorklistQuery): Array<{ readonly id: number; readonly reason: WorkReason }> {
  const listed = leads.flatMap((facts) => {
    const reason = worklistReason(facts, query);
    return reason === undefined ? [] : [{ facts, reason, key: sortKey(reason, facts, query) }];
  });
  listed.sort((a, b) => {
    const byReason = WORK_REASONS.indexOf(a.reason) - WORK_REASONS.indexOf(b.reason);
    if (byReason !== 0) return byReason;
    for (let i = 0; i < a.key.length; i++) {
      const x = a.key[i]!;
      const y = b.key[i]!;
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : compareText(String(x), String(y));
      if (c !== 0) return c;
    }
    return a.facts.id - b.facts.id;
  });
  return listed.map(({ facts, reason }) => ({ id: facts.id, reason }));
}

/**
 * What logging a contact does to a lead's follow-up day: `--next` sets it; without it, a follow-up due on or before
 * the contact's local day is done and cleared (a later one stays: a contact back-dated with --at does not do it).
 */
export function followUpAfterContact(current: string | null, contactDay: string, next: string | undefined): string | null {
  if (next !== undefined) return next;
  return current !== null && current <= contactDay ? null : current;
}

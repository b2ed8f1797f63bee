// The method's rules about where precise leads come from, PURE: how many referrals to ask for, which ranks of an
// industry are its top 20, and the article's yardsticks (cold visits sign 1 in 66; the author's precise leads 6–7 of
// 30–40 visits a month).

/** How many referrals a rep may ask one prospect for: 1 at least, 3 is best, never more. */
export const REFERRAL_ASK_MIN = 1;
export const REFERRAL_ASK_MAX = 3;
export const REFERRAL_ASK_DEFAULT = 3;

/** A number of referrals asked for (1 to 3). */
export type ReferralAsk = 1 | 2 | 3;

/** A referral count as typed (full-width digits, spaces) when it is 1 to 3; undefined for anything else. */
export function referralAskOf(text: string): ReferralAsk | undefined {
  const trimmed = text.normalize('NFKC').trim();
  const count = /^\d{1,3}$/.test(trimmed) ? Number(trimmed) : NaN;
  return count >= REFERRAL_ASK_MIN && count <= REFERRAL_ASK_MAX ? (count as ReferralAsk) : undefined;
}

/** The method's list is the top 20 of each industry; ranks beyond it are stored but never listed. */
export const TOP_RANKS = 20;

/** The article's yardsticks: cold visits sign about 1 in 66; with precise leads the author signed 6–7 of 30–40 visits a month. */
export const BASELINES = {
  cold_visit: { won: 1, visits: 66 },
  author_precise: { won: 6.5, visits: 35 },
} as const;

/** Won per visit, or null before the first visit. */
export function wonPerVisit(won: number, visits: number): number | null {
  return visits === 0 ? null : won / visits;
}

// The answers' enum values as plain constants, free of zod, so light commands (lead list, --help) can use them.

/** Lead sources from docs/method.md, best first; `cold` is the 1-in-66 baseline. */
export const SOURCES = ['competitor_customer', 'referral', 'channel', 'top20', 'cold', 'inbound', 'other'] as const;
export const NEED_KINDS = ['switching', 'exploring', 'initiative', 'already_has', 'none', 'unknown'] as const;
export const KP_ROLES = ['owner', 'chairman', 'gm', 'vp', 'director', 'manager', 'staff', 'other'] as const;
export const YES_NO_UNKNOWN = ['yes', 'no', 'unknown'] as const;
export const OTHER_DECIDERS = ['none', 'spouse', 'partner', 'parent_company', 'board', 'other', 'unknown'] as const;
/** When the money can be had; `not_now` (no money right now, could move some) is open, only `no` (truly no money) fails. */
export const FUNDS = ['now', 'by_date', 'needs_financing', 'not_now', 'no', 'unknown'] as const;
export const RECOGNIZES_VALUE = ['yes', 'partly', 'no', 'unknown'] as const;

export type Source = (typeof SOURCES)[number];
export type NeedKind = (typeof NEED_KINDS)[number];
export type KpRole = (typeof KP_ROLES)[number];
export type YesNoUnknown = (typeof YES_NO_UNKNOWN)[number];
export type OtherDecider = (typeof OTHER_DECIDERS)[number];
export type Funds = (typeof FUNDS)[number];
export type RecognizesValue = (typeof RECOGNIZES_VALUE)[number];

import type { Source } from '../engine/enums.js';
import type { Verdict } from '../engine/types.js';

// What a lead is beyond one qualification, PURE and light (no zod, no SQLite): command registration (help, choices,
// completion) imports it. The lead's fields are in lead-fields.ts.

/** A lead's status: new (never qualified), the latest verdict, or closed as won/lost (which a re-qualification keeps). */
export const LEAD_STATUSES = ['new', 'qualifying', 'precise', 'disqualified', 'won', 'lost'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

/** The statuses of a closed lead: the deal was won or lost. */
export const CLOSED_STATUSES = ['won', 'lost'] as const satisfies readonly LeadStatus[];

/** Whether a lead with this status is closed (won or lost). */
export function isClosed(status: LeadStatus): boolean {
  return (CLOSED_STATUSES as readonly LeadStatus[]).includes(status);
}

/** A lead's status after a qualification: the verdict, except that a closed lead stays closed. */
export function statusAfterQualification(current: LeadStatus, verdict: Verdict): LeadStatus {
  return isClosed(current) ? current : verdict;
}

/** The source of a lead whose source is not given: the cold list, the method's 1-in-66 baseline (SPEC's answers default). */
export const DEFAULT_SOURCE = 'cold' satisfies Source;

/** What a logged contact was. */
export const CONTACT_KINDS = ['visit', 'call', 'email', 'meeting'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

/** Whether value is one of the allowed strings (narrowing). */
export function isOneOf<T extends string>(allowed: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value);
}

/** The orders of `lead list`: id (ascending), score (highest first), updated and last_contact (oldest first, never first). */
export const LEAD_SORTS = ['id', 'score', 'updated', 'last_contact'] as const;
export type LeadSort = (typeof LEAD_SORTS)[number];

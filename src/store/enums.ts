// Enum values of the data file, zod- and sqlite-free so command registration (help, choices) can import them.

/** A lead's status: new (never qualified), the latest verdict, or closed as won/lost (which a re-qualification keeps). */
export const LEAD_STATUSES = ['new', 'qualifying', 'precise', 'disqualified', 'won', 'lost'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

/** What a logged contact was. */
export const CONTACT_KINDS = ['visit', 'call', 'email', 'meeting'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

/** Whether value is one of the allowed strings (narrowing). */
export function isOneOf<T extends string>(allowed: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value);
}

import type { Context } from '../context.js';
import type { Answers } from '../engine/answers.js';
import type { Qualification } from '../engine/types.js';

/** What qualify needs to save one result. */
export interface SaveQualificationInput {
  readonly ctx: Context;
  /** The [lead] argument (id or company name), when given. */
  readonly leadRef: string | undefined;
  readonly answers: Answers;
  readonly result: Qualification;
  /** --dry-run: look the lead up if the data file exists, but never create or write anything. */
  readonly dryRun: boolean;
  /** A referral request the rep chose to record after a non-precise verdict (saved in the same transaction). */
  readonly referralRequest?: { readonly asked: 1 | 2 | 3; readonly note?: string };
}

export interface SaveQualificationOutcome {
  readonly lead: { readonly id: number | null; readonly company: string };
  readonly saved: boolean;
  /** Why nothing was saved (message key), e.g. dry run. */
  readonly notSavedReason?: 'qualify.notSavedDryRun' | 'qualify.notSavedNoStore';
}

/**
 * Creates or updates the lead from answers.lead (or resolves leadRef) and appends the qualification to its history,
 * in one transaction. Placeholder until the data file exists: saves nothing and says so.
 */
export async function saveQualification(input: SaveQualificationInput): Promise<SaveQualificationOutcome> {
  const company = input.answers.lead?.company ?? input.leadRef ?? '';
  return {
    lead: { id: null, company },
    saved: false,
    notSavedReason: input.dryRun ? 'qualify.notSavedDryRun' : 'qualify.notSavedNoStore',
  };
}

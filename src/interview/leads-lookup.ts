import type { LeadFacts } from '../domain/qualify-input.js';
import type { Answers } from '../engine/answers.js';
import { leadFacts, resolveLead } from '../store/leads.js';
import type { LeadSummary, Store } from '../store/store.js';

// The interview's read-only view of the store: find leads as the rep types, resolve the [lead] argument, and fetch the
// previous answers of a lead being re-qualified. It never creates, migrates or writes the store: an interview that is
// cancelled leaves no trace, and the one write happens at the end (the save).

export type { LeadSummary };

/** What the interview needs from the stored leads (tests give their own). */
export interface LeadDirectory {
  /** Leads whose name contains the text (all when empty), exact match first. */
  search(text: string, limit: number): Promise<readonly LeadSummary[]>;
  /** The [lead] argument (id or company name) → the lead; 66 when there is none, 64 when ambiguous. */
  resolve(ref: string): Promise<LeadSummary>;
  /** The answers of the lead's latest qualification: the defaults of a re-qualification. */
  previousAnswers(leadId: number): Promise<Answers | undefined>;
  /** What the rules need beyond the answers: the lead's source and names, whether a visit is logged, its referrer. */
  facts(leadId: number): Promise<LeadFacts | undefined>;
}

/** A directory over a store, read as it is (a store not there yet, or from an older leadq, has no leads). */
export function leadDirectory(store: Store): LeadDirectory {
  const NO_MIGRATION = { migrate: 'no' } as const;
  return {
    search: (text, limit) => store.read((tx) => tx.searchLeads(text, limit), NO_MIGRATION),
    resolve: (ref) => store.read((tx) => resolveLead(tx, ref), NO_MIGRATION),
    previousAnswers: (leadId) => store.read(async (tx) => (await tx.latestQualification(leadId))?.answers, NO_MIGRATION),
    facts: (leadId) =>
      store.read(async (tx) => {
        const lead = await tx.getLead(leadId);
        return lead === undefined ? undefined : leadFacts(tx, lead);
      }, NO_MIGRATION),
  };
}

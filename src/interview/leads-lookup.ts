import type { Answers } from '../engine/answers.js';
import type { Db } from '../store/db.js';
import { leadFacts, type LeadFacts } from '../store/lead-facts.js';
import { getLead, leadNotFound, resolveLead, searchLeads, type Lead } from '../store/leads.js';
import { latestQualification } from '../store/qualifications.js';

// The interview's read-only view of the data file: find leads as the rep types, resolve the [lead] argument, and
// fetch the previous answers of a lead being re-qualified. It never creates or writes the file: an interview that
// is cancelled leaves no trace, and the one write happens at the end (saveQualification).

/** A lead as the picker shows it. */
export type LeadSummary = Pick<Lead, 'id' | 'company' | 'companyKey' | 'source' | 'status' | 'score'>;

/** What the interview needs from the stored leads (tests give their own). */
export interface LeadDirectory {
  /** Leads whose name contains the text (all when empty), exact match first. */
  search(text: string, limit: number): readonly LeadSummary[];
  /** The [lead] argument (id or company name) → the lead; 66 when there is none, 64 when ambiguous. */
  resolve(ref: string): LeadSummary;
  /** The answers of the lead's latest qualification: the defaults of a re-qualification. */
  previousAnswers(leadId: number): Answers | undefined;
  /** What the rules need beyond the answers: the lead's source and names, whether a visit is logged, its referrer. */
  facts(leadId: number): LeadFacts | undefined;
  close(): void;
}

/** A directory over an open read-only data file, or an empty one when there is no data file yet. */
export function leadDirectory(db: Db | undefined): LeadDirectory {
  if (db === undefined) return emptyDirectory;
  return {
    search: (text, limit) => searchLeads(db, text, limit),
    resolve: (ref) => resolveLead(db, ref),
    previousAnswers: (leadId) => latestQualification(db, leadId)?.answers,
    facts: (leadId) => {
      const lead = getLead(db, leadId);
      return lead === undefined ? undefined : leadFacts(db, lead);
    },
    close: () => db.close(),
  };
}

const emptyDirectory: LeadDirectory = {
  search: () => [],
  resolve(ref) {
    throw leadNotFound(ref);
  },
  previousAnswers: () => undefined,
  facts: () => undefined,
  close: () => undefined,
};

import type { Context } from '../context.js';
import type { Answers } from '../engine/answers.js';
import type { Qualification } from '../engine/types.js';
import { DataError } from '../errors.js';
import { normaliseCompany } from '../domain/company.js';
import type { Db } from '../store/db.js';
import { leadFacts, type LeadFacts } from '../store/lead-facts.js';
import { findLead, insertLead, resolveLead, setLeadQualification, updateLead, type Lead, type LeadFields } from '../store/leads.js';
import { openStore, openStoreIfExists, withWriteTransaction } from '../store/open.js';
import { insertQualification } from '../store/qualifications.js';
import { insertReferralRequest } from '../store/referrals.js';
import { givenText } from './lead.fields.js';
import { referrerName } from './qualify.input.js';

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

/** What the data file says about the lead the answers are about, and the company of the referrer the answers name. */
export interface StoredFacts {
  /** undefined for a new lead or no data file. */
  readonly lead: LeadFacts | undefined;
  readonly referrer: string | undefined;
}

/**
 * The stored facts of the lead the answers are about (read-only), so that re-qualifying a stored competitor's customer
 * without repeating its source still ranks it as one, its competitor is named and a logged visit is known.
 */
export function storedLeadFacts(ctx: Context, leadRef: string | undefined, answers: Answers): StoredFacts {
  const company = answeredCompany(answers);
  const asked = answers.lead?.referrer;
  const db = leadRef === undefined && company === '' && asked === undefined ? undefined : openStoreIfExists(ctx.dbPath, { busyTimeoutMs: ctx.env.busyTimeoutMs, migrate: false });
  try {
    const lead = db === undefined ? undefined : existingLead(db, leadRef, company);
    const findCompany = (ref: string) => {
      if (db === undefined) return undefined;
      try {
        return resolveLead(db, ref).company;
      } catch {
        // Not found or ambiguous: the save refuses it with the reason; the dry run shows the name as typed.
        return undefined;
      }
    };
    return { lead: lead === undefined || db === undefined ? undefined : leadFacts(db, lead), referrer: referrerName(asked, findCompany) };
  } finally {
    db?.close();
  }
}

/**
 * Creates or updates the lead from answers.lead (or resolves leadRef) and appends the qualification to its history,
 * with the lead's new status and score and the optional referral request, in one immediate transaction.
 * A dry run only looks the lead up (read-only, if the data file exists) and writes nothing.
 */
export async function saveQualification(input: SaveQualificationInput): Promise<SaveQualificationOutcome> {
  const { ctx, leadRef, answers } = input;
  const company = answeredCompany(answers);
  if (input.dryRun) {
    const lead = peekLead(ctx, leadRef, company);
    return { lead: { id: lead?.id ?? null, company: lead?.company ?? (company || (leadRef ?? '')) }, saved: false, notSavedReason: 'qualify.notSavedDryRun' };
  }
  if (leadRef === undefined && company === '') throw new DataError('qualify.companyRequired', {}, 'qualify.hintAnswersSchema');
  const db = openStore(ctx.dbPath, { busyTimeoutMs: ctx.env.busyTimeoutMs });
  try {
    const lead = withWriteTransaction(db, () => {
      const now = ctx.now().toISOString();
      const saved = leadOfAnswers(db, leadRef, answers, now);
      insertQualification(db, { leadId: saved.id, answers, result: input.result, engineVersion: input.result.method, createdAt: now });
      setLeadQualification(db, saved.id, input.result.verdict, input.result.score, now);
      if (input.referralRequest !== undefined) {
        insertReferralRequest(db, { leadId: saved.id, asked: input.referralRequest.asked, note: input.referralRequest.note, askedAt: now });
      }
      return saved;
    });
    return { lead: { id: lead.id, company: lead.company }, saved: true };
  } finally {
    db.close();
  }
}

/** The lead the answers are about, created if new, with the fields the answers give brought up to date. */
function leadOfAnswers(db: Db, leadRef: string | undefined, answers: Answers, now: string): Lead {
  const given = answers.lead ?? {};
  const company = answeredCompany(answers);
  const existing = existingLead(db, leadRef, company);
  const referrer = given.referrer === undefined || String(given.referrer).trim() === '' ? undefined : resolveLead(db, given.referrer);
  const fields: LeadFields = {
    company: company === '' ? undefined : company,
    contact: givenText(given.contact),
    title: givenText(given.title),
    phone: givenText(given.phone),
    email: givenText(given.email),
    industry: givenText(given.industry),
    source: given.source,
    competitor: givenText(given.competitor),
    partner: givenText(given.partner),
    // A lead is never its own referrer: a self-reference in the answers is ignored.
    referrerId: referrer === undefined || referrer.id === existing?.id ? undefined : referrer.id,
  };
  if (existing === undefined) return insertLead(db, { ...fields, company }, now);
  // The same company, maybe spelled differently: the stored name stays (existingLead refused another company).
  return updateLead(db, existing, { ...fields, company: undefined }, now);
}

/** The company the answers name, trimmed ('' when they name none). */
function answeredCompany(answers: Answers): string {
  return (answers.lead?.company ?? '').trim();
}

/**
 * The stored lead the answers are about: [lead] when given (66 when unknown), else the lead with the answers' company;
 * undefined for a new one. Saving, the dry run and storedLeadFacts all find the lead through this, so they agree.
 * Answers naming another company than [lead] are refused (65): qualify never renames a lead (`lead edit` does).
 */
function existingLead(db: Db, leadRef: string | undefined, company: string): Lead | undefined {
  if (leadRef === undefined) return company === '' ? undefined : findLead(db, { company });
  const lead = resolveLead(db, leadRef);
  if (company !== '' && normaliseCompany(company) !== lead.companyKey) {
    throw new DataError('qualify.companyMismatch', { company, id: lead.id, lead: lead.company }, 'qualify.hintCompanyMismatch', { id: lead.id });
  }
  return lead;
}

/** existingLead without creating, migrating or writing the data file; undefined when there is none yet. */
function peekLead(ctx: Context, leadRef: string | undefined, company: string): Lead | undefined {
  if (leadRef === undefined && company === '') return undefined;
  const db = openStoreIfExists(ctx.dbPath, { busyTimeoutMs: ctx.env.busyTimeoutMs, migrate: false });
  if (db === undefined) return undefined;
  try {
    return existingLead(db, leadRef, company);
  } finally {
    db.close();
  }
}

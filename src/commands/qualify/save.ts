import type { Context } from '../../context.js';
import { normaliseCompany } from '../../domain/company.js';
import { LEAD_FIELDS } from '../../domain/lead-fields.js';
import { qualifyInput, referrerName } from '../../domain/qualify-input.js';
import type { Answers } from '../../engine/answers.js';
import { qualifyLead } from '../../engine/index.js';
import type { Qualification } from '../../engine/types.js';
import { DataError } from '../../errors.js';
import type { ReferralRequest } from '../../interview/referral-offer.js';
import type { SaveQualificationInput, SaveQualificationOutcome } from '../../interview/session.js';
import { findLead, leadFacts, relinkReferral, resolveLead } from '../../store/leads.js';
import type { Lead, LeadFields, ReadTx, Store, WriteTx } from '../../store/store.js';
import { givenText } from '../../engine/text.js';

// Saving a qualification: the lead it is about (resolved once), the answers completed from the stored lead, the engine
// run on them, and the lead, its history row and an optional referral request written in one transaction.

/** A qualification made from answers and the stored lead, and where it went. */
export interface QualifiedLead extends SaveQualificationOutcome {
  readonly answers: Answers;
  readonly result: Qualification;
}

/**
 * `qualify --answers`: the lead resolved once, its stored facts read, the engine run, and everything saved, all inside
 * one write transaction (a dry run: one read, never migrating or creating the store). A stored lead keeps its source
 * and names unless the answers give others: they are part of its score and next moves.
 */
export async function qualifyFromAnswers(ctx: Pick<Context, 'store' | 'now' | 'actor'>, leadRef: string | undefined, given: Answers, today: string, dryRun: boolean): Promise<QualifiedLead> {
  const company = answeredCompany(given);
  if (!dryRun && leadRef === undefined && company === '') throw new DataError('qualify.companyRequired', {}, 'qualify.hintAnswersSchema');
  const qualify = async (tx: ReadTx) => {
    // A dry run without a data file (or one never initialised) knows no lead at all: [lead] is shown as typed.
    const existing = tx.exists ? await existingLead(tx, leadRef, company) : undefined;
    const referrer = await referrerName(given.lead?.referrer, (ref) => companyOf(tx, ref));
    const { answers, context } = qualifyInput(given, existing === undefined ? undefined : await leadFacts(tx, existing), today, referrer);
    return { existing, answers, result: qualifyLead(answers, context) };
  };
  if (dryRun) {
    const { existing, answers, result } = await ctx.store.read(qualify, { migrate: 'no' });
    return { lead: { id: existing?.id ?? null, company: existing?.company ?? (company || (leadRef ?? '')) }, saved: false, notSavedReason: 'qualify.notSavedDryRun', answers, result };
  }
  return ctx.store.write(async (tx) => {
    const { existing, answers, result } = await qualify(tx);
    const lead = await saveIn(tx, existing, { answers, result }, ctx.now().toISOString(), ctx.actor);
    return { lead: { id: lead.id, company: lead.company }, saved: true, answers, result };
  });
}

/**
 * The interview's save: creates or updates the lead from answers.lead (or resolves leadRef) and appends the
 * qualification to its history, with the lead's new status and score and the optional referral request, in one write
 * transaction. A dry run only looks the lead up (if the store exists) and writes nothing.
 */
export async function saveQualification(store: Store, now: () => Date, actor: string, input: SaveQualificationInput): Promise<SaveQualificationOutcome> {
  const { leadRef, answers } = input;
  const company = answeredCompany(answers);
  if (input.dryRun) {
    const lead = await store.read(async (tx) => (tx.exists ? existingLead(tx, leadRef, company) : undefined), { migrate: 'no' });
    return { lead: { id: lead?.id ?? null, company: lead?.company ?? (company || (leadRef ?? '')) }, saved: false, notSavedReason: 'qualify.notSavedDryRun' };
  }
  if (leadRef === undefined && company === '') throw new DataError('qualify.companyRequired', {}, 'qualify.hintAnswersSchema');
  const lead = await store.write(async (tx) => saveIn(tx, await existingLead(tx, leadRef, company), input, now().toISOString(), actor));
  return { lead: { id: lead.id, company: lead.company }, saved: true };
}

/** Writes the lead of the answers (the existing one, or a new one, owned by whoever qualifies), its qualification, status and score. */
async function saveIn(tx: WriteTx, existing: Lead | undefined, input: Pick<SaveQualificationInput, 'answers' | 'result'>, now: string, by: string): Promise<Lead> {
  const saved = await leadOfAnswers(tx, existing, input.answers, now, by);
  await tx.insertQualification({ leadId: saved.id, answers: input.answers, result: input.result, engineVersion: input.result.method, createdAt: now, by });
  await tx.setLeadQualification(saved.id, input.result.verdict, input.result.score, now);
  return saved;
}

/** The interview's referral request, made after its qualification was saved (the lead exists by then). */
export async function saveReferralRequest(store: Store, now: () => Date, by: string, leadId: number, request: ReferralRequest): Promise<void> {
  await store.write(async (tx) => {
    await tx.insertReferralRequest({ leadId, asked: request.asked, note: request.note, askedAt: now().toISOString(), by });
  }, { mustExist: true });
}

/** The lead the answers are about, created if new, with the fields the answers give brought up to date. */
async function leadOfAnswers(tx: WriteTx, existing: Lead | undefined, answers: Answers, now: string, owner: string): Promise<Lead> {
  const given = answers.lead ?? {};
  const company = answeredCompany(answers);
  const referrer = given.referrer === undefined || String(given.referrer).trim() === '' ? undefined : await resolveLead(tx, given.referrer);
  // The lead fields the answers carry (the lead fields table's answer keys): blank text sets nothing.
  const fields: Record<string, unknown> = {};
  for (const field of LEAD_FIELDS) {
    if (!('answer' in field)) continue;
    const answer = (given as Record<string, unknown>)[field.answer];
    if (field.kind === 'text') fields[field.name] = givenText(answer as string | undefined);
    else if (field.kind === 'source') fields[field.name] = answer;
  }
  fields.company = company === '' ? undefined : company;
  // A lead is never its own referrer: a self-reference in the answers is ignored.
  fields.referrerId = referrer === undefined || referrer.id === existing?.id ? undefined : referrer.id;
  // The same company, maybe spelled differently: the stored name stays (existingLead refused another company).
  const lead = existing === undefined ? await tx.insertLead({ ...(fields as LeadFields), company, owner }, now) : await tx.updateLead(existing, { ...(fields as LeadFields), company: undefined }, now);
  // A referrer named in the answers is linked as `referral add` links one (to its open request).
  await relinkReferral(tx, lead, existing?.referrerId ?? null, now);
  return lead;
}

/** The company the answers name, trimmed ('' when they name none). */
function answeredCompany(answers: Answers): string {
  return (answers.lead?.company ?? '').trim();
}

/**
 * The stored lead the answers are about: [lead] when given (66 when unknown), else the lead with the answers' company;
 * undefined for a new one. Answers naming another company than [lead] are refused (65): qualify never renames a lead
 * (`lead edit` does).
 */
async function existingLead(tx: ReadTx, leadRef: string | undefined, company: string): Promise<Lead | undefined> {
  if (leadRef === undefined) return company === '' ? undefined : findLead(tx, { company });
  const lead = await resolveLead(tx, leadRef);
  if (company !== '' && normaliseCompany(company) !== lead.companyKey) {
    throw new DataError('qualify.companyMismatch', { company, id: lead.id, lead: lead.company }, 'qualify.hintCompanyMismatch', { id: lead.id });
  }
  return lead;
}

/** The company of the stored lead a reference names; undefined when it names none or several (the save says why). */
async function companyOf(tx: ReadTx, ref: string): Promise<string | undefined> {
  try {
    return (await resolveLead(tx, ref)).company;
  } catch {
    return undefined;
  }
}

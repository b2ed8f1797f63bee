import { isCreditCode, isPlaceAndName, normaliseCompany, normaliseCreditCode } from '../domain/company.js';
import { DataError, NoInputError, UsageError } from '../errors.js';
import { LEAD_FIELDS, type LeadFieldValues } from '../domain/lead-fields.js';
import { isOneOf, LEAD_STATUSES } from '../domain/lead.js';
import { SOURCES } from '../engine/enums.js';
import { StoreError } from './errors.js';
import type { Contact, Lead, LeadFacts, LeadFields, ReadTx, WriteTx } from './store.js';

// What every store does the same with leads, on top of the store interface: finding the lead a `<lead>` argument
// means, the lead of a company, a lead's facts for the rules, and the errors about leads (the same words for every
// backend).

// A `<lead>` made only of digits — ASCII or full-width (NFKC folds them), optionally after '#' — is an id and nothing
// else: "54" is never "Studio 54 Ltd". A sign makes no name either ("-1" is an id no lead has).
const LEAD_ID = /^#?\s*([+-]?\d+)$/u;

// How many candidates an ambiguous name lists (one more is read, to know there are more).
const AMBIGUOUS_SHOWN = 10;

/** The id a `<lead>` argument names when it is made of digits (SPEC v2), else undefined (a name or credit code). */
export function leadIdOf(ref: string | number): number | undefined {
  if (typeof ref === 'number') return ref;
  const m = LEAD_ID.exec(ref.normalize('NFKC').trim());
  return m === null ? undefined : Number(m[1]);
}

/**
 * Finds the lead a `<lead>` argument means: digits are an id and nothing else (no such id → 66); else a credit code,
 * else the exact normalised company. A name that only part of companies' names holds is refused, naming them: one → 66
 * "did you mean", several → 64 (at most ten, then …); none → 66 — unless the one name is the named one with a place in
 * front (华信科技 → 上海华信科技有限公司). Only a read (`lead show`, `contact list`) takes any one lead whose name holds
 * it: a write never lands on a lead the rep did not name (`lead delete Acme --yes`, run twice, deleted Acme Robotics).
 */
export async function resolveLead(tx: ReadTx, ref: string | number, options: { readonly partial?: 'take' | 'refuse' } = {}): Promise<Lead> {
  const text = String(ref).trim();
  const id = leadIdOf(ref);
  if (id !== undefined) {
    const byId = Number.isSafeInteger(id) && id > 0 ? await tx.getLead(id) : undefined;
    if (byId !== undefined) return byId;
    throw leadNotFound(text);
  }
  const code = normaliseCreditCode(text);
  if (isCreditCode(code)) {
    const byCode = await tx.leadByCreditCode(code);
    if (byCode !== undefined) return byCode;
  }
  const key = normaliseCompany(text);
  if (key === '') throw leadNotFound(text);
  const exact = await tx.leadByCompanyKey(key);
  if (exact !== undefined) return exact;
  const partial = await tx.leadsWithKeyContaining(key, AMBIGUOUS_SHOWN + 1);
  if (partial.length > 1) {
    const shown = partial.slice(0, AMBIGUOUS_SHOWN).map((c) => `#${c.id} ${c.company}`);
    if (partial.length > AMBIGUOUS_SHOWN) shown.push('…');
    throw new UsageError('lead.ambiguous', { ref: text, candidates: shown.join(', ') }, 'lead.hintAmbiguous');
  }
  const only = partial[0];
  if (only === undefined) throw leadNotFound(text);
  // 华信科技 for 上海华信科技有限公司 names it: only the place in front is left out.
  if (options.partial !== 'take' && !isPlaceAndName(normaliseCompany(only.company), key)) throw new NoInputError('lead.notFoundNear', { ref: text, candidate: `#${only.id} ${only.company}` }, 'lead.hintNotFoundNear');
  const lead = await tx.getLead(only.id);
  if (lead === undefined) throw leadNotFound(text);
  return lead;
}

/** The existing lead for a company: its credit code identifies it outright, else its normalised name. */
export async function findLead(tx: ReadTx, identity: { readonly company: string; readonly creditCode?: string | null }): Promise<Lead | undefined> {
  if (identity.creditCode !== undefined && identity.creditCode !== null) {
    const byCode = await tx.leadByCreditCode(identity.creditCode);
    if (byCode !== undefined) return byCode;
  }
  return tx.leadByCompanyKey(normaliseCompany(identity.company));
}

/** What the rules need to know about a stored lead beyond its answers: its source and names, its referrer, a visit. */
export async function leadFacts(tx: ReadTx, lead: Lead): Promise<LeadFacts> {
  return {
    source: lead.source,
    competitor: lead.competitor,
    partner: lead.partner,
    referrer: (await tx.referredBy(lead))?.company,
    visitLogged: await tx.visitLogged(lead.id),
  };
}

/**
 * Links a referred lead to its referrer the one way every command does (`referral add`, `lead add|edit --referrer`,
 * a qualification naming a referrer): a referrals row answering the referrer's open request, if it has one, so that
 * `referral list`, `lead show` and `report` count the same referrals. A lead already linked keeps its link. Resolves to
 * the request answered (undefined: none open), or null when the lead was already linked.
 */
export async function linkReferral(tx: WriteTx, leadId: number, referrerId: number, now: string): Promise<number | undefined | null> {
  if ((await tx.referralOf(leadId)) !== undefined) return null;
  const requestId = await tx.openReferralRequestId(referrerId);
  await tx.insertReferral({ referrerId, leadId, requestId, createdAt: now });
  return requestId;
}

/**
 * After a lead's referrer was set, changed or cleared: the link follows it (the old one removed, the new one made as
 * linkReferral makes it), so no view shows a referrer the lead no longer has.
 */
export async function relinkReferral(tx: WriteTx, lead: Pick<Lead, 'id' | 'referrerId'>, previousReferrerId: number | null, now: string): Promise<void> {
  if (lead.referrerId === previousReferrerId) return;
  if (previousReferrerId !== null) await tx.deleteReferralOf(lead.id);
  if (lead.referrerId !== null) await linkReferral(tx, lead.id, lead.referrerId, now);
}

/** Exit 66 for a `<lead>` that names no lead: an id no lead has, or a name no lead matches. */
export function leadNotFound(ref: string): NoInputError {
  const text = ref.trim();
  if (leadIdOf(text) !== undefined) return new NoInputError('lead.noSuchId', { ref: text }, 'lead.hintIdNotName');
  return new NoInputError('lead.notFound', { ref: text }, 'lead.hintNotFound');
}

/** Exit 65: another lead has this company (or this credit code); names it. */
export function duplicateLead(holder: Pick<Lead, 'id' | 'company'>, creditCode?: string): DataError {
  if (creditCode !== undefined) return new DataError('lead.duplicateCreditCode', { code: creditCode, id: holder.id, company: holder.company }, 'lead.hintDuplicate', { id: holder.id });
  return new DataError('lead.duplicate', { id: holder.id, company: holder.company }, 'lead.hintDuplicate', { id: holder.id });
}

/** Exit 65: a lead may not be its own referrer. */
export function selfReferrer(leadId: number): DataError {
  return new DataError('lead.selfReferrer', { id: leadId });
}

/**
 * The lead's field values after changes (undefined keeps a field, null clears it; the company and source are never
 * cleared), with its company key normalised again when the company changes; undefined when nothing changes. Every
 * backend's updateLead writes exactly this.
 */
export function changedLeadFields(lead: Lead, changes: LeadFields): Record<string, string | number | null> | undefined {
  const next: Record<string, string | number | null> = { companyKey: changes.company === undefined ? lead.companyKey : normaliseCompany(changes.company) };
  for (const field of LEAD_FIELDS) {
    const value = changes[field.name];
    next[field.name] = value === undefined || (value === null && (field.kind === 'company' || field.kind === 'source')) ? lead[field.name] : value;
  }
  if (Object.keys(next).every((k) => next[k] === (lead as Record<string, unknown>)[k])) return undefined;
  if (next.referrerId === lead.id) throw selfReferrer(lead.id);
  return next;
}

/** A row of `contacts` as both stores keep it (follow_up_before/after: what it did to its lead's follow-up day). */
export interface ContactRow {
  readonly id: number;
  readonly lead_id: number;
  readonly kind: Contact['kind'];
  readonly at: string;
  readonly note: string | null;
  readonly created_at: string;
  readonly by: string | null;
  readonly follow_up_before: string | null;
  readonly follow_up_after: string | null;
}

/** A row of `contacts` as every backend reads it. */
export function contactOfRow(row: ContactRow): Contact {
  return { id: row.id, leadId: row.lead_id, kind: row.kind, at: row.at, note: row.note, createdAt: row.created_at, by: row.by ?? null };
}

/** A row of `leads` as every backend reads it; the enum columns checked (a bad one means a damaged store, at location). */
export function leadOfRow(row: Readonly<Record<string, string | number | null>>, location: string): Lead {
  const { id, source, status } = row;
  if (!isOneOf(SOURCES, source) || !isOneOf(LEAD_STATUSES, status)) {
    throw new StoreError('damaged', location, { detail: `lead ${String(id)}: source ${String(source)}, status ${String(status)}` });
  }
  const fields = Object.fromEntries(LEAD_FIELDS.map((f) => [f.name, row[f.column] ?? null])) as LeadFieldValues;
  return {
    ...fields,
    id: Number(id),
    companyKey: String(row.company_key),
    source,
    status,
    score: row.score as number | null,
    closeNote: row.close_note as string | null,
    lastContactAt: row.last_contact_at as string | null,
    lastVisitAt: (row.last_visit_at as string | null | undefined) ?? null,
    followUpOn: (row.follow_up_on as string | null | undefined) ?? null,
    qualifiedAt: (row.qualified_at as string | null | undefined) ?? null,
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
  };
}

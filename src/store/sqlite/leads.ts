import { normaliseCompany } from '../../domain/company.js';
import { LEAD_FIELDS } from '../../domain/lead-fields.js';
import { CLOSED_STATUSES, DEFAULT_SOURCE } from '../../domain/lead.js';
import { changedLeadFields, duplicateLead, leadNotFound, leadOfRow } from '../leads.js';
import { listSqls } from '../list-sql.js';
import type { Lead, LeadFields, LeadFilter, LeadListRow, LeadSummary } from '../store.js';
import { prepared, type Db } from './db.js';
import { isoTimesOf, msOf, withIsoTimes } from './times.js';

// The leads table: SQL for the store interface's lead methods (store/sqlite/store.ts). Plain functions, the database
// first, statements prepared once per connection.

/** A row of `leads`: the lead fields' columns (the lead fields table) and the store's own. */
type LeadRow = Record<string, string | number | null> & {
  id: number;
  company: string;
  company_key: string;
  source: string;
  status: string;
  score: number | null;
  close_note: string | null;
  last_contact_at: string | null;
  last_visit_at: string | null;
  follow_up_on: string | null;
  qualified_at: string | null;
  created_at: string;
  updated_at: string;
};

// The columns a lead's fields are written to: the table's, and the company key made from the company.
const FIELD_COLUMNS: ReadonlyArray<readonly [string, string]> = [['companyKey', 'company_key'], ...LEAD_FIELDS.map((f) => [f.name, f.column] as const)];

const INSERT_LEAD = `INSERT INTO leads (${FIELD_COLUMNS.map(([, c]) => c).join(', ')}, status, created_at, updated_at)
  VALUES (${FIELD_COLUMNS.map(() => '?').join(', ')}, 'new', ?, ?) RETURNING *`;
const UPDATE_LEAD = `UPDATE leads SET ${FIELD_COLUMNS.map(([, c]) => `${c} = ?`).join(', ')}, updated_at = ? WHERE id = ? RETURNING *`;

/** The lead with this id, if any. */
export function getLead(db: Db, id: number): Lead | undefined {
  return toLead(db, prepared(db, 'SELECT * FROM leads WHERE id = ?').get(id) as LeadRow | undefined);
}

/** The lead with this company key (already normalised), if any. */
export function findLeadByKey(db: Db, companyKey: string): Lead | undefined {
  return toLead(db, prepared(db, 'SELECT * FROM leads WHERE company_key = ?').get(companyKey) as LeadRow | undefined);
}

/** The lead with this unified social credit code (canonical form), if any. */
export function findLeadByCreditCode(db: Db, creditCode: string): Lead | undefined {
  return toLead(db, prepared(db, 'SELECT * FROM leads WHERE credit_code = ?').get(creditCode) as LeadRow | undefined);
}

/** Inserts a new lead (status new); a company (or credit code) that already exists is refused with exit 65 naming that lead. */
export function insertLead(db: Db, fields: LeadFields & { readonly company: string }, now: string): Lead {
  const companyKey = normaliseCompany(fields.company);
  refuseDuplicate(db, companyKey, fields.creditCode ?? null, undefined);
  const values: Record<string, unknown> = { ...fields, companyKey, source: fields.source ?? DEFAULT_SOURCE };
  const row = prepared(db, INSERT_LEAD).get(...FIELD_COLUMNS.map(([k]) => values[k] ?? null), msOf(now), msOf(now)) as LeadRow;
  return toLead(db, row)!;
}

/**
 * Applies changes to a lead (undefined keeps a field, null clears it); a new company name is normalised again and
 * refused (65) when another lead already has it. Returns the lead as it is now (unchanged: no write).
 */
export function updateLead(db: Db, lead: Lead, changes: LeadFields, now: string): Lead {
  const next = changedLeadFields(lead, changes);
  if (next === undefined) return lead;
  refuseDuplicate(db, String(next.companyKey), next.creditCode as string | null, lead.id);
  const row = prepared(db, UPDATE_LEAD).get(...FIELD_COLUMNS.map(([k]) => next[k]), msOf(now), lead.id) as LeadRow;
  return toLead(db, row)!;
}

/** CLOSED_STATUSES as an SQL list ('won', 'lost'): what every query counts as closed. */
export const CLOSED_SQL = CLOSED_STATUSES.map((s) => `'${s}'`).join(', ');
/** statusAfterQualification (domain/lead.ts) as an SQL expression for the status column; the verdict is its one parameter. */
export const STATUS_AFTER_QUALIFICATION = `CASE WHEN status IN (${CLOSED_SQL}) THEN status ELSE ? END`;

/** Records a qualification's outcome on the lead: status = verdict (a won/lost lead stays closed) and score. */
export function setLeadQualification(db: Db, leadId: number, verdict: 'precise' | 'qualifying' | 'disqualified', score: number, now: string): void {
  prepared(db, `UPDATE leads SET status = ${STATUS_AFTER_QUALIFICATION}, score = ?, updated_at = ? WHERE id = ?`).run(
    verdict,
    score,
    msOf(now),
    leadId,
  );
}

/** Closes a lead as won or lost, with an optional note. */
export function closeLead(db: Db, leadId: number, outcome: 'won' | 'lost', note: string | null, now: string): Lead {
  const row = prepared(db, 'UPDATE leads SET status = ?, close_note = coalesce(?, close_note), updated_at = ? WHERE id = ? RETURNING *').get(
    outcome,
    note,
    msOf(now),
    leadId,
  ) as LeadRow | undefined;
  if (row === undefined) throw leadNotFound(String(leadId));
  return toLead(db, row)!;
}

/** Opens a closed lead again: its status goes back to its latest verdict (new when never qualified). */
export function reopenLead(db: Db, leadId: number, now: string): Lead {
  const row = prepared(
    db,
    `UPDATE leads SET status = coalesce((SELECT q.verdict FROM qualifications q WHERE q.lead_id = leads.id ORDER BY q.id DESC LIMIT 1), 'new'),
       updated_at = ? WHERE id = ? RETURNING *`,
  ).get(msOf(now), leadId) as LeadRow | undefined;
  if (row === undefined) throw leadNotFound(String(leadId));
  return toLead(db, row)!;
}

/** Removes a lead; its qualifications, contacts, referral requests and referrals go with it (ON DELETE CASCADE). */
export function deleteLead(db: Db, leadId: number): void {
  prepared(db, 'DELETE FROM leads WHERE id = ?').run(leadId);
}

/** Up to limit leads whose company key contains key, by id (resolving a partial name chooses from them). */
export function leadsWithKeyContaining(db: Db, key: string, limit: number): { id: number; company: string }[] {
  return prepared(db, 'SELECT id, company FROM leads WHERE instr(company_key, ?) > 0 ORDER BY id LIMIT ?').all(key, limit) as { id: number; company: string }[];
}

/** Leads whose company contains text (as typed or normalised), exact matches first, then most recently updated: the interview's lead picker. */
export function searchLeads(db: Db, text: string, limit: number): LeadSummary[] {
  const key = normaliseCompany(text);
  const rows = prepared(
    db,
    `SELECT * FROM leads WHERE instr(company_key, @key) > 0 OR instr(lower(company), lower(@text)) > 0
     ORDER BY company_key = @key DESC, updated_at DESC, id DESC LIMIT @limit`,
  ).all({ key: key === '' ? text : key, text: text.trim(), limit }) as LeadRow[];
  return rows.map((r) => toLead(db, r)!);
}

/** Streams the rows of `lead list` in the filter's order (an index serves each order, so `| head` on a million leads is instant). */
export function* listLeads(db: Db, filter: LeadFilter = {}): IterableIterator<LeadListRow> {
  const { statements, params } = listStatements(filter);
  for (const sql of statements) yield* isoTimesOf(prepared(db, sql).iterate(...params) as IterableIterator<LeadListRow>);
}

/** The statements of `lead list` (run one after the other, with the same parameters). */
export function listStatements(filter: LeadFilter): { statements: string[]; params: (string | number)[] } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (filter.search !== undefined) {
    // As typed (case folded) in company, contact and notes, and the normalised company key (width, suffixes).
    const key = normaliseCompany(filter.search);
    where.push('(instr(lower(company), lower(?)) > 0 OR instr(lower(contact), lower(?)) > 0 OR instr(lower(notes), lower(?)) > 0 OR instr(company_key, ?) > 0)');
    params.push(filter.search, filter.search, filter.search, key === '' ? filter.search : key);
  }
  if (filter.minScore !== undefined) {
    where.push('score >= ?');
    params.push(filter.minScore);
  }
  if (filter.notQualifiedSince !== undefined) {
    where.push('(qualified_at IS NULL OR qualified_at < ?)');
    params.push(msOf(filter.notQualifiedSince));
  }
  if (filter.status !== undefined) {
    // Through (status, score) when the list goes by score; else read in the list's own order and test the status:
    // without statistics SQLite would take every lead of a status through that index and sort them (1.6 s for a
    // million qualifying leads before the first line of `| head`). The unary + keeps the index out.
    where.push(filter.sort === 'score' ? 'status = ?' : '+status = ?');
    params.push(filter.status);
  }
  if (filter.source !== undefined) {
    where.push('source = ?');
    params.push(filter.source);
  }
  if (filter.industry !== undefined) {
    where.push('industry = ?');
    params.push(filter.industry);
  }
  if (filter.owner !== undefined) {
    where.push('owner = ?');
    params.push(filter.owner);
  }
  return { statements: listSqls(where, filter.sort ?? 'id', 'score DESC'), params };
}

/** Refuses a company key or credit code that belongs to another lead (65, naming it). */
function refuseDuplicate(db: Db, companyKey: string, creditCode: string | null, exceptId: number | undefined): void {
  if (creditCode !== null) {
    const holder = findLeadByCreditCode(db, creditCode);
    if (holder !== undefined && holder.id !== exceptId) throw duplicateLead(holder, creditCode);
  }
  const existing = findLeadByKey(db, companyKey);
  if (existing !== undefined && existing.id !== exceptId) throw duplicateLead(existing);
}

function toLead(db: Db, row: LeadRow | undefined): Lead | undefined {
  return row === undefined ? undefined : leadOfRow(withIsoTimes(row), db.name);
}

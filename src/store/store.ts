import type { ReferralAsk } from '../domain/lead-sources.js';
import type { CsvLeadFieldName, LeadFieldValues } from '../domain/lead-fields.js';
import type { ContactKind, LeadSort, LeadStatus } from '../domain/lead.js';

export type { LeadSort };
import type { LeadFacts } from '../domain/qualify-input.js';
import type { WorklistQuery, WorkReason } from '../domain/today.js';
import type { Answers } from '../engine/answers.js';
import type { Source } from '../engine/enums.js';
import type { Qualification, Verdict } from '../engine/types.js';
import type { StoredRow, StoreTable } from './tables.js';

export type { LeadFacts };

// THE store interface: everything the commands know about where leads are kept. The SQLite data file (store/sqlite/)
// implements it; a PostgreSQL store (store/postgres/) will implement the same, so that every command behaves the same
// on both. Everything is async (node-postgres is), reads that may be long stream in batches, and an import writes in
// batches, so the cost per row stays small whatever the backend.
//
// Rules every implementation keeps (docs/architecture.md says more):
// - Writes happen only inside write(): one transaction, all or nothing (SQLite: BEGIN IMMEDIATE … COMMIT). A lock
//   held by another writer is waited for up to the busy timeout (LEADQ_BUSY_TIMEOUT_MS), in an awaitable way so that
//   Ctrl-C ends the wait at once; then StoreError 'busy'.
// - read() never creates or changes the store and never waits on a writer.
// - A store made by a newer leadq is refused ('fromFuture') and left untouched; one from an older leadq is migrated
//   forward in one transaction, once, before the first read or write (unless the read asks otherwise).
// - Every failure of the backend (the driver's errors, the file system's) leaves the store as a StoreError
//   (store/errors.ts) with a code; nothing else of the backend reaches a command. Errors about the data itself (a
//   duplicate company, a lead not found) are CliErrors made by store/leads.ts, the same for every backend.
// - Times are ISO 8601 UTC strings (toISOString), so they order as strings.

/** A lead as stored: the fields of the lead fields table (domain/lead-fields.ts), and what the store keeps itself. */
export type Lead = LeadFieldValues & {
  readonly id: number;
  /** normaliseCompany(company): the identity used for dedup and lookup. */
  readonly companyKey: string;
  readonly status: LeadStatus;
  /** Score of the latest qualification; null before the first. */
  readonly score: number | null;
  readonly closeNote: string | null;
  readonly lastContactAt: string | null;
  /** The latest visit's time (max of the visits' at); null before the first. */
  readonly lastVisitAt: string | null;
  /** The follow-up day (`contact --next`), local YYYY-MM-DD; null when none is set. */
  readonly followUpOn: string | null;
  /** When the latest qualification was made; null before the first. */
  readonly qualifiedAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
};

/** The fields a rep sets on a lead (the lead fields table); null clears one, undefined leaves it as it is. */
export type LeadFields = { readonly [N in keyof LeadFieldValues]?: LeadFieldValues[N] };

/** A lead as the interview's picker shows it. */
export type LeadSummary = Pick<Lead, 'id' | 'company' | 'companyKey' | 'source' | 'status' | 'score'>;

/** One row of `lead list` (its SPEC columns and JSON names). */
export interface LeadListRow {
  readonly id: number;
  readonly company: string;
  readonly industry: string | null;
  readonly source: Source;
  readonly status: LeadStatus;
  readonly score: number | null;
  readonly last_contact: string | null;
  readonly [column: string]: string | number | null;
}

/** Filters of `lead list`; all optional, combined with AND. */
export interface LeadFilter {
  readonly status?: LeadStatus | undefined;
  readonly source?: Source | undefined;
  readonly industry?: string | undefined;
  /** The rep who owns the lead. */
  readonly owner?: string | undefined;
  /** Text the company, the contact or the notes contain (case-insensitive; the company also as normalised). */
  readonly search?: string | undefined;
  readonly minScore?: number | undefined;
  /** Only leads with no qualification at or after this instant (never qualified included): `--stale DAYS`. */
  readonly notQualifiedSince?: string | undefined;
  /** The order (default id). */
  readonly sort?: LeadSort | undefined;
}

/** One row of `leadq today`: the lead, why it is listed, and what the reason's texts need. */
export interface WorklistRow {
  readonly id: number;
  readonly company: string;
  readonly reason: WorkReason;
  readonly status: LeadStatus;
  readonly score: number | null;
  readonly followUpOn: string | null;
  readonly qualifiedAt: string | null;
  readonly lastContactAt: string | null;
  /** The first next action of the latest qualification, as JSON ({code, params}); null when none. */
  readonly nextAction: string | null;
  /** reason referral: the oldest quiet request's time, and its counts. */
  readonly askedAt: string | null;
  readonly asked: number | null;
  readonly received: number | null;
  /** reason top20: the best rank of the account. */
  readonly industry: string | null;
  readonly rank: number | null;
}

/** Of the closed leads once rated a verdict: how many there are and how many were won (report's track record). */
export interface VerdictRecord {
  readonly verdict: Verdict;
  readonly closed: number;
  readonly won: number;
}

/** One saved qualification of a lead: the answers as given and the engine's result (codes only). */
export interface QualificationRecord {
  readonly id: number;
  readonly leadId: number;
  readonly answers: Answers;
  readonly result: Qualification;
  readonly verdict: Verdict;
  readonly score: number;
  /** The method version (docs/method.md) that made the result. */
  readonly engineVersion: number;
  readonly createdAt: string;
  /** Who qualified (null: made before leadq recorded it). */
  readonly by: string | null;
  /** An import's print of the lead fields its answers do not hold (store/imported-answers.ts); null otherwise. */
  readonly leadPrint: string | null;
}

/** A qualification to append to a lead's history. */
export interface NewQualification {
  readonly leadId: number;
  readonly answers: Answers;
  readonly result: Qualification;
  readonly engineVersion: number;
  readonly createdAt: string;
  /** Who qualified (left out: nobody recorded). */
  readonly by?: string | null;
  /** The print of the qualification re-run, when an import made it (db rescore): the same answers keep it. */
  readonly leadPrint?: string | null;
}

/** A logged contact with a lead. */
export interface Contact {
  readonly id: number;
  readonly leadId: number;
  readonly kind: ContactKind;
  readonly at: string;
  readonly note: string | null;
  readonly createdAt: string;
  /** Who logged it (null: logged before leadq recorded it). */
  readonly by: string | null;
}

/** A contact to log. */
export interface NewContact {
  readonly leadId: number;
  readonly kind: ContactKind;
  readonly at: string;
  readonly note: string | null;
  /** Who logs it (left out: nobody recorded). */
  readonly by?: string | null;
  /** The lead's follow-up day after this contact (domain/today.ts followUpAfterContact); undefined leaves it as it is. */
  readonly followUpOn?: string | null | undefined;
}

/** A lead this one referred (through `referral add`, or as the referrer named on the lead). */
export interface ReferralGiven {
  readonly lead_id: number;
  readonly company: string;
  readonly status: LeadStatus;
  readonly request_id: number | null;
  readonly created_at: string;
}

/** A referral request made to a lead, with how many referrals came of it. */
export interface ReferralRequestOfLead {
  readonly id: number;
  readonly asked: number;
  readonly received: number;
  readonly note: string | null;
  readonly asked_at: string;
  /** Who asked (null: before leadq recorded it). */
  readonly by: string | null;
}

/** One referral request with what came of it, as `referral list` prints it. */
// A type alias, not an interface: it must fit the output's Row (an index signature).
export type ReferralRequestRow = {
  readonly id: number;
  readonly lead_id: number;
  /** The referrer's company. */
  readonly company: string;
  readonly asked: number;
  readonly received: number;
  readonly asked_at: string;
};

/** A referral request to record. */
export interface NewReferralRequest {
  readonly leadId: number;
  readonly asked: ReferralAsk;
  readonly note?: string | undefined;
  readonly askedAt: string;
  /** Who asked (left out: nobody recorded). */
  readonly by?: string | null;
}

/** A referred lead to link to its referrer (and the request it answers, if any). */
export interface NewReferral {
  readonly referrerId: number;
  readonly leadId: number;
  readonly requestId: number | undefined;
  readonly createdAt: string;
}

/** One ranked company of an industry, as read from an import file. */
export interface IndustryRanking {
  readonly industry: string;
  readonly rank: number;
  readonly company: string;
}

/** One row of `top20 list`: a ranked account and the state of its lead. */
// A type alias, not an interface: it must fit the output's Row (an index signature).
export type Top20Row = {
  readonly industry: string;
  readonly rank: number;
  readonly company: string;
  readonly lead_id: number | null;
  readonly status: string | null;
  readonly last_contact: string | null;
};

/** Filters of `top20 list`. */
export interface Top20Filter {
  /** Only accounts with no contact logged at or after this ISO instant (no contact ever when `''`); undefined: all. */
  readonly contactedSince?: string | undefined;
  readonly industry?: string | undefined;
}

/** What a ranking import did: ranks stored, industries replaced, ranked companies matched to existing leads, leads created. */
export interface RankingImport {
  readonly ranks: number;
  readonly industries: number;
  readonly matched: number;
  readonly created: number;
}

/** Creates the lead of a ranked company that matches no lead yet (source top20); resolves to its id, or null for none. */
export type CreateRankedLead = (ranking: IndustryRanking) => Promise<number | null>;

/** One source's cohort for `report`: leads, their latest verdicts, the visits made to them, and how many were won. */
export interface SourceFigures {
  readonly source: Source;
  readonly leads: number;
  readonly precise: number;
  readonly disqualified: number;
  readonly visits: number;
  readonly won: number;
}

/** Referral activity for `report`: requests made, referrals asked for in them, referred leads received. */
export interface ReferralTotals {
  readonly requests: number;
  readonly asked: number;
  /** Referred leads answering those requests: what `referral list` shows as received, summed. */
  readonly received: number;
  /** Referred leads created in the window that answer no request (more than asked, or never asked). */
  readonly unrequested: number;
}

/**
 * One scored row as `score --import` stores it: the lead fields a CSV column can fill (the table's csv fields; null
 * when the row gives none), the identity precomputed, and the qualification as JSON.
 */
export type ImportRow = { readonly [N in CsvLeadFieldName]: N extends 'company' ? string : N extends 'source' ? Source | null : string | null } & {
  readonly companyKey: string;
  /** null: not given (a new lead gets DEFAULT_SOURCE, cold; an existing one keeps its source). */
  readonly source: Source | null;
  readonly verdict: Verdict;
  readonly score: number;
  /** JSON of the answers (money as numbers), the lead section cut to what the rules read (store/imported-answers.ts). */
  readonly answers: string;
  /** The print of the rest of the answers' lead section (store/imported-answers.ts). */
  readonly leadPrint: string;
  /** The result as stored: the engine's Qualification as JSON, or its short form (store/result.ts), computed again when read. */
  readonly result: string;
  /** The result's first next action as the lead keeps it (store/result.ts firstActionJson). */
  readonly nextAction: string | null;
};

/** What an import did, for the summary line. */
export interface ImportTotals {
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  /** Rows of a company already imported from this file. */
  readonly duplicates: number;
}

/**
 * `score --import` inside one write transaction: batches of scored rows upserted as leads with their qualification.
 * Identity: the credit code when the row has a valid one, else the company key. The first row of a company in the
 * file counts; later rows of it are duplicates. A row whose answers equal the lead's latest qualification (same
 * method) changes nothing, so importing a file twice changes nothing. Fields a row gives replace the stored ones, a
 * missing one keeps what is there, and a closed lead stays closed.
 */
export interface LeadImporter {
  /** Upserts a batch of rows in file order; duplicates: rows the scorer already knew to be repeats of an earlier company. */
  add(rows: readonly ImportRow[], duplicates: number): Promise<void>;
  /** What the import did, once every row added is written (a backend may hold a batch back until then). */
  totals(): Promise<ImportTotals>;
}

/** How a read meets a store made by an older leadq, or none at all. */
export interface ReadOptions {
  /**
   * 'yes' (default): an older store is brought up to date first (the one write a read may cause); 'no': an older or
   * never initialised store reads as missing and nothing is written (dry runs, the interview); 'asIs': read it as it
   * is, never writing (db check).
   */
  readonly migrate?: 'yes' | 'no' | 'asIs';
  /** A store that does not exist yet: 'empty' (default: every query finds nothing) or 'refuse' (StoreError 'missing'). */
  readonly missing?: 'empty' | 'refuse';
}

/** How a write meets a store that does not exist yet. */
export interface WriteOptions {
  /** Refuse it (StoreError 'missing', exit 66) instead of creating it. */
  readonly mustExist?: boolean;
  /**
   * Called the moment the transaction is committed, before anything else runs (e.g. `score --import` marks its point of
   * no return, so a signal from then on lets it put its outputs in place instead of saying nothing was saved).
   */
  readonly onCommit?: () => void;
  /**
   * A bulk load (`score --import`): into a SQLite data file that does not exist yet, it may be built as a new file
   * beside it and put in place once committed (store/sqlite/store.ts writeAside). Other stores ignore it.
   */
  readonly bulk?: boolean;
}

/** Queries, inside read() or write(). */
export interface ReadTx {
  /** False when the store does not exist yet (or, reading with migrate 'no', was never brought up to date): every query finds nothing. */
  readonly exists: boolean;

  /** The lead with this id, if any. */
  getLead(id: number): Promise<Lead | undefined>;
  /** The lead with this company key (already normalised), if any. */
  leadByCompanyKey(companyKey: string): Promise<Lead | undefined>;
  /** The lead with this unified social credit code (canonical form), if any. */
  leadByCreditCode(creditCode: string): Promise<Lead | undefined>;
  /** Up to limit leads whose company key contains the text, by id: what resolving a partial name chooses from. */
  leadsWithKeyContaining(key: string, limit: number): Promise<ReadonlyArray<{ readonly id: number; readonly company: string }>>;
  /** Leads whose company contains text (as typed or normalised), exact matches first, then most recently updated: the interview's picker. */
  searchLeads(text: string, limit: number): Promise<readonly LeadSummary[]>;
  /** The rows of `lead list` in the filter's order, in batches (a million leads stream in constant memory; stop early at will). */
  listLeads(filter: LeadFilter): AsyncIterable<readonly LeadListRow[]>;
  /** `leadq today`: the open leads with something to do, ranked as domain/today.ts rankWorklist says, in batches. */
  worklist(query: WorklistQuery): AsyncIterable<readonly WorklistRow[]>;

  /** A lead's qualification history, newest first. */
  qualificationsOf(leadId: number): Promise<readonly QualificationRecord[]>;
  /** The lead's latest qualification, if any (the defaults of a re-qualification). */
  latestQualification(leadId: number): Promise<QualificationRecord | undefined>;
  /** The latest qualification of each open (not closed) lead with an id above afterId, by lead id, at most limit. */
  latestOfOpenLeads(afterId: number, limit: number): Promise<readonly QualificationRecord[]>;
  /** How many open leads were last scored by a method version older than method (0 for a store never initialised). */
  openLeadsScoredBefore(method: number): Promise<number>;

  /** A lead's contacts, latest first. */
  contactsOf(leadId: number): Promise<readonly Contact[]>;
  /** Whether a visit with the lead is logged. */
  visitLogged(leadId: number): Promise<boolean>;
  /** One contact by id, if any. */
  getContact(id: number): Promise<Contact | undefined>;

  /** The lead that referred this one (a recorded referral first, else the lead's referrer), if any. */
  referredBy(lead: Lead): Promise<{ readonly id: number; readonly company: string } | undefined>;
  /** The leads this one referred, oldest first, each once. */
  referralsGiven(leadId: number): Promise<readonly ReferralGiven[]>;
  /** The referral requests made to a lead, newest first, with the number received for each. */
  referralRequestsOf(leadId: number): Promise<readonly ReferralRequestOfLead[]>;
  /** The id of the referrals row that links this lead to its referrer, if any. */
  referralOf(leadId: number): Promise<number | undefined>;
  /** The referrer's latest request with fewer referrals received than asked, if any. */
  openReferralRequestId(referrerId: number): Promise<number | undefined>;
  /** One referral request by id, with its received count and note. */
  referralRequest(id: number): Promise<(ReferralRequestRow & { readonly note: string | null }) | undefined>;
  /** Every referral request, oldest first, in batches; open: only those with fewer received than asked. */
  listReferralRequests(options: { readonly open: boolean }): AsyncIterable<readonly ReferralRequestRow[]>;

  /** The accounts ranked 1–20 (TOP_RANKS), by industry then rank, in batches. */
  listTop20(filter: Top20Filter): AsyncIterable<readonly Top20Row[]>;

  /** Figures for every source (zeros included, in the method's order) over the leads created on or after since (ISO; undefined: all). */
  sourceFigures(since: string | undefined): Promise<readonly SourceFigures[]>;
  /** Referral requests made and referred leads received since an ISO date (or ever). */
  referralTotals(since: string | undefined): Promise<ReferralTotals>;

  /** Whether the store holds no record at all (db copy refuses a target that does). */
  isEmpty(): Promise<boolean>;
  /** Every row of a table (store/tables.ts), in key order, in batches: what db copy moves. */
  tableRows(table: StoreTable): AsyncIterable<readonly StoredRow[]>;
  /** For each verdict (in VERDICTS order), the closed leads created since (ISO; undefined: all) once rated it, and how many were won. */
  trackRecord(since: string | undefined): Promise<readonly VerdictRecord[]>;
}

/** Queries and changes, inside write(): all of them commit together or not at all. */
export interface WriteTx extends ReadTx {
  /** Inserts a new lead (status new; source DEFAULT_SOURCE unless given); a company key or credit code another lead has is refused (65, naming it). */
  insertLead(fields: LeadFields & { readonly company: string }, now: string): Promise<Lead>;
  /** Applies changes (undefined keeps a field, null clears it); a new company is normalised again and refused (65) when another lead has it; no change, no write. */
  updateLead(lead: Lead, changes: LeadFields, now: string): Promise<Lead>;
  /** Records a qualification's outcome on the lead: status after it (a closed lead stays closed) and score. */
  setLeadQualification(leadId: number, verdict: Verdict, score: number, now: string): Promise<void>;
  /** Closes a lead as won or lost, with an optional note (a new note replaces the old one; null keeps it). */
  closeLead(leadId: number, outcome: 'won' | 'lost', note: string | null, now: string): Promise<Lead>;
  /** Opens a closed lead again: its status goes back to its latest verdict (new when never qualified). */
  reopenLead(leadId: number, now: string): Promise<Lead>;
  /** Removes a lead with its history, contacts, referral requests and the referrals it was given (leads it referred stay). */
  deleteLead(leadId: number): Promise<void>;
  /** Appends a qualification to a lead's history (every run is a new row), and makes it the lead's latest (its time and first next action); resolves to its id. */
  insertQualification(qualification: NewQualification): Promise<number>;
  /** Brings a qualification's result up to the current method in place, when re-running it kept its verdict and score. */
  refreshQualificationResult(id: number, result: Qualification): Promise<void>;
  /** Logs a contact: the lead's last contact (and last visit) move forward to it (never back), its follow-up day as given. */
  insertContact(contact: NewContact, now: string): Promise<Contact>;
  /** Removes a contact; the lead's last contact and last visit become the latest remaining ones. Resolves to what was removed. */
  deleteContact(id: number): Promise<Contact | undefined>;
  /** Records a referral request; resolves to its id. */
  insertReferralRequest(request: NewReferralRequest): Promise<number>;
  /** Links a referred lead to its referrer and the request it answers; resolves to the referral's id. */
  insertReferral(referral: NewReferral): Promise<number>;
  /** Removes the link of a referred lead to its referrer (its referrer was changed or cleared); the request it answered is open again. */
  deleteReferralOf(leadId: number): Promise<void>;
  /** Replaces the ranking of every industry in rankings (others keep theirs), matching companies to leads by key and creating the missing ones. */
  replaceIndustryRankings(rankings: readonly IndustryRanking[], importedAt: string, createLead: CreateRankedLead): Promise<RankingImport>;
  /** Starts `score --import` in this transaction; owner: who owns the leads it creates. */
  leadImporter(now: string, owner: string | null): LeadImporter;
  /** Deletes every record (db copy --replace). */
  clearAll(): Promise<void>;
  /**
   * Writes rows of a table as they are, ids included (db copy); links are checked when the transaction commits, so
   * tables may come in any order, and the ids handed out next follow the largest one copied.
   */
  insertRows(table: StoreTable, rows: readonly StoredRow[]): Promise<void>;
}

/** A leadq store: the data file, or (issue 14) a PostgreSQL database. Opening one touches nothing until it is used. */
export interface Store {
  /** The store as people name it: the data file's path (a URL without its password, for PostgreSQL). */
  readonly location: string;
  /** Runs fn on a read view of the store; never creates or changes it (unless migrating an older store: ReadOptions). */
  read<T>(fn: (tx: ReadTx) => Promise<T>, options?: ReadOptions): Promise<T>;
  /**
   * Runs fn in one write transaction, creating the store if it does not exist yet (unless mustExist); all or nothing.
   * Writes asked for while one runs wait their turn (so never call write() inside fn: it would wait for itself).
   */
  write<T>(fn: (tx: WriteTx) => Promise<T>, options?: WriteOptions): Promise<T>;
  /** The integrity problems of the store ([] when sound), read as it is and never written; refusals as StoreError. */
  check(): Promise<readonly string[]>;
  /** Writes a consistent copy of the store into the empty SQLite file at path (name: the copy as the user gave it, for messages). */
  copyInto(path: string, name: string): Promise<void>;
  /** Releases connections; the store may be used again afterwards (it opens them again). */
  close(): Promise<void>;
}

/** How a store is opened. */
export interface StoreOptions {
  /** How long a writer waits for another writer's lock before StoreError 'busy' (LEADQ_BUSY_TIMEOUT_MS). */
  readonly busyTimeoutMs: number;
  /**
   * A file that is not the user's yet (a copy made beside its target, renamed into place once complete): its commits
   * are not changes the command saved, and a signal that stops the command (removing the file) must not say they are.
   */
  readonly scratch?: boolean;
}

import Database from 'better-sqlite3';
import { closeSync, fsyncSync, linkSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Qualification, Verdict } from '../../engine/types.js';
import { EMPTY } from '../empty.js';
import { StoreError } from '../errors.js';
import { realTarget } from '../../files/identity.js';
import { writeCommitted } from '../../files/interrupt.js';
import { syncFolder } from '../../files/output.js';
import { registerTempDataFile, sweepStaleTemps, tempPathFor } from '../../files/temp.js';
import type {
  Contact,
  CreateRankedLead,
  IndustryRanking,
  Lead,
  LeadFields,
  LeadFilter,
  LeadImporter,
  LeadListRow,
  NewContact,
  NewQualification,
  NewReferral,
  NewReferralRequest,
  QualificationRecord,
  RankingImport,
  ReadOptions,
  ReadTx,
  ReferralGiven,
  ReferralRequestOfLead,
  ReferralRequestRow,
  ReferralTotals,
  SourceFigures,
  Store,
  StoreOptions,
  Top20Filter,
  Top20Row,
  VerdictRecord,
  WorklistRow,
  WriteOptions,
  WriteTx,
} from '../store.js';
import type { WorklistQuery } from '../../domain/today.js';
import { contactsOf, deleteContact, getContact, insertContact, visitLogged } from './contacts.js';
import type { Db } from './db.js';
import { storeFailure } from './errors.js';
import { SqliteLeadImporter } from './imports.js';
import { referralRequestsOf, referralsGiven, referredBy } from './lead-view.js';
import { closeLead, deleteLead, findLeadByCreditCode, findLeadByKey, getLead, insertLead, leadsWithKeyContaining, listLeads, reopenLead, searchLeads, setLeadQualification, updateLead } from './leads.js';
import { runMaintenance } from './maintenance-job.js';
import { beginImmediate, openReader, openStoreAsIs, openWriter, storeFileExists } from './open.js';
import { insertQualification, latestOfOpenLeads, latestQualification, openLeadsScoredBefore, qualificationsOf, refreshQualificationResult } from './qualifications.js';
import { listTop20, replaceIndustryRankings } from './rankings.js';
import { deleteReferralOf, getReferralRequest, insertReferral, insertReferralRequest, listReferralRequests, openReferralRequestId, referralOf, referralTotals } from './referrals.js';
import { sourceFigures, trackRecord } from './report.js';
import { worklist } from './today.js';
import { clearAll, insertRows, isEmpty, tableRows } from './copy.js';
import { FlushBehind } from './flush-behind.js';
import { inBatches } from '../batches.js';
import type { StoredRow, StoreTable } from '../tables.js';

// The data file as a Store (store.ts) over better-sqlite3, which is synchronous: each method runs its SQL at once and
// resolves. Connections open on first use and stay open until close(): a reader (read-only, never waits on a writer)
// and a writer. write() is BEGIN IMMEDIATE … COMMIT / ROLLBACK; reads outside a write see committed data, each query
// on its own snapshot, as WAL readers do.

/** fsync a file by name (its data, before it is linked into place). */
function syncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Gives the complete file at temp the data file's name, unless a file has it already (link() never replaces one): false then. */
function linkedInPlace(temp: string, target: string): boolean {
  try {
    linkSync(temp, target);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  syncFolder(dirname(target));
  return true;
}

/** An import's new file beside the data file's place (SqliteStore.openAside). */
interface Aside {
  readonly target: string;
  readonly temp: string;
  /** Removes the file and what SQLite kept beside it. */
  readonly remove: () => void;
  readonly db: Db;
}

/** A leadq data file at path, as a Store. */
export class SqliteStore implements Store {
  private writer: Db | undefined;
  private readonly readers = new Map<boolean, Db>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly location: string,
    private readonly options: StoreOptions,
  ) {}

  async read<T>(fn: (tx: ReadTx) => Promise<T>, options: ReadOptions = {}): Promise<T> {
    const migrate = options.migrate ?? 'yes';
    try {
      const db = migrate === 'asIs' ? openStoreAsIs(this.location, this.options) : await this.reader(migrate === 'yes');
      if (db === undefined && options.missing === 'refuse') {
        // There, but from an older leadq, and this read may not upgrade it (a dry run): say so rather than "no file".
        const older = storeFileExists(this.location) ? { said: { key: 'store.older', params: { file: this.location }, hintKey: 'store.hintOlder' } as const } : {};
        throw new StoreError('missing', this.location, older);
      }
      try {
        return await fn(db === undefined ? EMPTY : new SqliteReadTx(db));
      } finally {
        if (migrate === 'asIs') db?.close();
      }
    } catch (err) {
      throw storeFailure(err, this.location, false) ?? err;
    }
  }

  async write<T>(fn: (tx: WriteTx) => Promise<T>, options: WriteOptions = {}): Promise<T> {
    // One transaction at a time on the one writer connection: writes asked for meanwhile wait their turn.
    const turn = this.queue.then(() => this.writeNow(fn, options));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async writeNow<T>(fn: (tx: WriteTx) => Promise<T>, options: WriteOptions): Promise<T> {
    if (options.bulk === true && this.writer === undefined && options.mustExist !== true && !storeFileExists(this.location)) {
      const aside = await this.openAside();
      if (aside !== undefined) return this.writeAside(aside, fn, options);
    }
    try {
      this.writer ??= await openWriter(this.location, { busyTimeoutMs: this.options.busyTimeoutMs, mustExist: options.mustExist });
      const db = this.writer;
      await beginImmediate(db, this.options.busyTimeoutMs);
      try {
        const value = await fn(new SqliteWriteTx(db));
        db.exec('COMMIT');
        if (this.options.scratch !== true) writeCommitted();
        options.onCommit?.();
        return value;
      } catch (err) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw err;
      }
    } catch (err) {
      throw storeFailure(err, this.location, true) ?? err;
    }
  }

  /**
   * A bulk load into a data file that does not exist yet (`score --import` of a rep's first export): built as a new
   * file beside it without a journal, then linked into place once committed. Nobody else can see that file, so there is
   * nothing to roll back in it (a failure or a signal removes it) and no reader to keep a snapshot for: its pages are
   * written once, where a WAL writes every page twice (into the WAL, then by its checkpoint into the file: ~2 s of a
   * million leads' import). It is a WAL data file like any other once in place. A leadq that created the data file
   * meanwhile keeps it: the import is then merged into it, as an import into an existing file (one transaction).
   */
  private async writeAside<T>(aside: Aside, fn: (tx: WriteTx) => Promise<T>, options: WriteOptions): Promise<T> {
    const { target, temp } = aside;
    let db: Db | undefined = aside.db;
    try {
      // better-sqlite3 opens connections in SQLite's defensive mode, which keeps the journal: asking for none there
      // silently leaves the file in WAL mode (every page written twice, into the WAL and by the checkpoint at close).
      db.unsafeMode(true);
      try {
        db.pragma('journal_mode = OFF');
      } finally {
        db.unsafeMode(false);
      }
      db.pragma('synchronous = OFF');
      // Nor are its rows checked twice: each qualification names the lead inserted just before it, and the importer
      // checks the values the CHECK constraints cover (imports.ts checkRow; its JSON is JSON.stringify's). A million
      // leads: 0.9 s less of the writer thread's time (the json_valid CHECKs and the foreign key's lookups). Both
      // settings are this connection's, closed with it; the file in place enforces them like any other.
      db.pragma('foreign_keys = OFF');
      db.pragma('ignore_check_constraints = ON');
      let made: SqliteLeadImporter | undefined;
      db.exec('BEGIN IMMEDIATE');
      const flushing = new FlushBehind(temp);
      let value: T;
      try {
        value = await fn(new SqliteWriteTx(db, (importer) => (made = importer)));
      } finally {
        await flushing.stop();
      }
      db.exec('COMMIT');
      // Closed before it has its name: a leadq that opens the data file then finds it whole, and no connection of ours
      // on it under another name.
      db.pragma('journal_mode = WAL');
      db.close();
      db = undefined;
      syncFile(temp);
      if (linkedInPlace(temp, target)) {
        if (this.options.scratch !== true) writeCommitted();
        options.onCommit?.();
        return value;
      }
      // Another leadq created the data file meanwhile: what it holds stays, and the import goes into it.
      const merge = made;
      if (merge !== undefined) {
        db = new Database(temp, { readonly: true, fileMustExist: true });
        const from = db;
        await this.writeNow(async (tx) => merge.mergeInto(from, (tx as SqliteWriteTx).connection), { onCommit: options.onCommit });
      }
      return value;
    } catch (err) {
      throw storeFailure(err, this.location, true) ?? err;
    } finally {
      db?.close();
      aside.remove();
    }
  }

  /**
   * The new file of an import built aside (writeAside), open; undefined when it cannot be made (a folder that is not
   * writable …): the import then goes the usual way, which says what is wrong with the data file's place.
   */
  private async openAside(): Promise<Aside | undefined> {
    const target = realTarget(this.location);
    const temp = tempPathFor(target);
    const remove = registerTempDataFile(temp);
    try {
      sweepStaleTemps(target);
      return { target, temp, remove, db: await openWriter(temp, { busyTimeoutMs: this.options.busyTimeoutMs }) };
    } catch {
      remove();
      return undefined;
    }
  }

  async check(): Promise<readonly string[]> {
    // What every command refuses (missing, another program's or a newer leadq's file) is refused here, at once.
    await this.read(async () => undefined, { migrate: 'asIs' });
    return runMaintenance({ kind: 'check', file: this.location, busyTimeoutMs: this.options.busyTimeoutMs });
  }

  async copyInto(path: string, name: string): Promise<void> {
    await this.read(async () => undefined, { migrate: 'asIs' });
    await runMaintenance({ kind: 'copy', file: this.location, into: path, name, busyTimeoutMs: this.options.busyTimeoutMs });
  }

  async close(): Promise<void> {
    this.writer?.close();
    this.writer = undefined;
    for (const db of this.readers.values()) db.close();
    this.readers.clear();
  }

  /** The read-only connection (migrating an older file first when asked); undefined when there is no data file (yet). */
  private async reader(migrate: boolean): Promise<Db | undefined> {
    const open = this.readers.get(migrate);
    if (open !== undefined) return open;
    const db = await openReader(this.location, { busyTimeoutMs: this.options.busyTimeoutMs, migrate });
    if (db !== undefined) this.readers.set(migrate, db);
    return db;
  }
}

/** The queries, on an open connection. */
class SqliteReadTx implements ReadTx {
  readonly exists = true;

  constructor(protected readonly db: Db) {}

  async getLead(id: number): Promise<Lead | undefined> {
    return getLead(this.db, id);
  }
  async leadByCompanyKey(companyKey: string): Promise<Lead | undefined> {
    return findLeadByKey(this.db, companyKey);
  }
  async leadByCreditCode(creditCode: string): Promise<Lead | undefined> {
    return findLeadByCreditCode(this.db, creditCode);
  }
  async leadsWithKeyContaining(key: string, limit: number): Promise<ReadonlyArray<{ readonly id: number; readonly company: string }>> {
    return leadsWithKeyContaining(this.db, key, limit);
  }
  async searchLeads(text: string, limit: number) {
    return searchLeads(this.db, text, limit);
  }
  listLeads(filter: LeadFilter): AsyncIterable<readonly LeadListRow[]> {
    return inBatches(listLeads(this.db, filter));
  }
  worklist(query: WorklistQuery): AsyncIterable<readonly WorklistRow[]> {
    return inBatches(worklist(this.db, query));
  }
  async qualificationsOf(leadId: number): Promise<readonly QualificationRecord[]> {
    return qualificationsOf(this.db, leadId);
  }
  async latestQualification(leadId: number): Promise<QualificationRecord | undefined> {
    return latestQualification(this.db, leadId);
  }
  async latestOfOpenLeads(afterId: number, limit: number): Promise<readonly QualificationRecord[]> {
    return latestOfOpenLeads(this.db, afterId, limit);
  }
  async openLeadsScoredBefore(method: number): Promise<number> {
    return openLeadsScoredBefore(this.db, method);
  }
  async contactsOf(leadId: number): Promise<readonly Contact[]> {
    return contactsOf(this.db, leadId);
  }
  async visitLogged(leadId: number): Promise<boolean> {
    return visitLogged(this.db, leadId);
  }
  async getContact(id: number): Promise<Contact | undefined> {
    return getContact(this.db, id);
  }
  async referralOf(leadId: number): Promise<number | undefined> {
    return referralOf(this.db, leadId);
  }
  async referredBy(lead: Lead): Promise<{ readonly id: number; readonly company: string } | undefined> {
    return referredBy(this.db, lead);
  }
  async referralsGiven(leadId: number): Promise<readonly ReferralGiven[]> {
    return referralsGiven(this.db, leadId);
  }
  async referralRequestsOf(leadId: number): Promise<readonly ReferralRequestOfLead[]> {
    return referralRequestsOf(this.db, leadId);
  }
  async openReferralRequestId(referrerId: number): Promise<number | undefined> {
    return openReferralRequestId(this.db, referrerId);
  }
  async referralRequest(id: number): Promise<(ReferralRequestRow & { readonly note: string | null }) | undefined> {
    return getReferralRequest(this.db, id);
  }
  listReferralRequests(options: { readonly open: boolean }): AsyncIterable<readonly ReferralRequestRow[]> {
    return inBatches(listReferralRequests(this.db, options));
  }
  listTop20(filter: Top20Filter): AsyncIterable<readonly Top20Row[]> {
    return inBatches(listTop20(this.db, filter));
  }
  async sourceFigures(since: string | undefined): Promise<readonly SourceFigures[]> {
    return sourceFigures(this.db, since);
  }
  async referralTotals(since: string | undefined): Promise<ReferralTotals> {
    return referralTotals(this.db, since);
  }
  async isEmpty(): Promise<boolean> {
    return isEmpty(this.db);
  }
  tableRows(table: StoreTable): AsyncIterable<readonly StoredRow[]> {
    return inBatches(tableRows(this.db, table));
  }
  async trackRecord(since: string | undefined): Promise<readonly VerdictRecord[]> {
    return trackRecord(this.db, since);
  }
}

/** The queries and changes, inside the writer's open transaction. */
class SqliteWriteTx extends SqliteReadTx implements WriteTx {
  constructor(
    db: Db,
    /** Told of the importer leadImporter makes (an import built aside keeps it, for a merge). */
    private readonly onImporter?: (importer: SqliteLeadImporter) => void,
  ) {
    super(db);
  }

  /** The connection of the transaction. */
  get connection(): Db {
    return this.db;
  }

  async insertLead(fields: LeadFields & { readonly company: string }, now: string): Promise<Lead> {
    return insertLead(this.db, fields, now);
  }
  async updateLead(lead: Lead, changes: LeadFields, now: string): Promise<Lead> {
    return updateLead(this.db, lead, changes, now);
  }
  async setLeadQualification(leadId: number, verdict: Verdict, score: number, now: string): Promise<void> {
    setLeadQualification(this.db, leadId, verdict, score, now);
  }
  async closeLead(leadId: number, outcome: 'won' | 'lost', note: string | null, now: string): Promise<Lead> {
    return closeLead(this.db, leadId, outcome, note, now);
  }
  async reopenLead(leadId: number, now: string): Promise<Lead> {
    return reopenLead(this.db, leadId, now);
  }
  async deleteLead(leadId: number): Promise<void> {
    deleteLead(this.db, leadId);
  }
  async insertQualification(qualification: NewQualification): Promise<number> {
    return insertQualification(this.db, qualification);
  }
  async refreshQualificationResult(id: number, result: Qualification): Promise<void> {
    refreshQualificationResult(this.db, id, result);
  }
  async insertContact(contact: NewContact, now: string): Promise<Contact> {
    return insertContact(this.db, contact, now);
  }
  async deleteContact(id: number): Promise<Contact | undefined> {
    return deleteContact(this.db, id);
  }
  async insertReferralRequest(request: NewReferralRequest): Promise<number> {
    return insertReferralRequest(this.db, request);
  }
  async insertReferral(referral: NewReferral): Promise<number> {
    return insertReferral(this.db, referral);
  }
  async deleteReferralOf(leadId: number): Promise<void> {
    deleteReferralOf(this.db, leadId);
  }
  async replaceIndustryRankings(rankings: readonly IndustryRanking[], importedAt: string, createLead: CreateRankedLead): Promise<RankingImport> {
    return replaceIndustryRankings(this.db, rankings, importedAt, createLead);
  }
  leadImporter(now: string, owner: string | null): LeadImporter {
    // A smaller page cache than the default 16 MB: an import appends, it seldom rereads (and RSS stays under 200 MB).
    this.db.pragma('cache_size = -4096');
    const importer = new SqliteLeadImporter(this.db, now, owner);
    this.onImporter?.(importer);
    return importer;
  }
  async clearAll(): Promise<void> {
    clearAll(this.db);
  }
  async insertRows(table: StoreTable, rows: readonly StoredRow[]): Promise<void> {
    insertRows(this.db, table, rows);
  }
}

// A PostgreSQL database as a Store (store.ts): the same interface, the same answers, byte for byte, as the SQLite data
// file (store/sqlite/), so no command knows which one it has. One connection per command, opened on first use.
//
// - read(): one REPEATABLE READ READ ONLY transaction, one snapshot, never waiting on a writer (MVCC). Never retried:
//   a read prints as it goes.
// - write(): SERIALIZABLE, begun on the first query; a serialization failure, deadlock or lock timeout rolls back and
//   runs fn again (fn touches nothing but the transaction), within the busy timeout, then 'busy' (75). `score
//   --import` (leadImporter) instead begins READ COMMITTED, so a long import is never aborted by reps' writes; its
//   batches retry on their own (imports.ts), and it is never run again whole (it reads the input as it goes).
// - A database without leadq's tables is "no store yet": reads find nothing, a write creates the schema.
// - Every failure leaves as a StoreError (errors.ts pgStoreFailure) naming the URL without its password.
import { normaliseCompany } from '../../domain/company.js';
import { LEAD_FIELDS } from '../../domain/lead-fields.js';
import { CLOSED_STATUSES, DEFAULT_SOURCE } from '../../domain/lead.js';
import { SOURCES } from '../../engine/enums.js';
import { VERDICTS, type Qualification, type Verdict } from '../../engine/types.js';
import { TOP_RANKS } from '../../domain/lead-sources.js';
import { holdingSignals, writeCommitted } from '../../files/interrupt.js';
import { StoreError } from '../errors.js';
import { changedLeadFields, contactOfRow, duplicateLead, leadNotFound, leadOfRow, type ContactRow as SharedContactRow } from '../leads.js';
import type {
  Contact,
  CreateRankedLead,
  ImportRow,
  ImportTotals,
  IndustryRanking,
  Lead,
  LeadFields,
  LeadFilter,
  LeadImporter,
  LeadListRow,
  LeadSummary,
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
import { EMPTY } from '../empty.js';
import { worklistQueries } from '../today-sql.js';
import { firstActionJson, jsonObject, qualificationOfRow, type QualificationRow as StoredQualificationRow } from '../result.js';
import { columnList, STORE_TABLES, type StoredRow, type StoreTable } from '../tables.js';
import { closePg, connectPg, pgQuery, type ConnectOptions, type PgConnection } from './client.js';
import { copyLine } from './copy.js';
import { busy, isRetryable, pgStoreFailure } from './errors.js';
import { PgLeadImport } from './imports.js';
import { listSqls } from '../list-sql.js';
import { PG_SCHEMA_VERSION } from './migrations.js';
import { withRetry } from './retry.js';
import { migratePg, pgSchemaVersionOnConnect } from './schema.js';
import { pgBatches } from './stream.js';
import { redactPgUrl } from './url.js';

type Row = Record<string, string | number | null>;

/** A leadq PostgreSQL database at url, as a Store. */
export class PgStore implements Store {
  readonly location: string;
  private conn: PgConnection | undefined;
  /** The schema version found when connecting (after migrating, when that was done). */
  private version = 0;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly url: string,
    private readonly options: StoreOptions & { readonly connect?: ConnectOptions },
  ) {
    this.location = redactPgUrl(url);
  }

  async read<T>(fn: (tx: ReadTx) => Promise<T>, options: ReadOptions = {}): Promise<T> {
    const migrate = options.migrate ?? 'yes';
    return this.guard(async () => {
      const conn = await this.connection();
      if (migrate === 'yes' && this.version > 0 && this.version < PG_SCHEMA_VERSION) await this.migrate(conn);
      const usable = migrate === 'asIs' ? this.version > 0 : this.version === PG_SCHEMA_VERSION;
      if (!usable) {
        if (options.missing === 'refuse' || migrate === 'asIs') throw new StoreError('missing', this.location);
        return fn(EMPTY);
      }
      // leadq's reads fetch a screenful through an index; a cursor over a million rows is costed high enough for the
      // JIT compiler to start (~50-100 ms), which only ever slows them. One round trip for both statements.
      await conn.client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET LOCAL jit = off');
      try {
        const value = await fn(new PgReadTx(conn, this.location));
        await conn.client.query('COMMIT');
        return value;
      } catch (err) {
        await conn.client.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    });
  }

  async write<T>(fn: (tx: WriteTx) => Promise<T>, options: WriteOptions = {}): Promise<T> {
    // One transaction at a time on the one connection: writes asked for meanwhile wait their turn.
    const turn = this.queue.then(() => this.guard(() => this.writeNow(fn, options)));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async writeNow<T>(fn: (tx: WriteTx) => Promise<T>, options: WriteOptions): Promise<T> {
    const conn = await this.connection();
    if (this.version === 0 && options.mustExist === true) throw new StoreError('missing', this.location);
    if (this.version < PG_SCHEMA_VERSION) await this.migrate(conn);
    return withRetry(
      conn.busyTimeoutMs,
      async (deadline) => {
        const tx = new PgWriteTx(conn, this.location, deadline);
        try {
          const value = await fn(tx);
          await tx.commit(options.onCommit);
          return value;
        } catch (err) {
          await tx.rollback();
          // An import is never run again whole: it read its input as it went.
          if (tx.importing && isRetryable(err)) throw busy();
          throw err;
        }
      },
      conn.clock,
    );
  }

  async check(): Promise<readonly string[]> {
    return this.read(async (tx) => (tx as PgReadTx).problems(), { migrate: 'asIs' });
  }

  async copyInto(path: string, name: string): Promise<void> {
    // A SQLite file of the same records: `db copy` into the empty file the caller made.
    const [{ SqliteStore }, { copyRecords }] = await Promise.all([import('../sqlite/store.js'), import('../copy.js')]);
    const target = new SqliteStore(path, { busyTimeoutMs: this.options.busyTimeoutMs, scratch: true });
    try {
      await this.read((source) => target.write((into) => copyRecords(source, into, { replace: false, target: name })), { migrate: 'asIs' });
    } finally {
      await target.close();
    }
  }

  async close(): Promise<void> {
    const conn = this.conn;
    this.conn = undefined;
    if (conn !== undefined) await closePg(conn);
  }

  /** The connection, opened on first use with the schema version read (a newer leadq's database refused). */
  private async connection(): Promise<PgConnection> {
    if (this.conn !== undefined) return this.conn;
    const conn = await connectPg(this.url, { busyTimeoutMs: this.options.busyTimeoutMs, ...this.options.connect });
    try {
      this.version = await pgSchemaVersionOnConnect(conn);
    } catch (err) {
      await closePg(conn);
      throw err;
    }
    this.conn = conn;
    return conn;
  }

  private async migrate(conn: PgConnection): Promise<void> {
    await migratePg(conn);
    this.version = PG_SCHEMA_VERSION;
  }

  /** Runs fn with every failure turned into the common StoreError (or the CliError it is). */
  private async guard<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw pgStoreFailure(err, this.location, this.conn?.context) ?? err;
    }
  }
}

/** A row of `leads`. */
type LeadRow = Row & { id: number; company: string; company_key: string; source: string; status: string };

// The columns a lead's fields are written to: the table's, and the company key made from the company.
const FIELD_COLUMNS: ReadonlyArray<readonly [string, string]> = [['companyKey', 'company_key'], ...LEAD_FIELDS.map((f) => [f.name, f.column] as const)];
const INSERT_LEAD = `INSERT INTO leads (${FIELD_COLUMNS.map(([, c]) => c).join(', ')}, status, created_at, updated_at)
  VALUES (${FIELD_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')}, 'new', $${FIELD_COLUMNS.length + 1}, $${FIELD_COLUMNS.length + 2}) RETURNING *`;
const UPDATE_LEAD = `UPDATE leads SET ${FIELD_COLUMNS.map(([, c], i) => `${c} = $${i + 1}`).join(', ')}, updated_at = $${FIELD_COLUMNS.length + 1}
  WHERE id = $${FIELD_COLUMNS.length + 2} RETURNING *`;
const CLOSED_SQL = CLOSED_STATUSES.map((s) => `'${s}'`).join(', ');
// `leadq today`: the queries of store/today-sql.ts. The cut-offs come in once, typed, as p: PostgreSQL wants a type for
// every parameter of a statement, and not every reason's query uses every cut-off.
const WORKLIST = worklistQueries({
  today: 'p.today',
  qualifiedBefore: 'p.qualified_before',
  askedBefore: 'p.asked_before',
  contactedBefore: 'p.contacted_before',
  owner: 'p.owner',
  scoreDesc: 'l.score DESC NULLS LAST',
  prefix: 'WITH p AS (SELECT $1::text AS today, $2::text AS qualified_before, $3::text AS asked_before, $4::text AS contacted_before, $5::text AS owner) ',
  from: 'p, ',
  nullOf: (type) => `NULL::${type}`,
  indexedBy: () => '',
});
// Of the closed leads, those once rated each verdict and how many were won (report's track record).
const TRACK_RECORD = `
  SELECT q.verdict, count(DISTINCT l.id) AS closed, count(DISTINCT CASE WHEN l.status = 'won' THEN l.id END) AS won
    FROM leads l JOIN qualifications q ON q.lead_id = l.id
   WHERE l.status IN (${CLOSED_SQL}) AND l.created_at >= $1
   GROUP BY q.verdict`;
// The latest qualification of each lead still open: the one its status and score come from.
const LATEST_OF_OPEN = `FROM leads l JOIN qualifications q ON q.id = (SELECT max(id) FROM qualifications WHERE lead_id = l.id)
  WHERE l.status NOT IN (${CLOSED_SQL})`;
const REQUEST_SELECT = `
  SELECT rr.id, rr.lead_id, l.company, rr.asked,
         (SELECT count(*) FROM referrals f WHERE f.request_id = rr.id) AS received,
         rr.asked_at, rr.note
    FROM referral_requests rr JOIN leads l ON l.id = rr.lead_id`;

/** The queries, inside an open transaction. */
class PgReadTx implements ReadTx {
  readonly exists = true;

  constructor(
    protected readonly conn: PgConnection,
    protected readonly location: string,
  ) {}

  /** Runs one statement (a write transaction begins first). */
  protected async query<R extends Row>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    return pgQuery<R>(this.conn, sql, params);
  }

  /** A query's rows in batches, each one read of a cursor (constant memory; leaving early closes it). */
  protected batches<R extends Row>(sql: string, params: readonly unknown[] = []): AsyncIterable<readonly R[]> {
    return pgBatches<R>(this.conn, sql, params);
  }

  protected async one<R extends Row>(sql: string, params: readonly unknown[] = []): Promise<R | undefined> {
    return (await this.query<R>(sql, params))[0];
  }

  async getLead(id: number): Promise<Lead | undefined> {
    return this.toLead(await this.one<LeadRow>('SELECT * FROM leads WHERE id = $1', [id]));
  }
  async leadByCompanyKey(companyKey: string): Promise<Lead | undefined> {
    return this.toLead(await this.one<LeadRow>('SELECT * FROM leads WHERE company_key = $1', [companyKey]));
  }
  async leadByCreditCode(creditCode: string): Promise<Lead | undefined> {
    return this.toLead(await this.one<LeadRow>('SELECT * FROM leads WHERE credit_code = $1', [creditCode]));
  }
  async leadsWithKeyContaining(key: string, limit: number): Promise<ReadonlyArray<{ readonly id: number; readonly company: string }>> {
    return this.query<{ id: number; company: string }>('SELECT id, company FROM leads WHERE strpos(company_key, $1) > 0 ORDER BY id LIMIT $2', [key, limit]);
  }
  async searchLeads(text: string, limit: number): Promise<readonly LeadSummary[]> {
    const key = normaliseCompany(text);
    const rows = await this.query<LeadRow>(
      `SELECT * FROM leads WHERE strpos(company_key, $1) > 0 OR strpos(lower(company), lower($2)) > 0
        ORDER BY company_key = $1 DESC, updated_at DESC, id DESC LIMIT $3`,
      [key === '' ? text : key, text.trim(), limit],
    );
    return rows.map((r) => this.toLead(r)!);
  }
  async *listLeads(filter: LeadFilter): AsyncIterable<readonly LeadListRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(`${sql} $${params.length}`);
    };
    if (filter.status !== undefined) add('status =', filter.status);
    if (filter.source !== undefined) add('source =', filter.source);
    if (filter.industry !== undefined) add('industry =', filter.industry);
    if (filter.owner !== undefined) add('owner =', filter.owner);
    if (filter.search !== undefined) {
      // As typed (case folded) in company, contact and notes, and the normalised company key (width, suffixes).
      const key = normaliseCompany(filter.search);
      params.push(filter.search, key === '' ? filter.search : key);
      const text = `lower($${params.length - 1})`;
      where.push(`(strpos(lower(company), ${text}) > 0 OR strpos(lower(contact), ${text}) > 0 OR strpos(lower(notes), ${text}) > 0 OR strpos(company_key, $${params.length}) > 0)`);
    }
    if (filter.minScore !== undefined) add('score >=', filter.minScore);
    if (filter.notQualifiedSince !== undefined) {
      params.push(filter.notQualifiedSince);
      where.push(`(qualified_at IS NULL OR qualified_at < $${params.length})`);
    }
    // NULL scores last, where SQLite puts them (the smallest value).
    for (const sql of listSqls(where, filter.sort ?? 'id', 'score DESC NULLS LAST')) yield* this.batches(sql, params) as AsyncIterable<readonly LeadListRow[]>;
  }

  async *worklist(query: WorklistQuery): AsyncIterable<readonly WorklistRow[]> {
    const params = [query.today, query.qualifiedBefore, query.askedBefore, query.contactedBefore, query.owner ?? null];
    for (const [reason, sql] of WORKLIST) {
      for await (const batch of this.batches<Omit<WorklistRow, 'reason'> & Row>(sql, params)) yield batch.map((row) => ({ ...row, reason }));
    }
  }

  async qualificationsOf(leadId: number): Promise<readonly QualificationRecord[]> {
    return Promise.all((await this.query<QualificationRow>('SELECT * FROM qualifications WHERE lead_id = $1 ORDER BY id DESC', [leadId])).map((r) => this.toRecord(r)));
  }
  async latestQualification(leadId: number): Promise<QualificationRecord | undefined> {
    const row = await this.one<QualificationRow>('SELECT * FROM qualifications WHERE lead_id = $1 ORDER BY id DESC LIMIT 1', [leadId]);
    return row === undefined ? undefined : this.toRecord(row);
  }
  async latestOfOpenLeads(afterId: number, limit: number): Promise<readonly QualificationRecord[]> {
    const rows = await this.query<QualificationRow>(`SELECT q.* ${LATEST_OF_OPEN} AND l.id > $1 ORDER BY l.id LIMIT $2`, [afterId, limit]);
    return Promise.all(rows.map((r) => this.toRecord(r)));
  }
  async openLeadsScoredBefore(method: number): Promise<number> {
    return (await this.one<{ n: number }>(`SELECT count(*) AS n ${LATEST_OF_OPEN} AND q.engine_version < $1`, [method]))?.n ?? 0;
  }

  async contactsOf(leadId: number): Promise<readonly Contact[]> {
    return (await this.query<ContactRow>('SELECT * FROM contacts WHERE lead_id = $1 ORDER BY at DESC, id DESC', [leadId])).map(contactOfRow);
  }
  async getContact(id: number): Promise<Contact | undefined> {
    const row = await this.one<ContactRow>('SELECT * FROM contacts WHERE id = $1', [id]);
    return row === undefined ? undefined : contactOfRow(row);
  }
  async referralOf(leadId: number): Promise<number | undefined> {
    return (await this.one<{ id: number }>('SELECT id FROM referrals WHERE lead_id = $1', [leadId]))?.id;
  }
  async trackRecord(since: string | undefined): Promise<readonly VerdictRecord[]> {
    const rows = new Map((await this.query<VerdictRecord & Row>(TRACK_RECORD, [since ?? ''])).map((r) => [r.verdict, r]));
    return VERDICTS.map((verdict) => ({ verdict, closed: rows.get(verdict)?.closed ?? 0, won: rows.get(verdict)?.won ?? 0 }));
  }
  async visitLogged(leadId: number): Promise<boolean> {
    return (await this.one("SELECT 1 AS one FROM contacts WHERE lead_id = $1 AND kind = 'visit' LIMIT 1", [leadId])) !== undefined;
  }

  async referredBy(lead: Lead): Promise<{ readonly id: number; readonly company: string } | undefined> {
    const viaReferral = await this.one<{ id: number; company: string }>('SELECT l.id, l.company FROM referrals f JOIN leads l ON l.id = f.referrer_id WHERE f.lead_id = $1', [lead.id]);
    if (viaReferral !== undefined || lead.referrerId === null) return viaReferral;
    return this.one<{ id: number; company: string }>('SELECT id, company FROM leads WHERE id = $1', [lead.referrerId]);
  }
  async referralsGiven(leadId: number): Promise<readonly ReferralGiven[]> {
    return this.query<ReferralGiven & Row>(
      `SELECT l.id AS lead_id, l.company, l.status, f.request_id, f.created_at
         FROM referrals f JOIN leads l ON l.id = f.lead_id WHERE f.referrer_id = $1
       UNION ALL
       SELECT l.id, l.company, l.status, NULL, l.created_at
         FROM leads l WHERE l.referrer_id = $1 AND NOT EXISTS (SELECT 1 FROM referrals f WHERE f.lead_id = l.id AND f.referrer_id = $1)
       ORDER BY 1`,
      [leadId],
    );
  }
  async referralRequestsOf(leadId: number): Promise<readonly ReferralRequestOfLead[]> {
    return this.query<ReferralRequestOfLead & Row>(
      `SELECT rr.id, rr.asked, (SELECT count(*) FROM referrals f WHERE f.request_id = rr.id) AS received, rr.note, rr.asked_at, rr."by"
         FROM referral_requests rr WHERE rr.lead_id = $1 ORDER BY rr.id DESC`,
      [leadId],
    );
  }
  async openReferralRequestId(referrerId: number): Promise<number | undefined> {
    const row = await this.one<{ id: number }>(
      `SELECT rr.id FROM referral_requests rr
        WHERE rr.lead_id = $1 AND (SELECT count(*) FROM referrals f WHERE f.request_id = rr.id) < rr.asked
        ORDER BY rr.id DESC LIMIT 1`,
      [referrerId],
    );
    return row?.id;
  }
  async referralRequest(id: number): Promise<(ReferralRequestRow & { readonly note: string | null }) | undefined> {
    return this.one<ReferralRequestRow & { note: string | null }>(`${REQUEST_SELECT} WHERE rr.id = $1`, [id]);
  }
  listReferralRequests(options: { readonly open: boolean }): AsyncIterable<readonly ReferralRequestRow[]> {
    const where = options.open ? ' WHERE (SELECT count(*) FROM referrals f WHERE f.request_id = rr.id) < rr.asked' : '';
    return this.batches<ReferralRequestRow>(`${REQUEST_SELECT}${where} ORDER BY rr.id`);
  }

  listTop20(filter: Top20Filter): AsyncIterable<readonly Top20Row[]> {
    const params: unknown[] = [TOP_RANKS];
    const where = ['r.rank <= $1'];
    if (filter.industry !== undefined) {
      // SQLite's COLLATE NOCASE folds ASCII letters only; so does lower() under COLLATE "C".
      params.push(filter.industry);
      where.push(`lower(r.industry) = lower($${params.length})`);
    }
    if (filter.contactedSince === '') where.push('l.last_contact_at IS NULL');
    else if (filter.contactedSince !== undefined) {
      params.push(filter.contactedSince);
      where.push(`(l.last_contact_at IS NULL OR l.last_contact_at < $${params.length})`);
    }
    return this.batches<Top20Row>(
      `SELECT r.industry, r.rank, coalesce(l.company, r.company) AS company, r.lead_id, l.status, l.last_contact_at AS last_contact
         FROM industry_rankings r LEFT JOIN leads l ON l.id = r.lead_id
        WHERE ${where.join(' AND ')}
        ORDER BY r.industry, r.rank`,
      params,
    );
  }

  async sourceFigures(since: string | undefined): Promise<readonly SourceFigures[]> {
    const from = since ?? '';
    const bySource = new Map<string, Row>();
    const leads = await this.query(
      `SELECT l.source, count(*) AS leads,
              count(*) FILTER (WHERE q.verdict = 'precise') AS precise,
              count(*) FILTER (WHERE q.verdict = 'disqualified') AS disqualified,
              count(*) FILTER (WHERE l.status = 'won') AS won
         FROM leads l
         LEFT JOIN qualifications q ON q.id = (SELECT max(id) FROM qualifications WHERE lead_id = l.id)
        WHERE l.created_at >= $1
        GROUP BY l.source`,
      [from],
    );
    for (const row of leads) bySource.set(String(row.source), row);
    const visits = await this.query(
      `SELECT l.source, count(*) AS visits FROM contacts c JOIN leads l ON l.id = c.lead_id
        WHERE c.kind = 'visit' AND l.created_at >= $1 GROUP BY l.source`,
      [from],
    );
    for (const row of visits) bySource.set(String(row.source), { ...bySource.get(String(row.source)), ...row });
    const n = (row: Row | undefined, k: string) => Number(row?.[k] ?? 0);
    return SOURCES.map((source) => {
      const row = bySource.get(source);
      return { source, leads: n(row, 'leads'), precise: n(row, 'precise'), disqualified: n(row, 'disqualified'), visits: n(row, 'visits'), won: n(row, 'won') };
    });
  }
  async referralTotals(since: string | undefined): Promise<ReferralTotals> {
    const from = since ?? '';
    const requests = await this.one<{ requests: number; asked: number }>(
      'SELECT count(*) AS requests, coalesce(sum(asked), 0) AS asked FROM referral_requests WHERE asked_at >= $1',
      [from],
    );
    const received = await this.one<{ n: number }>('SELECT count(*) AS n FROM referrals f JOIN referral_requests rr ON rr.id = f.request_id WHERE rr.asked_at >= $1', [from]);
    const unrequested = await this.one<{ n: number }>(
      `SELECT count(*) AS n FROM leads WHERE created_at >= $1 AND (referrer_id IS NOT NULL OR id IN (SELECT lead_id FROM referrals))
         AND id NOT IN (SELECT lead_id FROM referrals WHERE request_id IS NOT NULL)`,
      [from],
    );
    return { requests: Number(requests?.requests ?? 0), asked: Number(requests?.asked ?? 0), received: received?.n ?? 0, unrequested: unrequested?.n ?? 0 };
  }

  async isEmpty(): Promise<boolean> {
    for (const t of STORE_TABLES) if ((await this.one(`SELECT 1 AS one FROM ${t.name} LIMIT 1`)) !== undefined) return false;
    return true;
  }
  tableRows(table: StoreTable): AsyncIterable<readonly StoredRow[]> {
    return this.batches(`SELECT ${columnList(table)} FROM ${table.name} ORDER BY ${table.hasId ? 'id' : 'industry, rank'}`);
  }

  /** `db check`: what the server does not enforce itself (keys and checks it does): every stored JSON parses to an object. */
  async problems(): Promise<string[]> {
    const problems: string[] = [];
    for await (const batch of this.batches<{ id: number; answers: string; result: string }>('SELECT id, answers, result FROM qualifications ORDER BY id')) {
      for (const row of batch) {
        for (const column of ['answers', 'result'] as const) {
          if (jsonObject(row[column]) === undefined) problems.push(`qualifications row ${row.id}: ${column} is not a JSON object`);
        }
      }
    }
    return problems;
  }

  protected toLead(row: LeadRow | undefined): Lead | undefined {
    return row === undefined ? undefined : leadOfRow(row, this.location);
  }

  /** A row as a record (store/result.ts: the same for every backend; a bad row is a damaged store). */
  protected toRecord(row: QualificationRow): Promise<QualificationRecord> {
    return qualificationOfRow(row, this.location);
  }

}

type QualificationRow = Row & StoredQualificationRow;
type ContactRow = Row & SharedContactRow;

/** The queries and changes of one write transaction, begun on the first statement. */
class PgWriteTx extends PgReadTx implements WriteTx {
  private begun = false;
  /** `score --import` runs in this transaction: READ COMMITTED, never run again whole. */
  importing = false;
  private importer: PgImporter | undefined;

  constructor(
    conn: PgConnection,
    location: string,
    private readonly deadline: number,
  ) {
    super(conn, location);
  }

  protected override async query<R extends Row>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    await this.begin();
    return super.query<R>(sql, params);
  }

  protected override async *batches<R extends Row>(sql: string, params: readonly unknown[] = []): AsyncIterable<readonly R[]> {
    await this.begin();
    yield* super.batches<R>(sql, params);
  }

  private async begin(): Promise<void> {
    if (this.begun) return;
    this.begun = true;
    const client = this.conn.client;
    await client.query(this.importing ? 'BEGIN ISOLATION LEVEL READ COMMITTED' : 'BEGIN ISOLATION LEVEL SERIALIZABLE');
    // Lock waits end when the busy timeout does (a whole number of ms: no parameter for SET).
    const waitMs = this.importing ? this.conn.busyTimeoutMs : Math.max(1, this.deadline - this.conn.clock.now());
    await client.query(`SET LOCAL lock_timeout = ${Math.floor(waitMs)}`);
    // An import looks its batch's companies up by key among the leads it is adding: the planner's statistics lag
    // behind a bulk load in the same transaction and pick a scan of the whole table per batch (quadratic at a
    // million rows). The indexes are always the right way here.
    if (this.importing) await client.query('SET LOCAL enable_seqscan = off');
  }

  /** Commits (onCommit runs as soon as the server said so); a signal meanwhile waits for the answer (holdingSignals). */
  async commit(onCommit?: () => void): Promise<void> {
    if (!this.begun) return;
    const imported = await this.importer?.flush();
    await holdingSignals(async () => {
      await this.conn.client.query('COMMIT');
      writeCommitted();
      onCommit?.();
    });
    this.begun = false;
    // A big import leaves the planner's statistics behind (autovacuum analyzes a minute or so later): until then every
    // read planned a sort of the whole table (300,000 leads: 0.3–0.5 s before the first row, 0.19 s after). Only the
    // tables' owner may ANALYZE them; a team's least-privilege role gets a warning, not an error, and waits for
    // autovacuum.
    if (imported !== undefined && imported.created + imported.updated >= ANALYZE_AFTER_ROWS) {
      await this.conn.client.query('ANALYZE leads, qualifications').catch(() => undefined);
    }
  }

  async rollback(): Promise<void> {
    if (!this.begun) return;
    this.begun = false;
    // An import's batch still on its way: a ROLLBACK sent between two of its statements would let the rest of the
    // batch run outside the transaction (committed on its own).
    await this.importer?.idle();
    await this.conn.client.query('ROLLBACK').catch(() => undefined);
  }

  async insertLead(fields: LeadFields & { readonly company: string }, now: string): Promise<Lead> {
    const companyKey = normaliseCompany(fields.company);
    await this.refuseDuplicate(companyKey, fields.creditCode ?? null, undefined);
    const values: Record<string, unknown> = { ...fields, companyKey, source: fields.source ?? DEFAULT_SOURCE };
    const [row] = await this.query<LeadRow>(INSERT_LEAD, [...FIELD_COLUMNS.map(([k]) => values[k] ?? null), now, now]);
    return this.toLead(row)!;
  }
  async updateLead(lead: Lead, changes: LeadFields, now: string): Promise<Lead> {
    const next = changedLeadFields(lead, changes);
    if (next === undefined) return lead;
    await this.refuseDuplicate(String(next.companyKey), next.creditCode as string | null, lead.id);
    const [row] = await this.query<LeadRow>(UPDATE_LEAD, [...FIELD_COLUMNS.map(([k]) => next[k] ?? null), now, lead.id]);
    return this.toLead(row)!;
  }
  async setLeadQualification(leadId: number, verdict: Verdict, score: number, now: string): Promise<void> {
    await this.query(`UPDATE leads SET status = CASE WHEN status IN (${CLOSED_SQL}) THEN status ELSE $1 END, score = $2, updated_at = $3 WHERE id = $4`, [verdict, score, now, leadId]);
  }
  async closeLead(leadId: number, outcome: 'won' | 'lost', note: string | null, now: string): Promise<Lead> {
    const row = await this.one<LeadRow>('UPDATE leads SET status = $1, close_note = coalesce($2, close_note), updated_at = $3 WHERE id = $4 RETURNING *', [outcome, note, now, leadId]);
    if (row === undefined) throw leadNotFound(String(leadId));
    return this.toLead(row)!;
  }
  async reopenLead(leadId: number, now: string): Promise<Lead> {
    const row = await this.one<LeadRow>(
      `UPDATE leads SET status = coalesce((SELECT q.verdict FROM qualifications q WHERE q.lead_id = leads.id ORDER BY q.id DESC LIMIT 1), 'new'),
         updated_at = $1 WHERE id = $2 RETURNING *`,
      [now, leadId],
    );
    if (row === undefined) throw leadNotFound(String(leadId));
    return this.toLead(row)!;
  }
  async deleteLead(leadId: number): Promise<void> {
    await this.query('DELETE FROM leads WHERE id = $1', [leadId]);
  }
  async insertQualification(q: NewQualification): Promise<number> {
    const [row] = await this.query<{ id: number }>(
      'INSERT INTO qualifications (lead_id, answers, result, verdict, score, engine_version, created_at, "by", lead_print) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id',
      [q.leadId, JSON.stringify(q.answers), JSON.stringify(q.result), q.result.verdict, q.result.score, q.engineVersion, q.createdAt, q.by ?? null, q.leadPrint ?? null],
    );
    await this.query('UPDATE leads SET qualified_at = $1, next_action = $2 WHERE id = $3', [q.createdAt, firstActionJson(q.result), q.leadId]);
    return row!.id;
  }
  async refreshQualificationResult(id: number, result: Qualification): Promise<void> {
    await this.query('UPDATE qualifications SET result = $1, engine_version = $2 WHERE id = $3 AND verdict = $4 AND score = $5', [
      JSON.stringify(result),
      result.method,
      id,
      result.verdict,
      result.score,
    ]);
    // The lead's first next action follows its latest qualification (the refreshed one, when it is the latest).
    await this.query(
      'UPDATE leads SET next_action = $1 WHERE id = (SELECT lead_id FROM qualifications WHERE id = $2) AND $2 = (SELECT max(q.id) FROM qualifications q WHERE q.lead_id = leads.id)',
      [firstActionJson(result), id],
    );
  }
  async insertContact(contact: NewContact, now: string): Promise<Contact> {
    // The contact keeps what it did to the follow-up day (before, after), for contact delete to undo.
    const [row] = await this.query<ContactRow>(
      `INSERT INTO contacts (lead_id, kind, at, note, created_at, "by", follow_up_before, follow_up_after)
       SELECT $1, $2, $3, $4, $5, $6, follow_up_on, CASE WHEN $7 THEN $8 ELSE follow_up_on END FROM leads WHERE id = $1
       RETURNING *`,
      [contact.leadId, contact.kind, contact.at, contact.note, now, contact.by ?? null, contact.followUpOn !== undefined, contact.followUpOn ?? null],
    );
    await this.query(
      `UPDATE leads SET last_contact_at = CASE WHEN last_contact_at IS NULL OR last_contact_at < $1 THEN $1 ELSE last_contact_at END,
         last_visit_at = CASE WHEN $2 = 'visit' AND (last_visit_at IS NULL OR last_visit_at < $1) THEN $1 ELSE last_visit_at END,
         follow_up_on = CASE WHEN $3 THEN $4 ELSE follow_up_on END
       WHERE id = $5`,
      [contact.at, contact.kind, contact.followUpOn !== undefined, contact.followUpOn ?? null, contact.leadId],
    );
    return contactOfRow(row!);
  }
  async deleteContact(id: number): Promise<Contact | undefined> {
    const row = await this.one<ContactRow>('DELETE FROM contacts WHERE id = $1 RETURNING *', [id]);
    if (row === undefined) return undefined;
    // As the SQLite store: the follow-up day goes back as it was before the contact, unless another contact changed it.
    await this.query(
      `UPDATE leads SET last_contact_at = (SELECT max(at) FROM contacts WHERE lead_id = $1),
         last_visit_at = (SELECT max(at) FROM contacts WHERE lead_id = $1 AND kind = 'visit'),
         follow_up_on = CASE WHEN follow_up_on IS NOT DISTINCT FROM $3::text THEN $2::text ELSE follow_up_on END
       WHERE id = $1`,
      [row.lead_id, row.follow_up_before, row.follow_up_after],
    );
    return contactOfRow(row);
  }
  async deleteReferralOf(leadId: number): Promise<void> {
    await this.query('DELETE FROM referrals WHERE lead_id = $1', [leadId]);
  }
  async insertReferralRequest(request: NewReferralRequest): Promise<number> {
    const [row] = await this.query<{ id: number }>('INSERT INTO referral_requests (lead_id, asked, note, asked_at, "by") VALUES ($1, $2, $3, $4, $5) RETURNING id', [
      request.leadId,
      request.asked,
      request.note ?? null,
      request.askedAt,
      request.by ?? null,
    ]);
    return row!.id;
  }
  async insertReferral(referral: NewReferral): Promise<number> {
    const [row] = await this.query<{ id: number }>('INSERT INTO referrals (request_id, referrer_id, lead_id, created_at) VALUES ($1, $2, $3, $4) RETURNING id', [
      referral.requestId ?? null,
      referral.referrerId,
      referral.leadId,
      referral.createdAt,
    ]);
    return row!.id;
  }
  async replaceIndustryRankings(rankings: readonly IndustryRanking[], importedAt: string, createLead: CreateRankedLead): Promise<RankingImport> {
    const industries = new Set(rankings.map((r) => r.industry));
    for (const industry of industries) await this.query('DELETE FROM industry_rankings WHERE industry = $1', [industry]);
    const createdIds = new Set<number>();
    let matched = 0;
    for (const ranking of rankings) {
      const key = normaliseCompany(ranking.company);
      let leadId = (await this.one<{ id: number }>('SELECT id FROM leads WHERE company_key = $1', [key]))?.id ?? null;
      if (leadId === null) {
        leadId = await createLead(ranking);
        if (leadId !== null) createdIds.add(leadId);
      } else if (!createdIds.has(leadId)) {
        matched++;
      }
      await this.query('INSERT INTO industry_rankings (industry, rank, company, company_key, lead_id, imported_at) VALUES ($1, $2, $3, $4, $5, $6)', [
        ranking.industry,
        ranking.rank,
        ranking.company,
        key,
        leadId,
        importedAt,
      ]);
    }
    return { ranks: rankings.length, industries: industries.size, matched, created: createdIds.size };
  }
  leadImporter(now: string, owner: string | null): LeadImporter {
    if (!this.begun) this.importing = true;
    this.importer = new PgImporter(new PgLeadImport(this.conn, now, owner), () => this.begin());
    return this.importer;
  }
  async clearAll(): Promise<void> {
    for (const t of [...STORE_TABLES].reverse()) await this.query(`DELETE FROM ${t.name}`);
  }
  async insertRows(table: StoreTable, rows: readonly StoredRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.query('SET CONSTRAINTS ALL DEFERRED');
    let text = '';
    for (const row of rows) text += copyLine(table.columns.map((c) => row[c] ?? null));
    await this.begin();
    const { from } = await import('pg-copy-streams');
    await new Promise<void>((resolve, reject) => {
      const stream = this.conn.client.query(from(`COPY ${table.name} (${columnList(table)}) FROM STDIN`));
      stream.on('finish', resolve);
      stream.on('error', reject);
      stream.end(text);
    });
    // The next id handed out follows the largest one copied, as on SQLite.
    if (table.hasId) await this.query(`SELECT setval(pg_get_serial_sequence('${table.name}', 'id'), coalesce(max(id), 0) + 1, false) FROM ${table.name}`);
  }

  private async refuseDuplicate(companyKey: string, creditCode: string | null, exceptId: number | undefined): Promise<void> {
    if (creditCode !== null) {
      const holder = await this.leadByCreditCode(creditCode);
      if (holder !== undefined && holder.id !== exceptId) throw duplicateLead(holder, creditCode);
    }
    const existing = await this.leadByCompanyKey(companyKey);
    if (existing !== undefined && existing.id !== exceptId) throw duplicateLead(existing);
  }
}

/** An import that wrote this many leads runs ANALYZE after its COMMIT (PgWriteTx.commit). */
const ANALYZE_AFTER_ROWS = 10_000;

/** The import's rows go to PgLeadImport, in the write's transaction (begun READ COMMITTED for it). */
class PgImporter implements LeadImporter {
  constructor(
    private readonly rows: PgLeadImport,
    private readonly begin: () => Promise<void>,
  ) {}

  async add(rows: readonly ImportRow[], duplicates: number): Promise<void> {
    await this.begin();
    await this.rows.add(rows, duplicates);
  }

  async totals(): Promise<ImportTotals> {
    return this.flush();
  }

  /** Writes the rows still held back for the next batch. */
  async flush(): Promise<ImportTotals> {
    await this.begin();
    return this.rows.flush();
  }

  /** Resolves once no batch is on its way to the server (before a ROLLBACK). */
  async idle(): Promise<void> {
    await this.rows.idle();
  }
}

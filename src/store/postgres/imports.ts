// `leadq score --import` on PostgreSQL: the same upsert as the SQLite store's LeadImport (src/store/imports.ts), in
// batches. Per batch: ONE query finds the leads the batch names (by credit code or company key, with their latest
// answers), a pure plan decides row by row what LeadImport would (create, update, unchanged, duplicate), then COPY
// writes the new leads (ids taken from the identity sequence, so qualifications can point at them) and all new
// qualifications, and one UPDATE … FROM unnest() the changed leads. Everything is ONE transaction: an interrupted or
// failed import leaves the store as it was.
//
// Concurrency: READ COMMITTED, not SERIALIZABLE, so a long import is never aborted by reps' writes. Each batch runs
// under a savepoint: a lock wait past the busy timeout, a deadlock, or a company a rep created meanwhile (unique
// violation) rolls back only that batch, which is planned again (it then sees the rep's lead) and retried.
import type { Writable } from 'node:stream';
import { DEFAULT_SOURCE } from '../../domain/lead.js';
import { METHOD_VERSION } from '../../engine/version.js';
import { sameImportedAnswers } from '../imported-answers.js';
import type { ImportRow, ImportTotals } from '../store.js';
import { pgQuery, type PgConnection } from './client.js';
import { copyLine } from './copy.js';
import { classifyPgError, codeOf } from './errors.js';
import { backoffMs, withRetry } from './retry.js';

/** A lead a batch names, as stored before the batch: identity, and its latest qualification's answers. */
export interface KnownLead {
  readonly id: number;
  readonly companyKey: string;
  readonly creditCode: string | null;
  /** JSON of the latest answers and the method version that scored them; null when never qualified. */
  readonly answers: string | null;
  readonly engineVersion: number | null;
  /** The print of the rest of those answers' lead section (store/imported-answers.ts); null when they were kept whole. */
  readonly leadPrint: string | null;
}

/** What a batch does, decided before anything is written. */
export interface BatchPlan {
  /** Rows that create a lead, in file order. */
  readonly created: readonly ImportRow[];
  /** Rows that add a qualification to an existing lead (and update its fields). */
  readonly updated: ReadonlyArray<{ readonly row: ImportRow; readonly id: number }>;
  /**
   * Every qualification to write, in file order (so ids follow the rows, as on SQLite): of an existing lead (its id),
   * or of created[n] (encoded as -(n + 1) until the sequence gives that lead its id).
   */
  readonly qualified: ReadonlyArray<{ readonly row: ImportRow; readonly lead: number }>;
  /** Existing leads this batch matched (updated or unchanged): later rows naming them are duplicates. */
  readonly matched: readonly number[];
  readonly unchanged: number;
  readonly duplicates: number;
}

/**
 * The plan for one batch, row by row as LeadImport decides: the credit code finds a lead, else the company key; no lead
 * → create (a later row naming it is a duplicate); a lead already imported from this file (touched) → duplicate;
 * the same answers under the current method → unchanged; else updated, and a lead without a credit code takes the
 * row's (so a later row with that code finds it, as the SQLite store's UPDATE … coalesce makes it do).
 */
export function planImportBatch(rows: readonly ImportRow[], known: readonly KnownLead[], touched: ReadonlySet<number>, methodVersion: number): BatchPlan {
  const byKey = new Map<string, number>();
  const byCode = new Map<string, number>();
  const leads = new Map<number, KnownLead>();
  for (const lead of known) {
    byKey.set(lead.companyKey, lead.id);
    if (lead.creditCode !== null) byCode.set(lead.creditCode, lead.id);
    leads.set(lead.id, lead);
  }
  const created: ImportRow[] = [];
  const updated: Array<{ row: ImportRow; id: number }> = [];
  const qualified: Array<{ row: ImportRow; lead: number }> = [];
  const matched: number[] = [];
  const claimed = new Set<number>();
  let unchanged = 0;
  let duplicates = 0;
  for (const row of rows) {
    const id = (row.creditCode === null ? undefined : byCode.get(row.creditCode)) ?? byKey.get(row.companyKey);
    if (id === undefined) {
      // A lead created by this batch: negative ids mark it until the sequence gives it a real one.
      const provisional = -(created.length + 1);
      created.push(row);
      qualified.push({ row, lead: provisional });
      claimed.add(provisional);
      byKey.set(row.companyKey, provisional);
      if (row.creditCode !== null) byCode.set(row.creditCode, provisional);
      continue;
    }
    if (claimed.has(id) || touched.has(id)) {
      duplicates++;
      continue;
    }
    claimed.add(id);
    matched.push(id);
    const lead = leads.get(id);
    if (lead !== undefined && lead.answers !== null && lead.engineVersion === methodVersion && sameImportedAnswers({ answers: lead.answers, leadPrint: lead.leadPrint }, row)) {
      unchanged++;
      continue;
    }
    updated.push({ row, id });
    qualified.push({ row, lead: id });
    if (row.creditCode !== null && lead !== undefined && lead.creditCode === null && !byCode.has(row.creditCode)) byCode.set(row.creditCode, id);
  }
  return { created, updated, qualified, matched, unchanged, duplicates };
}

const FIND_KNOWN = `
  SELECT l.id, l.company_key, l.credit_code, q.answers, q.lead_print, q.engine_version
    FROM leads l
    LEFT JOIN LATERAL (SELECT answers, lead_print, engine_version FROM qualifications WHERE lead_id = l.id ORDER BY id DESC LIMIT 1) q ON true
   WHERE l.company_key = ANY($1::text[]) OR l.credit_code = ANY($2::text[])`;

// The sequence is named once per import and given as a parameter: nextval(pg_get_serial_sequence(…)) looked it up again
// for every id (2.4 µs an id on the server against 0.5 µs).
const LEAD_SEQUENCE = "SELECT pg_get_serial_sequence('leads', 'id') AS seq";
const NEW_IDS = 'SELECT nextval($2::regclass) AS id FROM generate_series(1, $1::int)';

const COPY_LEADS = `COPY leads (id, credit_code, contact, title, phone, email, industry, source, competitor, partner,
  company, company_key, status, score, created_at, updated_at, owner, qualified_at, next_action) FROM STDIN`;

const COPY_QUALIFICATIONS = 'COPY qualifications (lead_id, answers, lead_print, result, verdict, score, engine_version, created_at, "by") FROM STDIN';

// Fields the row gives replace the stored ones; a missing one keeps what is there. A closed lead stays closed.
const UPDATE_LEADS = `
  UPDATE leads l SET credit_code = coalesce(l.credit_code, u.credit_code), contact = coalesce(u.contact, l.contact),
         title = coalesce(u.title, l.title), phone = coalesce(u.phone, l.phone), email = coalesce(u.email, l.email),
         industry = coalesce(u.industry, l.industry), source = coalesce(u.source, l.source),
         competitor = coalesce(u.competitor, l.competitor), partner = coalesce(u.partner, l.partner),
         status = CASE WHEN l.status IN ('won', 'lost') THEN l.status ELSE u.verdict END, score = u.score, updated_at = $13,
         qualified_at = $13, next_action = u.next_action
    FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                $9::text[], $10::text[], $11::text[], $12::int[], $14::text[])
         AS u(id, credit_code, contact, title, phone, email, industry, source, competitor, partner, verdict, score, next_action)
   WHERE l.id = u.id`;

/** How many rows one COPY carries: big enough that round trips vanish, small enough to redo after a conflict. */
export const IMPORT_BATCH_ROWS = 5000;

/** A company a rep created while the batch was planned (unique violation) is planned again at most this often. */
const MAX_REPLANS = 5;

/** An import in progress: begin(), add() per batch of rows, then commit() or rollback(). */
export class PgLeadImport {
  private readonly totals: { -readonly [K in keyof ImportTotals]: number } = { created: 0, updated: 0, unchanged: 0, duplicates: 0 };
  /** Lead ids already imported from this file. */
  private readonly touched = new Set<number>();
  private pending: ImportRow[] = [];
  private open = false;
  /**
   * The batch the server is writing while the next one is scored and planned (at most one: each batch looks up what
   * the ones before it wrote). Its failure is thrown by the next add(), flush() or commit().
   */
  private writing: Promise<void> | undefined;
  /** The leads' id sequence (LEAD_SEQUENCE), once the first batch needs ids. */
  private sequence: string | undefined;

  constructor(
    private readonly conn: PgConnection,
    private readonly now: string,
    /** Who imports: the owner of the leads it creates, and who made its qualifications. */
    private readonly by: string | null = null,
    private readonly batchRows: number = IMPORT_BATCH_ROWS,
  ) {}

  /** Starts the one transaction (READ COMMITTED; each lock wait bounded by the busy timeout). */
  async begin(): Promise<void> {
    await this.guard(async () => {
      await this.conn.client.query('BEGIN ISOLATION LEVEL READ COMMITTED');
      this.open = true;
      await this.conn.client.query("SELECT set_config('lock_timeout', $1, true)", [String(Math.max(1, this.conn.busyTimeoutMs))]);
    });
  }

  /** Queues rows in file order (written a batch at a time); duplicates: rows the scorer already knew to be repeats. */
  async add(rows: readonly ImportRow[], duplicates = 0): Promise<void> {
    this.totals.duplicates += duplicates;
    for (const row of rows) this.pending.push(row);
    while (this.pending.length >= this.batchRows) {
      const batch = this.pending.splice(0, this.batchRows);
      await this.written();
      // Not awaited: the server writes this batch while the caller scores the next rows (two cores instead of one).
      const writing = this.flushBatch(batch);
      writing.catch(() => undefined); // thrown by written(), not "unhandled" meanwhile
      this.writing = writing;
    }
  }

  /** Writes what is queued (the transaction stays open); returns what the import did. */
  async flush(): Promise<ImportTotals> {
    await this.written();
    if (this.pending.length > 0) await this.flushBatch(this.pending.splice(0));
    return { ...this.totals };
  }

  /** Waits for the batch being written (throwing its failure). */
  private async written(): Promise<void> {
    const writing = this.writing;
    this.writing = undefined;
    await writing;
  }

  /** Resolves once no batch is being written, whatever its outcome: nothing of the import is on its way to the server. */
  async idle(): Promise<void> {
    await this.writing?.catch(() => undefined);
  }

  /** Writes what is queued and commits everything imported; returns what it did. */
  async commit(): Promise<ImportTotals> {
    await this.flush();
    await this.guard(() => this.conn.client.query('COMMIT'));
    this.open = false;
    return { ...this.totals };
  }

  /** Undoes everything (after an error or --strict): the store is as it was. */
  async rollback(): Promise<void> {
    this.pending = [];
    // A ROLLBACK sent between two statements of a batch would let the rest of it run outside the transaction.
    await this.idle();
    if (this.open) await this.conn.client.query('ROLLBACK').catch(() => undefined);
    this.open = false;
  }

  /** One batch under a savepoint, retried after a lock timeout or deadlock (within the busy timeout) or a company created meanwhile. */
  private async flushBatch(rows: readonly ImportRow[]): Promise<void> {
    const client = this.conn.client;
    let replans = 0;
    await this.guard(() =>
      withRetry(
        this.conn.busyTimeoutMs,
        async () => {
          for (;;) {
            await client.query('SAVEPOINT leadq_import');
            try {
              await this.writeBatch(rows);
              await client.query('RELEASE SAVEPOINT leadq_import');
              return;
            } catch (err) {
              await client.query('ROLLBACK TO SAVEPOINT leadq_import');
              if (codeOf(err) !== '23505' || ++replans > MAX_REPLANS) throw err;
              await this.conn.clock.sleep(backoffMs(replans, this.conn.busyTimeoutMs, this.conn.clock.random()));
            }
          }
        },
        this.conn.clock,
      ),
    );
  }

  private async writeBatch(rows: readonly ImportRow[]): Promise<void> {
    const conn = this.conn;
    const keys = rows.map((r) => r.companyKey);
    const codes = rows.flatMap((r) => (r.creditCode === null ? [] : [r.creditCode]));
    const known = (
      await pgQuery<{ id: number; company_key: string; credit_code: string | null; answers: string | null; lead_print: string | null; engine_version: number | null }>(conn, FIND_KNOWN, [keys, codes])
    ).map((r): KnownLead => ({ id: r.id, companyKey: r.company_key, creditCode: r.credit_code, answers: r.answers, leadPrint: r.lead_print, engineVersion: r.engine_version }));
    const plan = planImportBatch(rows, known, this.touched, METHOD_VERSION);
    const ids = plan.created.length === 0 ? [] : await this.newIds(plan.created.length);
    const now = this.now;
    if (plan.created.length > 0) {
      let text = '';
      plan.created.forEach((row, i) => {
        text += copyLine([ids[i] ?? null, ...leadFields(row, row.source ?? DEFAULT_SOURCE), row.company, row.companyKey, row.verdict, row.score, now, now, this.by, now, row.nextAction]);
      });
      await this.copy(COPY_LEADS, text);
    }
    let qualifications = '';
    for (const { row, lead } of plan.qualified) qualifications += qualificationLine(lead < 0 ? (ids[-lead - 1] ?? null) : lead, row, now, this.by);
    if (qualifications !== '') await this.copy(COPY_QUALIFICATIONS, qualifications);
    if (plan.updated.length > 0) {
      const column = (pick: (row: ImportRow) => string | number | null) => plan.updated.map(({ row }) => pick(row));
      await pgQuery(conn, UPDATE_LEADS, [
        plan.updated.map((u) => u.id),
        column((r) => r.creditCode),
        column((r) => r.contact),
        column((r) => r.title),
        column((r) => r.phone),
        column((r) => r.email),
        column((r) => r.industry),
        column((r) => r.source),
        column((r) => r.competitor),
        column((r) => r.partner),
        column((r) => r.verdict),
        column((r) => r.score),
        now,
        column((r) => r.nextAction),
      ]);
    }
    // Only once the batch is written: a batch rolled back to its savepoint touched nothing.
    for (const id of ids) this.touched.add(id);
    for (const id of plan.matched) this.touched.add(id);
    this.totals.created += plan.created.length;
    this.totals.updated += plan.updated.length;
    this.totals.unchanged += plan.unchanged;
    this.totals.duplicates += plan.duplicates;
  }

  /** n ids of new leads, from the leads' sequence. */
  private async newIds(n: number): Promise<number[]> {
    this.sequence ??= (await pgQuery<{ seq: string }>(this.conn, LEAD_SEQUENCE))[0]!.seq;
    return (await pgQuery<{ id: number }>(this.conn, NEW_IDS, [n, this.sequence])).map((r) => r.id);
  }

  /** Streams COPY text to the server and waits until it has taken all of it. */
  private async copy(sql: string, text: string): Promise<void> {
    const { from } = await import('pg-copy-streams');
    const stream: Writable = this.conn.client.query(from(sql));
    await new Promise<void>((resolve, reject) => {
      stream.on('finish', resolve);
      stream.on('error', reject);
      stream.end(text);
    });
  }

  /** Store failures as the SPEC's exit codes (unreachable 69, busy 75, NUL in text 65 …). */
  private async guard<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw classifyPgError(err, this.conn.context) ?? err;
    }
  }
}

/** The lead columns COPY_LEADS lists after the id, in its order. */
function leadFields(row: ImportRow, source: string | null): Array<string | null> {
  return [row.creditCode, row.contact, row.title, row.phone, row.email, row.industry, source, row.competitor, row.partner];
}

function qualificationLine(leadId: number | null, row: ImportRow, now: string, by: string | null): string {
  return copyLine([leadId, row.answers, row.leadPrint, row.result, row.verdict, row.score, METHOD_VERSION, now, by]);
}

// `leadq score --import` on the data file (the LeadImporter of store.ts): scored rows upserted as leads with their
// qualification inside the write transaction, which stays open while the file streams through (an interrupted or
// failed import leaves the file as it was).
import { CSV_LEAD_FIELDS } from '../../domain/lead-fields.js';
import { DEFAULT_SOURCE } from '../../domain/lead.js';
import { SOURCES, type Source } from '../../engine/enums.js';
import { VERDICTS } from '../../engine/types.js';
import { METHOD_VERSION } from '../../engine/version.js';
import { sameImportedAnswers } from '../imported-answers.js';
import type { ImportRow, ImportTotals, LeadImporter } from '../store.js';
import { yieldToEventLoop } from '../../files/interrupt.js';
import type Database from 'better-sqlite3';
import { prepared, type Db } from './db.js';
import { HashedIds } from './hashed-ids.js';
import { msOf } from './times.js';
import { STATUS_AFTER_QUALIFICATION } from './leads.js';

const BY_CODE = 'SELECT id FROM leads WHERE credit_code = ?';
const BY_KEY = 'SELECT id FROM leads WHERE company_key = ?';
const KEY_OF = 'SELECT company_key AS key FROM leads WHERE id = ?';
const CODE_OF = 'SELECT credit_code AS code FROM leads WHERE id = ?';
// The lead fields a row can fill (the lead fields table's CSV fields), but the company, which identifies the lead.
const FIELDS = CSV_LEAD_FIELDS.filter((f) => f.kind !== 'company');
// Each also keeps the lead's latest qualification on it: its time and first next action (what `leadq today` ranks).
// Its values are bound by name in insertLead (a million times an import: no array, no keyed loads).
const INSERT_LEAD = `INSERT INTO leads (contact, title, phone, email, industry, source, competitor, partner, credit_code, company, company_key,
  status, score, created_at, updated_at, owner, qualified_at, next_action) VALUES (${Array.from({ length: 18 }, () => '?').join(', ')})`;
const LATEST_ANSWERS = 'SELECT answers, lead_print AS leadPrint, engine_version AS engineVersion FROM qualifications WHERE lead_id = ? ORDER BY id DESC LIMIT 1';
const QUALIFICATION_COLUMNS = 'INSERT INTO qualifications (lead_id, answers, lead_print, result, verdict, score, engine_version, created_at, "by") VALUES ';
// The values of one qualification (QUALIFICATION_COLUMNS).
const PER_QUALIFICATION = 9;
const INSERT_QUALIFICATION = `${QUALIFICATION_COLUMNS}(${Array.from({ length: PER_QUALIFICATION }, () => '?').join(', ')})`;
// Qualifications go in QUALIFICATIONS_AT_ONCE to a statement: one call into SQLite instead of one per row.
const QUALIFICATIONS_AT_ONCE = 64;
const INSERT_QUALIFICATIONS = QUALIFICATION_COLUMNS + Array.from({ length: QUALIFICATIONS_AT_ONCE }, () => INSERT_QUALIFICATION.slice(QUALIFICATION_COLUMNS.length)).join(', ');
// A new company is inserted straight away: a uniqueness conflict (its key or credit code is a lead's already) inserts
// nothing, and only then is the lead looked up. The same outcome as looking first, one index search fewer per new lead.
const INSERT_NEW_LEAD = `${INSERT_LEAD} ON CONFLICT DO NOTHING`;
// Fields the row gives replace the stored ones; a missing one keeps what is there (a stored credit code is kept: it
// identifies the lead). A closed lead stays closed.
const UPDATE_LEAD = `UPDATE leads SET ${FIELDS.map((f) => (f.kind === 'creditCode' ? `${f.column} = coalesce(${f.column}, ?)` : `${f.column} = coalesce(?, ${f.column})`)).join(', ')},
  status = ${STATUS_AFTER_QUALIFICATION}, score = ?, updated_at = ?, qualified_at = ?, next_action = ? WHERE id = ?`;

/**
 * Refuses a row whose values the data file's CHECK constraints would: its verdict (the lead's status), its score and
 * its source. An import built aside does not run those constraints (store.ts writeAside): this keeps it to the same
 * values. Its JSON (answers, result, next action) is JSON.stringify's, valid as made. A row it refuses is a leadq bug.
 */
function checkRow(row: ImportRow): void {
  const { verdict, score, source } = row;
  if (VERDICTS.includes(verdict) && Number.isInteger(score) && score >= 0 && score <= 100 && (source === null || SOURCES.includes(source))) return;
  throw new Error(`an import row outside the data file's constraints: ${JSON.stringify({ verdict, score, source })}`);
}

/** The lead columns UPDATE_LEAD starts with, in their order (FIELDS'). */
function leadValues(row: ImportRow, source: Source | null): Array<string | null> {
  return FIELDS.map((f) => (f.name === 'source' ? source : (row[f.name] as string | null)));
}

/**
 * A bulk load (bulkLoad): the indexes it put off (their CREATE statements, built again by totals()), and its companies
 * so far by key and by credit code, what the unique ones among those indexes would find (every lead of the store is
 * this import's, so a row whose company is one of them is a repeat).
 */
interface Bulk {
  readonly indexes: readonly string[];
  readonly keys: HashedIds;
  readonly codes: HashedIds;
}

/** An import inside the connection's open write transaction: add() per batch of rows. */
export class SqliteLeadImporter implements LeadImporter {
  private readonly counts = { created: 0, updated: 0, unchanged: 0, duplicates: 0 };
  /** Qualifications not written yet: PER_QUALIFICATION values each, in INSERT_QUALIFICATION's order. */
  private pending: Array<string | number | null> = [];
  /** Lead ids already imported from this file (a bitmap: ids are dense rowids). */
  private touched = new Uint8Array(1024);
  /** A bulk load; null: an import into a store with leads (every index kept); undefined until the first rows. */
  private bulk: Bulk | null | undefined;

  /** The import's time, as the data file keeps times. */
  private readonly nowMs: number;

  constructor(
    private readonly db: Db,
    /** The import's time (ISO 8601). */
    private readonly now: string,
    /** Who imports: the owner of the leads it creates, and who made its qualifications. */
    private readonly by: string | null,
  ) {
    this.nowMs = msOf(now);
  }

  /** Upserts a batch of rows in file order; duplicates: rows the scorer already knew to be repeats of an earlier company. */
  async add(rows: readonly ImportRow[], duplicates: number): Promise<void> {
    this.bulk ??= bulkLoad(this.db);
    this.counts.duplicates += duplicates;
    const bulk = this.bulk;
    for (const row of rows) checkRow(row);
    if (bulk === null) for (const row of rows) this.upsert(row);
    else for (const row of rows) this.insertNew(row, bulk);
    this.flushQualifications();
  }

  /**
   * What the import did, once the indexes it put off are built again. The object stays this importer's: an import
   * built aside that is merged into a data file another leadq created meanwhile (mergeInto) says what the merge did.
   */
  async totals(): Promise<ImportTotals> {
    const bulk = this.bulk;
    this.bulk = null;
    if (!bulk) return this.counts;
    // SQLite sorts an index's keys on helper threads when allowed (the scoring worker is done by now).
    this.db.pragma(`threads = ${SORT_THREADS}`);
    try {
      for (const sql of bulk.indexes) {
        await yieldToEventLoop(); // Ctrl-C between two indexes (each one SQLite call of about a second on a million leads)
        this.db.exec(sql);
      }
    } finally {
      this.db.pragma('threads = 0');
    }
    return this.counts;
  }

  /**
   * Imports into the data file open in `db`'s write transaction what this importer wrote into its own file, a new one
   * (`from`, open again: every lead of it created by this import, with its one qualification), in the order it wrote
   * them, at the same time and by the same rep: as if the rows had come from the input. This importer's totals become
   * the merge's.
   */
  async mergeInto(from: Db, db: Db): Promise<void> {
    const into = new SqliteLeadImporter(db, this.now, this.by);
    const rows = from.prepare(MERGED_ROWS).iterate() as IterableIterator<Record<string, string | number | null>>;
    let batch: ImportRow[] = [];
    for (const stored of rows) {
      batch.push(importRowOfStored(stored));
      if (batch.length < MERGE_BATCH) continue;
      await into.add(batch, 0);
      batch = [];
      await yieldToEventLoop();
    }
    await into.add(batch, 0);
    const merged = await into.totals();
    Object.assign(this.counts, { created: merged.created, updated: merged.updated, unchanged: merged.unchanged, duplicates: this.counts.duplicates + merged.duplicates });
  }

  private upsert(row: ImportRow): void {
    const db = this.db;
    const inserted = this.insertLead(INSERT_NEW_LEAD, row);
    if (inserted.changes > 0) {
      const id = Number(inserted.lastInsertRowid);
      this.insertQualification(id, row);
      this.markTouched(id);
      this.counts.created++;
      return;
    }
    const found = ((row.creditCode === null ? undefined : (prepared(db, BY_CODE).get(row.creditCode) as { id: number } | undefined)) ??
      (prepared(db, BY_KEY).get(row.companyKey) as { id: number } | undefined))!;
    if (this.wasTouched(found.id)) {
      this.counts.duplicates++;
      return;
    }
    this.markTouched(found.id);
    const latest = prepared(db, LATEST_ANSWERS).get(found.id) as { answers: string; leadPrint: string | null; engineVersion: number } | undefined;
    if (latest !== undefined && latest.engineVersion === METHOD_VERSION && sameImportedAnswers(latest, row)) {
      this.counts.unchanged++;
      return;
    }
    this.insertQualification(found.id, row);
    prepared(db, UPDATE_LEAD).run(...leadValues(row, row.source), row.verdict, row.score, this.nowMs, this.nowMs, row.nextAction, found.id);
    this.counts.updated++;
  }

  /** Inserts the lead a row makes (INSERT_LEAD or INSERT_NEW_LEAD). */
  private insertLead(sql: string, row: ImportRow): Database.RunResult {
    const now = this.nowMs;
    return prepared(this.db, sql).run(
      row.contact, row.title, row.phone, row.email, row.industry, row.source ?? DEFAULT_SOURCE, row.competitor, row.partner, row.creditCode,
      row.company, row.companyKey, row.verdict, row.score, now, now, this.by, now, row.nextAction,
    );
  }

  /** A row of a bulk load: a new lead, unless a row before it in this import made its company's (its key or credit code). */
  private insertNew(row: ImportRow, bulk: Bulk): void {
    const code = row.creditCode;
    if (bulk.keys.has(row.companyKey, this.holdsKey) || (code !== null && bulk.codes.has(code, this.holdsCode))) {
      this.counts.duplicates++;
      return;
    }
    const id = Number(this.insertLead(INSERT_LEAD, row).lastInsertRowid);
    bulk.keys.add(row.companyKey, id);
    if (code !== null) bulk.codes.add(code, id);
    this.insertQualification(id, row);
    this.counts.created++;
  }

  private readonly holdsKey = (id: number, key: string) => (prepared(this.db, KEY_OF).get(id) as { key: string }).key === key;
  private readonly holdsCode = (id: number, code: string) => (prepared(this.db, CODE_OF).get(id) as { code: string | null }).code === code;

  /** Queues a qualification (written by flushQualifications, before add returns; no read in between looks at them). */
  private insertQualification(leadId: number, row: ImportRow): void {
    this.pending.push(leadId, row.answers, row.leadPrint, row.result, row.verdict, row.score, METHOD_VERSION, this.nowMs, this.by);
    if (this.pending.length === QUALIFICATIONS_AT_ONCE * PER_QUALIFICATION) this.flushQualifications();
  }

  private flushQualifications(): void {
    const values = this.pending;
    if (values.length === QUALIFICATIONS_AT_ONCE * PER_QUALIFICATION) prepared(this.db, INSERT_QUALIFICATIONS).run(...values);
    else for (let i = 0; i < values.length; i += PER_QUALIFICATION) prepared(this.db, INSERT_QUALIFICATION).run(...values.slice(i, i + PER_QUALIFICATION));
    this.pending = [];
  }

  private wasTouched(id: number): boolean {
    return ((this.touched[id >> 3] ?? 0) & (1 << (id & 7))) !== 0;
  }

  private markTouched(id: number): void {
    if (id >= this.touched.length * 8) {
      const grown = new Uint8Array(Math.max(this.touched.length * 2, (id >> 3) + 1));
      grown.set(this.touched);
      this.touched = grown;
    }
    this.touched[id >> 3] = (this.touched[id >> 3] ?? 0) | (1 << (id & 7));
  }
}

// An import's rows as its own new file keeps them (mergeInto), in the order they were written.
const MERGED_ROWS = `SELECT l.*, q.answers AS q_answers, q.lead_print AS q_lead_print, q.result AS q_result, q.verdict AS q_verdict, q.score AS q_score
  FROM leads l JOIN qualifications q ON q.lead_id = l.id ORDER BY l.id`;
const MERGE_BATCH = 1000;
// The helper threads SQLite may sort a put-off index's keys on (it starts them only for a large sort).
const SORT_THREADS = 2;

/** The import row a lead this import created was made of (MERGED_ROWS). */
function importRowOfStored(stored: Readonly<Record<string, string | number | null>>): ImportRow {
  const row: Record<string, unknown> = {};
  for (const field of CSV_LEAD_FIELDS) row[field.name] = stored[field.column] ?? null;
  // A row without a source made a lead of the default one; its answers say whether the row gave one.
  const answers = JSON.parse(String(stored.q_answers)) as { lead?: { source?: Source } };
  row.source = answers.lead?.source ?? null;
  row.companyKey = stored.company_key;
  row.verdict = stored.q_verdict;
  row.score = stored.q_score;
  row.answers = stored.q_answers;
  row.leadPrint = stored.q_lead_print;
  row.result = stored.q_result;
  row.nextAction = stored.next_action ?? null;
  return row as ImportRow;
}

/**
 * A bulk load: an import into a store without leads (a team's or a rep's first export) drops the full indexes and the
 * unique ones of leads and qualifications and builds them again at the end, inside the same transaction: sorting a
 * million keys once costs less than a million insertions into a growing tree (measured on a million distinct
 * companies: 2.9 µs a lead inserted without the unique indexes, 4.2 µs with them; building them 0.6 s). The importer
 * finds the repeats the unique indexes would (SqliteLeadImporter.bulk), and building them again checks it. The partial
 * non-unique ones stay (they hold few of an import's rows, the precise and disqualified leads at most: keeping them
 * costs little, building one again a scan of the table).
 * Nothing reads the dropped ones meanwhile (no lead existed before, so none is looked up by them), readers keep their
 * snapshot with its indexes, and a rollback puts them back with the rest. An import into a store with leads keeps every
 * index: null.
 */
function bulkLoad(db: Db): Bulk | null {
  if (prepared(db, 'SELECT 1 FROM leads LIMIT 1').get() !== undefined) return null;
  const indexes = db
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('leads', 'qualifications') AND sql IS NOT NULL
         AND (sql LIKE 'CREATE UNIQUE%' OR sql NOT LIKE '% WHERE %') ORDER BY name`,
    )
    .all() as { name: string; sql: string }[];
  for (const { name } of indexes) db.exec(`DROP INDEX "${name}"`);
  return { indexes: indexes.map((i) => i.sql), keys: new HashedIds(), codes: new HashedIds() };
}

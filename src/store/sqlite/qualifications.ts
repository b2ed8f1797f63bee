import type { Qualification } from '../../engine/types.js';
import { firstActionJson, qualificationOfRow, type QualificationRow } from '../result.js';
import type { NewQualification, QualificationRecord } from '../store.js';
import { prepared, type Db } from './db.js';
import { msOf, withIsoTimes } from './times.js';
import { CLOSED_SQL } from './leads.js';

/** Appends a qualification to a lead's history (every run is a new row) and makes it the lead's latest (qualified_at, next_action); returns its id. Does not touch the lead's status. */
export function insertQualification(db: Db, q: NewQualification): number {
  const info = prepared(
    db,
    'INSERT INTO qualifications (lead_id, answers, result, verdict, score, engine_version, created_at, "by", lead_print) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(q.leadId, JSON.stringify(q.answers), JSON.stringify(q.result), q.result.verdict, q.result.score, q.engineVersion, msOf(q.createdAt), q.by ?? null, q.leadPrint ?? null);
  prepared(db, 'UPDATE leads SET qualified_at = ?, next_action = ? WHERE id = ?').run(msOf(q.createdAt), firstActionJson(q.result), q.leadId);
  return Number(info.lastInsertRowid);
}

/** A lead's qualification history, newest first. */
export async function qualificationsOf(db: Db, leadId: number): Promise<QualificationRecord[]> {
  const rows = prepared(db, 'SELECT * FROM qualifications WHERE lead_id = ? ORDER BY id DESC').all(leadId) as QualificationRow[];
  return Promise.all(rows.map((r) => toRecord(db, r)));
}

/** The lead's latest qualification (answers + result), e.g. to pre-fill a re-qualification; undefined if never qualified. */
export async function latestQualification(db: Db, leadId: number): Promise<QualificationRecord | undefined> {
  const row = prepared(db, 'SELECT * FROM qualifications WHERE lead_id = ? ORDER BY id DESC LIMIT 1').get(leadId) as QualificationRow | undefined;
  return row === undefined ? undefined : toRecord(db, row);
}

/** A row as a record (store/result.ts: the same for every backend; a bad row is a damaged file). */
function toRecord(db: Db, row: QualificationRow): Promise<QualificationRecord> {
  return qualificationOfRow(withIsoTimes(row), db.name);
}

// The latest qualification of each lead still open: the one its status and score come from.
const LATEST_OF_OPEN = `FROM leads l JOIN qualifications q ON q.id = (SELECT max(id) FROM qualifications WHERE lead_id = l.id)
  WHERE l.status NOT IN (${CLOSED_SQL})`;

/** The latest qualification of each open (not won/lost) lead with an id above afterId, in lead order, at most limit of them. */
export async function latestOfOpenLeads(db: Db, afterId: number, limit: number): Promise<QualificationRecord[]> {
  const rows = prepared(db, `SELECT q.* ${LATEST_OF_OPEN} AND l.id > ? ORDER BY l.id LIMIT ?`).all(afterId, limit) as QualificationRow[];
  return Promise.all(rows.map((r) => toRecord(db, r)));
}

/** How many open leads were last scored by a method version older than `method` (0 for a file never initialised). */
export function openLeadsScoredBefore(db: Db, method: number): number {
  const initialised = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'qualifications'").get() !== undefined;
  if (!initialised) return 0;
  return (prepared(db, `SELECT count(*) AS n ${LATEST_OF_OPEN} AND q.engine_version < ?`).get(method) as { n: number }).n;
}

/** Brings a qualification's result up to the current method in place, when re-running it left its verdict and score as they were. */
export function refreshQualificationResult(db: Db, id: number, result: Qualification): void {
  prepared(db, 'UPDATE qualifications SET result = ?, engine_version = ? WHERE id = ? AND verdict = ? AND score = ?').run(
    JSON.stringify(result),
    result.method,
    id,
    result.verdict,
    result.score,
  );
  // The lead's first next action follows its latest qualification (the refreshed one, when it is the latest).
  prepared(
    db,
    'UPDATE leads SET next_action = @action WHERE id = (SELECT lead_id FROM qualifications WHERE id = @id) AND @id = (SELECT max(q.id) FROM qualifications q WHERE q.lead_id = leads.id)',
  ).run({ action: firstActionJson(result), id });
}

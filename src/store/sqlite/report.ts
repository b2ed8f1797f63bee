import { SOURCES } from '../../engine/enums.js';
import { VERDICTS } from '../../engine/types.js';
import type { SourceFigures, VerdictRecord } from '../store.js';
import { prepared, type Db } from './db.js';
import { sinceMs } from './times.js';
import { CLOSED_SQL } from './leads.js';

// The figures behind `leadq report`: what each lead source yields, counted over a cohort of leads.

interface CountRow {
  source: string;
  leads?: number;
  precise?: number;
  disqualified?: number;
  visits?: number;
  won?: number;
}

// Precise and disqualified go by each lead's latest qualification (its history may hold earlier verdicts).
const LEAD_COUNTS = `
  SELECT l.source,
         count(*) AS leads,
         count(*) FILTER (WHERE q.verdict = 'precise') AS precise,
         count(*) FILTER (WHERE q.verdict = 'disqualified') AS disqualified,
         count(*) FILTER (WHERE l.status = 'won') AS won
    FROM leads l
    LEFT JOIN qualifications q ON q.id = (SELECT max(id) FROM qualifications WHERE lead_id = l.id)
   WHERE l.created_at >= ?
   GROUP BY l.source`;

const VISIT_COUNTS = `
  SELECT l.source, count(*) AS visits
    FROM contacts c JOIN leads l ON l.id = c.lead_id
   WHERE c.kind = 'visit' AND l.created_at >= ?
   GROUP BY l.source`;

/** Figures for every source (zeros included, in the method's order) over the leads created on or after `since` (ISO; undefined: all). */
export function sourceFigures(db: Db, since: string | undefined): SourceFigures[] {
  const from = sinceMs(since);
  const bySource = new Map<string, CountRow>();
  for (const row of prepared(db, LEAD_COUNTS).iterate(from) as IterableIterator<CountRow>) bySource.set(row.source, row);
  for (const row of prepared(db, VISIT_COUNTS).iterate(from) as IterableIterator<CountRow>) {
    bySource.set(row.source, { ...bySource.get(row.source), ...row });
  }
  return SOURCES.map((source) => {
    const row = bySource.get(source);
    return {
      source,
      leads: row?.leads ?? 0,
      precise: row?.precise ?? 0,
      disqualified: row?.disqualified ?? 0,
      visits: row?.visits ?? 0,
      won: row?.won ?? 0,
    };
  });
}

// Of the closed leads, those once rated each verdict (any qualification in their history) and how many were won: does
// the method's verdict predict a win?
const TRACK_RECORD = `
  SELECT q.verdict, count(DISTINCT l.id) AS closed, count(DISTINCT CASE WHEN l.status = 'won' THEN l.id END) AS won
    FROM leads l JOIN qualifications q ON q.lead_id = l.id
   WHERE l.status IN (${CLOSED_SQL}) AND l.created_at >= ?
   GROUP BY q.verdict`;

/** For each verdict (in VERDICTS order), the closed leads created since `since` once rated it, and how many were won. */
export function trackRecord(db: Db, since: string | undefined): VerdictRecord[] {
  const rows = new Map((prepared(db, TRACK_RECORD).all(sinceMs(since)) as VerdictRecord[]).map((r) => [r.verdict, r]));
  return VERDICTS.map((verdict) => ({ verdict, closed: rows.get(verdict)?.closed ?? 0, won: rows.get(verdict)?.won ?? 0 }));
}

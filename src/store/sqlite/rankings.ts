import { normaliseCompany } from '../../domain/company.js';
import { TOP_RANKS } from '../../domain/lead-sources.js';
import { yieldToEventLoop } from '../../files/interrupt.js';
import type { CreateRankedLead, IndustryRanking, RankingImport, Top20Filter, Top20Row } from '../store.js';
import { prepared, type Db } from './db.js';
import { EVER, isoTimesOf, msOf } from './times.js';

// Industry rankings: the method's "top 20 companies of the industry, bought or not" as a list to work through.


/**
 * The accounts ranked 1–20, by industry then rank (the (industry, rank) primary key gives that order without a sort;
 * each lead is a rowid lookup, so the cost follows the number of ranks, not of leads).
 */
export function listTop20(db: Db, filter: Top20Filter): IterableIterator<Top20Row> {
  const where = ['r.rank <= :top'];
  if (filter.industry !== undefined) where.push('r.industry = :industry COLLATE NOCASE');
  if (filter.contactedSince !== undefined) where.push('(l.last_contact_at IS NULL OR l.last_contact_at < :since)');
  const sql = `SELECT r.industry, r.rank, coalesce(l.company, r.company) AS company, r.lead_id, l.status, l.last_contact_at AS last_contact
                 FROM industry_rankings r LEFT JOIN leads l ON l.id = r.lead_id
                WHERE ${where.join(' AND ')}
                ORDER BY r.industry, r.rank`;
  const params: Record<string, string | number> = { top: TOP_RANKS };
  if (filter.industry !== undefined) params.industry = filter.industry;
  // '': "no contact since ever" means no contact at all.
  if (filter.contactedSince !== undefined) params.since = filter.contactedSince === '' ? EVER : msOf(filter.contactedSince);
  return isoTimesOf(prepared(db, sql).iterate(params) as IterableIterator<Top20Row>);
}

/**
 * Replaces the ranking of every industry in `rankings` (an industry not in the file keeps its own), matching each
 * company to a lead by normalised name and creating the missing ones. Call inside one write transaction.
 */
export async function replaceIndustryRankings(db: Db, rankings: readonly IndustryRanking[], importedAt: string, createLead: CreateRankedLead): Promise<RankingImport> {
  const industries = new Set(rankings.map((r) => r.industry));
  const remove = prepared(db, 'DELETE FROM industry_rankings WHERE industry = ?');
  for (const industry of industries) remove.run(industry);
  const findLead = prepared(db, 'SELECT id FROM leads WHERE company_key = ?').pluck();
  const insert = prepared(
    db,
    'INSERT INTO industry_rankings (industry, rank, company, company_key, lead_id, imported_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const createdIds = new Set<number>();
  const importedMs = msOf(importedAt);
  let matched = 0;
  for (const [i, ranking] of rankings.entries()) {
    // Ctrl-C stops a long import at once (the transaction is then never committed).
    if (i % 1000 === 999) await yieldToEventLoop();
    const key = normaliseCompany(ranking.company);
    let leadId = (findLead.get(key) as number | undefined) ?? null;
    if (leadId === null) {
      leadId = await createLead(ranking);
      if (leadId !== null) createdIds.add(leadId);
    } else if (!createdIds.has(leadId)) {
      matched++;
    }
    insert.run(ranking.industry, ranking.rank, ranking.company, key, leadId, importedMs);
  }
  return { ranks: rankings.length, industries: industries.size, matched, created: createdIds.size };
}

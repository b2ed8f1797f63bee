import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertContact } from '../../src/store/sqlite/contacts.js';
import type { Db } from '../../src/store/sqlite/db.js';
import { insertLead, listStatements, setLeadQualification } from '../../src/store/sqlite/leads.js';
import { openWriter } from '../../src/store/sqlite/open.js';
import { listTop20, replaceIndustryRankings } from '../../src/store/sqlite/rankings.js';
import { insertReferral, insertReferralRequest, listReferralRequests, openReferralRequestId, referralTotals } from '../../src/store/sqlite/referrals.js';
import { sourceFigures } from '../../src/store/sqlite/report.js';
import type { IndustryRanking } from '../../src/store/store.js';

// The SQL behind the lead sources (referrals, industry rankings, report figures) on a real data file: the functions
// of store/sqlite/ called on the connection, as the SQLite store calls them.

const NOW = '2026-05-01T08:00:00.000Z';
let db: Db;
let dir: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'leadq-sources-'));
  db = await openWriter(join(dir, 'leadq.db'), { busyTimeoutMs: 5000 });
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const lead = (company: string, source: Parameters<typeof insertLead>[1]['source'] = 'cold', at = NOW) => insertLead(db, { company, source }, at).id;

function qualify(leadId: number, verdict: 'precise' | 'qualifying' | 'disqualified'): void {
  db.prepare("INSERT INTO qualifications (lead_id, answers, result, verdict, score, engine_version, created_at) VALUES (?, '{}', '{}', ?, 50, 1, ?)").run(
    leadId,
    verdict,
    Date.parse(NOW),
  );
  setLeadQualification(db, leadId, verdict, 50, NOW);
}

describe('referral requests', () => {
  it('links a referral to the latest request with fewer received than asked, then to none', async () => {
    const referrer = lead('华信科技');
    const first = insertReferralRequest(db, { leadId: referrer, asked: 1, askedAt: NOW });
    const second = insertReferralRequest(db, { leadId: referrer, asked: 2, askedAt: NOW });
    expect(openReferralRequestId(db, referrer)).toBe(second);
    insertReferral(db, { referrerId: referrer, leadId: lead('A'), requestId: second, createdAt: NOW });
    expect(openReferralRequestId(db, referrer)).toBe(second);
    insertReferral(db, { referrerId: referrer, leadId: lead('B'), requestId: second, createdAt: NOW });
    expect(openReferralRequestId(db, referrer)).toBe(first);
    insertReferral(db, { referrerId: referrer, leadId: lead('C'), requestId: first, createdAt: NOW });
    expect(openReferralRequestId(db, referrer)).toBeUndefined();
    expect(openReferralRequestId(db, lead('D'))).toBeUndefined();
  });

  it('lists requests with asked and received counts; --open keeps the unfinished ones', async () => {
    const a = lead('Acme Inc.');
    const b = lead('Globex');
    const ra = insertReferralRequest(db, { leadId: a, asked: 1, note: 'after demo', askedAt: NOW });
    insertReferralRequest(db, { leadId: b, asked: 3, askedAt: NOW });
    insertReferral(db, { referrerId: a, leadId: lead('C'), requestId: ra, createdAt: NOW });
    expect([...listReferralRequests(db, { open: false })]).toEqual([
      { id: 1, lead_id: a, company: 'Acme Inc.', asked: 1, received: 1, asked_at: NOW, note: 'after demo' },
      { id: 2, lead_id: b, company: 'Globex', asked: 3, received: 0, asked_at: NOW, note: null },
    ]);
    expect([...listReferralRequests(db, { open: true })].map((r) => r.id)).toEqual([2]);
  });

  it('refuses more than 3 referrals at the schema level too', async () => {
    expect(() => insertReferralRequest(db, { leadId: lead('X'), asked: 4 as 3, askedAt: NOW })).toThrow(/CHECK/);
  });

  it('totals requests, asked, and referred leads received since a date', async () => {
    const a = lead('A');
    insertReferralRequest(db, { leadId: a, asked: 3, askedAt: '2026-01-01T00:00:00.000Z' });
    insertReferralRequest(db, { leadId: a, asked: 2, askedAt: '2026-04-01T00:00:00.000Z' });
    insertReferral(db, { referrerId: a, leadId: lead('B', 'referral', '2026-04-02T00:00:00.000Z'), requestId: undefined, createdAt: '2026-04-02T00:00:00.000Z' });
    insertLead(db, { company: 'C', source: 'referral', referrerId: a }, '2026-02-01T00:00:00.000Z'); // lead add --referrer
    // Neither referred lead answers a request (main's 79a8a8c: received counts answers, the others apart).
    expect(referralTotals(db, undefined)).toEqual({ requests: 2, asked: 5, received: 0, unrequested: 2 });
    expect(referralTotals(db, '2026-03-01')).toEqual({ requests: 1, asked: 2, received: 0, unrequested: 1 });
    expect(referralTotals(db, '2026-05-01')).toEqual({ requests: 0, asked: 0, received: 0, unrequested: 0 });
  });
});

describe('industry rankings', () => {
  const create = async (r: IndustryRanking) => insertLead(db, { company: r.company, industry: r.industry, source: 'top20' }, NOW).id;

  it('matches ranked companies to leads by normalised name and creates the others with source top20', async () => {
    const existing = lead('上海华信科技有限公司', 'competitor_customer');
    const outcome = await replaceIndustryRankings(
      db,
      [
        { industry: '制造业', rank: 1, company: '上海华信科技' },
        { industry: '制造业', rank: 2, company: '恒达机械股份有限公司' },
        { industry: 'Software', rank: 1, company: 'ＡＣＭＥ Inc.' },
        { industry: 'Software', rank: 2, company: 'Acme Co., Ltd.' },
      ],
      NOW,
      create,
    );
    expect(outcome).toEqual({ ranks: 4, industries: 2, matched: 1, created: 2 });
    const rows = [...listTop20(db, {})];
    expect(rows.map((r) => [r.industry, r.rank, r.company, r.status])).toEqual([
      ['Software', 1, 'ＡＣＭＥ Inc.', 'new'],
      ['Software', 2, 'ＡＣＭＥ Inc.', 'new'],
      ['制造业', 1, '上海华信科技有限公司', 'new'],
      ['制造业', 2, '恒达机械股份有限公司', 'new'],
    ]);
    expect(rows[2]?.lead_id).toBe(existing);
    const top20 = db.prepare("SELECT company, source, industry FROM leads WHERE source = 'top20' ORDER BY id").all();
    expect(top20).toEqual([
      { company: '恒达机械股份有限公司', source: 'top20', industry: '制造业' },
      { company: 'ＡＣＭＥ Inc.', source: 'top20', industry: 'Software' },
    ]);
  });

  it('replaces only the industries in the new file', async () => {
    await replaceIndustryRankings(db, [{ industry: 'A', rank: 1, company: 'a1' }, { industry: 'A', rank: 2, company: 'a2' }, { industry: 'B', rank: 1, company: 'b1' }], NOW, create);
    await replaceIndustryRankings(db, [{ industry: 'A', rank: 1, company: 'a9' }], NOW, create);
    expect([...listTop20(db, {})].map((r) => `${r.industry}${r.rank}:${r.company}`)).toEqual(['A1:a9', 'B1:b1']);
  });

  it('lists ranks 1–20 only, by industry then rank, and filters by industry (any case) and contact', async () => {
    const rankings = Array.from({ length: 22 }, (_, i) => ({ industry: 'Retail', rank: 22 - i, company: `Shop ${22 - i}` }));
    await replaceIndustryRankings(db, [...rankings, { industry: 'Energy', rank: 1, company: 'Power' }], NOW, create);
    const all = [...listTop20(db, {})];
    expect(all).toHaveLength(21);
    expect(all[0]).toMatchObject({ industry: 'Energy', rank: 1 });
    expect(all.slice(1).map((r) => r.rank)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect([...listTop20(db, { industry: 'retail' })]).toHaveLength(20);

    const shop1 = all[1]!.lead_id!;
    const shop2 = all[2]!.lead_id!;
    insertContact(db, { leadId: shop1, kind: 'visit', at: '2026-04-30T00:00:00.000Z', note: null }, NOW);
    insertContact(db, { leadId: shop2, kind: 'call', at: '2026-01-01T00:00:00.000Z', note: null }, NOW);
    const never = [...listTop20(db, { contactedSince: '', industry: 'Retail' })].map((r) => r.rank);
    expect(never).not.toContain(1);
    expect(never).not.toContain(2);
    expect(never).toHaveLength(18);
    const notLately = [...listTop20(db, { contactedSince: '2026-04-01T00:00:00.000Z', industry: 'Retail' })].map((r) => r.rank);
    expect(notLately).toContain(2);
    expect(notLately).not.toContain(1);
  });

  it('finds the ranked companies through the primary key, looking each lead up by rowid', async () => {
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT r.industry, r.rank, l.status FROM industry_rankings r LEFT JOIN leads l ON l.id = r.lead_id
          WHERE r.rank <= 20 AND (l.last_contact_at IS NULL OR l.last_contact_at < -9007199254740991) ORDER BY r.industry, r.rank`,
      )
      .all()
      .map((r) => (r as { detail: string }).detail)
      .join('\n');
    expect(plan).toContain('USING INDEX sqlite_autoindex_industry_rankings_1');
    expect(plan).toContain('INTEGER PRIMARY KEY');
    expect(plan).not.toContain('TEMP B-TREE');
  });
});

describe('source figures', () => {
  it('counts leads, latest verdicts, visits and won per source, zeros for the rest', async () => {
    const a = lead('A', 'referral');
    const b = lead('B', 'referral');
    const c = lead('C', 'cold');
    qualify(a, 'disqualified');
    qualify(a, 'precise'); // the latest verdict counts
    qualify(b, 'disqualified');
    insertContact(db, { leadId: a, kind: 'visit', at: NOW, note: null }, NOW);
    insertContact(db, { leadId: a, kind: 'visit', at: NOW, note: null }, NOW);
    insertContact(db, { leadId: c, kind: 'call', at: NOW, note: null }, NOW);
    db.prepare("UPDATE leads SET status = 'won' WHERE id = ?").run(a);
    const figures = sourceFigures(db, undefined);
    expect(figures.map((f) => f.source)).toEqual(['competitor_customer', 'referral', 'channel', 'top20', 'cold', 'inbound', 'other']);
    expect(figures.find((f) => f.source === 'referral')).toEqual({ source: 'referral', leads: 2, precise: 1, disqualified: 1, visits: 2, won: 1 });
    expect(figures.find((f) => f.source === 'cold')).toEqual({ source: 'cold', leads: 1, precise: 0, disqualified: 0, visits: 0, won: 0 });
    expect(figures.find((f) => f.source === 'channel')).toEqual({ source: 'channel', leads: 0, precise: 0, disqualified: 0, visits: 0, won: 0 });
  });

  it('with a date, counts the leads created since then', async () => {
    lead('Old', 'cold', '2025-12-31T23:59:59.000Z');
    lead('New', 'cold', '2026-01-01T00:00:00.000Z');
    expect(sourceFigures(db, '2026-01-01').find((f) => f.source === 'cold')?.leads).toBe(1);
    expect(sourceFigures(db, undefined).find((f) => f.source === 'cold')?.leads).toBe(2);
  });
});

describe('lead list’s queries on the data file', () => {
  // `| head` on a million leads must not wait for a sort: each order and filter is read in the list's own order,
  // through an index or the table itself (a plan with a TEMP B-TREE sorts every matching lead first).
  const plans = (filter: Parameters<typeof listStatements>[0]) =>
    listStatements(filter).statements.map((sql) =>
      db
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all(...listStatements(filter).params)
        .map((r) => (r as { detail: string }).detail)
        .join('\n'),
    );

  it.each<[string, Parameters<typeof listStatements>[0]]>([
    ['every lead by id', {}],
    ['a status by id', { status: 'qualifying' }],
    ['a status by score', { status: 'qualifying', sort: 'score' }],
    ['a status by update', { status: 'qualifying', sort: 'updated' }],
    ['a status by last contact', { status: 'qualifying', sort: 'last_contact' }],
    ['a source and an industry by id', { source: 'referral', industry: 'retail' }],
    ['an owner by id', { owner: 'wang' }],
    ['every lead by update', { sort: 'updated' }],
    ['every lead by last contact', { sort: 'last_contact' }],
  ])('%s: no sort before the first row', (_what, filter) => {
    for (const plan of plans(filter)) expect(plan).not.toContain('TEMP B-TREE');
  });
});

import fc from 'fast-check';
import { expect, it } from 'vitest';
import { rankWorklist, worklistQuery, type WorkFacts } from '../../src/domain/today.js';
import type { Qualification, Verdict } from '../../src/engine/types.js';
import { openStore } from '../../src/store/index.js';
import { describeStores } from '../helpers/stores.js';
import { all } from './helpers.js';

// The store's `today` query against the rule it implements (domain/today.ts rankWorklist): random leads written
// through the store's own methods (so the columns it keeps on the lead are kept as the rule assumes), then the
// store's ranking must be the rule's, row for row.

const NOW = new Date('2026-06-15T12:00:00.000Z');
const TODAY = '2026-06-15';
const DAY = 86_400_000;
const at = (daysAgo: number) => new Date(NOW.getTime() - daysAgo * DAY).toISOString();
const day = (daysAhead: number) => new Date(NOW.getTime() + daysAhead * DAY).toISOString().slice(0, 10);

function result(verdict: Verdict, score: number): Qualification {
  const gate = { status: 'unknown' as const, reasons: [] };
  return {
    method: 2,
    verdict,
    score,
    gates: { need: gate, kp: gate, payment: { ...gate, ability: 'unknown', willingness: 'unknown' } },
    breakdown: [],
    nextActions: [{ code: 'find_budget', params: {} }],
    source: undefined,
  };
}

const leadArb = fc.record({
  // A qualification: its verdict, score and how many days ago it was made.
  qualified: fc.option(fc.record({ verdict: fc.constantFrom<Verdict>('precise', 'qualifying', 'disqualified'), score: fc.integer({ min: 0, max: 100 }), daysAgo: fc.integer({ min: 0, max: 200 }) })),
  contacts: fc.array(fc.record({ kind: fc.constantFrom('visit', 'call', 'email', 'meeting') as fc.Arbitrary<'visit' | 'call' | 'email' | 'meeting'>, daysAgo: fc.integer({ min: 0, max: 60 }) }), { maxLength: 3 }),
  followUpIn: fc.option(fc.integer({ min: -10, max: 10 })),
  closed: fc.option(fc.constantFrom<'won' | 'lost'>('won', 'lost'), { freq: 5 }),
  requests: fc.array(fc.record({ asked: fc.constantFrom<1 | 2 | 3>(1, 2, 3), received: fc.integer({ min: 0, max: 3 }), daysAgo: fc.integer({ min: 0, max: 20 }) }), { maxLength: 2 }),
  ranking: fc.option(fc.record({ industry: fc.constantFrom('bank', 'retail', '制造业'), rank: fc.integer({ min: 1, max: 24 }) })),
});

describeStores('leadq today: the store ranks as the rule says (property)', (testStore) => {
  it('one row per lead, under its first reason, in the rule’s order, whatever the leads', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(leadArb, { maxLength: 12 }), fc.integer({ min: 1, max: 120 }), async (leads, staleDays) => {
        await testStore.reset();
        const store = openStore(testStore.db, { busyTimeoutMs: 5000 });
        const facts: WorkFacts[] = [];
        try {
          await store.write(async (tx) => {
            const ranked = new Set<string>();
            const rankings: { industry: string; rank: number; company: string }[] = [];
            for (const [i, g] of leads.entries()) {
              const lead = await tx.insertLead({ company: `Lead ${i}` }, at(300));
              let status: WorkFacts['status'] = 'new';
              let qualifiedAt: string | null = null;
              if (g.qualified !== null) {
                qualifiedAt = at(g.qualified.daysAgo);
                await tx.insertQualification({ leadId: lead.id, answers: {}, result: result(g.qualified.verdict, g.qualified.score), engineVersion: 2, createdAt: qualifiedAt });
                await tx.setLeadQualification(lead.id, g.qualified.verdict, g.qualified.score, qualifiedAt);
                status = g.qualified.verdict;
              }
              const followUpOn = g.followUpIn === null || g.contacts.length === 0 ? null : day(g.followUpIn);
              for (const [k, c] of g.contacts.entries()) {
                await tx.insertContact({ leadId: lead.id, kind: c.kind, at: at(c.daysAgo), note: null, followUpOn: k === g.contacts.length - 1 ? followUpOn : undefined }, at(0));
              }
              const requests = [];
              for (const [k, r] of g.requests.entries()) {
                const requestId = await tx.insertReferralRequest({ leadId: lead.id, asked: r.asked, askedAt: at(r.daysAgo) });
                const received = Math.min(r.received, r.asked);
                for (let n = 0; n < received; n++) {
                  const referred = await tx.insertLead({ company: `Referred ${i}.${k}.${n}` }, at(1));
                  await tx.insertReferral({ referrerId: lead.id, leadId: referred.id, requestId, createdAt: at(1) });
                  facts.push(bare(referred.id));
                }
                requests.push({ askedAt: at(r.daysAgo), asked: r.asked, received });
              }
              if (g.closed !== null) {
                await tx.closeLead(lead.id, g.closed, null, at(0));
                status = g.closed;
              }
              const rankingsOf = [];
              if (g.ranking !== null && !ranked.has(`${g.ranking.industry}/${g.ranking.rank}`)) {
                ranked.add(`${g.ranking.industry}/${g.ranking.rank}`);
                rankings.push({ ...g.ranking, company: `Lead ${i}` });
                rankingsOf.push(g.ranking);
              }
              const times = g.contacts.map((c) => at(c.daysAgo)).sort();
              const visits = g.contacts.filter((c) => c.kind === 'visit').map((c) => at(c.daysAgo)).sort();
              facts.push({
                id: lead.id,
                status,
                score: g.qualified?.score ?? null,
                lastVisitAt: visits.at(-1) ?? null,
                lastContactAt: times.at(-1) ?? null,
                followUpOn,
                qualifiedAt,
                requests,
                rankings: rankingsOf,
              });
            }
            await tx.replaceIndustryRankings(rankings, at(0), async () => {
              throw new Error('every ranked company is a lead');
            });
          });
          const query = worklistQuery(NOW, TODAY, staleDays);
          const listed = await store.read((tx) => all(tx.worklist(query)));
          expect(listed.map((r) => ({ id: r.id, reason: r.reason }))).toEqual(rankWorklist(facts, query));
        } finally {
          await store.close();
        }
      }),
      { numRuns: 40 },
    );
  });
});

function bare(id: number): WorkFacts {
  return { id, status: 'new', score: null, lastVisitAt: null, lastContactAt: null, followUpOn: null, qualifiedAt: null, requests: [], rankings: [] };
}

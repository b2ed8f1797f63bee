import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rescoreOpenLeads, type RescoreSummary } from '../../src/commands/db/rescore.js';
import { qualifyLead } from '../../src/engine/index.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/store.js';
import { describeStores } from '../helpers/stores.js';
import { eachInItsOwnTransaction, type EachInItsOwnTransaction } from '../store/helpers.js';

describeStores('db rescore', (testStore) => {
  let store: Store;
  let db: EachInItsOwnTransaction;
  const TODAY = '2025-06-01';
  const NOW = '2025-06-01T08:00:00.000Z';

  beforeEach(() => {
    store = openStore(testStore.db, { busyTimeoutMs: 5000 });
    db = eachInItsOwnTransaction(store);
  });
  afterEach(async () => {
    await store.close();
  });

  /** A lead whose latest qualification was stamped by method 1 with the given verdict and score. */
  function oldLead(company: string, answers: object, verdict: 'precise' | 'qualifying' | 'disqualified', score: number): Promise<number> {
    return store.write(async (tx) => {
      const lead = await tx.insertLead({ company }, NOW);
      const result = { ...qualifyLead({}, { today: TODAY, visitLogged: false }), verdict, score, method: 1 };
      await tx.insertQualification({ leadId: lead.id, answers: answers as never, result, engineVersion: 1, createdAt: '2025-01-01T00:00:00.000Z' });
      await tx.setLeadQualification(lead.id, verdict, score, NOW);
      return lead.id;
    });
  }

  /** db rescore as the command runs it: one write transaction, or a read for a dry run. */
  function rescore(dryRun: boolean): Promise<RescoreSummary> {
    const options = { today: TODAY, now: NOW, by: 'rep' };
    return dryRun ? store.read((tx) => rescoreOpenLeads(tx, { ...options, writer: undefined })) : store.write((tx) => rescoreOpenLeads(tx, { ...options, writer: tx }));
  }

  describe('db rescore', () => {
    it('walks every open lead in batches, once each, in one transaction', async () => {
      // More leads than one batch reads, each let go at once by method 1 for "we already have one".
      for (let i = 0; i < 1203; i++) await oldLead(`Co ${i}`, { need: { kind: 'already_has' } }, 'disqualified', 5);
      expect(await db.openLeadsScoredBefore(2)).toBe(1203);
      const summary = await rescore(false);
      expect(summary).toMatchObject({ leads: 1203, verdictsChanged: 1203, verdictChanges: [{ from: 'disqualified', to: 'qualifying', count: 1203 }], unchanged: 0 });
      expect(await db.openLeadsScoredBefore(2)).toBe(0);
      expect((await db.qualificationsOf(1203)).map((q) => [q.verdict, q.engineVersion])).toEqual([['qualifying', 2], ['disqualified', 1]]);
      expect((await db.getLead(1203))?.status).toBe('qualifying');
    });

    it('a re-run of an imported qualification keeps its print of the lead fields (a later import of the row is then unchanged)', async () => {
      const id = await store.write(async (tx) => {
        const lead = await tx.insertLead({ company: 'Imported' }, NOW);
        const result = { ...qualifyLead({}, { today: TODAY, visitLogged: false }), verdict: 'disqualified' as const, score: 5, method: 1 };
        await tx.insertQualification({ leadId: lead.id, answers: { need: { kind: 'already_has' } }, result, engineVersion: 1, createdAt: '2025-01-01T00:00:00.000Z', leadPrint: 'p53' });
        await tx.setLeadQualification(lead.id, 'disqualified', 5, NOW);
        return lead.id;
      });
      expect((await db.latestQualification(id))?.leadPrint).toBe('p53');
      await rescore(false);
      const [latest, before] = await db.qualificationsOf(id);
      expect([latest?.engineVersion, latest?.leadPrint, before?.leadPrint]).toEqual([2, 'p53', 'p53']);
    });

    it('re-runs with what the shell knows: the stored source and a logged visit', async () => {
      const id = await oldLead('Visited', { need: { kind: 'none', askedOthers: true } }, 'disqualified', 3);
      await db.updateLead((await db.getLead(id))!, { source: 'competitor_customer' }, NOW);
      await db.insertContact({ leadId: id, kind: 'visit', at: NOW, note: null }, NOW);
      await rescore(false);
      const latest = await db.latestQualification(id);
      expect(latest?.result.nextActions.map((a) => a.code)).toEqual(['let_go_because', 'ask_referrals']);
      expect(latest?.result.breakdown.map((f) => f.factor)).toContain('source.competitor_customer');
    });

    it('a lead whose verdict and score stay gets no history row: its latest row is brought up to method 2 in place', async () => {
      const answers = { need: { kind: 'switching' as const } };
      const now = qualifyLead(answers, { today: TODAY, visitLogged: false });
      const id = await oldLead('Same', answers, now.verdict, now.score);
      const summary = await rescore(false);
      expect(summary).toMatchObject({ leads: 1, verdictsChanged: 0, scoresChanged: 0, unchanged: 1 });
      const rows = await db.qualificationsOf(id);
      expect(rows).toHaveLength(1);
      expect(rows[0]?.engineVersion).toBe(2);
      // The stored lead's source (cold) completes the answers, as `qualify` does.
      expect(rows[0]?.result).toEqual(qualifyLead({ ...answers, lead: { source: 'cold' } }, { today: TODAY, visitLogged: false }));
      expect(await db.openLeadsScoredBefore(2)).toBe(0);
    });

    it('a won or lost lead is left as it is', async () => {
      const id = await oldLead('Won', { need: { kind: 'already_has' } }, 'disqualified', 5);
      await db.closeLead(id, 'won', null, NOW);
      expect((await rescore(false)).leads).toBe(0);
      expect(await db.qualificationsOf(id)).toHaveLength(1);
      expect(await db.openLeadsScoredBefore(2)).toBe(0);
    });

    it('a dry run reports the same and writes nothing', async () => {
      await oldLead('A', { need: { kind: 'already_has' } }, 'disqualified', 5);
      const versions = () => store.read(async (tx) => (await tx.qualificationsOf(1)).map((q) => q.engineVersion));
      const before = await versions();
      const summary = await rescore(true);
      expect(summary).toMatchObject({ dryRun: true, leads: 1, verdictsChanged: 1 });
      expect(await versions()).toEqual(before);
    });
  });
});

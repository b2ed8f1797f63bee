import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/store.js';
import { leadJson } from '../../src/output/lead-json.js';
import { describeStores } from '../helpers/stores.js';
import { eachInItsOwnTransaction, rejection, type EachInItsOwnTransaction } from './helpers.js';

// The store's lead operations on a real data file, through the store interface (the same calls a PostgreSQL store
// must answer alike).

const NOW = '2026-05-01T08:00:00.000Z';

describeStores('the store', (testStore) => {
  let store: Store;
  let db: EachInItsOwnTransaction;

  beforeEach(async () => {
    store = openStore(testStore.db, { busyTimeoutMs: 5000 });
    db = eachInItsOwnTransaction(store);
  });
  afterEach(async () => {
    await store.close();
  });


  describe('leads', () => {
    it('inserts with a normalised key, defaults (status new, source other) and reads back', async () => {
      const lead = await db.insertLead({ company: '上海华信科技有限公司', industry: '制造业' }, NOW);
      expect(lead).toMatchObject({ company: '上海华信科技有限公司', companyKey: '上海华信科技', source: 'cold', status: 'new', score: null, industry: '制造业', createdAt: NOW });
      expect(await db.getLead(lead.id)).toEqual(lead);
      expect(leadJson(lead)).toMatchObject({ id: lead.id, company_key: '上海华信科技', last_contact: null });
    });

    it('refuses a duplicate normalised company or credit code with 65 naming the lead', async () => {
      const a = await db.insertLead({ company: 'Acme Co., Ltd.', creditCode: '91350100M000100Y43' }, NOW);
      const dup = await rejection(db.insertLead({ company: 'ACME Inc' }, NOW));
      expect(dup.exitCode).toBe(65);
      expect(dup.params).toMatchObject({ id: a.id, company: 'Acme Co., Ltd.' });
      const dupCode = await rejection(db.insertLead({ company: 'Other', creditCode: '91350100M000100Y43' }, NOW));
      expect(dupCode.exitCode).toBe(65);
      expect(dupCode.key).toBe('lead.duplicateCreditCode');
    });

    it('findLead: the credit code identifies a company outright, else the normalised name', async () => {
      const a = await db.insertLead({ company: '华为技术有限公司', creditCode: '91440300708461136T' }, NOW);
      expect((await db.findLead({ company: 'Completely different', creditCode: '91440300708461136T' }))?.id).toBe(a.id);
      expect((await db.findLead({ company: '华为技术股份有限公司' }))?.id).toBe(a.id);
      expect(await db.findLead({ company: '华为' })).toBeUndefined();
    });

    it('updates fields, renames with a new key, refuses a rename onto another lead, and writes nothing when unchanged', async () => {
      const a = await db.insertLead({ company: 'Acme Inc.' }, NOW);
      await db.insertLead({ company: 'Globex Ltd' }, NOW);
      const renamed = await db.updateLead(a, { company: 'Acme Robotics Inc.', phone: '123', industry: null }, '2026-05-02T00:00:00.000Z');
      expect(renamed).toMatchObject({ company: 'Acme Robotics Inc.', companyKey: 'acmerobotics', phone: '123', industry: null });
      expect((await rejection(db.updateLead(renamed, { company: 'GLOBEX' }, NOW))).exitCode).toBe(65);
      const same = await db.updateLead(renamed, { phone: '123' }, '2030-01-01T00:00:00.000Z');
      expect(same.updatedAt).toBe('2026-05-02T00:00:00.000Z');
      expect((await rejection(db.updateLead(renamed, { referrerId: renamed.id }, NOW))).exitCode).toBe(65);
    });

    it('resolveLead: id, credit code, exact normalised name, the name without the place in front; 66 when unknown; 64 listing candidates when ambiguous', async () => {
      const a = await db.insertLead({ company: '上海华信科技有限公司', creditCode: '91350100M000100Y43' }, NOW);
      const b = await db.insertLead({ company: '上海华信物流有限公司' }, NOW);
      expect((await db.resolveLead(String(a.id))).id).toBe(a.id);
      expect((await db.resolveLead(a.id)).id).toBe(a.id);
      expect((await db.resolveLead('91350100m000100y43')).id).toBe(a.id);
      expect((await db.resolveLead('上海华信科技')).id).toBe(a.id);
      expect((await db.resolveLead(' 上海 华信科技 股份有限公司 ')).id).toBe(a.id);
      expect((await rejection(db.resolveLead('999'))).exitCode).toBe(66);
      expect((await rejection(db.resolveLead('Nobody Inc'))).exitCode).toBe(66);
      const ambiguous = await rejection(db.resolveLead('上海华信'));
      expect(ambiguous.exitCode).toBe(64);
      expect(String(ambiguous.params.candidates)).toBe(`#${a.id} 上海华信科技有限公司, #${b.id} 上海华信物流有限公司`);
      expect((await db.resolveLead('华信物流')).id).toBe(b.id);
    });

    it('resolveLead: a name only part of one company holds names no lead (66, the nearest named), unless a read takes it', async () => {
      const acme = await db.insertLead({ company: 'Acme Robotics' }, NOW);
      const huaxin = await db.insertLead({ company: '杭州华信软件有限公司' }, NOW);
      // `lead delete Acme --yes` must never delete Acme Robotics (the rep named a lead that is not there).
      const near = await rejection(db.resolveLead('Acme'));
      expect(near).toMatchObject({ exitCode: 66, key: 'lead.notFoundNear', params: { ref: 'Acme', candidate: `#${acme.id} Acme Robotics` } });
      expect((await rejection(db.resolveLead('Robotics'))).key).toBe('lead.notFoundNear');
      expect((await rejection(db.resolveLead('华信'))).key).toBe('lead.notFoundNear');
      // Only the place left out: the same company.
      expect((await db.resolveLead('华信软件')).id).toBe(huaxin.id);
      expect((await db.resolveLead('华信软件有限公司')).id).toBe(huaxin.id);
      // A read (lead show, contact list) takes the one lead.
      expect((await db.resolveLead('Acme', { partial: 'take' })).id).toBe(acme.id);
    });

    describe('resolveLead: digits (ASCII or full-width, after an optional #) are an id and nothing else (SPEC v2)', () => {
      beforeEach(async () => {
        await db.insertLead({ company: 'Studio 54 Ltd' }, NOW); // id 1
        await db.insertLead({ company: 'Boeing 747 Parts' }, NOW); // id 2
        await db.insertLead({ company: '360' }, NOW); // id 3
      });
      it.each([
        ['1', 1],
        ['１', 1],
        ['#2', 2],
        ['＃２', 2],
        [' 3 ', 3],
        ['3', 3],
      ])('%j is lead #%i', async (ref, id) => expect((await db.resolveLead(ref)).id).toBe(id));
      it.each(['54', '74', '747', '５４', '#54', '-1', '0', '360', '99999999999999999999'])('%j names no lead: 66, never a company containing it', async (ref) => {
        expect(await rejection(db.resolveLead(ref))).toMatchObject({ exitCode: 66, key: 'lead.noSuchId' });
      });
      it('a company named with digits is found by more of its name', async () => {
        expect((await db.resolveLead('Studio 54')).id).toBe(1);
        expect((await db.resolveLead('Boeing 747', { partial: 'take' })).id).toBe(2);
      });
    });

    it('searchLeads: substring on the name as typed or normalised, exact first', async () => {
      const a = await db.insertLead({ company: 'Acme Labs Inc.' }, NOW);
      const b = await db.insertLead({ company: 'Acme Inc.' }, NOW);
      await db.insertLead({ company: 'Globex' }, NOW);
      expect((await db.searchLeads('acme', 10)).map((l) => l.id)).toEqual([b.id, a.id]);
      expect((await db.searchLeads('ACME LABS', 10)).map((l) => l.id)).toEqual([a.id]);
      expect(await db.searchLeads('acme', 1)).toHaveLength(1);
    });

    it('listLeads streams rows in id order with filters', async () => {
      const a = await db.insertLead({ company: 'A', industry: 'retail', source: 'cold' }, NOW);
      const b = await db.insertLead({ company: 'B', industry: 'retail', source: 'referral' }, NOW);
      await db.insertLead({ company: 'C', industry: 'bank', source: 'referral' }, NOW);
      await db.setLeadQualification(b.id, 'precise', 88, NOW);
      expect((await db.list((tx) => tx.listLeads({}))).map((r) => r.company)).toEqual(['A', 'B', 'C']);
      expect(await db.list((tx) => tx.listLeads({ status: 'precise' }))).toEqual([
        { id: b.id, company: 'B', industry: 'retail', source: 'referral', status: 'precise', score: 88, last_contact: null },
      ]);
      expect((await db.list((tx) => tx.listLeads({ source: 'referral', industry: 'retail' }))).map((r) => r.id)).toEqual([b.id]);
      expect((await db.list((tx) => tx.listLeads({ status: 'new', source: 'cold' }))).map((r) => r.id)).toEqual([a.id]);
    });

    it('a qualification sets status and score, but a closed lead stays won/lost', async () => {
      const a = await db.insertLead({ company: 'A' }, NOW);
      await db.setLeadQualification(a.id, 'qualifying', 40, NOW);
      expect(await db.getLead(a.id)).toMatchObject({ status: 'qualifying', score: 40 });
      await db.closeLead(a.id, 'won', 'signed', NOW);
      await db.setLeadQualification(a.id, 'disqualified', 10, NOW);
      expect(await db.getLead(a.id)).toMatchObject({ status: 'won', score: 10, closeNote: 'signed' });
    });

    it('contacts move last_contact_at forward, never back', async () => {
      const a = await db.insertLead({ company: 'A' }, NOW);
      await store.write(async (tx) => {
        await tx.insertContact({ leadId: a.id, kind: 'visit', at: '2026-04-01T00:00:00.000Z', note: null }, NOW);
        await tx.insertContact({ leadId: a.id, kind: 'call', at: '2026-03-01T00:00:00.000Z', note: 'earlier' }, NOW);
      });
      expect((await db.getLead(a.id))?.lastContactAt).toBe('2026-04-01T00:00:00.000Z');
      expect((await db.contactsOf(a.id)).map((c) => c.kind)).toEqual(['visit', 'call']);
    });
  });

  describe('the moment of the commit (WriteOptions.onCommit)', () => {
    it('is told once the write is committed (another connection sees it), before the write returns; never for a rollback', async () => {
      const seen: string[] = [];
      const other = openStore(testStore.db, { busyTimeoutMs: 5000 });
      try {
        const lead = await store.write(
          async (tx) => {
            const written = await tx.insertLead({ company: 'Committed' }, NOW);
            seen.push('written');
            return written;
          },
          { onCommit: () => void seen.push('committed') },
        );
        seen.push('returned');
        expect(seen).toEqual(['written', 'committed', 'returned']);
        expect((await other.read((tx) => tx.getLead(lead.id)))?.company).toBe('Committed');
        let rolledBack = 0;
        const failing = store.write(
          async (tx) => {
            rolledBack = (await tx.insertLead({ company: 'Rolled back' }, NOW)).id;
            throw new Error('the write fails');
          },
          { onCommit: () => void seen.push('committed again') },
        );
        await expect(failing).rejects.toThrow('the write fails');
        expect(seen).toEqual(['written', 'committed', 'returned']);
        expect(await other.read((tx) => tx.getLead(rolledBack))).toBeUndefined();
      } finally {
        await other.close();
      }
    });
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertContact, listContacts } from '../../src/store/contacts.js';
import type { Db } from '../../src/store/db.js';
import {
  closeLead,
  findLead,
  getLead,
  insertLead,
  leadJson,
  listLeads,
  resolveLead,
  searchLeads,
  setLeadQualification,
  updateLead,
} from '../../src/store/leads.js';
import { openStore, withWriteTransaction } from '../../src/store/open.js';
import { failure, tempStore } from './helpers.js';

const NOW = '2026-05-01T08:00:00.000Z';
let db: Db;
let cleanup: () => void;

beforeEach(() => {
  const s = tempStore();
  cleanup = s.cleanup;
  db = openStore(s.file);
});
afterEach(() => {
  db.close();
  cleanup();
});


describe('leads', () => {
  it('inserts with a normalised key, defaults (status new, source other) and reads back', () => {
    const lead = insertLead(db, { company: '上海华信科技有限公司', industry: '制造业' }, NOW);
    expect(lead).toMatchObject({ company: '上海华信科技有限公司', companyKey: '上海华信科技', source: 'cold', status: 'new', score: null, industry: '制造业', createdAt: NOW });
    expect(getLead(db, lead.id)).toEqual(lead);
    expect(leadJson(lead)).toMatchObject({ id: lead.id, company_key: '上海华信科技', last_contact: null });
  });

  it('refuses a duplicate normalised company or credit code with 65 naming the lead', () => {
    const a = insertLead(db, { company: 'Acme Co., Ltd.', creditCode: '91350100M000100Y43' }, NOW);
    const dup = failure(() => insertLead(db, { company: 'ACME Inc' }, NOW));
    expect(dup.exitCode).toBe(65);
    expect(dup.params).toMatchObject({ id: a.id, company: 'Acme Co., Ltd.' });
    const dupCode = failure(() => insertLead(db, { company: 'Other', creditCode: '91350100M000100Y43' }, NOW));
    expect(dupCode.exitCode).toBe(65);
    expect(dupCode.key).toBe('lead.duplicateCreditCode');
  });

  it('findLead: the credit code identifies a company outright, else the normalised name', () => {
    const a = insertLead(db, { company: '华为技术有限公司', creditCode: '91440300708461136T' }, NOW);
    expect(findLead(db, { company: 'Completely different', creditCode: '91440300708461136T' })?.id).toBe(a.id);
    expect(findLead(db, { company: '华为技术股份有限公司' })?.id).toBe(a.id);
    expect(findLead(db, { company: '华为' })).toBeUndefined();
  });

  it('updates fields, renames with a new key, refuses a rename onto another lead, and writes nothing when unchanged', () => {
    const a = insertLead(db, { company: 'Acme Inc.' }, NOW);
    insertLead(db, { company: 'Globex Ltd' }, NOW);
    const renamed = updateLead(db, a, { company: 'Acme Robotics Inc.', phone: '123', industry: null }, '2026-05-02T00:00:00.000Z');
    expect(renamed).toMatchObject({ company: 'Acme Robotics Inc.', companyKey: 'acmerobotics', phone: '123', industry: null });
    expect(failure(() => updateLead(db, renamed, { company: 'GLOBEX' }, NOW)).exitCode).toBe(65);
    const same = updateLead(db, renamed, { phone: '123' }, '2030-01-01T00:00:00.000Z');
    expect(same.updatedAt).toBe('2026-05-02T00:00:00.000Z');
    expect(failure(() => updateLead(db, renamed, { referrerId: renamed.id }, NOW)).exitCode).toBe(65);
  });

  it('resolveLead: id, credit code, exact normalised name, a unique part of it; 66 when unknown; 64 listing candidates when ambiguous', () => {
    const a = insertLead(db, { company: '上海华信科技有限公司', creditCode: '91350100M000100Y43' }, NOW);
    const b = insertLead(db, { company: '上海华信物流有限公司' }, NOW);
    expect(resolveLead(db, String(a.id)).id).toBe(a.id);
    expect(resolveLead(db, a.id).id).toBe(a.id);
    expect(resolveLead(db, '91350100m000100y43').id).toBe(a.id);
    expect(resolveLead(db, '上海华信科技').id).toBe(a.id);
    expect(resolveLead(db, ' 上海 华信科技 股份有限公司 ').id).toBe(a.id);
    expect(failure(() => resolveLead(db, '999')).exitCode).toBe(66);
    expect(failure(() => resolveLead(db, 'Nobody Inc')).exitCode).toBe(66);
    const ambiguous = failure(() => resolveLead(db, '上海华信'));
    expect(ambiguous.exitCode).toBe(64);
    expect(String(ambiguous.params.candidates)).toBe(`#${a.id} 上海华信科技有限公司, #${b.id} 上海华信物流有限公司`);
    expect(resolveLead(db, '华信物流').id).toBe(b.id);
  });

  describe('resolveLead: digits (ASCII or full-width, after an optional #) are an id and nothing else (SPEC v2)', () => {
    beforeEach(() => {
      insertLead(db, { company: 'Studio 54 Ltd' }, NOW); // id 1
      insertLead(db, { company: 'Boeing 747 Parts' }, NOW); // id 2
      insertLead(db, { company: '360' }, NOW); // id 3
    });
    it.each([
      ['1', 1],
      ['１', 1],
      ['#2', 2],
      ['＃２', 2],
      [' 3 ', 3],
      ['3', 3],
    ])('%j is lead #%i', (ref, id) => expect(resolveLead(db, ref).id).toBe(id));
    it.each(['54', '74', '747', '５４', '#54', '-1', '0', '360', '99999999999999999999'])('%j names no lead: 66, never a company containing it', (ref) => {
      expect(failure(() => resolveLead(db, ref))).toMatchObject({ exitCode: 66, key: 'lead.noSuchId' });
    });
    it('a company named with digits is found by more of its name', () => {
      expect(resolveLead(db, 'Studio 54').id).toBe(1);
      expect(resolveLead(db, 'Boeing 747').id).toBe(2);
    });
  });

  it('searchLeads: substring on the name as typed or normalised, exact first', () => {
    const a = insertLead(db, { company: 'Acme Labs Inc.' }, NOW);
    const b = insertLead(db, { company: 'Acme Inc.' }, NOW);
    insertLead(db, { company: 'Globex' }, NOW);
    expect(searchLeads(db, 'acme', 10).map((l) => l.id)).toEqual([b.id, a.id]);
    expect(searchLeads(db, 'ACME LABS', 10).map((l) => l.id)).toEqual([a.id]);
    expect(searchLeads(db, 'acme', 1)).toHaveLength(1);
  });

  it('listLeads streams rows in id order with filters', () => {
    const a = insertLead(db, { company: 'A', industry: 'retail', source: 'cold' }, NOW);
    const b = insertLead(db, { company: 'B', industry: 'retail', source: 'referral' }, NOW);
    insertLead(db, { company: 'C', industry: 'bank', source: 'referral' }, NOW);
    setLeadQualification(db, b.id, 'precise', 88, NOW);
    expect([...listLeads(db)].map((r) => r.company)).toEqual(['A', 'B', 'C']);
    expect([...listLeads(db, { status: 'precise' })]).toEqual([
      { id: b.id, company: 'B', industry: 'retail', source: 'referral', status: 'precise', score: 88, last_contact: null },
    ]);
    expect([...listLeads(db, { source: 'referral', industry: 'retail' })].map((r) => r.id)).toEqual([b.id]);
    expect([...listLeads(db, { status: 'new', source: 'cold' })].map((r) => r.id)).toEqual([a.id]);
  });

  it('a qualification sets status and score, but a closed lead stays won/lost', () => {
    const a = insertLead(db, { company: 'A' }, NOW);
    setLeadQualification(db, a.id, 'qualifying', 40, NOW);
    expect(getLead(db, a.id)).toMatchObject({ status: 'qualifying', score: 40 });
    closeLead(db, a.id, 'won', 'signed', NOW);
    setLeadQualification(db, a.id, 'disqualified', 10, NOW);
    expect(getLead(db, a.id)).toMatchObject({ status: 'won', score: 10, closeNote: 'signed' });
  });

  it('contacts move last_contact_at forward, never back', () => {
    const a = insertLead(db, { company: 'A' }, NOW);
    withWriteTransaction(db, () => {
      insertContact(db, { leadId: a.id, kind: 'visit', at: '2026-04-01T00:00:00.000Z', note: null }, NOW);
      insertContact(db, { leadId: a.id, kind: 'call', at: '2026-03-01T00:00:00.000Z', note: 'earlier' }, NOW);
    });
    expect(getLead(db, a.id)?.lastContactAt).toBe('2026-04-01T00:00:00.000Z');
    expect(listContacts(db, a.id).map((c) => c.kind)).toEqual(['visit', 'call']);
  });
});

import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { SCHEMA_VERSION } from '../../src/store/sqlite/migrations.js';
import { openStoreAsIs } from '../../src/store/sqlite/open.js';
import { isoMs, withIsoTimes } from '../../src/store/sqlite/times.js';
import { leadq } from '../helpers/leadq.js';
import { dataFileAt, eachInItsOwnTransaction, tempStore } from './helpers.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** A data file at an older schema version (test/store/helpers.ts dataFileAt), removed after the test. */
function olderFile(version: number, rows: Parameters<typeof dataFileAt>[2] = ''): string {
  const s = tempStore();
  cleanups.push(s.cleanup);
  return dataFileAt(s.file, version, rows);
}

/** A data file as leadq schema version 1 wrote it: its tables, and company keys made by the v1 rule (given). */
function v1File(leads: readonly (readonly [company: string, v1Key: string])[], rankings: readonly (readonly [company: string, v1Key: string])[] = []): string {
  return olderFile(1, (raw) => {
    const insert = raw.prepare("INSERT INTO leads (company, company_key, created_at, updated_at) VALUES (?, ?, '2025-12-31T00:00:00.000Z', '2025-12-31T00:00:00.000Z')");
    for (const [company, key] of leads) insert.run(company, key);
    rankings.forEach(([company, key], i) =>
      raw.prepare("INSERT INTO industry_rankings (industry, rank, company, company_key, imported_at) VALUES ('retail', ?, ?, ?, '2025-12-31T00:00:00.000Z')").run(i + 1, company, key),
    );
  });
}

const keysOf = (file: string, table = 'leads') => {
  const db = openStoreAsIs(file, { busyTimeoutMs: 5000 });
  try {
    return db.prepare(`SELECT company, company_key FROM ${table} ORDER BY rowid`).all();
  } finally {
    db.close();
  }
};

describe('schema version 2: company keys recomputed (issue 9, item 18)', () => {
  it('a v1 file is migrated on open: keys keep what tells companies apart, every lead kept with its id', async () => {
    const file = v1File(
      [
        ['C&A', 'ca'],
        ['Co 1_20', 'co120'],
        ['Acme Co., Ltd.', 'acme'],
        ['上海华信科技有限公司', '上海华信科技'],
      ],
      [['Acme Co., Ltd.', 'acme'], ['Globex-Tech', 'globextech']],
    );
    const store = openStore(file, { busyTimeoutMs: 5000 });
    const db = eachInItsOwnTransaction(store);
    try {
      expect(await Promise.all([1, 2, 3, 4].map(async (id) => (await db.getLead(id))?.companyKey))).toEqual(['c&a', 'co1_20', 'acme', '上海华信科技']);
      // What the old keys merged can now be told apart: "CA, Inc." and "Co 12_0" are new leads, not C&A and Co 1_20.
      expect((await db.insertLead({ company: 'CA, Inc.' }, '2026-01-01T00:00:00.000Z')).id).toBe(5);
      expect((await db.insertLead({ company: 'Co 12_0' }, '2026-01-01T00:00:00.000Z')).id).toBe(6);
      expect((await db.findLead({ company: 'ACME co ltd' }))?.id).toBe(3);
    } finally {
      await store.close();
    }
    const version = new Database(file, { readonly: true });
    expect(version.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    version.close();
    expect(keysOf(file, 'industry_rankings')).toEqual([
      { company: 'Acme Co., Ltd.', company_key: 'acme' },
      { company: 'Globex-Tech', company_key: 'globex-tech' },
    ]);
  });

  it('two stored leads whose new keys would coincide are never merged: the later keeps a key no name makes, and its id', async () => {
    // v1 told these apart ("a" and "aco"); were v2 ever to fold them together, the migration must not fail or merge.
    const file = v1File([
      ['Acme', 'acme'],
      ['ACME', 'acme-old-spelling'], // a key v1 could not make, standing for any pair v2 folds into one
    ]);
    const store = openStore(file, { busyTimeoutMs: 5000 });
    const db = eachInItsOwnTransaction(store);
    try {
      expect((await db.getLead(1))?.companyKey).toBe('acme');
      expect((await db.getLead(2))?.companyKey).toBe('acme #2');
      expect((await db.resolveLead('acme')).id).toBe(1);
      expect((await db.resolveLead('2')).company).toBe('ACME');
      expect(await db.getLead(3)).toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it('is one transaction: a failure leaves the v1 file as it was', async () => {
    const file = v1File([['C&A', 'ca']]);
    const raw = new Database(file);
    // A trigger that fails the recompute half-way, standing for a crash or a full disk.
    raw.exec("CREATE TRIGGER boom BEFORE UPDATE OF company_key ON leads BEGIN SELECT raise(ABORT, 'boom'); END");
    raw.close();
    const store = openStore(file, { busyTimeoutMs: 5000 });
    await expect(store.write(async () => undefined)).rejects.toThrow();
    await store.close();
    expect(keysOf(file)).toEqual([{ company: 'C&A', company_key: 'ca' }]);
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(1);
    check.close();
  });
});

describe('schema version 3: the rep’s day (issue 13)', () => {
  it('a v2 file gets what the worklist ranks by from its history, and a --referrer lead its missing referrals row', async () => {
    const file = olderFile(2, `
      INSERT INTO leads (id, company, company_key, status, score, created_at, updated_at) VALUES (1, 'Acme', 'acme', 'qualifying', 40, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
      INSERT INTO leads (id, company, company_key, referrer_id, created_at, updated_at) VALUES (2, 'Globex', 'globex', 1, '2026-01-02T00:00:00.000Z', '2026-01-02T00:00:00.000Z');
      INSERT INTO qualifications (lead_id, answers, result, verdict, score, engine_version, created_at) VALUES
        (1, '{}', '{"nextActions":[{"code":"find_signer","params":{}}]}', 'disqualified', 10, 2, '2026-01-01T00:00:00.000Z'),
        (1, '{}', '{"nextActions":[{"code":"find_budget","params":{"x":1}}]}', 'qualifying', 40, 2, '2026-02-01T00:00:00.000Z');
      INSERT INTO contacts (lead_id, kind, at, created_at) VALUES (1, 'visit', '2026-01-05T00:00:00.000Z', '2026-01-04T00:00:00.000Z'), (1, 'call', '2026-03-01T00:00:00.000Z', '2026-01-04T00:00:00.000Z');
    `);
    const store = openStore(file, { busyTimeoutMs: 5000 });
    try {
      const lead = await store.read((tx) => tx.getLead(1));
      expect(lead).toMatchObject({ qualifiedAt: '2026-02-01T00:00:00.000Z', lastVisitAt: '2026-01-05T00:00:00.000Z', followUpOn: null });
      expect(await store.read((tx) => tx.referralOf(2))).toBeDefined();
      expect(await store.read((tx) => tx.referralOf(1))).toBeUndefined();
    } finally {
      await store.close();
    }
    const check = new Database(file, { readonly: true });
    expect(check.prepare('SELECT next_action FROM leads WHERE id = 1').pluck().get()).toBe('{"code":"find_budget","params":{"x":1}}');
    expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    check.close();
  });
});

describe('schema version 4: who did it (issue 14)', () => {
  it('a v3 file gets an owner on leads and by on contacts, qualifications and referral requests, empty on rows it had', async () => {
    const file = olderFile(3, `
      INSERT INTO leads (id, company, company_key, created_at, updated_at) VALUES (1, 'Acme', 'acme', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
      INSERT INTO contacts (lead_id, kind, at, created_at) VALUES (1, 'visit', '2026-01-05T00:00:00.000Z', '2026-01-04T00:00:00.000Z');
    `);
    const store = openStore(file, { busyTimeoutMs: 5000 });
    try {
      expect(await store.read((tx) => tx.getLead(1))).toMatchObject({ company: 'Acme', owner: null });
      expect((await store.read((tx) => tx.contactsOf(1))).map((c) => c.by)).toEqual([null]);
      await store.write((tx) => tx.insertContact({ leadId: 1, kind: 'call', at: '2026-01-06T00:00:00.000Z', note: null, by: 'wang' }, '2026-01-02T00:00:00.000Z'));
      expect((await store.read((tx) => tx.contactsOf(1))).map((c) => c.by)).toEqual(['wang', null]);
    } finally {
      await store.close();
    }
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(check.prepare("SELECT name FROM pragma_table_info('leads') WHERE name = 'owner'").pluck().get()).toBe('owner');
    check.close();
  });
});

describe('schema version 6: a million leads (issue 14)', () => {
  /** A v5 file: every table with rows pointing at each other, as leadq 5 wrote them. */
  function v5File(): string {
    return olderFile(5, `
      INSERT INTO leads (id, company, company_key, source, status, score, created_at, updated_at, qualified_at, next_action, owner, last_contact_at)
        VALUES (1, 'Acme', 'acme', 'referral', 'qualifying', 40, '2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z', '2026-01-02T00:00:00.000Z', '{"code":"find_budget","params":{}}', 'wang', '2026-01-05T00:00:00.000Z');
      INSERT INTO leads (id, company, company_key, referrer_id, created_at, updated_at) VALUES (7, 'Globex', 'globex', 1, '2026-01-03T00:00:00.000Z', '2026-01-03T00:00:00.000Z');
      INSERT INTO qualifications (id, lead_id, answers, result, verdict, score, engine_version, created_at, "by") VALUES
        (3, 1, '{"need":{"kind":"switching"}}', '{"today":"2026-01-01"}', 'qualifying', 40, 2, '2026-01-02T00:00:00.000Z', 'wang');
      INSERT INTO contacts (lead_id, kind, at, created_at, "by") VALUES (1, 'visit', '2026-01-05T00:00:00.000Z', '2026-01-04T00:00:00.000Z', 'wang');
      INSERT INTO referral_requests (id, lead_id, asked, asked_at) VALUES (1, 1, 3, '2026-01-02T00:00:00.000Z');
      INSERT INTO referrals (request_id, referrer_id, lead_id, created_at) VALUES (1, 1, 7, '2026-01-03T00:00:00.000Z');
      INSERT INTO industry_rankings (industry, rank, company, company_key, lead_id, imported_at) VALUES ('retail', 1, 'Globex', 'globex', 7, '2026-01-03T00:00:00.000Z');
    `);
  }
  const everything = (file: string) => {
    const db = new Database(file, { readonly: true });
    try {
      return Object.fromEntries(
        ['leads', 'qualifications', 'contacts', 'referral_requests', 'referrals', 'industry_rankings'].map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()]),
      );
    } finally {
      db.close();
    }
  };

  it('a v5 file keeps every row, id and reference; the checks still refuse what they refused; foreign keys still act', async () => {
    const file = v5File();
    const before = everything(file);
    const store = openStore(file, { busyTimeoutMs: 5000 });
    try {
      expect(await store.read((tx) => tx.getLead(7))).toMatchObject({ referrerId: 1 });
    } finally {
      await store.close();
    }
    // The same rows, their times now milliseconds: read back as ISO text, exactly what was there.
    const after = everything(file);
    expect(after.leads![0]).toMatchObject({ created_at: Date.parse('2026-01-01T00:00:00.000Z'), last_contact_at: Date.parse('2026-01-05T00:00:00.000Z') });
    // (and a qualification kept whole has no print of its lead fields)
    expect(after.qualifications).toMatchObject([{ lead_print: null }]);
    const withoutPrint = (r: unknown) => Object.fromEntries(Object.entries(r as object).filter(([k]) => k !== 'lead_print'));
    expect(Object.fromEntries(Object.entries(after).map(([t, rows]) => [t, rows.map((r) => withIsoTimes(withoutPrint(r)))]))).toEqual(before);
    const db = new Database(file);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(() => db.prepare("UPDATE leads SET created_at = '2026-01-01T00:00:00.000Z' WHERE id = 1").run()).toThrow(/INTEGER/);
      expect(() => db.prepare("UPDATE contacts SET kind = 'fax'").run()).toThrow(/CHECK/);
      expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
      const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'leads' AND sql IS NOT NULL ORDER BY name").pluck().all();
      expect(indexes).toEqual(['leads_company_key', 'leads_credit_code', 'leads_follow_up', 'leads_last_contact', 'leads_qualified_at', 'leads_referrer', 'leads_status_score', 'leads_updated']);
      expect(() => db.prepare("UPDATE leads SET source = 'fax' WHERE id = 1").run()).toThrow(/CHECK/);
      expect(() => db.prepare("UPDATE leads SET status = 'maybe' WHERE id = 1").run()).toThrow(/CHECK/);
      expect(() => db.prepare("UPDATE qualifications SET verdict = 'won' WHERE id = 3").run()).toThrow(/CHECK/);
      expect(() => db.prepare("UPDATE qualifications SET answers = 'not json' WHERE id = 3").run()).toThrow(/CHECK/);
      db.pragma('foreign_keys = ON');
      db.prepare('DELETE FROM leads WHERE id = 1').run();
      expect(db.prepare('SELECT count(*) FROM qualifications').pluck().get()).toBe(0);
      expect(db.prepare('SELECT referrer_id FROM leads WHERE id = 7').pluck().get()).toBeNull();
    } finally {
      db.close();
    }
  });

  it('times written in other ISO 8601 forms are carried over exactly; a time that is none leaves the file as it was, damaged', async () => {
    const file = v5File();
    const raw = new Database(file);
    raw.exec("UPDATE contacts SET at = '2026-01-05T16:30:00+08:00', created_at = '2026-01-05T08:30:00Z'");
    raw.close();
    const store = openStore(file, { busyTimeoutMs: 5000 });
    try {
      expect(await store.read((tx) => tx.contactsOf(1))).toMatchObject([{ at: '2026-01-05T08:30:00.000Z', createdAt: '2026-01-05T08:30:00.000Z' }]);
    } finally {
      await store.close();
    }
    const bad = v5File();
    const rawBad = new Database(bad);
    rawBad.exec("UPDATE referral_requests SET asked_at = 'last Tuesday'");
    rawBad.close();
    const before = everything(bad);
    const refused = openStore(bad, { busyTimeoutMs: 5000 });
    await expect(refused.read((tx) => tx.getLead(1))).rejects.toMatchObject({ code: 'damaged' });
    await refused.close();
    expect(everything(bad)).toEqual(before);
    // Said in the user's words, naming the value; db check lists it, and the file stays v5.
    const r = await leadq(['--db', bad, 'lead', 'list']);
    expect(r.code).toBe(65);
    expect(r.stderr).toContain(`the data file ${bad} cannot be upgraded: referral_requests.asked_at #1 holds "last Tuesday", which is not a time`);
    expect(r.stderr).toContain('the file was left as it was');
    const check = await leadq(['--db', bad, 'db', 'check']);
    expect(check.code).toBe(65);
    expect(check.stdout).toContain('referral_requests.asked_at #1: "last Tuesday" is not a time');
    expect(everything(bad)).toEqual(before);
  });

  it('a command that may not write (a dry run) says the file needs upgrading, not that there is none; it stays v5', async () => {
    const file = v5File();
    const r = await leadq(['--db', file, 'db', 'rescore', '--dry-run']);
    expect(r.code).toBe(66);
    expect(r.stderr).toContain(`the data file ${file} comes from an older leadq: the first command that is not a dry run upgrades it`);
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(5);
    check.close();
  });

  it('a v5 file whose references are broken is refused as damaged, and left as it was', async () => {
    const file = v5File();
    const raw = new Database(file);
    raw.pragma('foreign_keys = OFF');
    raw.exec('INSERT INTO qualifications (lead_id, answers, result, verdict, score, engine_version, created_at) VALUES (99, \'{}\', \'{}\', \'precise\', 90, 2, \'t\')');
    raw.close();
    const before = everything(file);
    const store = openStore(file, { busyTimeoutMs: 5000 });
    await expect(store.read((tx) => tx.getLead(1))).rejects.toMatchObject({ code: 'damaged' });
    await store.close();
    expect(everything(file)).toEqual(before);
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(5);
    check.close();
  });
});

describe('schema version 5: what a contact did to the follow-up day (review of issue 13)', () => {
  it('a v4 file’s contacts changed nothing that can be undone: deleting one leaves the follow-up day as it is', async () => {
    const file = olderFile(4, `
      INSERT INTO leads (id, company, company_key, created_at, updated_at, follow_up_on) VALUES (1, 'Acme', 'acme', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '2026-02-01');
      INSERT INTO contacts (lead_id, kind, at, created_at) VALUES (1, 'visit', '2026-01-05T00:00:00.000Z', '2026-01-04T00:00:00.000Z');
    `);
    const store = openStore(file, { busyTimeoutMs: 5000 });
    try {
      await store.write((tx) => tx.deleteContact(1));
      expect(await store.read((tx) => tx.getLead(1))).toMatchObject({ followUpOn: '2026-02-01', lastContactAt: null });
      // A contact logged now keeps what it did: deleting it puts the day back.
      const contact = await store.write((tx) => tx.insertContact({ leadId: 1, kind: 'call', at: '2026-01-06T00:00:00.000Z', note: null, followUpOn: '2026-03-01' }, '2026-01-02T00:00:00.000Z'));
      expect(await store.read((tx) => tx.getLead(1))).toMatchObject({ followUpOn: '2026-03-01' });
      await store.write((tx) => tx.deleteContact(contact.id));
      expect(await store.read((tx) => tx.getLead(1))).toMatchObject({ followUpOn: '2026-02-01' });
    } finally {
      await store.close();
    }
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    check.close();
  });
});

describe('times as the v6 migration reads them (sqlite/times.ts isoMs)', () => {
  it.each<[string, string | undefined]>([
    ['2026-05-01T08:00:00.000Z', '2026-05-01T08:00:00.000Z'],
    ['2026-11-30T20:00:00', '2026-11-30T20:00:00.000Z'], // no offset: UTC, as the text sorted before
    ['2026-11-30 20:00:00', '2026-11-30T20:00:00.000Z'],
    ['2026-01-05T16:30:00+08:00', '2026-01-05T08:30:00.000Z'],
    ['2026-01-05T16:30:00-0130', '2026-01-05T18:00:00.000Z'],
    ['2026-01-05', '2026-01-05T00:00:00.000Z'],
    ['2026-01-05T08:00:00.123456Z', '2026-01-05T08:00:00.123Z'],
    ['1900-01-01T00:00:00.000Z', '1900-01-01T00:00:00.000Z'],
    ['0050-06-01T00:00:00.000Z', '0050-06-01T00:00:00.000Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
    ['2024-02-30T00:00:00Z', undefined], // no such day
    ['2026-13-01', undefined],
    ['2026-01-01T24:00:00Z', undefined],
    ['2026-01-01T10:60:00Z', undefined],
    ['yesterday', undefined],
    ['', undefined],
  ])('%j → %j', (text, iso) => {
    const ms = isoMs(text);
    expect(ms === undefined ? undefined : new Date(ms).toISOString()).toBe(iso);
  });

  it('reads back exactly every time toISOString writes', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('1900-01-01T00:00:00Z'), max: Date.parse('2200-01-01T00:00:00Z') }), (ms) => {
        expect(isoMs(new Date(ms).toISOString())).toBe(ms);
      }),
      { numRuns: 3000 },
    );
  });
});

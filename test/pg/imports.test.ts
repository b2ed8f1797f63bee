// `score --import` on PostgreSQL: the batch plan as a table of LeadImport's rules, then the whole primitive against
// the SQLite store's LeadImport as the oracle (the same rows give the same leads, qualifications and totals), a rep
// creating one of the import's companies mid-batch, rollback, and COPY's text escaping on a real server.
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseCompany } from '../../src/domain/company.js';
import { SqliteLeadImporter } from '../../src/store/sqlite/imports.js';
import { openWriter } from '../../src/store/sqlite/open.js';
import type { ImportRow } from '../../src/store/store.js';
import { closePg, pgQuery, type PgConnection } from '../../src/store/postgres/client.js';
import { copyLine } from '../../src/store/postgres/copy.js';
import { PgStoreError } from '../../src/store/postgres/errors.js';
import { importedAnswers } from '../../src/store/imported-answers.js';
import { PgLeadImport, planImportBatch, type KnownLead } from '../../src/store/postgres/imports.js';
import { withIsoTimes } from '../../src/store/sqlite/times.js';
import { openPgStore } from '../../src/store/postgres/schema.js';
import { tempStore } from '../store/helpers.js';
import { describePg, freshDatabase } from './helpers.js';

const NOW = '2026-03-01T09:00:00.000Z';
const METHOD = 2;
const A1 = '{"need":{"kind":"switching"}}';
const A2 = '{"need":{"kind":"exploring"}}';

function row(company: string, fields: Partial<ImportRow> = {}): ImportRow {
  return {
    company,
    companyKey: normaliseCompany(company),
    creditCode: null,
    contact: null,
    title: null,
    phone: null,
    email: null,
    industry: null,
    competitor: null,
    partner: null,
    source: null,
    verdict: 'qualifying',
    score: 50,
    answers: A1,
    leadPrint: 'p1',
    result: '{"verdict":"qualifying"}',
    nextAction: null,
    ...fields,
  };
}

const lead = (
  id: number,
  company: string,
  creditCode: string | null = null,
  answers: string | null = null,
  engineVersion: number | null = answers === null ? null : METHOD,
  leadPrint: string | null = answers === null ? null : 'p1',
): KnownLead => ({
  id,
  companyKey: normaliseCompany(company),
  creditCode,
  answers,
  engineVersion,
  leadPrint,
});

// A qualification an older leadq (or `qualify`) kept whole, and the same answers as an import keeps them now.
const WHOLE = { lead: { company: 'Acme', phone: '+86 21 5555 0000', source: 'cold' as const }, need: { kind: 'switching' as const } };
const CUT = importedAnswers(WHOLE);

describe('planImportBatch (LeadImport’s rules)', () => {
  it.each([
    ['distinct new companies are created', [row('Acme'), row('Globex')], [], [], { created: 2, updated: 0, unchanged: 0, duplicates: 0 }],
    ['a second row of a company created in the batch is a duplicate', [row('Acme Inc.'), row('ACME')], [], [], { created: 1, duplicates: 1 }],
    ['a second row by credit code is a duplicate, whatever its name', [row('Acme', { creditCode: 'C1' }), row('Other', { creditCode: 'C1' })], [], [], { created: 1, duplicates: 1 }],
    ['the same answers under the current method change nothing', [row('Acme')], [lead(7, 'Acme', null, A1)], [], { unchanged: 1, matched: [7] }],
    ['the same answers under an older method re-qualify', [row('Acme')], [lead(7, 'Acme', null, A1, 1)], [], { updated: 1 }],
    ['other answers add a qualification', [row('Acme', { answers: A2 })], [lead(7, 'Acme', null, A1)], [], { updated: 1, matched: [7] }],
    ['a lead never qualified gets its first', [row('Acme')], [lead(7, 'Acme')], [], { updated: 1 }],
    ['a lead already imported from this file is a duplicate', [row('Acme', { answers: A2 })], [lead(7, 'Acme', null, A1)], [7], { duplicates: 1, matched: [] }],
    ['the credit code wins over the name', [row('Globex', { creditCode: 'C1', answers: A2 })], [lead(7, 'Acme', 'C1', A1), lead(8, 'Globex', null, A1)], [], { updated: 1, matched: [7] }],
    [
      'an updated lead takes the row’s credit code: a later row with that code is a duplicate',
      [row('Acme', { creditCode: 'C1', answers: A2 }), row('Other', { creditCode: 'C1' })],
      [lead(7, 'Acme', null, A1)],
      [],
      { updated: 1, created: 0, duplicates: 1 },
    ],
    [
      'an unchanged lead does not take the code (no UPDATE): a later row with that code creates its lead',
      [row('Acme', { creditCode: 'C1' }), row('Other', { creditCode: 'C1' })],
      [lead(7, 'Acme', null, A1)],
      [],
      { unchanged: 1, created: 1, duplicates: 0 },
    ],
    ['the same answers with other lead fields (another print: a new phone) update the lead', [row('Acme', { leadPrint: 'p2' })], [lead(7, 'Acme', null, A1)], [], { updated: 1, matched: [7] }],
    ['answers kept whole by an older leadq are cut as an import keeps them: the same row changes nothing', [row('Acme', { answers: CUT.answers, leadPrint: CUT.leadPrint })], [lead(7, 'Acme', null, JSON.stringify(WHOLE), METHOD, null)], [], { unchanged: 1 }],
    ['… and a row whose phone differs from the whole answers is an update', [row('Acme', { answers: CUT.answers, leadPrint: importedAnswers({ ...WHOLE, lead: { ...WHOLE.lead, phone: '+86 21 5555 0001' } }).leadPrint })], [lead(7, 'Acme', null, JSON.stringify(WHOLE), METHOD, null)], [], { updated: 1 }],
  ] as const)('%s', (_why, rows, known, touched, expected) => {
    const plan = planImportBatch(rows, known, new Set(touched), METHOD);
    const summary = { created: plan.created.length, updated: plan.updated.length, unchanged: plan.unchanged, duplicates: plan.duplicates, matched: plan.matched };
    expect(summary).toMatchObject(expected);
  });
});

/** Every row of both tables, as the SQLite store and the PostgreSQL store read them back. */
async function pgTables(conn: PgConnection): Promise<unknown> {
  return {
    leads: await pgQuery(conn, 'SELECT * FROM leads ORDER BY id'),
    qualifications: await pgQuery(conn, 'SELECT * FROM qualifications ORDER BY id'),
  };
}

describePg('PgLeadImport', () => {
  let url = '';
  let drop: () => Promise<void> = async () => undefined;
  let conn: PgConnection;
  beforeAll(async () => {
    ({ url, drop } = await freshDatabase());
    conn = await openPgStore(url, { env: {} });
  });
  afterAll(async () => {
    await closePg(conn);
    await drop();
  });
  const reset = () => pgQuery(conn, 'TRUNCATE leads, qualifications RESTART IDENTITY CASCADE');

  async function importPg(rows: readonly ImportRow[], batchRows: number, now = NOW) {
    const imp = new PgLeadImport(conn, now, null, batchRows);
    await imp.begin();
    // In pieces of 2, as the scorer hands them over, across batch boundaries.
    for (let i = 0; i < rows.length; i += 2) await imp.add(rows.slice(i, i + 2));
    return imp.commit();
  }

  it('does what the SQLite store’s LeadImport does, row for row (fast-check, SQLite as the oracle)', async () => {
    const company = fc.constantFrom('Acme', 'ACME Inc.', 'Globex', '华信科技有限公司', '华信科技', 'Initech', 'Umbrella');
    const importRow = fc
      .record({
        company,
        creditCode: fc.constantFrom(null, null, 'C1', 'C2'),
        contact: fc.constantFrom(null, '王伟', 'Mary'),
        industry: fc.constantFrom(null, 'SaaS'),
        source: fc.constantFrom(null, 'referral' as const),
        answers: fc.constantFrom(A1, A2),
        verdict: fc.constantFrom('precise' as const, 'qualifying' as const),
        score: fc.integer({ min: 0, max: 100 }),
      })
      .map(({ company: c, ...fields }) => row(c, fields));
    await fc.assert(
      fc.asyncProperty(fc.array(importRow, { maxLength: 8 }), fc.array(importRow, { maxLength: 10 }), fc.integer({ min: 1, max: 4 }), async (earlier, rows, batchRows) => {
        const store = tempStore();
        const db = await openWriter(store.file, { busyTimeoutMs: 1000 });
        try {
          const sqliteTotals = [];
          for (const [i, batch] of [earlier, rows].entries()) {
            db.exec('BEGIN IMMEDIATE');
            const imp = new SqliteLeadImporter(db, `2026-03-0${i + 1}T09:00:00.000Z`, null);
            await imp.add(batch, 0);
            sqliteTotals.push(await imp.totals());
            db.exec('COMMIT');
          }
          await reset();
          const pgTotals = [await importPg(earlier, batchRows, '2026-03-01T09:00:00.000Z'), await importPg(rows, batchRows, '2026-03-02T09:00:00.000Z')];
          expect(pgTotals).toEqual(sqliteTotals);
          // The data file keeps times as milliseconds: read back as the ISO text PostgreSQL keeps.
          expect(await pgTables(conn)).toEqual({
            leads: db.prepare('SELECT * FROM leads ORDER BY id').all().map(withIsoTimes),
            qualifications: db.prepare('SELECT * FROM qualifications ORDER BY id').all().map(withIsoTimes),
          });
        } finally {
          db.close();
          store.cleanup();
        }
      }),
      { numRuns: 25 },
    );
  }, 120_000);

  it('a company a rep creates while the batch is written is planned again and updated, not duplicated', async () => {
    await reset();
    const rep = new pg.Client({ connectionString: url });
    await rep.connect();
    try {
      await rep.query('BEGIN');
      await rep.query("INSERT INTO leads (company, company_key, created_at, updated_at) VALUES ('Acme', 'acme', $1, $1)", [NOW]);
      // The import cannot see the rep's lead yet; its COPY waits on the rep's unique key, then fails when the rep commits.
      const importing = importPg([row('Acme'), row('Globex')], 10);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await rep.query('COMMIT');
      expect(await importing).toEqual({ created: 1, updated: 1, unchanged: 0, duplicates: 0 });
      const leads = await pgQuery<{ company: string; status: string }>(conn, 'SELECT company, status FROM leads ORDER BY company');
      expect(leads).toEqual([
        { company: 'Acme', status: 'qualifying' },
        { company: 'Globex', status: 'qualifying' },
      ]);
    } finally {
      await rep.end();
    }
  });

  it('rollback leaves the store as it was', async () => {
    await reset();
    await importPg([row('Acme')], 10);
    const before = await pgTables(conn);
    const imp = new PgLeadImport(conn, NOW, null, 1);
    await imp.begin();
    await imp.add([row('Globex'), row('Initech'), row('Acme', { answers: A2 })]);
    await imp.rollback();
    expect(await pgTables(conn)).toEqual(before);
  });

  it('batches in flight: a rollback while they are written waits for them (nothing lands outside the transaction)', async () => {
    await reset();
    const before = await pgTables(conn);
    const imp = new PgLeadImport(conn, NOW, null, 50);
    await imp.begin();
    // add() returns while the batches are written; the rollback comes right after.
    await imp.add(Array.from({ length: 99 }, (_, i) => row(`Company ${i}`)));
    await imp.rollback();
    expect(await pgTables(conn)).toEqual(before);
  });

  it('a batch that fails while later ones are handed over: the failure surfaces, and nothing is imported', async () => {
    await reset();
    const imp = new PgLeadImport(conn, NOW, null, 2);
    await imp.begin();
    const rows = Array.from({ length: 40 }, (_, i) => row(i === 5 ? 'Bad\u0000Name' : `Company ${i}`));
    const err = await (async () => {
      for (let i = 0; i < rows.length; i += 3) await imp.add(rows.slice(i, i + 3));
      await imp.commit();
    })().catch((e: unknown) => e);
    await imp.rollback();
    expect(err).toMatchObject({ exitCode: 65, key: 'pg.badText' });
    expect(await pgQuery(conn, 'SELECT count(*) AS n FROM leads')).toEqual([{ n: 0 }]);
  });

  it('text PostgreSQL cannot hold (NUL) is 65, and nothing is imported', async () => {
    await reset();
    const imp = new PgLeadImport(conn, NOW, null, 10);
    await imp.begin();
    await imp.add([row('Acme'), row('Bad\u0000Name')]);
    const err = await imp.commit().catch((e: unknown) => e);
    await imp.rollback();
    expect(err).toBeInstanceOf(PgStoreError);
    expect(err).toMatchObject({ exitCode: 65, key: 'pg.badText' });
    expect(await pgQuery(conn, 'SELECT count(*) AS n FROM leads')).toEqual([{ n: 0 }]);
  });

  it('COPY text escaping round-trips any text on the server (fast-check)', async () => {
    await pgQuery(conn, 'CREATE TEMP TABLE copy_check (n integer, s text, t text)');
    const text = fc.string({ unit: 'binary', maxLength: 40 }).map((s) => s.replaceAll('\u0000', '')); // PostgreSQL text has no NUL
    const { from } = await import('pg-copy-streams');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(text, fc.option(text, { nil: null })), { maxLength: 20 }), async (pairs) => {
        await pgQuery(conn, 'TRUNCATE copy_check');
        const stream = conn.client.query(from('COPY copy_check (n, s, t) FROM STDIN'));
        await new Promise<void>((resolve, reject) => {
          stream.on('finish', resolve);
          stream.on('error', reject);
          stream.end(pairs.map(([s, t], i) => copyLine([i, s, t])).join(''));
        });
        const back = await pgQuery<{ s: string; t: string | null }>(conn, 'SELECT s, t FROM copy_check ORDER BY n');
        expect(back.map((r) => [r.s, r.t])).toEqual(pairs);
      }),
      { numRuns: 50 },
    );
  });
});

import { execFileSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GEN_LEADS, ROOT, tempDir } from '../helpers/files.js';
import { redactPgUrl } from '../../src/store/postgres/url.js';
import { leadq } from '../helpers/leadq.js';
import { count, countOf, rowsOf, snapshot, snapshotOf } from '../helpers/records.js';
import { describeStores } from '../helpers/stores.js';

const { dir, cleanup } = tempDir('leadq-score-import-');
afterAll(cleanup);

const GBK_SAMPLE = join(ROOT, 'data/samples/leads-gbk.csv');

function csv(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describeStores('leadq score --import', (store) => {
  it('upserts the rows as leads with their qualification; the same import twice changes nothing', async () => {
    const db = store.db;
    const first = await leadq(['--db', db, 'score', GBK_SAMPLE, '--import', '--format', 'ndjson']);
    expect(first.code).toBe(0);
    // 27: the row whose budget is 待定 is scored (budget unknown), not rejected.
    expect(first.stderr).toContain(`leadq: imported into ${store.kind === 'sqlite' ? db : redactPgUrl(db)}: 27 new leads, 0 updated, 0 unchanged, 0 more rows of a company already imported`);
    expect(await countOf(db, 'leads')).toBe(27);
    expect(await countOf(db, 'qualifications')).toBe(27);
    // Each row keeps its result's short form (the run's context): lead show computes the result again.
    expect(await rowsOf(db, 'SELECT DISTINCT result FROM qualifications')).toEqual([{ result: expect.stringMatching(/^\{"today":"\d{4}-\d\d-\d\d"\}$/) }]);
    const before = await snapshotOf(db);
    const second = await leadq(['--db', db, 'score', GBK_SAMPLE, '--import', '--format', 'ndjson']);
    expect(second.code).toBe(0);
    expect(second.stderr).toContain('0 new leads, 0 updated, 27 unchanged');
    expect(await snapshotOf(db)).toEqual(before);

    const list = await leadq(['--db', db, 'lead', 'list', '--status', 'precise', '--format', 'json']);
    expect((JSON.parse(list.stdout) as Array<{ company: string }>).map((l) => l.company)).toContain('上海华信科技有限公司');
    const show = await leadq(['--db', db, 'lead', 'show', '上海华信科技有限公司', '--json']);
    const lead = JSON.parse(show.stdout) as { source: string; qualifications: Array<{ answers: { payment: { budget: number } } }> };
    expect(lead.source).toBe('competitor_customer');
    expect(lead.qualifications[0]!.answers.payment.budget).toBe(120000);
  });

  it('each lead field a column gives lands in its own place, on a new lead and on an update', async () => {
    const db = store.db;
    const header = 'Company,Contact,Title,Phone,Email,Industry,Lead Source,Competitor,Partner,Credit Code,Budget\n';
    const fields = (lead: Record<string, unknown>) => {
      const { contact, title, phone, email, industry, source, competitor, partner, credit_code } = lead;
      return { contact, title, phone, email, industry, source, competitor, partner, credit_code };
    };
    const show = async () => fields(JSON.parse((await leadq(['--db', db, 'lead', 'show', 'Acme Inc.', '--json'])).stdout) as Record<string, unknown>);
    const first = csv('fields.csv', `${header}Acme Inc.,Anna Lee,CFO,+86 21 5555 0000,anna@acme.example,Retail,referral,Salesforce,Channel Co,91350100M000100Y43,100k\n`);
    expect((await leadq(['--db', db, 'score', first, '--import', '--format', 'ndjson'])).code).toBe(0);
    expect(await show()).toEqual({ contact: 'Anna Lee', title: 'CFO', phone: '+86 21 5555 0000', email: 'anna@acme.example', industry: 'Retail', source: 'referral', competitor: 'Salesforce', partner: 'Channel Co', credit_code: '91350100M000100Y43' });
    const second = csv('fields2.csv', `${header}Acme Inc.,Bo Wang,CEO,+86 10 6666 0000,bo@acme.example,Finance,channel,HubSpot,Partner Two,91350100M000100Y43,200k\n`);
    expect((await leadq(['--db', db, 'score', second, '--import', '--format', 'ndjson'])).stderr).toContain('0 new leads, 1 updated');
    expect(await show()).toEqual({ contact: 'Bo Wang', title: 'CEO', phone: '+86 10 6666 0000', email: 'bo@acme.example', industry: 'Finance', source: 'channel', competitor: 'HubSpot', partner: 'Partner Two', credit_code: '91350100M000100Y43' });
  });

  it('deduplicates by normalised company and by credit code; a changed row adds a qualification', async () => {
    const db = store.db;
    const file = csv('dedup.csv', 'Company,Credit Code,Budget,Need\nAcme Inc.,,100k,switching\nACME,,200k,exploring\n华信科技有限公司,91350100M000100Y43,,\n福建华信,91350100M000100Y43,,\n');
    const r = await leadq(['--db', db, 'score', file, '--import', '--format', 'ndjson']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('2 new leads, 0 updated, 0 unchanged, 2 more rows of a company already imported');
    const changed = csv('changed.csv', 'Company,Budget,Need\nacme,150k,switching\n');
    const again = await leadq(['--db', db, 'score', changed, '--import', '--format', 'ndjson']);
    expect(again.stderr).toContain('0 new leads, 1 updated, 0 unchanged');
    expect(await countOf(db, 'leads')).toBe(2);
    expect(await countOf(db, 'qualifications')).toBe(3);
  });

  it('a company whose only earlier row was a repeat is a new lead, however far apart the rows are', async () => {
    const db = store.db;
    // Acme Ltd's second row brings another credit code: a repeat of Acme (its name), so that code names no lead, and
    // Initech's row with it is a new lead. Rows far apart went to the store; close ones were dropped by the scorer.
    const rows = ['Acme Ltd,91110000802100433B', 'ACME,91440300708461136T', 'Initech,91440300708461136T'];
    const file = csv('chain.csv', `Company,Credit Code\n${rows.join('\n')}\n`);
    const r = await leadq(['--db', db, 'score', file, '--import', '--format', 'ndjson']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('2 new leads, 0 updated, 0 unchanged, 1 more rows of a company already imported');
    const list = await leadq(['--db', db, 'lead', 'list', '--format', 'tsv']);
    expect(list.stdout).toContain('Initech');
  });

  it('a new lead whose row names no source is a cold lead; a source the row names keeps its mapping', async () => {
    const db = store.db;
    const withColumn = csv('source.csv', 'Company,Lead Source\nAcme,Customer Referral\nGlobex,\nInitech,陌拜\nHooli,trade show\nUmbrella,Billboard\n');
    const withoutColumn = csv('no-source.csv', 'Company,Budget\nStark,100k\n');
    expect((await leadq(['--db', db, 'score', withColumn, '--import', '--format', 'ndjson'])).code).toBe(0);
    expect((await leadq(['--db', db, 'score', withoutColumn, '--import', '--format', 'ndjson'])).code).toBe(0);
    const sources = Object.fromEntries((await rowsOf(db, 'SELECT company, source FROM leads')).map((l) => [l.company, l.source]));
    // Unrecognised text is still a source the row gives ('other', scored as such), not a missing one.
    expect(sources).toEqual({ Acme: 'referral', Globex: 'cold', Initech: 'cold', Hooli: 'other', Umbrella: 'other', Stark: 'cold' });
    // A re-import without a source leaves a lead's known source alone.
    await leadq(['--db', db, 'score', csv('acme-again.csv', 'Company,Budget\nAcme,5万\n'), '--import', '--format', 'ndjson']);
    const show = await leadq(['--db', db, 'lead', 'show', 'Acme', '--json']);
    expect((JSON.parse(show.stdout) as { source: string }).source).toBe('referral');
  });

  it('importing a file again changes nothing, even after a rep edited a lead; a row with a new phone updates it', async () => {
    const db = store.db;
    const file = csv('edit.csv', 'Company,Contact,Phone,Budget\nAcme Inc.,Anna Lee,+86 21 5555 0000,500000\nGlobex,Bo Chen,+86 21 5555 0100,300000\n');
    expect((await leadq(['--db', db, 'score', file, '--import', '--format', 'ndjson'])).stderr).toContain('2 new leads, 0 updated, 0 unchanged');
    expect((await leadq(['--db', db, 'lead', 'edit', 'Acme Inc.', '--phone', '+86 139 1111 2222'])).code).toBe(0);
    const again = await leadq(['--db', db, 'score', file, '--import', '--format', 'ndjson']);
    expect(again.stderr).toContain('0 new leads, 0 updated, 2 unchanged');
    const acme = JSON.parse((await leadq(['--db', db, 'lead', 'show', 'Acme Inc.', '--json'])).stdout) as { phone: string; qualifications: unknown[] };
    expect(acme).toMatchObject({ phone: '+86 139 1111 2222' });
    expect(acme.qualifications).toHaveLength(1);
    const changed = csv('edit2.csv', 'Company,Contact,Phone,Budget\nAcme Inc.,Anna Lee,+86 21 5555 0000,500000\nGlobex,Bo Chen,+86 21 5555 0199,300000\n');
    expect((await leadq(['--db', db, 'score', changed, '--import', '--format', 'ndjson'])).stderr).toContain('0 new leads, 1 updated, 1 unchanged');
    expect(JSON.parse((await leadq(['--db', db, 'lead', 'show', 'Globex', '--json'])).stdout)).toMatchObject({ phone: '+86 21 5555 0199' });
  });

  it('a qualification an older leadq kept whole (the lead section with the contact, phone …) is the same answers as the row', async () => {
    const db = store.db;
    const file = csv('whole.csv', 'Company,Contact,Phone,Budget\nAcme Inc.,Anna Lee,+86 21 5555 0000,500000\n');
    expect((await leadq(['--db', db, 'score', file, '--import', '--format', 'ndjson'])).code).toBe(0);
    // As leadq before schema 6 (SQLite) / 5 (PostgreSQL) stored it: the lead section whole, no print.
    const [q] = await rowsOf(db, 'SELECT id, answers FROM qualifications');
    const answers = JSON.parse(String(q!.answers)) as { lead: Record<string, unknown> };
    answers.lead = { company: 'Acme Inc.', contact: 'Anna Lee', phone: '+86 21 5555 0000', ...answers.lead };
    await store.sql(`UPDATE qualifications SET answers = '${JSON.stringify(answers).replaceAll("'", "''")}', lead_print = NULL`);
    expect((await leadq(['--db', db, 'score', file, '--import', '--format', 'ndjson'])).stderr).toContain('0 new leads, 0 updated, 1 unchanged');
  });

  it.runIf(store.kind === 'postgres')('a big import leaves the planner statistics of the rows it wrote (ANALYZE after COMMIT)', async () => {
    const db = store.db;
    const analyzed = async () => (await rowsOf(db, "SELECT coalesce(last_analyze, last_autoanalyze) IS NOT NULL AS done FROM pg_stat_user_tables WHERE relname = 'leads'"))[0]?.done === true;
    expect((await leadq(['--db', db, 'score', csv('small.csv', 'Company\nAcme\n'), '--import'])).code).toBe(0);
    const big = join(dir, 'analyze.csv');
    execFileSync(process.execPath, [GEN_LEADS, '12000', big, 'distinct']);
    expect((await leadq(['--db', db, 'score', big, '--import', '--out', join(dir, 'analyze-out.csv')])).code).toBe(0);
    // The server publishes a session's statistics within a moment of its end.
    let done = await analyzed();
    for (let i = 0; i < 40 && !done; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      done = await analyzed();
    }
    expect(done).toBe(true);
  });

  it('imports nothing when --strict finds rejects, or when the file is broken', async () => {
    const db = store.db;
    const strict = await leadq(['--db', db, 'score', GBK_SAMPLE, '--import', '--strict', '--format', 'ndjson']);
    expect(strict.code).toBe(65);
    expect(await countOf(db, 'leads')).toBe(0);
    const broken = await leadq(['--db', db, 'score', csv('broken.csv', 'Company\nAcme\nGlobex\n"Initech\n'), '--import']);
    expect(broken.code).toBe(65);
    expect(broken.stderr).toContain('the quote opened on line 4 is never closed');
    expect(await countOf(db, 'leads')).toBe(0);
  });

  it('imports nothing when --strict finds a reject after many batches were written (and one still on its way)', async () => {
    const db = store.db;
    // The last row has no company: a reject, which --strict finds once the whole file was read and written.
    const rows = Array.from({ length: 15_001 }, (_, i) => `${i === 15_000 ? '' : `Strict Co ${i}`},${(i % 900) + 100}k,switching`);
    const r = await leadq(['--db', db, 'score', csv('strict-late.csv', `Company,Budget,Need\n${rows.join('\n')}\n`), '--import', '--strict', '--format', 'ndjson']);
    expect(r.code, r.stderr).toBe(65);
    expect(r.stderr).toContain('line 15002: no company');
    expect(await countOf(db, 'leads')).toBe(0);
    expect(await countOf(db, 'qualifications')).toBe(0);
  });
});

describe('leadq score --import', () => {
  it('a large export is scored in worker threads for the import too, and stores exactly what one thread stores', async () => {
    const big = join(dir, 'big.csv');
    execFileSync(process.execPath, [GEN_LEADS, '30000', big]);
    const now = () => new Date('2026-05-01T08:00:00.000Z');
    const threaded = join(dir, 'threaded.db');
    const single = join(dir, 'single.db');
    const a = await leadq(['--db', threaded, 'score', big, '--import', '--out', join(dir, 'threaded.csv')], { now });
    const b = await leadq(['--db', single, 'score', big, '--import', '--out', join(dir, 'single.csv')], { now, env: { LEADQ_WORKERS: '0' } });
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    expect(a.stderr.replace(/in [\d.]+ s/, '')).toBe(b.stderr.replace(/in [\d.]+ s/, '').replaceAll('single.db', 'threaded.db'));
    expect(count(threaded)).toBeGreaterThan(300); // the generator repeats companies: the rest are duplicates
    expect(snapshot(threaded)).toEqual(snapshot(single));
  });

  it('into a store without leads, puts off its full indexes and builds them again: the same records and schema as an import into a store with leads', async () => {
    const big = join(dir, 'bulk.csv');
    execFileSync(process.execPath, [GEN_LEADS, '20000', big, 'distinct']);
    const now = () => new Date('2026-05-01T08:00:00.000Z');
    const schema = (db: string) => {
      const d = new Database(db, { readonly: true });
      try {
        return { objects: d.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').all(), integrity: d.prepare('PRAGMA integrity_check').pluck().all() };
      } finally {
        d.close();
      }
    };
    // A store whose leads were all deleted: the schema as the migrations make it, and the next import is a bulk load.
    const emptied = async (name: string) => {
      const db = join(dir, name);
      expect((await leadq(['--db', db, 'lead', 'add', '--company', 'Gone Ltd'])).code).toBe(0);
      expect((await leadq(['--db', db, 'lead', 'delete', 'Gone Ltd', '--yes'])).code).toBe(0);
      return db;
    };
    const migrated = schema(await emptied('bulk-ref.db'));
    // b holds the file's first company (the same row, the same answers) before the whole file comes: every index is
    // kept as it is, row after row. a starts empty: the bulk load.
    const [header, first] = readFileSync(big, 'utf8').split('\n');
    const a = join(dir, 'bulk-a.db');
    const b = join(dir, 'bulk-b.db');
    expect((await leadq(['--db', b, 'score', csv('first.csv', `${header}\n${first}\n`), '--import', '--out', join(dir, 'first-out.csv')], { now })).code).toBe(0);
    expect(schema(b)).toEqual(migrated);
    const ra = await leadq(['--db', a, 'score', big, '--import', '--out', join(dir, 'bulk-a.csv')], { now });
    const rb = await leadq(['--db', b, 'score', big, '--import', '--out', join(dir, 'bulk-b.csv')], { now });
    expect(ra.stderr).toContain('20,000 new leads, 0 updated, 0 unchanged');
    expect(rb.stderr).toContain('19,999 new leads, 0 updated, 1 unchanged');
    expect(snapshot(a)).toEqual(snapshot(b));
    expect(schema(a)).toEqual(migrated);
    expect(schema(b)).toEqual(migrated);
    // A bulk load that fails leaves the store as it was, its indexes too.
    const c = await emptied('bulk-c.db');
    const broken = csv('bulk-broken.csv', `${readFileSync(big, 'utf8')}"Initech\n`);
    expect((await leadq(['--db', c, 'score', broken, '--import', '--out', join(dir, 'bulk-c.csv')], { now })).code).toBe(65);
    expect(count(c)).toBe(0);
    expect(schema(c)).toEqual(migrated);
  });
});

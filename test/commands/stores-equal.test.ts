// A team's day run on both stores, then every read command's output compared byte for byte: the PostgreSQL store
// answers exactly as the SQLite data file does (only the store's name differs, in stderr). Then `db copy` moves the
// records SQLite → PostgreSQL → SQLite and every record of every table is compared: ids, history and links kept.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { STORE_TABLES } from '../../src/store/tables.js';
import { ROOT, tempDir } from '../helpers/files.js';
import { leadq, type Ran } from '../helpers/leadq.js';
import { describePg, freshDatabase } from '../pg/helpers.js';

const NOW = new Date('2026-05-04T09:30:00.000Z');
const now = () => NOW;

const PRECISE = JSON.stringify({
  lead: { company: '上海华信科技有限公司', source: 'competitor_customer', competitor: '销售易' },
  need: { kind: 'switching' },
  kp: { role: 'gm', signsFinal: 'yes', otherDecider: 'none' },
  payment: { price: '10万', budget: '12万', funds: 'now', recognizesValue: 'yes' },
});

/** A rep's day: an import, hand-made leads, contacts, qualifications, referrals, a ranking, a closed lead. */
function day(csv: string, ranking: string): Array<{ args: string[]; input?: string; as?: string }> {
  return [
    { args: ['score', join(ROOT, 'data/samples/leads-gbk.csv'), '--import', '--format', 'ndjson'], as: 'wang' },
    { args: ['score', csv, '--import', '--format', 'csv'], as: 'li' },
    { args: ['lead', 'add', '--company', 'Acme Co., Ltd.', '--source', 'cold', '--industry', 'retail', '--json'] },
    { args: ['lead', 'add', '--company', '恒达制造有限公司', '--referrer', 'acme', '--owner', 'zhao'] },
    { args: ['qualify', '--answers', '-', '--json'], input: PRECISE, as: 'li' },
    { args: ['qualify', 'Acme', '--answers', '-'], input: '{"need":{"kind":"none","askedOthers":true}}' },
    { args: ['contact', 'acme', '--kind', 'visit', '--at', '2026-05-01T10:00:00Z', '--note', 'met the GM\twith a tab', '--json'] },
    { args: ['contact', '1', '--kind', 'call', '--at', '2026-05-02'] },
    { args: ['referral', 'ask', 'acme', '--count', '3', '--note', 'asked at the visit', '--json'] },
    { args: ['referral', 'add', 'acme', '--company', '转介绍甲有限公司', '--json'] },
    { args: ['lead', 'edit', '转介绍甲', '--phone', '138 0000 0000', '--owner', 'me', '--json'], as: 'sun' },
    { args: ['top20', 'import', ranking] },
    { args: ['lead', 'close', '3', '--won', '--note', '3-year contract'] },
    { args: ['lead', 'edit', '1', '--company', 'Renamed Co', '--industry', '', '--json'] },
    { args: ['db', 'rescore', '--json'] },
    // The rep's day (issue 13): follow-ups, fixing mistakes, reopening, deleting.
    { args: ['contact', '2', '--kind', 'call', '--at', '2026-05-03', '--next', '2026-05-04'] },
    { args: ['contact', '5', '--kind', 'visit', '--at', '2026-05-03T08:00:00Z'] },
    { args: ['contact', 'delete', '4'] },
    { args: ['qualify', '2', '--set', 'payment.funds=now', '--set', 'kp.confirmed=true'] },
    { args: ['lead', 'reopen', '3'] },
    { args: ['lead', 'close', '3', '--lost', '--note', 'went elsewhere'] },
    { args: ['lead', 'delete', '7', '--yes'] },
  ];
}

/** The read commands whose every byte must match. */
const READS: string[][] = [
  ['lead', 'list'],
  ['lead', 'list', '--format', 'json'],
  ['lead', 'list', '--format', 'csv', '--status', 'precise'],
  ['lead', 'list', '--format', 'table', '--source', 'referral'],
  ['lead', 'list', '--owner', 'me', '--format', 'ndjson'],
  ['lead', 'list', '--owner', 'zhao'],
  ['lead', 'show', '1', '--json'],
  ['lead', 'show', '1'],
  ['lead', 'show', '2', '--json'],
  ['lead', 'show', '华信科技', '--json'],
  ['lead', 'show', '转介绍'],
  ['lead', 'show', '999'],
  ['lead', 'show', '上海'],
  ['report', '--format', 'json'],
  ['report'],
  ['report', '--since', '2026-05-01'],
  ['referral', 'list', '--format', 'json'],
  ['referral', 'list', '--open'],
  ['top20', 'list'],
  ['top20', 'list', '--uncontacted', '--format', 'json'],
  ['top20', 'list', '--industry', '制造业', '--format', 'csv'],
  ['db', 'check'],
  ['today'],
  ['today', '--all', '--format', 'json'],
  ['today', '--days', '1', '--format', 'csv'],
  ['--as', 'sun', 'today'],
  ['lead', 'list', '--sort', 'score'],
  ['lead', 'list', '--sort', 'last_contact', '--format', 'json'],
  ['lead', 'list', '--sort', 'updated'],
  ['lead', 'list', '--search', '华信'],
  ['lead', 'list', '--min-score', '40', '--stale', '1'],
  ['contact', 'list', '1', '--format', 'json'],
  ['contact', 'list', '2'],
  ['db', 'rescore', '--dry-run', '--json'],
];

describePg('every command the same on both stores', () => {
  const tmp = tempDir('leadq-equal-');
  const sqlite = join(tmp.dir, 'leadq.db');
  let pg: { url: string; drop: () => Promise<void> };
  const csv = join(tmp.dir, 'crm.csv');
  const ranking = join(tmp.dir, 'ranking.csv');
  // The store's name, and how long a run took, are all that may differ.
  const same = (r: Ran, location: string) => ({ code: r.code, stdout: r.stdout, stderr: r.stderr.replaceAll(location, '<store>').replace(/ in [\d.]+ s\n/g, ' in … s\n') });
  const on = (db: string, args: string[], input?: string, as = 'wang') => leadq(['--db', db, '--as', as, ...args], { now, ...(input === undefined ? {} : { input }) });
  const location = () => openStore(pg.url, { busyTimeoutMs: 5000 }).location;

  beforeAll(async () => {
    pg = await freshDatabase();
    writeFileSync(csv, 'Company,Credit Code,Budget,Need,Lead Source,Contact\nAcme Co., Ltd.,,100k,switching,陌拜,Anna\nGlobex,,200万,exploring,Customer Referral,\n华信科技有限公司,91350100M000100Y43,,,,\n');
    writeFileSync(ranking, 'industry,rank,company\n制造业,1,恒达制造有限公司\n制造业,2,新星机械有限公司\nretail,1,Acme\n');
    for (const step of day(csv, ranking)) {
      const a = await on(sqlite, step.args, step.input, step.as);
      const b = await on(pg.url, step.args, step.input, step.as);
      expect(same(b, location()), step.args.join(' ')).toEqual(same(a, sqlite));
      expect(a.code, `${step.args.join(' ')}: ${a.stderr}`).toBe(0);
    }
  }, 120_000);
  afterAll(async () => {
    await pg.drop();
    tmp.cleanup();
  });

  it.each(READS.map((args) => [args.join(' '), args] as const))('%s', async (_name, args) => {
    const a = await on(sqlite, args);
    const b = await on(pg.url, args);
    expect(same(b, location())).toEqual(same(a, sqlite));
    expect(a.code === 0 || args.includes('999') || args.includes('上海')).toBe(true);
  });

  it('the owner and who did it are recorded alike', async () => {
    const lead = JSON.parse((await on(pg.url, ['lead', 'show', '转介绍甲', '--json'])).stdout) as { owner: string };
    expect(lead.owner).toBe('sun');
    const imported = JSON.parse((await on(pg.url, ['lead', 'show', '1', '--json'])).stdout) as { owner: string; qualifications: Array<{ by: string }> };
    expect(imported.owner).toBe('wang');
    expect((await on(pg.url, ['lead', 'list', '--owner', 'zhao', '--format', 'json'])).stdout).toMatch(/恒达制造/);
  });

  describe('db copy', () => {
    async function records(db: string): Promise<Record<string, unknown[]>> {
      const store = openStore(db, { busyTimeoutMs: 5000 });
      try {
        return await store.read(async (tx) => {
          const all: Record<string, unknown[]> = {};
          for (const table of STORE_TABLES) {
            all[table.name] = [];
            for await (const batch of tx.tableRows(table)) all[table.name]!.push(...batch);
          }
          return all;
        });
      } finally {
        await store.close();
      }
    }

    it('SQLite → PostgreSQL → SQLite keeps every record; a non-empty target is 65 unless --replace', async () => {
      const target = await freshDatabase();
      try {
        const there = await leadq(['db', 'copy', sqlite, target.url]);
        expect(there.code, there.stderr).toBe(0);
        expect(there.stderr).toMatch(/^leadq: Copied .* \d+ leads, \d+ qualifications, \d+ contacts, 1 referral requests, \d+ referrals, 3 ranks\.\n$/);
        expect(there.stderr).not.toContain('leadq-test');
        const original = await records(sqlite);
        expect(original.leads!.length).toBeGreaterThan(27);
        expect(await records(target.url)).toEqual(original);

        const back = join(tmp.dir, 'back.db');
        expect((await leadq(['db', 'copy', target.url, back])).code).toBe(0);
        expect(await records(back)).toEqual(original);
        // The copy is a working store: the next lead gets the next id, as on the original.
        const next = await leadq(['--db', target.url, 'lead', 'add', '--company', 'Next One']);
        expect(next.stdout).toBe(`${String(Math.max(...original.leads!.map((l) => Number((l as { id: number }).id))) + 1)}\n`);

        const refused = await leadq(['db', 'copy', sqlite, target.url]);
        expect(refused.code).toBe(65);
        expect(refused.stderr).toContain('already holds records');
        const replaced = await leadq(['db', 'copy', sqlite, target.url, '--replace']);
        expect(replaced.code, replaced.stderr).toBe(0);
        expect(await records(target.url)).toEqual(original);
        expect((await leadq(['db', 'copy', back, back])).code).toBe(64);
      } finally {
        await target.drop();
      }
    });

    it('db backup of a PostgreSQL store writes a SQLite file with every record', async () => {
      const copy = join(tmp.dir, 'backup.db');
      const r = await leadq(['--db', pg.url, 'db', 'backup', copy]);
      expect(r.code, r.stderr).toBe(0);
      expect(await records(copy)).toEqual(await records(pg.url));
      expect((await leadq(['--db', copy, 'db', 'check'])).stdout).toBe('ok\n');
    });
  });
});

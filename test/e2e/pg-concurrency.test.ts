// A team on one PostgreSQL store, as real processes: 20 reps writing at the same moment (contacts and qualifications
// on the same few leads, imports of overlapping exports) lose nothing; a rep held up past the busy timeout gets 75;
// `top20 list` from cron never waits on a writer.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describePg, freshDatabase, queryAt } from '../pg/helpers.js';
import { runCli, tempDir } from './helpers.js';

describePg('20 reps on one PostgreSQL store', () => {
  const tmp = tempDir('leadq-pg-team-');
  let db: { url: string; drop: () => Promise<void> };
  const query = (sql: string, params: unknown[] = []) => queryAt(db.url, sql, params);

  beforeAll(async () => {
    db = await freshDatabase();
    for (const company of ['Acme', 'Globex', 'Initech', 'Hooli']) expect((await runCli(['--db', db.url, 'lead', 'add', '--company', company])).code).toBe(0);
  });
  afterAll(async () => {
    await db.drop();
    tmp.cleanup();
  });

  it('contacts, qualifications and imports from 20 processes at once: every one saved', async () => {
    // Six exports of 40 companies each, every one overlapping the next by half: 140 distinct companies.
    const exports = Array.from({ length: 6 }, (_, i) => {
      const file = join(tmp.dir, `export-${i}.csv`);
      const rows = Array.from({ length: 40 }, (_, j) => `Company ${String(i * 20 + j).padStart(3, '0')} Ltd,${(i * 20 + j) % 7}0万,switching`);
      writeFileSync(file, `Company,Budget,Need\n${rows.join('\n')}\n`);
      return file;
    });
    const env = { LEADQ_BUSY_TIMEOUT_MS: '20000' };
    const runs = [
      ...Array.from({ length: 8 }, (_, i) => runCli(['--db', db.url, '--as', `rep${i}`, 'contact', String((i % 4) + 1), '--kind', 'call', '--note', `call ${i}`], { env, timeoutMs: 60_000 })),
      ...Array.from({ length: 6 }, (_, i) =>
        runCli(['--db', db.url, '--as', `rep${8 + i}`, 'qualify', String((i % 3) + 1), '--answers', '-'], { env, input: `{"need":{"kind":"switching"},"payment":{"price":${100000 + i}}}`, timeoutMs: 60_000 }),
      ),
      ...exports.map((file, i) => runCli(['--db', db.url, '--as', `rep${14 + i}`, 'score', file, '--import', '--format', 'csv'], { env, timeoutMs: 60_000 })),
    ];
    expect(runs).toHaveLength(20);
    const results = await Promise.all(runs);
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const count = async (table: string) => Number((await query(`SELECT count(*) AS n FROM ${table}`))[0]!.n);
    expect(await count('contacts')).toBe(8);
    expect(await count('leads')).toBe(4 + 140);
    // Each qualify run is one qualification; each company imported once (a second identical row is unchanged).
    expect(await count('qualifications')).toBe(6 + 140);
    const lastContacts = await query('SELECT id, last_contact_at FROM leads WHERE id <= 4 ORDER BY id');
    expect(lastContacts.every((l) => l.last_contact_at !== null)).toBe(true);
    const byRep = await query('SELECT DISTINCT "by" FROM contacts ORDER BY 1');
    expect(byRep.map((r) => r.by)).toEqual(Array.from({ length: 8 }, (_, i) => `rep${i}`).sort());
  }, 120_000);

  it('a lead locked past the busy timeout is 75; top20 list never waits on the writer holding it', async () => {
    const ranking = join(tmp.dir, 'ranking.csv');
    writeFileSync(ranking, 'industry,rank,company\nretail,1,Acme\nretail,2,Globex\n');
    expect((await runCli(['--db', db.url, 'top20', 'import', ranking])).code).toBe(0);
    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    try {
      // A writer in the middle of a change: Acme's row locked, the retail ranking being replaced.
      await holder.query('BEGIN');
      await holder.query("UPDATE leads SET notes = 'editing' WHERE company = 'Acme'");
      await holder.query("DELETE FROM industry_rankings WHERE industry = 'retail'");
      const started = Date.now();
      const list = await runCli(['--db', db.url, 'top20', 'list', '--format', 'tsv', '--no-header']);
      const listMs = Date.now() - started;
      expect(list.code, list.stderr).toBe(0);
      expect(list.stdout).toMatch(/^retail\t1\tAcme\t1\t/);
      expect(listMs).toBeLessThan(3000);
      const busyStarted = Date.now();
      const busy = await runCli(['--db', db.url, 'contact', 'Acme', '--kind', 'call'], { env: { LEADQ_BUSY_TIMEOUT_MS: '500' } });
      expect(busy.code).toBe(75);
      expect(busy.stderr).toMatch(/^leadq: the PostgreSQL database is busy/);
      expect(Date.now() - busyStarted).toBeLessThan(5000);
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
    expect((await runCli(['--db', db.url, 'contact', 'Acme', '--kind', 'call'])).code).toBe(0);
  }, 60_000);
});

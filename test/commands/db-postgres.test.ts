// `leadq db …` and the store's refusals on a PostgreSQL store, in-process: the URL is printed without its password
// everywhere (db path, errors, summaries), db check reads what the server does not enforce itself, and the exit codes
// 66, 69, 77 and 65 are the SPEC's.
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { leadq } from '../helpers/leadq.js';
import { describePg, freshDatabase, runCluster } from '../pg/helpers.js';

const PASSWORD = 'leadq-test';

describePg('db commands on a PostgreSQL store', () => {
  let db: { url: string; name: string; drop: () => Promise<void> };
  const lq = (args: readonly string[], env: Record<string, string | undefined> = {}) => leadq(['--db', db.url, ...args], { env });
  const sql = async (text: string) => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      return (await client.query(text)).rows as Array<Record<string, unknown>>;
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    db = await freshDatabase();
  });
  afterAll(async () => db.drop());
  beforeEach(async () => {
    await sql('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
  });

  it('db path prints the URL without its password, and never connects', async () => {
    const r = await leadq(['--db', 'postgresql://rep:s3cr%40t@db.example.com:5433/sales?sslmode=verify-full&password=other', 'db', 'path']);
    expect(r).toMatchObject({ code: 0, stdout: 'postgresql://rep@db.example.com:5433/sales?sslmode=verify-full\n', stderr: '' });
    const env = await leadq(['db', 'path'], { env: { LEADQ_DB: 'postgres://rep:hunter2@localhost/sales' } });
    expect(env.stdout).toBe('postgres://rep@localhost/sales\n');
  });

  it('a store never written is 66 for db check and an empty list elsewhere; nothing is created', async () => {
    const check = await lq(['db', 'check']);
    expect(check.code).toBe(66);
    expect(check.stderr).toBe(`leadq: the PostgreSQL database ${db.url.replace(`:${PASSWORD}`, '')} holds no leadq store yet\nleadq: it is created by leadq db init or by the first write: leadq qualify, leadq lead add or leadq score --import\n`);
    expect(await lq(['lead', 'list'])).toMatchObject({ code: 0, stdout: 'id\tcompany\tindustry\tsource\tstatus\tscore\tlast_contact\n' });
    expect((await lq(['lead', 'show', '1'])).code).toBe(66);
    expect((await lq(['contact', '1', '--kind', 'call'])).code).toBe(66);
    expect(await sql("SELECT to_regclass('leads') AS t")).toEqual([{ t: null }]);
  });

  it('db check: ok, then the leads an older method scored; a stored JSON that is not an object is 65 naming the row', async () => {
    await lq(['lead', 'add', '--company', 'Acme']);
    await leadq(['--db', db.url, 'qualify', 'Acme', '--answers', '-'], { input: '{"need":{"kind":"switching"}}' });
    expect(await lq(['db', 'check'])).toMatchObject({ code: 0, stdout: 'ok\n' });
    await sql('UPDATE qualifications SET engine_version = 1');
    expect((await lq(['db', 'check'])).stdout).toBe('ok\nopen leads scored by an older method version: 1 (`leadq db rescore` re-scores them with method 2)\n');
    await sql("UPDATE qualifications SET answers = '{not json}'");
    const r = await lq(['db', 'check']);
    expect(r.code).toBe(65);
    expect(r.stdout).toMatch(/^qualifications row \d+: answers is not a JSON object\n$/);
    expect(r.stderr).not.toContain(PASSWORD);
  });

  it('a database from a newer leadq is 65 and left as it was', async () => {
    await lq(['lead', 'add', '--company', 'Acme']);
    await sql("UPDATE leadq_meta SET schema_version = 99");
    for (const args of [['lead', 'list'], ['lead', 'add', '--company', 'B'], ['db', 'check']]) {
      const r = await lq(args);
      expect(r.code, args.join(' ')).toBe(65);
      expect(r.stderr).toContain('comes from a newer leadq (schema 99');
    }
    expect(await sql('SELECT count(*)::int AS n FROM leads')).toEqual([{ n: 1 }]);
  });

  it('a refused password is 77, a server that is not there 69, and neither prints the password', async () => {
    const wrong = new URL(db.url);
    wrong.password = 'not-the-password';
    const refused = await leadq(['--db', wrong.toString(), 'lead', 'list']);
    expect(refused.code).toBe(77);
    expect(refused.stderr).not.toContain('not-the-password');
    expect(refused.stderr.split('\n')).toHaveLength(3); // the message, the hint, the final newline
    const nowhere = new URL(db.url);
    nowhere.port = '1';
    const down = await leadq(['--db', nowhere.toString(), 'lead', 'add', '--company', 'X', '--json']);
    expect(down.code).toBe(69);
    expect(down.stderr).not.toContain(PASSWORD);
    expect(down.stderr).toMatch(/^leadq: cannot reach the PostgreSQL server postgresql:\/\/leadq@127\.0\.0\.1:1\//);
  });

  it('db copy of a store onto itself is 64, and its hint names the store without the password', async () => {
    const r = await leadq(['db', 'copy', db.url, db.url]);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(`leadq db copy ${db.url.replace(`:${PASSWORD}`, '')} copy.db`);
    expect(r.stderr).not.toContain(PASSWORD);
  });

  it('db init creates leadq’s tables and no record; run again it changes nothing', async () => {
    const first = await lq(['db', 'init']);
    expect(first).toMatchObject({ code: 0, stdout: '' });
    expect(first.stderr).toBe(`leadq: Created leadq’s store at ${db.url.replace(`:${PASSWORD}`, '')}.\n`);
    expect(await sql("SELECT to_regclass('leads') IS NOT NULL AS t, (SELECT count(*)::int FROM leads) AS n")).toEqual([{ t: true, n: 0 }]);
    expect(await lq(['db', 'check'])).toMatchObject({ code: 0, stdout: 'ok\n' });
    const again = await lq(['db', 'init']);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('is ready (up to date)');
    await sql('UPDATE leadq_meta SET schema_version = 99');
    expect((await lq(['db', 'init'])).code).toBe(65);
  });

  it('score --import says where it imported without the password', async () => {
    const r = await leadq(['--db', db.url, 'score', '-', '--import', '--format', 'csv'], { input: 'Company,Budget\nAcme,10万\n' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`imported into ${db.url.replace(`:${PASSWORD}`, '')}: 1 new lead`);
    expect(r.stderr + r.stdout).not.toContain(PASSWORD);
  });

  it('no --help example holds a password', async () => {
    for (const args of [['db', 'copy', '--help'], ['db', '--help'], ['--help']]) {
      const help = (await leadq(args)).stdout;
      expect(help).not.toMatch(/postgres(ql)?:\/\/[^@\s/]*:[^@\s/]*@/);
    }
    expect((await runCluster()).url).toContain(PASSWORD); // the check above would see one
  });
});

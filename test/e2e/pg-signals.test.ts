// A signal while a PostgreSQL COMMIT is on its way: the process waits for the server's answer (at most 800 ms), so that
// what it says is true — saved, or for `score --import` finished; a COMMIT slower than that is said to be of unknown
// outcome, never "Cancelled". The server's COMMIT is made slow by a deferred constraint trigger that sleeps.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describePg, freshDatabase, queryAt } from '../pg/helpers.js';
import { BIN, ROOT, runCli, tempDir } from './helpers.js';

describePg('signals during a PostgreSQL COMMIT', () => {
  const tmp = tempDir('leadq-pg-signals-');
  let db: { url: string; drop: () => Promise<void> };
  const query = (sql: string, params: unknown[] = []) => queryAt(db.url, sql, params);
  const leads = async (company: string) => Number((await query('SELECT count(*) AS n FROM leads WHERE company = $1', [company]))[0]!.n);

  beforeAll(async () => {
    db = await freshDatabase();
    expect((await runCli(['--db', db.url, 'lead', 'add', '--company', 'Seed'])).code).toBe(0);
    // Every COMMIT of a transaction that inserted leads sleeps commit_sleep.ms once.
    await query(`CREATE TABLE commit_sleep (ms integer NOT NULL); INSERT INTO commit_sleep VALUES (0);
      CREATE FUNCTION sleep_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('leadq_test.slept', true) IS DISTINCT FROM '1' THEN
          PERFORM pg_sleep((SELECT ms FROM commit_sleep) / 1000.0);
          PERFORM set_config('leadq_test.slept', '1', true);
        END IF;
        RETURN NULL;
      END $$;
      CREATE CONSTRAINT TRIGGER sleep_at_commit AFTER INSERT ON leads DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION sleep_at_commit();`);
  });
  afterAll(async () => {
    await db.drop();
    tmp.cleanup();
  });

  /** Runs leadq, sends it signal while its COMMIT is running on the server; resolves with how it ended. */
  let runs = 0;
  async function signalDuringCommit(args: string[], signal: NodeJS.Signals) {
    // Its own application_name: the COMMIT waited for is this run's, not a backend still finishing an earlier one.
    const name = `leadq_signal_${++runs}`;
    const url = new URL(db.url);
    url.searchParams.set('application_name', name);
    const child = spawn(process.execPath, [BIN, '--db', url.toString(), ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', LEADQ_LANG: 'en' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdout.resume();
    const ended = new Promise<{ code: number | null; at: number }>((resolve) => child.on('close', (code) => resolve({ code, at: performance.now() })));
    const deadline = performance.now() + 30_000;
    while ((await query("SELECT 1 FROM pg_stat_activity WHERE query = 'COMMIT' AND state = 'active' AND application_name = $1", [name])).length === 0) {
      if (performance.now() > deadline) throw new Error('no COMMIT seen');
    }
    const sentAt = performance.now();
    child.kill(signal);
    const end = await ended;
    return { code: end.code, stderr, afterSignalMs: end.at - sentAt };
  }

  it('a COMMIT that the server answers: the write stays saved and the message says so (130, not "Cancelled")', async () => {
    await query('UPDATE commit_sleep SET ms = 400');
    const r = await signalDuringCommit(['lead', 'add', '--company', 'Held Signal Co'], 'SIGINT');
    expect(r.code, r.stderr).toBe(130);
    expect(r.stderr).toContain('stopped by SIGINT after the change was saved (it stays saved)');
    expect(r.stderr).not.toContain('Cancelled');
    expect(await leads('Held Signal Co')).toBe(1);
  }, 60_000);

  it('score --import: the import committed, so the run finishes and puts its output in place, and ends as interrupted (143)', async () => {
    await query('UPDATE commit_sleep SET ms = 400');
    const csv = join(tmp.dir, 'import.csv');
    writeFileSync(csv, `company,budget\n${Array.from({ length: 50 }, (_, i) => `Commit Co ${i},${i + 1}0万`).join('\n')}\n`);
    const out = join(tmp.dir, 'scored.csv');
    writeFileSync(out, 'the previous scored file');
    const r = await signalDuringCommit(['score', csv, '--import', '--out', out], 'SIGTERM');
    expect(r.code, r.stderr).toBe(143);
    expect(r.stderr).toContain('the data was already saved when SIGTERM came');
    expect(readFileSync(out, 'utf8')).toContain('Commit Co 49');
    expect(Number((await query("SELECT count(*) AS n FROM leads WHERE company LIKE 'Commit Co %'"))[0]!.n)).toBe(50);
  }, 60_000);

  it('a COMMIT the server does not answer within 800 ms: the run stops within a second and says the outcome is unknown', async () => {
    await query('UPDATE commit_sleep SET ms = 3000');
    const r = await signalDuringCommit(['lead', 'add', '--company', 'Slow Commit Co'], 'SIGINT');
    expect(r.code, r.stderr).toBe(130);
    expect(r.afterSignalMs).toBeLessThan(1500);
    expect(r.stderr).toContain('stopped by SIGINT while the database was committing the change: it may or may not have been saved');
    expect(r.stderr).not.toContain('Cancelled');
  }, 60_000);

  it('db copy into a new data file, signalled once the file committed but before it is in place: "Cancelled", and no file', () => {
    // The copy's own COMMIT (into the file made beside the target) is not a change saved: the file is removed.
    const to = join(tmp.dir, 'copied.db');
    const r = spawnSync(process.execPath, ['--require', join(ROOT, 'test/fixtures/signal-at-commit.cjs'), BIN, 'db', 'copy', db.url, to], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', LEADQ_LANG: 'en', LEADQ_TEST_SIGNAL: 'SIGINT', LEADQ_TEST_COMMIT: '2' },
    });
    expect(r.status, r.stderr).toBe(130);
    if (r.stderr.includes('the output was complete when SIGINT came')) {
      // The copy was complete when the signal was handled: it is in place, and the run says so.
      expect(existsSync(to)).toBe(true);
    } else {
      expect(r.stderr).toContain('Cancelled');
      expect(r.stderr).not.toContain('saved');
      expect(existsSync(to)).toBe(false);
    }
    expect(readdirSync(tmp.dir).filter((f) => f.includes('copied.db') && f !== 'copied.db')).toEqual([]);
  }, 60_000);
});

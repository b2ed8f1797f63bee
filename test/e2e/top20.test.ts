import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from './helpers.js';

const tmp = tempDir('leadq-top20-');
afterAll(() => tmp.cleanup());

let n = 0;
let db: string;
beforeEach(() => {
  db = join(tmp.dir, `t${++n}.db`);
});

// Cron's view of the data file while a rep writes to it, with real processes. The rest of top20 is tested in-process
// (test/commands/top20.test.ts).

const SAMPLE = join(ROOT, 'data/samples/top20.csv');
const HEADER = 'industry\trank\tcompany\tlead_id\tstatus\tlast_contact';
const lq = (args: readonly string[], input?: string | Buffer) => runCli(['--db', db, ...args], { input });

/** The data rows of a tsv listing, split into cells. */
function rows(stdout: string): string[][] {
  return stdout.replace(/\n$/, '').split('\n').slice(1).map((line) => line.split('\t'));
}


describe('leadq top20 list', () => {

  it('cron: lists at once while another process holds a write transaction, and sees only committed rows', async () => {
    await lq(['top20', 'import', SAMPLE]);
    // A rep's leadq in the middle of a write: BEGIN IMMEDIATE taken, rows changed, not committed.
    const writer = new Database(db, { timeout: 5000 });
    writer.exec('BEGIN IMMEDIATE');
    writer.prepare('UPDATE leads SET last_contact_at = ?').run(Date.parse('2030-01-01T00:00:00.000Z'));
    writer.prepare("DELETE FROM industry_rankings WHERE industry = 'Software'").run();
    try {
      const started = Date.now();
      const r = await lq(['top20', 'list', '--uncontacted', '--format', 'tsv']);
      const elapsed = Date.now() - started;
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(rows(r.stdout)).toHaveLength(40);
      expect(elapsed).toBeLessThan(4000); // never waits for the busy timeout (5 s)
    } finally {
      writer.exec('ROLLBACK');
      writer.close();
    }
  });

  it('cron: lists while another leadq process is importing into the same file', async () => {
    await lq(['top20', 'import', SAMPLE]);
    // A second process that holds the write lock, as a long import would, until its stdin ends.
    const holder = spawn(
      process.execPath,
      ['-e', `const D=require('better-sqlite3');const d=new D(${JSON.stringify(db)});d.exec('BEGIN IMMEDIATE');d.exec("DELETE FROM industry_rankings");console.log('locked');process.stdin.resume().on('end',()=>{d.exec('COMMIT');d.close()})`],
      { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
    const r = await lq(['top20', 'list', '--uncontacted']);
    expect(r.code).toBe(0);
    expect(rows(r.stdout)).toHaveLength(40);
    holder.stdin.end();
    await new Promise((resolve) => holder.once('close', resolve));
    expect((await lq(['top20', 'list'])).stdout).toBe(`${HEADER}\n`);
  });
});

import Database from 'better-sqlite3';
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { snapshot } from '../helpers/records.js';
import { BIN, GEN_LEADS, ROOT, runCli, tempDir } from './helpers.js';

const { dir, cleanup } = tempDir('leadq-score-import-');
afterAll(cleanup);

const GBK_SAMPLE = join(ROOT, 'data/samples/leads-gbk.csv');

// score --import against other processes: a writer holding the file, and Ctrl-C in the middle. The rest of --import
// is tested in-process (test/commands/score-import.test.ts).

describe('leadq score --import', () => {
  it('waits for a busy data file, then exits 75 without scoring', async () => {
    const db = join(dir, 'busy.db');
    await runCli(['--db', db, 'score', GBK_SAMPLE, '--import', '--format', 'ndjson']);
    const holder = new Database(db);
    holder.exec('BEGIN IMMEDIATE');
    try {
      const r = await runCli(['--db', db, 'score', GBK_SAMPLE, '--import'], { env: { LEADQ_BUSY_TIMEOUT_MS: '200' } });
      expect(r.code).toBe(75);
      expect(r.stdout).toBe('');
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
  });

  it('an interrupted import (Ctrl-C) leaves the data file as it was, and no output file', async () => {
    const db = join(dir, 'interrupted.db');
    await runCli(['--db', db, 'score', GBK_SAMPLE, '--import', '--format', 'ndjson']);
    const before = snapshot(db);
    const big = join(dir, 'big.csv');
    execFileSync(process.execPath, [GEN_LEADS, '300000', big]);
    const out = join(dir, 'interrupted-out.csv');
    const child = spawn(process.execPath, [BIN, '--db', db, 'score', big, '--import', '--out', out], { env: { ...process.env, LEADQ_LANG: 'en' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    await new Promise((resolve) => setTimeout(resolve, 1200));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toContain('Cancelled');
    expect(code).toBe(130);
    expect(snapshot(db)).toEqual(before);
    expect(readdirNames(dir).filter((n) => n.includes('interrupted-out'))).toEqual([]);
  });
});

function readdirNames(path: string): string[] {
  return execFileSync('ls', ['-a', path], { encoding: 'utf8' }).split('\n');
}

import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/files.js';
import { leadq } from '../helpers/leadq.js';

// The data file as leadq creates, refuses and reports it (in-process; what needs other processes to hold the file is in
// test/e2e/store-reliability.test.ts).

let dir: string;
let cleanup: () => void;
let db: string;

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  db = join(dir, 'leadq.db');
});
afterEach(() => cleanup());

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

async function addLead(company: string, env: Record<string, string> = {}) {
  return leadq(['--db', db, 'lead', 'add', '--company', company], { env });
}

describe('data file reliability', () => {
  it('creates the folder 0700 and the file 0600 on first write', async () => {
    const nested = join(dir, 'a', 'b', 'leadq.db');
    const r = await leadq(['--db', nested, 'lead', 'add', '--company', 'Acme']);
    expect(r.code).toBe(0);
    expect(statSync(nested).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'a', 'b')).mode & 0o777).toBe(0o700);
  });

  it('an unwritable location is exit 73 with one clear line', async () => {
    writeFileSync(join(dir, 'afile'), 'not a folder');
    for (const path of [join(dir, 'afile', 'leadq.db'), '/proc/leadq-nope/leadq.db']) {
      const r = await leadq(['--db', path, 'lead', 'add', '--company', 'Acme']);
      expect(r.code).toBe(73);
      expect(r.stderr).toMatch(/^leadq: cannot create the data file /);
      expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
    }
  });

  it('garbage bytes: one clear line, exit 65, no stack, for writers and readers', async () => {
    writeFileSync(db, Buffer.alloc(10_000, 'garbage! '));
    for (const args of [['lead', 'add', '--company', 'Acme'], ['lead', 'list'], ['lead', 'show', '1'], ['db', 'check']]) {
      const r = await leadq(['--db', db, ...args]);
      expect(r.code).toBe(65);
      expect(r.stderr).toMatch(/^leadq: .* is not a leadq data file\n/);
      expect(r.stderr).not.toMatch(/^\s+at /m);
    }
  });

  it.each([0, 1, 2, 3, 7])('another program’s SQLite file with user_version %i: not a leadq data file (65), left byte-for-byte unchanged', async (version) => {
    const raw = new Database(db);
    raw.exec('CREATE TABLE foo (x); INSERT INTO foo VALUES (42)');
    raw.pragma(`user_version = ${version}`);
    raw.close();
    const before = sha(db);
    for (const args of [['lead', 'list'], ['lead', 'add', '--company', 'Acme'], ['db', 'check']]) {
      const r = await leadq(['--db', db, ...args]);
      expect(r.code, args.join(' ')).toBe(65);
      expect(r.stderr).toMatch(/^leadq: .* is not a leadq data file\n/);
    }
    expect(sha(db)).toBe(before);
  });

  it('a leadq file that lost a table or a column: db check names it, a command that needs it is 65 (damaged), not an internal error', async () => {
    expect((await leadq(['--db', db, 'lead', 'add', '--company', 'Acme'])).code).toBe(0);
    const raw = new Database(db);
    raw.exec('DROP TABLE contacts; ALTER TABLE referral_requests DROP COLUMN note');
    raw.close();
    const check = await leadq(['--db', db, 'db', 'check']);
    expect(check.code).toBe(65);
    expect(check.stdout).toContain('table contacts is missing');
    expect(check.stdout).toContain('table referral_requests has no column note');
    const contact = await leadq(['--db', db, 'contact', '1', '--kind', 'call']);
    expect(contact.code).toBe(65);
    expect(contact.stderr).toMatch(/^leadq: the data file .* is damaged: no such table: contacts\n/);
  });

  it('a file from a newer leadq is refused with 65 and left byte-for-byte unchanged', async () => {
    expect((await addLead('Acme Inc.')).code).toBe(0);
    const raw = new Database(db);
    raw.pragma('user_version = 99');
    raw.close();
    const before = sha(db);
    for (const args of [['lead', 'add', '--company', 'Globex'], ['lead', 'list'], ['contact', '1', '--kind', 'call']]) {
      const r = await leadq(['--db', db, ...args]);
      expect(r.code).toBe(65);
      expect(r.stderr).toMatch(/newer leadq/);
    }
    const dry = await leadq(['--db', db, 'qualify', '--answers', '-', '--dry-run', '--json'], { input: '{"lead":{"company":"Acme"}}' });
    expect(dry.code).toBe(65);
    expect(sha(db)).toBe(before);
  });
});

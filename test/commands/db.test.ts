import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/files.js';
import { leadq } from '../helpers/leadq.js';

let dir: string;
let cleanup: () => void;
let db: string;
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const lq = (args: readonly string[], env: Record<string, string | undefined> = {}) => leadq(['--db', db, ...args], { env });

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  db = join(dir, 'data', 'leadq.db');
});
afterEach(() => cleanup());

describe('leadq db path', () => {
  it('prints the resolved path (--db, $LEADQ_DB, $XDG_DATA_HOME) and never creates it', async () => {
    expect(await lq(['db', 'path'])).toMatchObject({ code: 0, stdout: `${db}\n` });
    expect((await leadq(['db', 'path'], { env: { LEADQ_DB: join(dir, 'env.db') } })).stdout).toBe(`${join(dir, 'env.db')}\n`);
    expect((await leadq(['db', 'path'], { env: { LEADQ_DB: undefined, XDG_DATA_HOME: dir } })).stdout).toBe(`${join(dir, 'leadq', 'leadq.db')}\n`);
    expect(existsSync(join(dir, 'data'))).toBe(false);
    expect(existsSync(join(dir, 'leadq'))).toBe(false);
  });
});

describe('leadq db init', () => {
  it('creates the data file with its folder (0600) and no record; run again it changes nothing', async () => {
    const r = await lq(['db', 'init']);
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: `leadq: Created leadq’s store at ${db}.\n` });
    expect(statSync(db).mode & 0o777).toBe(0o600);
    expect(await lq(['db', 'check'])).toMatchObject({ code: 0, stdout: 'ok\n' });
    expect((await lq(['lead', 'list', '--format', 'tsv', '--no-header'])).stdout).toBe('');
    const before = sha(db);
    expect(await lq(['db', 'init'])).toMatchObject({ code: 0, stderr: `leadq: leadq’s store at ${db} is ready (up to date).\n` });
    expect(sha(db)).toBe(before);
    expect((await lq(['--lang', 'zh', 'db', 'init'])).stderr).toBe(`leadq: ${db} 上的 leadq 存储已就绪（已是最新版本）。\n`);
  });
});

describe('leadq db check', () => {
  it('ok on a sound file; 66 when there is none (and it is not created)', async () => {
    const missing = await lq(['db', 'check']);
    expect(missing.code).toBe(66);
    expect(existsSync(db)).toBe(false);
    await lq(['lead', 'add', '--company', 'Acme']);
    expect(await lq(['db', 'check'])).toMatchObject({ code: 0, stdout: 'ok\n' });
  });

  it('65 on a damaged file', async () => {
    await lq(['lead', 'add', '--company', 'Acme']);
    const raw = new Database(db);
    raw.pragma('journal_mode = DELETE');
    const insert = raw.prepare("INSERT INTO leads (company, company_key, created_at, updated_at) VALUES (?, ?, 1767225600000, 1767225600000)");
    raw.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run(`Company ${i}`, `company${i}`);
    })();
    const pageSize = raw.pragma('page_size', { simple: true }) as number;
    const pages = raw.pragma('page_count', { simple: true }) as number;
    raw.close();
    // Scribble over the middle of the file: b-tree pages of the leads table and its indexes.
    const fd = openSync(db, 'r+');
    const junk = Buffer.alloc(pageSize * 3, 0x5a);
    writeSync(fd, junk, 0, junk.length, pageSize * Math.floor(pages / 2));
    closeSync(fd);
    const r = await lq(['db', 'check']);
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(/^leadq: the data file .* is damaged/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  it('65 with the orphan named when a foreign key is broken', async () => {
    await lq(['lead', 'add', '--company', 'Acme']);
    const raw = new Database(db);
    raw.pragma('foreign_keys = OFF');
    raw.prepare("INSERT INTO contacts (lead_id, kind, at, created_at) VALUES (42, 'visit', 1, 1)").run();
    raw.close();
    const r = await lq(['db', 'check']);
    expect(r.code).toBe(65);
    expect(r.stdout).toContain('contacts row 1: no matching row in leads');
  });
});

describe('leadq db check and backup refuse what every command refuses, and never write the data file', () => {
  it('a file from a newer leadq: 65 with the same message as lead list, byte-for-byte untouched', async () => {
    await lq(['lead', 'add', '--company', 'Acme']);
    const raw = new Database(db);
    raw.pragma('journal_mode = DELETE');
    raw.pragma('user_version = 9');
    raw.close();
    const before = sha(db);
    const list = await lq(['lead', 'list']);
    expect(list.code).toBe(65);
    expect(list.stderr).toMatch(/^leadq: the data file .* comes from a newer leadq/);
    for (const args of [['db', 'check'], ['db', 'init'], ['db', 'backup', join(dir, 'copy.db')]]) {
      const r = await lq(args);
      expect(r).toMatchObject({ code: 65, stdout: '', stderr: list.stderr });
    }
    expect(existsSync(join(dir, 'copy.db'))).toBe(false);
    expect(sha(db)).toBe(before);
  });

  it("another program's SQLite file: 65 'not a leadq data file', untouched", async () => {
    const other = join(dir, 'other.db');
    const raw = new Database(other);
    raw.exec('CREATE TABLE notes (body TEXT)');
    raw.close();
    const before = sha(other);
    for (const args of [['db', 'check'], ['db', 'init'], ['db', 'backup', join(dir, 'copy.db')]]) {
      const r = await leadq(['--db', other, ...args]);
      expect(r.code).toBe(65);
      expect(r.stderr).toMatch(/^leadq: .*other\.db is not a leadq data file/);
    }
    expect(sha(other)).toBe(before);
  });

  it('an older (uninitialised) file is checked and backed up as it is, never migrated', async () => {
    const empty = join(dir, 'empty.db');
    writeFileSync(empty, '');
    expect(await leadq(['--db', empty, 'db', 'check'])).toMatchObject({ code: 0, stdout: 'ok\n' });
    expect((await leadq(['--db', empty, 'db', 'backup', join(dir, 'copy.db')])).code).toBe(0);
    expect(statSync(empty).size).toBe(0);
    const copy = new Database(join(dir, 'copy.db'), { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(0);
    copy.close();
  });
});

describe('leadq db backup', () => {
  it('writes a usable copy with mode 0600, replacing an older backup', async () => {
    await lq(['lead', 'add', '--company', 'Acme']);
    const copy = join(dir, 'backup.db');
    writeFileSync(copy, 'an older backup');
    const r = await lq(['db', 'backup', copy]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(statSync(copy).mode & 0o777).toBe(0o600);
    expect((await leadq(['--db', copy, 'lead', 'list', '--format', 'tsv', '--no-header'])).stdout).toBe('1\tAcme\t\tcold\tnew\t\t\n');
  });

  it('into a folder: the data file’s own name; onto itself: 64', async () => {
    await lq(['lead', 'add', '--company', 'Acme']);
    expect((await lq(['db', 'backup', dir])).code).toBe(0);
    expect(existsSync(join(dir, 'leadq.db'))).toBe(true);
    expect((await lq(['db', 'backup', db])).code).toBe(64);
  });

  it('an unwritable destination is 73; no data file is 66', async () => {
    expect((await lq(['db', 'backup', join(dir, 'copy.db')])).code).toBe(66);
    await lq(['lead', 'add', '--company', 'Acme']);
    writeFileSync(join(dir, 'afile'), 'x');
    const r = await lq(['db', 'backup', join(dir, 'afile', 'copy.db')]);
    expect(r.code).toBe(73);
    expect(r.stderr).toMatch(/^leadq: cannot write /);
  });
});

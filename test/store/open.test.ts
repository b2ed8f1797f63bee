import Database from 'better-sqlite3';
import { readEnv } from '../../src/env.js';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readFileSync, statSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CliError } from '../../src/errors.js';
import { APPLICATION_ID, openStore, openStoreAsIs, openStoreIfExists, withWriteTransaction } from '../../src/store/open.js';
import { SCHEMA_VERSION } from '../../src/store/migrations.js';
import { resolveDbPath } from '../../src/store/path.js';
import { failure, tempStore } from './helpers.js';

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});
function store() {
  const s = tempStore();
  cleanups.push(s.cleanup);
  return s;
}
function exitCodeOf(fn: () => unknown): number | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof CliError) return err.exitCode;
    throw err;
  }
  return undefined;
}
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('openStore', () => {
  it('creates the folder (0700) and the file (0600), WAL, FULL sync, foreign keys, schema and application id', () => {
    const { file } = store();
    const db = openStore(file);
    try {
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(join(file, '..')).mode & 0o777).toBe(0o700);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
      expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThanOrEqual(5000);
      db.prepare("INSERT INTO leads (company, company_key, created_at, updated_at) VALUES ('A', 'a', 'now', 'now')").run();
    } finally {
      db.close();
    }
    // WAL side files copy the file's mode.
    const again = openStore(file);
    again.prepare("INSERT INTO leads (company, company_key, created_at, updated_at) VALUES ('B', 'b', 'now', 'now')").run();
    expect(statSync(`${file}-wal`).mode & 0o777).toBe(0o600);
    again.close();
  });

  it('opens an existing file again without migrating twice', () => {
    const { file } = store();
    openStore(file).close();
    const db = openStore(file);
    expect(db.prepare('SELECT count(*) FROM sqlite_master WHERE type = ?').pluck().get('table')).toBe(6);
    db.close();
  });

  it('readonly and mustExist never create the file (66)', () => {
    const { file } = store();
    expect(exitCodeOf(() => openStore(file, { readonly: true }))).toBe(66);
    expect(exitCodeOf(() => openStore(file, { mustExist: true }))).toBe(66);
    expect(openStoreIfExists(file)).toBeUndefined();
    expect(existsSync(file)).toBe(false);
  });

  it('a read-only connection cannot write', () => {
    const { file } = store();
    openStore(file).close();
    const db = openStore(file, { readonly: true });
    expect(db.readonly).toBe(true);
    expect(() => db.prepare("INSERT INTO leads (company, company_key, created_at, updated_at) VALUES ('A', 'a', 'n', 'n')").run()).toThrow();
    db.close();
  });

  it('refuses a file from a newer leadq with 65 and leaves it byte-for-byte unchanged', () => {
    const { file } = store();
    const db = openStore(file);
    db.pragma('journal_mode = DELETE');
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const before = sha(file);
    expect(exitCodeOf(() => openStore(file))).toBe(65);
    expect(exitCodeOf(() => openStore(file, { readonly: true }))).toBe(65);
    expect(exitCodeOf(() => openStoreIfExists(file))).toBe(65);
    expect(sha(file)).toBe(before);
  });

  it('also leaves a WAL-mode file from a newer leadq unchanged', () => {
    const { file } = store();
    const db = openStore(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    db.close();
    const before = sha(file);
    expect(exitCodeOf(() => openStore(file))).toBe(65);
    expect(exitCodeOf(() => openStoreIfExists(file, { migrate: false }))).toBe(65);
    expect(sha(file)).toBe(before);
  });

  it('refuses garbage bytes with 65 "not a leadq data file"', () => {
    const { dir } = store();
    const file = join(dir, 'garbage.db');
    writeFileSync(file, Buffer.alloc(8192, 'this is not sqlite '));
    for (const open of [() => openStore(file), () => openStore(file, { readonly: true })]) {
      try {
        open();
        expect.unreachable();
      } catch (err) {
        expect(err).toBeInstanceOf(CliError);
        expect((err as CliError).exitCode).toBe(65);
        expect((err as CliError).key).toBe('lead.dbNotLeadq');
      }
    }
  });

  it("refuses another program's SQLite file instead of adding tables to it", () => {
    const { dir } = store();
    const file = join(dir, 'other.db');
    const other = new Database(file);
    other.exec('CREATE TABLE notes (body TEXT)');
    other.close();
    const before = sha(file);
    expect(exitCodeOf(() => openStore(file))).toBe(65);
    expect(sha(file)).toBe(before);
  });

  it('an unwritable location is 73 (a path under a regular file)', () => {
    const { dir } = store();
    writeFileSync(join(dir, 'afile'), 'x');
    expect(exitCodeOf(() => openStore(join(dir, 'afile', 'leadq.db')))).toBe(73);
  });

  it('a folder where the file should be is 73 for writers and 66 for readers', () => {
    const { dir } = store();
    const file = join(dir, 'isdir.db');
    mkdirSync(file);
    expect(exitCodeOf(() => openStore(file))).toBe(73);
    expect(exitCodeOf(() => openStore(file, { readonly: true }))).toBe(66);
  });

  it('migrates an empty (0-byte) file, also when first opened read-only', () => {
    const { dir } = store();
    const file = join(dir, 'empty.db');
    writeFileSync(file, '');
    const db = openStore(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
  });

  it('openStoreIfExists with migrate: false does not touch an uninitialised file', () => {
    const { dir } = store();
    const file = join(dir, 'empty.db');
    writeFileSync(file, '');
    expect(openStoreIfExists(file, { migrate: false })).toBeUndefined();
    expect(statSync(file).size).toBe(0);
  });

  it('openStoreAsIs refuses what every command refuses (66, 65) and never writes the file', () => {
    const { dir, file } = store();
    expect(exitCodeOf(() => openStoreAsIs(file))).toBe(66);
    expect(existsSync(file)).toBe(false);
    const newer = openStore(file);
    newer.pragma('journal_mode = DELETE');
    newer.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    newer.close();
    const other = join(dir, 'other.db');
    const raw = new Database(other);
    raw.exec('CREATE TABLE notes (body TEXT)');
    raw.close();
    for (const f of [file, other]) {
      const before = sha(f);
      expect(exitCodeOf(() => openStoreAsIs(f))).toBe(65);
      expect(sha(f)).toBe(before);
    }
  });

  it('openStoreAsIs opens an older (uninitialised) file read-only without migrating it', () => {
    const { dir } = store();
    const file = join(dir, 'empty.db');
    writeFileSync(file, '');
    const db = openStoreAsIs(file);
    expect(db.readonly).toBe(true);
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    db.close();
    expect(statSync(file).size).toBe(0);
  });

  it('withWriteTransaction is all or nothing', () => {
    const { file } = store();
    const db = openStore(file);
    const insert = db.prepare("INSERT INTO leads (company, company_key, created_at, updated_at) VALUES (?, ?, 'n', 'n')");
    expect(() =>
      withWriteTransaction(db, () => {
        insert.run('A', 'a');
        insert.run('A again', 'a'); // unique company_key
      }),
    ).toThrow();
    expect(db.prepare('SELECT count(*) FROM leads').pluck().get()).toBe(0);
    db.close();
  });

});

describe('what is not a data file is said plainly (issue 9, item 16)', () => {

  it('a folder: "it is a folder" (73 to write, 66 to read), never an SQLite "disk I/O error"', () => {
    const { dir } = store();
    const write = failure(() => openStore(dir));
    expect(write).toMatchObject({ exitCode: 73, key: 'lead.dbCantCreate', params: { reason: 'it is a folder' } });
    expect(failure(() => openStoreIfExists(dir))).toMatchObject({ exitCode: 66, params: { reason: 'it is a folder' } });
    expect(failure(() => openStoreAsIs(dir)).exitCode).toBe(66);
  });

  it('a name ending in / names a folder: refused, and no file of that name is created', () => {
    const { dir } = store();
    const path = resolveDbPath(join(dir, 'newdir/'), readEnv({}));
    expect(path.endsWith('/')).toBe(true);
    expect(failure(() => openStore(path))).toMatchObject({ exitCode: 73, params: { reason: expect.stringContaining('ends with /') } });
    expect(existsSync(join(dir, 'newdir'))).toBe(false);
  });

  it('a dangling symlink: the file it names is created (not "file already exists")', () => {
    const { dir } = store();
    const target = join(dir, 'real', 'leadq.db');
    mkdirSync(join(dir, 'real'));
    symlinkSync(target, join(dir, 'link.db'));
    openStore(join(dir, 'link.db')).close();
    expect(lstatSync(join(dir, 'link.db')).isSymbolicLink()).toBe(true);
    expect(statSync(target).mode & 0o777).toBe(0o600);
    const db = openStoreAsIs(target);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
  });
});

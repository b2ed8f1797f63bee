import Database from 'better-sqlite3';
import { readEnv } from '../../src/env.js';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readFileSync, statSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CliError } from '../../src/errors.js';
import { msg } from '../../src/i18n/index.js';
import { storeErrorAsCliError } from '../../src/run.js';
import { StoreError } from '../../src/store/errors.js';
import { SCHEMA_VERSION } from '../../src/store/sqlite/migrations.js';
import { APPLICATION_ID, openReader, openStoreAsIs, openWriter, type Db } from '../../src/store/sqlite/open.js';
import { SqliteStore } from '../../src/store/sqlite/store.js';
import { resolveDbPath } from '../../src/store/path.js';
import { tempStore } from './helpers.js';

// Opening the data file (store/sqlite/open.ts): what it creates, what it refuses and how, and that a refused file is
// left byte-for-byte as it was. Exit codes are the ones run.ts prints for the StoreErrors.

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
/** Opens the data file as the store does: for writing (creating it unless mustExist), or read-only (it must exist). */
async function openStore(file: string, options: { readonly?: boolean; mustExist?: boolean } = {}): Promise<Db> {
  if (options.readonly !== true) return openWriter(file, { busyTimeoutMs: 5000, mustExist: options.mustExist });
  const reader = await openReader(file, { busyTimeoutMs: 5000, migrate: true });
  if (reader === undefined) throw new StoreError('missing', file);
  return reader;
}
/** A reader, or undefined when there is no data file (yet); with migrate false, also for one never brought up to date. */
function openStoreIfExists(file: string, options: { migrate?: boolean } = {}): Promise<Db | undefined> {
  return openReader(file, { busyTimeoutMs: 5000, migrate: options.migrate ?? true });
}
/** The failure as it is printed: a StoreError becomes the SPEC's exit code and message. */
async function failure(fn: () => unknown): Promise<CliError> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof StoreError) return storeErrorAsCliError(err);
    if (err instanceof CliError) return err;
    throw err;
  }
  throw new Error('expected a failure');
}
async function exitCodeOf(fn: () => unknown): Promise<number | undefined> {
  try {
    await fn();
  } catch {
    return (await failure(fn)).exitCode;
  }
  return undefined;
}
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('openStore', () => {
  it('creates the folder (0700) and the file (0600), WAL, FULL sync, foreign keys, schema and application id', async () => {
    const { file } = store();
    const db = await openStore(file);
    try {
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(join(file, '..')).mode & 0o777).toBe(0o700);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
      expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThanOrEqual(5000);
      db.prepare("INSERT INTO leads (company, company_key, created_at, updated_at) VALUES ('A', 'a', 1, 1)").run();
    } finally {
      db.close();
    }
    // WAL side files copy the file's mode.
    const again = await openStore(file);
    again.prepare("INSERT INTO leads (company, company_key, created_at, updated_at) VALUES ('B', 'b', 1, 1)").run();
    expect(statSync(`${file}-wal`).mode & 0o777).toBe(0o600);
    again.close();
  });

  it('opens an existing file again without migrating twice', async () => {
    const { file } = store();
    (await openStore(file)).close();
    const db = await openStore(file);
    expect(db.prepare('SELECT count(*) FROM sqlite_master WHERE type = ?').pluck().get('table')).toBe(6);
    db.close();
  });

  it('readonly and mustExist never create the file (66)', async () => {
    const { file } = store();
    expect(await exitCodeOf(() => openStore(file, { readonly: true }))).toBe(66);
    expect(await exitCodeOf(() => openStore(file, { mustExist: true }))).toBe(66);
    expect(await openStoreIfExists(file)).toBeUndefined();
    expect(existsSync(file)).toBe(false);
  });

  it('a read-only connection cannot write', async () => {
    const { file } = store();
    (await openStore(file)).close();
    const db = await openStore(file, { readonly: true });
    expect(db.readonly).toBe(true);
    expect(() => db.prepare("INSERT INTO leads (company, company_key, created_at, updated_at) VALUES ('A', 'a', 1, 1)").run()).toThrow(/readonly/);
    db.close();
  });

  it('refuses a file from a newer leadq with 65 and leaves it byte-for-byte unchanged', async () => {
    const { file } = store();
    const db = await openStore(file);
    db.pragma('journal_mode = DELETE');
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const before = sha(file);
    expect(await exitCodeOf(() => openStore(file))).toBe(65);
    expect(await exitCodeOf(() => openStore(file, { readonly: true }))).toBe(65);
    expect(await exitCodeOf(() => openStoreIfExists(file))).toBe(65);
    expect(sha(file)).toBe(before);
  });

  it('also leaves a WAL-mode file from a newer leadq unchanged', async () => {
    const { file } = store();
    const db = await openStore(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    db.close();
    const before = sha(file);
    expect(await exitCodeOf(() => openStore(file))).toBe(65);
    expect(await exitCodeOf(() => openStoreIfExists(file, { migrate: false }))).toBe(65);
    expect(sha(file)).toBe(before);
  });

  it('refuses garbage bytes with 65 "not a leadq data file"', async () => {
    const { dir } = store();
    const file = join(dir, 'garbage.db');
    writeFileSync(file, Buffer.alloc(8192, 'this is not sqlite '));
    for (const open of [() => openStore(file), () => openStore(file, { readonly: true })]) {
      expect(await failure(open)).toMatchObject({ exitCode: 65, key: 'store.notLeadq' });
    }
  });

  it("refuses another program's SQLite file instead of adding tables to it", async () => {
    const { dir } = store();
    const file = join(dir, 'other.db');
    const other = new Database(file);
    other.exec('CREATE TABLE notes (body TEXT)');
    other.close();
    const before = sha(file);
    expect(await exitCodeOf(() => openStore(file))).toBe(65);
    expect(sha(file)).toBe(before);
  });

  it('an unwritable location is 73 (a path under a regular file)', async () => {
    const { dir } = store();
    writeFileSync(join(dir, 'afile'), 'x');
    expect(await exitCodeOf(() => openStore(join(dir, 'afile', 'leadq.db')))).toBe(73);
  });

  it('a folder where the file should be is 73 for writers and 66 for readers', async () => {
    const { dir } = store();
    const file = join(dir, 'isdir.db');
    mkdirSync(file);
    expect(await exitCodeOf(() => openStore(file))).toBe(73);
    expect(await exitCodeOf(() => openStore(file, { readonly: true }))).toBe(66);
  });

  it('migrates an empty (0-byte) file, also when first opened read-only', async () => {
    const { dir } = store();
    const file = join(dir, 'empty.db');
    writeFileSync(file, '');
    const db = await openStore(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
  });

  it('openStoreIfExists with migrate: false does not touch an uninitialised file', async () => {
    const { dir } = store();
    const file = join(dir, 'empty.db');
    writeFileSync(file, '');
    expect(await openStoreIfExists(file, { migrate: false })).toBeUndefined();
    expect(statSync(file).size).toBe(0);
  });

  it('openStoreAsIs refuses what every command refuses (66, 65) and never writes the file', async () => {
    const { dir, file } = store();
    expect(await exitCodeOf(() => openStoreAsIs(file, { busyTimeoutMs: 5000 }))).toBe(66);
    expect(existsSync(file)).toBe(false);
    const newer = await openStore(file);
    newer.pragma('journal_mode = DELETE');
    newer.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    newer.close();
    const other = join(dir, 'other.db');
    const raw = new Database(other);
    raw.exec('CREATE TABLE notes (body TEXT)');
    raw.close();
    for (const f of [file, other]) {
      const before = sha(f);
      expect(await exitCodeOf(() => openStoreAsIs(f, { busyTimeoutMs: 5000 }))).toBe(65);
      expect(sha(f)).toBe(before);
    }
  });

  it('openStoreAsIs opens an older (uninitialised) file read-only without migrating it', async () => {
    const { dir } = store();
    const file = join(dir, 'empty.db');
    writeFileSync(file, '');
    const db = openStoreAsIs(file, { busyTimeoutMs: 5000 });
    expect(db.readonly).toBe(true);
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    db.close();
    expect(statSync(file).size).toBe(0);
  });

  it('a write is all or nothing', async () => {
    const { file } = store();
    const sqlite = new SqliteStore(file, { busyTimeoutMs: 5000 });
    const failed = sqlite.write(async (tx) => {
      await tx.insertLead({ company: 'A' }, '2026-01-01T00:00:00.000Z');
      await tx.insertLead({ company: 'A again' }, '2026-01-01T00:00:00.000Z');
      await tx.insertLead({ company: 'a' }, '2026-01-01T00:00:00.000Z'); // the same company as A: refused
    });
    await expect(failed).rejects.toMatchObject({ exitCode: 65, key: 'lead.duplicate' });
    expect(await sqlite.read(async (tx) => tx.getLead(1))).toBeUndefined();
    await sqlite.close();
  });

});

describe('what is not a data file is said plainly (issue 9, item 16)', () => {

  it('a folder: "it is a folder" (73 to write, 66 to read), never an SQLite "disk I/O error"', async () => {
    const { dir } = store();
    const write = await failure(() => openStore(dir));
    expect(write).toMatchObject({ exitCode: 73, key: 'store.cantCreate', params: { reason: msg('reason.isDir') } });
    expect(await failure(() => openStoreIfExists(dir))).toMatchObject({ exitCode: 66, params: { reason: msg('reason.isDir') } });
    expect((await failure(() => openStoreAsIs(dir, { busyTimeoutMs: 5000 }))).exitCode).toBe(66);
  });

  it('a name ending in / names a folder: refused, and no file of that name is created', async () => {
    const { dir } = store();
    const path = resolveDbPath(join(dir, 'newdir/'), readEnv({}));
    expect(path.endsWith('/')).toBe(true);
    expect(await failure(() => openStore(path))).toMatchObject({ exitCode: 73, params: { reason: msg('reason.folderName') } });
    expect(existsSync(join(dir, 'newdir'))).toBe(false);
  });

  it('a dangling symlink: the file it names is created (not "file already exists")', async () => {
    const { dir } = store();
    const target = join(dir, 'real', 'leadq.db');
    mkdirSync(join(dir, 'real'));
    symlinkSync(target, join(dir, 'link.db'));
    (await openStore(join(dir, 'link.db'))).close();
    expect(lstatSync(join(dir, 'link.db')).isSymbolicLink()).toBe(true);
    expect(statSync(target).mode & 0o777).toBe(0o600);
    const db = openStoreAsIs(target, { busyTimeoutMs: 5000 });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
  });
});

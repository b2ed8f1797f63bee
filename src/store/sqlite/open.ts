// URI file names are read only where leadq builds one (read-only media, below): every path it opens is absolute.
import './sqlite-uri.js';
import Database from 'better-sqlite3';
import { accessSync, closeSync, constants, existsSync, fchmodSync, fsyncSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { failureReason } from '../../errors.js';
import { realTarget } from '../../files/identity.js';
import { yieldToEventLoop } from '../../files/interrupt.js';
import { isSpecialFile } from '../../files/special.js';
import { msg } from '../../i18n/index.js';
import { StoreError } from '../errors.js';
import { NotATime } from './times.js';
import type { Db } from './db.js';
import { accessFailure, guarded, storeFailure } from './errors.js';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';

export type { Db } from './db.js';

// Opening the data file, the careful way: created 0600 in a 0700 folder, WAL with synchronous=FULL, foreign keys on,
// a newer leadq's or another program's file refused and left byte-for-byte as it was, migrations in one BEGIN
// IMMEDIATE transaction (a concurrent leadq may run them first), readers that never wait on a writer, and read-only
// media read as immutable. Every failure leaves here as a StoreError.

/** PRAGMA application_id of every leadq data file ('LEAQ'): tells our files from other programs' SQLite files. */
export const APPLICATION_ID = 0x4c454151;

/**
 * Opens the data file for writing: creates its folder (0700) and the file (0600) unless mustExist ('missing'
 * otherwise), refuses a file from a newer leadq or not ours (left untouched), sets WAL + synchronous=FULL + foreign
 * keys, and migrates forward in one immediate transaction (waiting for other writers as beginImmediate does).
 */
export async function openWriter(path: string, options: { readonly busyTimeoutMs: number; readonly mustExist?: boolean }): Promise<Db> {
  refuseFolder(path, true);
  if (!storeExists(path, true)) {
    if (options.mustExist === true) throw new StoreError('missing', path);
    createStoreFile(path);
  }
  const db = connect(path, options.busyTimeoutMs, false);
  try {
    // The version is read before any pragma that writes, so a refused file stays byte-for-byte as it was.
    const version = checkedVersion(db, path);
    if (db.pragma('journal_mode', { simple: true }) !== 'wal') db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    if (version < SCHEMA_VERSION) await migrate(db, path, options.busyTimeoutMs);
    return db;
  } catch (err) {
    db.close();
    throw isCantOpen(err) ? cantOpen(path, true, err) : (storeFailure(err, path, true) ?? err);
  }
}

/** Whether the data file exists (and can be looked at). */
export function storeFileExists(path: string): boolean {
  return storeExists(path, false);
}

/**
 * Opens the data file read-only if it exists; undefined when there is none yet. A file from an older leadq (or never
 * initialised) is migrated first through a short writer, unless migrate is false: then it too gives undefined, and
 * nothing is ever written (dry runs, the interview).
 */
export async function openReader(path: string, options: { readonly busyTimeoutMs: number; readonly migrate: boolean }): Promise<Db | undefined> {
  refuseFolder(path, false);
  if (!storeExists(path, false)) return undefined;
  const reader = readerAtCurrentVersion(path, options.busyTimeoutMs);
  if (reader !== undefined || !options.migrate) return reader;
  try {
    (await openWriter(path, { busyTimeoutMs: options.busyTimeoutMs })).close();
  } catch (err) {
    // An older file on read-only media or without write permission: say that it needs upgrading, and how.
    if (err instanceof StoreError && (err.code === 'unwritable' || err.code === 'cantCreate')) {
      throw new StoreError(err.code, path, { ...err.details, said: { key: 'store.olderReadOnly', params: { file: path }, hintKey: 'store.hintOlderReadOnly' } });
    }
    throw err;
  }
  const migrated = readerAtCurrentVersion(path, options.busyTimeoutMs);
  if (migrated === undefined) throw new StoreError('missing', path);
  return migrated;
}

/**
 * BEGIN IMMEDIATE, waiting for another writer's lock up to busyTimeoutMs: in short slices with the event loop free in
 * between, so that Ctrl-C ends the wait within a moment (SQLite's own busy wait would hold the thread the whole time).
 * Past the timeout: StoreError 'busy'.
 */
export async function beginImmediate(db: Db, busyTimeoutMs: number): Promise<void> {
  const deadline = Date.now() + busyTimeoutMs;
  try {
    for (;;) {
      const remaining = Math.max(0, deadline - Date.now());
      db.pragma(`busy_timeout = ${Math.min(BUSY_SLICE_MS, remaining)}`);
      try {
        db.exec('BEGIN IMMEDIATE');
        return;
      } catch (err) {
        if (!isBusy(err) || remaining === 0) throw storeFailure(err, db.name, true) ?? err;
      }
      await yieldToEventLoop();
    }
  } finally {
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
  }
}

// How long one attempt at the write lock may block the thread: what Ctrl-C waits at most.
const BUSY_SLICE_MS = 100;

function isBusy(err: unknown): boolean {
  return /^SQLITE_(BUSY|LOCKED)/.test(String((err as { code?: unknown } | null)?.code ?? ''));
}

/**
 * Opens the data file read-only exactly as it is, for whole-file work (db check, db backup): missing, a newer leadq's
 * or another program's file are refused as every command refuses them; an older schema is neither migrated nor
 * refused, so the file is never written.
 */
export function openStoreAsIs(path: string, options: { readonly busyTimeoutMs: number }): Db {
  refuseFolder(path, false);
  if (!storeExists(path, false)) throw new StoreError('missing', path);
  return openChecked(path, options.busyTimeoutMs).db;
}

/**
 * Whether the data file is there. A path that cannot even be looked at (a folder on it is not ours: permission
 * denied) is that error, never "no data file yet": a reader would list nothing, a writer try to create it.
 */
function storeExists(path: string, writing: boolean): boolean {
  try {
    statSync(path);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return false;
    throw accessFailure(err, path, writing);
  }
}

/** A folder (or a name ending in /, which names one) is never a data file: refused before anything is created. */
function refuseFolder(path: string, writing: boolean): void {
  const named = /[/\\]$/.test(path);
  if (!named && !isFolder(path)) return;
  throw new StoreError('notAFile', path, { reason: msg(named ? 'reason.folderName' : 'reason.isDir'), writing });
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Creates the folder (0700) and an empty file (0600) so SQLite (and its -wal/-shm, which copy the mode) never widen it.
 * A dangling symlink is followed: the file it names is created (SQLite then opens it through the link).
 */
function createStoreFile(path: string): void {
  const real = realTarget(path);
  try {
    makeFolders(dirname(real));
    const fd = openSync(real, 'wx', 0o600);
    try {
      fchmodSync(fd, 0o600); // the umask may have narrowed it further; never wider
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    // Another leadq created it a moment ago: fine.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST' && existsSync(path)) return;
    throw new StoreError('cantCreate', path, { reason: failureReason(err) });
  }
}

/**
 * mkdir -p with mode 0700, one level at a time: Node's recursive mkdir spins forever on paths such as /proc/x/y
 * (ENOENT for the child, EEXIST for the parent), and this also names the real cause (a file in the way).
 */
function makeFolders(folder: string): void {
  if (existsSync(folder)) {
    if (!statSync(folder).isDirectory()) throw Object.assign(new Error(`not a folder: ${folder}`), { code: 'ENOTDIR' });
    return;
  }
  const parent = dirname(folder);
  if (parent === folder) throw Object.assign(new Error(`no such folder: ${folder}`), { code: 'ENOENT' });
  makeFolders(parent);
  try {
    mkdirSync(folder, { mode: 0o700 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || !statSync(folder).isDirectory()) throw err;
  }
}

function connect(path: string, timeout: number, readonly: boolean): Db {
  // SQLite would open /dev/null or a FIFO and put its -wal/-shm files beside it (in /dev): not a data file.
  if (isSpecialFile(path)) throw new StoreError('notLeadq', path);
  try {
    return new Database(path, { readonly, fileMustExist: true, timeout });
  } catch (err) {
    throw isCantOpen(err) ? cantOpen(path, !readonly, err) : (storeFailure(err, path, !readonly) ?? err);
  }
}

function isCantOpen(err: unknown): boolean {
  return String((err as { code?: unknown } | null)?.code ?? '').startsWith('SQLITE_CANTOPEN');
}

/** Whether the data file is on read-only media (or its folder otherwise cannot take a new -shm file). */
function folderIsReadOnly(path: string): boolean {
  try {
    accessSync(dirname(path), constants.W_OK);
    return false;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'EROFS' || code === 'EACCES';
  }
}

/** An SQLite URI for a read-only, immutable open of an absolute path (characters URIs reserve escaped). */
function immutableUri(path: string): string {
  return `file:${path.replace(/[%?#]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}?immutable=1`;
}

/** SQLite says only "unable to open database file": find the real reason (permission, read-only media …) from the file system. */
function cantOpen(path: string, writing: boolean, err: unknown): StoreError {
  const fail = (cause: unknown) => accessFailure(cause, path, writing);
  try {
    closeSync(openSync(path, writing ? 'r+' : 'r'));
    // The file opens: what SQLite could not create is its -wal/-shm beside it.
    if (writing || existsSync(`${path}-wal`)) accessSync(dirname(path), constants.W_OK);
  } catch (cause) {
    return fail(cause);
  }
  return fail(err);
}

/** Opens read-only and checks the file is ours and not from a newer leadq; nothing is written. */
function openChecked(path: string, timeout: number): { db: Db; version: number } {
  const db = connect(path, timeout, true);
  try {
    return { db, version: checkedVersion(db, path) };
  } catch (err) {
    db.close();
    // Read-only media: the first read of a WAL file wants its -shm beside it, which cannot be created there. Nothing
    // can change the file either, so it is read as immutable (no locks, no -shm).
    if (isCantOpen(err) && folderIsReadOnly(path)) return openImmutable(path, timeout);
    throw isCantOpen(err) ? cantOpen(path, false, err) : (storeFailure(err, path, false) ?? err);
  }
}

function openImmutable(path: string, timeout: number): { db: Db; version: number } {
  const db = guarded(path, false, () => new Database(immutableUri(path), { readonly: true, fileMustExist: true, timeout }));
  try {
    return { db, version: guarded(path, false, () => checkedVersion(db, path)) };
  } catch (err) {
    db.close();
    throw err;
  }
}

/** Opens read-only; undefined when the file still needs migrating (the caller migrates through a writer, or not at all). */
function readerAtCurrentVersion(path: string, timeout: number): Db | undefined {
  const { db, version } = openChecked(path, timeout);
  if (version === SCHEMA_VERSION) return db;
  db.close();
  return undefined;
}

// One statement, so one snapshot: read apart, a leadq creating the file between the reads would make it look like a
// file with tables but no version, that is, another program's file.
const FILE_HEADER = `SELECT (SELECT user_version FROM pragma_user_version) AS version,
  (SELECT application_id FROM pragma_application_id) AS applicationId,
  (SELECT count(*) FROM sqlite_master) AS tables`;

/** user_version after refusing files from a newer leadq and SQLite files of other programs. */
function checkedVersion(db: Db, path: string): number {
  const { version, applicationId, tables } = db.prepare(FILE_HEADER).get() as { version: number; applicationId: number; tables: number };
  // leadq stamps its id on a file in the transaction that gives it its first version: another id, or none on a file
  // that has a version (many programs set user_version), is another program's file.
  if (applicationId !== APPLICATION_ID && (applicationId !== 0 || version !== 0)) throw new StoreError('notLeadq', path);
  if (version > SCHEMA_VERSION) throw new StoreError('fromFuture', path, { found: version, known: SCHEMA_VERSION });
  if (version === 0 && tables > 0) throw new StoreError('notLeadq', path);
  return version;
}

/** Runs the missing migrations and the version bump in one BEGIN IMMEDIATE transaction (a concurrent leadq may have done it first). */
async function migrate(db: Db, path: string, busyTimeoutMs: number): Promise<void> {
  // Foreign keys off while tables are rebuilt (SQLite's procedure: dropping the old table must not cascade); they can
  // only be switched outside a transaction, and every reference is checked before COMMIT.
  db.pragma('foreign_keys = OFF');
  try {
    await beginImmediate(db, busyTimeoutMs);
    try {
      const version = checkedVersion(db, path);
      for (let v = version; v < SCHEMA_VERSION; v++) {
        const step = MIGRATIONS[v] ?? '';
        if (typeof step === 'string') db.exec(step);
        else step(db);
      }
      const broken = db.prepare('PRAGMA foreign_key_check').all() as { table: string; parent: string }[];
      if (broken.length > 0) throw new StoreError('damaged', path, { detail: `${broken[0]!.table} → ${broken[0]!.parent}` });
      if (version === 0) db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
      db.exec('COMMIT');
    } catch (err) {
      if (db.inTransaction) db.exec('ROLLBACK');
      // A value a migration cannot carry over (a time that is not ISO 8601): the file is damaged, and left as it was.
      if (err instanceof NotATime) {
        throw new StoreError('damaged', path, { detail: err.message, said: { key: 'store.badTime', params: { file: path, where: err.where, value: err.value }, hintKey: 'store.hintBadTime' } });
      }
      throw err;
    }
  } finally {
    db.pragma('foreign_keys = ON');
  }
}

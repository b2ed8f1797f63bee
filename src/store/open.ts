// URI file names are read only where leadq builds one (read-only media, below): every path it opens is absolute.
import './sqlite-uri.js';
import Database from 'better-sqlite3';
import { accessSync, closeSync, constants, existsSync, fchmodSync, fsyncSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { DEFAULT_BUSY_TIMEOUT_MS } from '../env.js';
import { BusyError, CantCreateError, CliError, DataError, NoInputError, failureReason, firstLine } from '../errors.js';
import { realTarget } from '../files/identity.js';
import { isSpecialFile } from '../files/special.js';
import { t } from '../i18n/index.js';
import type { Db } from './db.js';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';

export type { Db } from './db.js';

/** PRAGMA application_id of every leadq data file ('LEAQ'): tells our files from other programs' SQLite files. */
export const APPLICATION_ID = 0x4c454151;


export interface OpenOptions {
  /**
   * Read-only at the current schema: never creates the file, never waits on a writer (WAL readers don't); an older
   * file is migrated first. To read a file without ever writing it, use openStoreAsIs.
   */
  readonly readonly?: boolean;
  /** Refuse a missing file with exit 66 instead of creating it (always so when readonly). */
  readonly mustExist?: boolean;
  /** How long a writer waits for a busy data file (LEADQ_BUSY_TIMEOUT_MS, read by env.ts); default 5000. */
  readonly busyTimeoutMs?: number;
}

/**
 * Opens the data file: creates its folder (0700) and the file (0600) unless readonly/mustExist, refuses a file from a
 * newer leadq (65, left untouched) or not ours (65), sets WAL + synchronous=FULL + foreign keys, and migrates forward
 * in one immediate transaction. Close it at the end of the command.
 */
export function openStore(path: string, options: OpenOptions = {}): Db {
  refuseFolder(path, options.readonly !== true);
  if (options.readonly === true) {
    const reader = openStoreIfExists(path, { busyTimeoutMs: options.busyTimeoutMs });
    if (reader === undefined) throw missingStore(path);
    return reader;
  }
  if (!storeExists(path, true)) {
    if (options.mustExist === true) throw missingStore(path);
    createStoreFile(path);
  }
  return openWriter(path, options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS);
}

/**
 * Opens the data file read-only if it exists; undefined when there is none yet. With migrate: false (dry runs) a file
 * that was never initialised also gives undefined, and nothing is ever written.
 */
export function openStoreIfExists(path: string, options: { readonly busyTimeoutMs?: number; readonly migrate?: boolean } = {}): Db | undefined {
  refuseFolder(path, false);
  if (!storeExists(path, false)) return undefined;
  const timeout = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  const reader = openReader(path, timeout);
  if (reader !== undefined || options.migrate === false) return reader;
  return migrateThenRead(path, timeout);
}

/**
 * Opens the data file read-only exactly as it is, for whole-file work (db check, db backup): missing → 66, a newer
 * leadq's or another program's file → 65 (the same refusal every command gives); an older schema is neither migrated
 * nor refused, so the file is never written.
 */
export function openStoreAsIs(path: string, options: { readonly busyTimeoutMs?: number } = {}): Db {
  refuseFolder(path, false);
  if (!storeExists(path, false)) throw missingStore(path);
  return openChecked(path, options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS).db;
}

/** Runs fn in one BEGIN IMMEDIATE transaction (all or nothing); busy past the timeout → 75, unwritable → 73. */
export function withWriteTransaction<T>(db: Db, fn: () => T): T {
  try {
    return db.transaction(fn).immediate();
  } catch (err) {
    throw storeFailure(err, db.name, true) ?? err;
  }
}

/** The CliError for a SQLite or file-system failure on the data file (busy 75, damaged 65, unwritable 73 …); undefined for anything else. */
export function storeFailure(err: unknown, file: string, writing: boolean): CliError | undefined {
  if (err instanceof CliError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return undefined;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return new BusyError();
  if (code === 'SQLITE_NOTADB') return notLeadqFile(file);
  if (code.startsWith('SQLITE_CORRUPT')) return new DataError('lead.dbCorrupt', { file, detail: firstLine(err) }, 'lead.hintRestore');
  if (/^SQLITE_(CANTOPEN|READONLY|PERM|IOERR|FULL|AUTH)/.test(code) || /^E[A-Z]+$/.test(code)) {
    const reason = failureReason(err);
    return writing
      ? new CantCreateError('lead.dbCantWrite', { file, reason }, 'lead.hintDbWritable')
      : new NoInputError('lead.dbUnreadable', { file, reason });
  }
  return undefined;
}

// Why a file could not be opened or written, in the user's language for the usual causes.
/** Exit 66: no data file at path (with the hint that the first write creates it). */
export function missingStore(path: string): NoInputError {
  return new NoInputError('lead.dbMissing', { file: path }, 'lead.hintDbMissing');
}

function notLeadqFile(path: string): DataError {
  return new DataError('lead.dbNotLeadq', { file: path }, 'lead.hintDbOther');
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
    const reason = failureReason(err);
    throw writing ? new CantCreateError('lead.dbCantWrite', { file: path, reason }, 'lead.hintDbWritable') : new NoInputError('lead.dbUnreadable', { file: path, reason });
  }
}

/** A folder (or a name ending in /, which names one) is never a data file: refused before anything is created. */
function refuseFolder(path: string, writing: boolean): void {
  const named = /[/\\]$/.test(path);
  if (!named && !isFolder(path)) return;
  const reason = t(named ? 'reason.folderName' : 'reason.isDir');
  if (writing) throw new CantCreateError('lead.dbCantCreate', { file: path, reason }, 'lead.hintDbFile');
  throw new NoInputError('lead.dbUnreadable', { file: path, reason }, 'lead.hintDbFile');
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
    throw new CantCreateError('lead.dbCantCreate', { file: path, reason: failureReason(err) }, 'lead.hintDbWritable');
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
  if (isSpecialFile(path)) throw notLeadqFile(path);
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
function cantOpen(path: string, writing: boolean, err: unknown): CliError {
  const fail = (cause: unknown) => {
    const reason = failureReason(cause);
    return writing ? new CantCreateError('lead.dbCantWrite', { file: path, reason }, 'lead.hintDbWritable') : new NoInputError('lead.dbUnreadable', { file: path, reason });
  };
  try {
    closeSync(openSync(path, writing ? 'r+' : 'r'));
    // The file opens: what SQLite could not create is its -wal/-shm beside it.
    if (writing || existsSync(`${path}-wal`)) accessSync(dirname(path), constants.W_OK);
  } catch (cause) {
    return fail(cause);
  }
  return fail(err);
}

/** Opens read-write; the version is read before any pragma that writes, so a refused file stays byte-for-byte as it was. */
function openWriter(path: string, timeout: number): Db {
  const db = connect(path, timeout, false);
  try {
    const version = checkedVersion(db, path);
    if (db.pragma('journal_mode', { simple: true }) !== 'wal') db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    if (version < SCHEMA_VERSION) migrate(db, path);
    return db;
  } catch (err) {
    db.close();
    throw isCantOpen(err) ? cantOpen(path, true, err) : (storeFailure(err, path, true) ?? err);
  }
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
  let db: Db;
  try {
    db = new Database(immutableUri(path), { readonly: true, fileMustExist: true, timeout });
  } catch (err) {
    throw storeFailure(err, path, false) ?? err;
  }
  try {
    return { db, version: checkedVersion(db, path) };
  } catch (err) {
    db.close();
    throw storeFailure(err, path, false) ?? err;
  }
}

/** Opens read-only; undefined when the file still needs migrating (the caller migrates through a writer, or not at all). */
function openReader(path: string, timeout: number): Db | undefined {
  const { db, version } = openChecked(path, timeout);
  if (version === SCHEMA_VERSION) return db;
  db.close();
  return undefined;
}

/** A file from an older leadq (or never initialised): migrate it through a short writer, then read. */
function migrateThenRead(path: string, timeout: number): Db {
  openWriter(path, timeout).close();
  const reader = openReader(path, timeout);
  if (reader === undefined) throw missingStore(path);
  return reader;
}

// One statement, so one snapshot: read apart, a leadq creating the file between the reads would make it look like a
// file with tables but no version, that is, another program's file.
const FILE_HEADER = `SELECT (SELECT user_version FROM pragma_user_version) AS version,
  (SELECT application_id FROM pragma_application_id) AS applicationId,
  (SELECT count(*) FROM sqlite_master) AS tables`;

/** user_version after refusing files from a newer leadq and SQLite files of other programs. */
function checkedVersion(db: Db, path: string): number {
  const { version, applicationId, tables } = db.prepare(FILE_HEADER).get() as { version: number; applicationId: number; tables: number };
  if (applicationId !== 0 && applicationId !== APPLICATION_ID) throw notLeadqFile(path);
  if (version > SCHEMA_VERSION) {
    throw new DataError('lead.dbFromFuture', { file: path, found: version, known: SCHEMA_VERSION }, 'lead.hintUpgrade');
  }
  if (version === 0 && tables > 0) throw notLeadqFile(path);
  return version;
}

/** Runs the missing migrations and the version bump in one BEGIN IMMEDIATE transaction (a concurrent leadq may have done it first). */
function migrate(db: Db, path: string): void {
  withWriteTransaction(db, () => {
    const version = checkedVersion(db, path);
    for (let v = version; v < SCHEMA_VERSION; v++) {
      const step = MIGRATIONS[v] ?? '';
      if (typeof step === 'string') db.exec(step);
      else step(db);
    }
    if (version === 0) db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  });
}

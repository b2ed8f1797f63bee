import { CliError, failureReason, firstLine } from '../../errors.js';
import { StoreError } from '../errors.js';

// The one edge where SQLite's and the file system's errors become StoreErrors (store/errors.ts): every call into
// better-sqlite3 that can fail passes its error through storeFailure.

/**
 * The StoreError for an SQLite or file-system failure on the data file (busy, damaged, unwritable …); a StoreError or
 * CliError passes as it is; undefined for anything else (a bug: shown as an internal error).
 */
export function storeFailure(err: unknown, file: string, writing: boolean): StoreError | CliError | undefined {
  if (err instanceof CliError || err instanceof StoreError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return undefined;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return new StoreError('busy', file);
  if (code === 'SQLITE_NOTADB') return new StoreError('notLeadq', file);
  if (code.startsWith('SQLITE_CORRUPT')) return new StoreError('damaged', file, { detail: firstLine(err) });
  // A leadq file at the current version lacks a table or column only when something else changed it.
  if (code === 'SQLITE_ERROR' && /^no such (table|column)/.test(firstLine(err))) return new StoreError('damaged', file, { detail: firstLine(err) });
  if (/^SQLITE_(CANTOPEN|READONLY|PERM|IOERR|FULL|AUTH)/.test(code) || /^E[A-Z]+$/.test(code)) return accessFailure(err, file, writing);
  return undefined;
}

/** The data file cannot be written (unwritable) or read (unreadable), with the reason in the user's words. */
export function accessFailure(err: unknown, file: string, writing: boolean): StoreError {
  return new StoreError(writing ? 'unwritable' : 'unreadable', file, { reason: failureReason(err) });
}

/** Runs fn; a failure of SQLite or the file system comes out as a StoreError. */
export function guarded<T>(file: string, writing: boolean, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw storeFailure(err, file, writing) ?? err;
  }
}

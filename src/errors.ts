import { msg, type Message, type MessageKey, type Params } from './i18n/index.js';
import { StoreError, type StoreErrorCode, type StoreErrorDetails } from './store/errors.js';

/** Exit codes (the README's "Exit codes" lists them). */
export const EXIT = {
  ok: 0,
  internal: 1,
  usage: 64,
  data: 65,
  noInput: 66,
  /** The data server cannot be reached (SPEC v2, a PostgreSQL store). */
  unavailable: 69,
  cantCreate: 73,
  busy: 75,
  /** Authentication or permission refused (SPEC v2, a PostgreSQL store). */
  noPermission: 77,
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An expected failure: carries the SPEC exit code and an i18n message (+ optional hint) as codes; run.ts prints them. */
export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    readonly key: MessageKey,
    readonly params: Params = {},
    readonly hintKey?: MessageKey,
    readonly hintParams: Params = {},
  ) {
    super(key);
    this.name = 'CliError';
  }
}

/** Exit 64: bad command line. */
export class UsageError extends CliError {
  constructor(key: MessageKey, params: Params = {}, hintKey?: MessageKey, hintParams: Params = {}) {
    super(EXIT.usage, key, params, hintKey, hintParams);
  }
}

/** Exit 65: invalid data (answers, CSV structure, database from the future, duplicates). */
export class DataError extends CliError {
  constructor(key: MessageKey, params: Params = {}, hintKey?: MessageKey, hintParams: Params = {}) {
    super(EXIT.data, key, params, hintKey, hintParams);
  }
}

/** Exit 66: input file missing or unreadable, lead not found. */
export class NoInputError extends CliError {
  constructor(key: MessageKey, params: Params = {}, hintKey?: MessageKey, hintParams: Params = {}) {
    super(EXIT.noInput, key, params, hintKey, hintParams);
  }
}

/** Exit 73: cannot create or write an output file or the data file. */
export class CantCreateError extends CliError {
  constructor(key: MessageKey, params: Params = {}, hintKey?: MessageKey, hintParams: Params = {}) {
    super(EXIT.cantCreate, key, params, hintKey, hintParams);
  }
}

/** Exit 130: the user pressed Ctrl-C ("Cancelled", or what a Ctrl-C after something was saved says instead). */
export class InterruptedError extends CliError {
  constructor(key: MessageKey = 'error.cancelled') {
    super(EXIT.interrupted, key);
  }
}

// OS and SQLite error codes people should read as words, in their language.
const REASONS: Readonly<Record<string, MessageKey>> = {
  EACCES: 'reason.permission',
  EPERM: 'reason.permission',
  SQLITE_PERM: 'reason.permission',
  ENOTDIR: 'reason.notDir',
  EISDIR: 'reason.isDir',
  ENOENT: 'reason.noFolder',
  EROFS: 'reason.readOnly',
  SQLITE_READONLY: 'reason.readOnly',
  ENOSPC: 'reason.noSpace',
  SQLITE_FULL: 'reason.noSpace',
  SQLITE_CANTOPEN: 'reason.cantOpen',
};

/** A short reason for a file-system or SQLite failure: a message for the common cases (else the error's first line). */
export function failureReason(err: unknown): Message | string {
  const code = String((err as { code?: unknown } | null)?.code ?? '');
  const key = REASONS[code] ?? REASONS[code.replace(/_[A-Z]+$/, '')];
  return key === undefined ? firstLine(err) : msg(key);
}

/** The first line of an error's message, without a leading errno code ("ENOENT: "). */
export function firstLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return (message.split('\n')[0] ?? '').replace(/^E[A-Z]+: /, '');
}

/** An error as plain data, to cross a thread or process boundary (a CliError or StoreError whole; anything else its message and code). */
export interface WireError {
  readonly cli?: { exitCode: ExitCode; key: MessageKey; params: Params; hintKey?: MessageKey; hintParams: Params };
  readonly store?: { code: StoreErrorCode; location: string; details: StoreErrorDetails };
  readonly message: string;
  readonly code?: string;
}

/** Packs an error for postMessage / process.send. */
export function errorToWire(err: unknown): WireError {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof CliError) return { cli: { exitCode: err.exitCode, key: err.key, params: err.params, hintKey: err.hintKey, hintParams: err.hintParams }, message };
  if (err instanceof StoreError) return { store: { code: err.code, location: err.location, details: err.details }, message };
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? { message, code } : { message };
}

/** Unpacks errorToWire's data: the same CliError or StoreError, or an Error with the original message and code. */
export function errorFromWire(wire: WireError): Error {
  const c = wire.cli;
  if (c !== undefined) return new CliError(c.exitCode, c.key, c.params, c.hintKey, c.hintParams);
  if (wire.store !== undefined) return new StoreError(wire.store.code, wire.store.location, wire.store.details);
  return Object.assign(new Error(wire.message), wire.code === undefined ? {} : { code: wire.code });
}

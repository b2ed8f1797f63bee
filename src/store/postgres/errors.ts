// PostgreSQL and network failures as the SPEC's exit codes. PURE: reads an error's code and message, loads no driver.
// PgStoreError has CliError's fields (exitCode, key, params, hintKey, hintParams), so the common StoreError can wrap
// it one to one; its `failure` names the case for code that needs to decide (retry, fall back to plain TCP).
import { CliError, DataError, firstLine, UsageError } from '../../errors.js';
import { StoreError, type StoreErrorCode } from '../errors.js';
import { t, type MessageKey, type Params } from '../../i18n/index.js';

/** What went wrong, as the shell needs to know it. */
export type PgFailure = 'usage' | 'data' | 'future' | 'notLeadq' | 'unreachable' | 'cantWrite' | 'busy' | 'refused';

/** The exit code of each failure (sysexits: 69 EX_UNAVAILABLE, 75 EX_TEMPFAIL, 77 EX_NOPERM; the rest as SPEC.md). */
export const PG_EXIT: Readonly<Record<PgFailure, number>> = {
  usage: 64,
  data: 65,
  future: 65,
  notLeadq: 65,
  unreachable: 69,
  cantWrite: 73,
  busy: 75,
  refused: 77,
};

/** An expected failure of the PostgreSQL store: an exit code and an i18n message (+ hint), like CliError. */
export class PgStoreError extends Error {
  readonly exitCode: number;

  constructor(
    readonly failure: PgFailure,
    readonly key: MessageKey,
    readonly params: Params = {},
    readonly hintKey?: MessageKey,
    readonly hintParams: Params = {},
  ) {
    super(key);
    this.name = 'PgStoreError';
    this.exitCode = PG_EXIT[failure];
  }
}

/** What a message about a server may say: the URL without its password, the user, the sslmode in force. */
export interface PgErrorContext {
  readonly server: string;
  readonly user: string;
  readonly database: string;
  readonly sslmode: string;
  readonly connectTimeoutSeconds: number;
}

// SQLSTATEs worth retrying: the transaction lost a race, nothing is wrong with it. 53300: too many connections
// (a burst of reps at 9 am) clears as soon as one finishes.
const RETRYABLE: ReadonlySet<string> = new Set(['40001', '40P01', '55P03', '53300']);

/** Whether a failed transaction may simply be run again (serialization failure, deadlock, lock timeout, too many connections). */
export function isRetryable(err: unknown): boolean {
  return RETRYABLE.has(codeOf(err));
}

// Socket errors that mean "no server there" (or none any more).
const NETWORK: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EPIPE', 'ENOENT', 'EADDRNOTAVAIL']);

// Node's TLS verification failures (the server's certificate was not accepted).
const TLS_UNTRUSTED = /^(ERR_TLS_CERT_ALTNAME_INVALID|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_(VERIFY_LEAF_SIGNATURE|GET_ISSUER_CERT(_LOCALLY)?)|CERT_(HAS_EXPIRED|NOT_YET_VALID|UNTRUSTED|REJECTED|SIGNATURE_FAILURE)|HOSTNAME_MISMATCH|ERR_SSL_.*)$/;

/**
 * The PgStoreError for a driver, socket or TLS failure: unreachable (69), refused (77), busy (75, once retries are
 * spent), read-only or full (73), bad text (65). Undefined for anything else (a bug: the shell reports it as internal).
 */
export function classifyPgError(err: unknown, ctx: PgErrorContext): PgStoreError | undefined {
  if (err instanceof PgStoreError) return err;
  const code = codeOf(err);
  const message = firstLine(err);
  const server = ctx.server;
  if (NETWORK.has(code)) return unreachable(server, message);
  if (message === 'timeout expired' || /connection timeout/i.test(message)) {
    return unreachable(server, t('pg.reasonTimeout', { seconds: ctx.connectTimeoutSeconds }));
  }
  if (/^Connection terminated/.test(message)) return unreachable(server, t('pg.reasonLost'));
  // Neither yes nor no to the TLS question, or a yes and then no TLS: not a PostgreSQL server there (or a broken one).
  if (message === 'There was an error establishing an SSL connection' || code === 'ERR_SSL_WRONG_VERSION_NUMBER') return unreachable(server, t('pg.reasonNotTls'));
  if (message === 'The server does not support SSL connections') {
    return new PgStoreError('unreachable', 'pg.tlsRefused', { server, mode: ctx.sslmode }, 'pg.hintTlsRefused');
  }
  if (TLS_UNTRUSTED.test(code)) return new PgStoreError('refused', 'pg.tlsUntrusted', { server, reason: message }, 'pg.hintTlsUntrusted');
  switch (code) {
    case '3D000':
      return new PgStoreError('unreachable', 'pg.noDatabase', { server, database: ctx.database }, 'pg.hintNoDatabase');
    case '57P03':
      return unreachable(server, t('pg.reasonStarting'));
    case '28P01':
    case '28000':
      return new PgStoreError('refused', 'pg.authRefused', { server, user: ctx.user, reason: message }, 'pg.hintAuth');
    case '42501':
      return new PgStoreError('refused', 'pg.permission', { server, reason: message }, 'pg.hintPermission');
    case '25006':
      return new PgStoreError('cantWrite', 'pg.cantWrite', { server, reason: message }, 'pg.hintReadOnly');
    case '53100':
      return new PgStoreError('cantWrite', 'pg.cantWrite', { server, reason: message }, 'pg.hintDiskFull');
    case '22021':
      return new PgStoreError('data', 'pg.badText', { reason: message }, 'pg.hintBadText');
  }
  // Class 08 (connection exception) and the shutdown codes: the server went away.
  if (code.startsWith('08') || code === '57P01' || code === '57P02') return unreachable(server, message);
  if (RETRYABLE.has(code)) return busy();
  return undefined;
}

/** Exit 75: lock waits and serialization conflicts outlasted the busy timeout. */
export function busy(): PgStoreError {
  return new PgStoreError('busy', 'pg.busy', {}, 'pg.hintBusy');
}

function unreachable(server: string, reason: string): PgStoreError {
  return new PgStoreError('unreachable', 'pg.unreachable', { server, reason }, 'pg.hintUnreachable');
}

/** The SQLSTATE, errno or TLS code of an error ('' when it has none). */
export function codeOf(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

// The common StoreError code of each failure the store reports (usage and data errors are CliErrors of their own).
const STORE_CODE: Readonly<Record<Exclude<PgFailure, 'usage' | 'data'>, StoreErrorCode>> = {
  future: 'fromFuture',
  notLeadq: 'notLeadq',
  unreachable: 'unreachable',
  cantWrite: 'unwritable',
  busy: 'busy',
  refused: 'denied',
};

/**
 * The PostgreSQL store's edge: a failure as every store reports it (a StoreError with its code and, as its own words,
 * the PostgreSQL message; a bad URL is a UsageError, a value the server refuses a DataError); a CliError or
 * StoreError passes as it is; undefined for anything else (a bug).
 */
export function pgStoreFailure(err: unknown, location: string, ctx: PgErrorContext | undefined): StoreError | CliError | undefined {
  if (err instanceof StoreError || err instanceof CliError) return err;
  const failure = err instanceof PgStoreError ? err : ctx === undefined ? undefined : classifyPgError(err, ctx);
  if (failure === undefined) return undefined;
  const said = { key: failure.key, params: failure.params, hintKey: failure.hintKey, hintParams: failure.hintParams };
  if (failure.failure === 'usage') return new UsageError(failure.key, failure.params, failure.hintKey, failure.hintParams);
  if (failure.failure === 'data') return new DataError(failure.key, failure.params, failure.hintKey, failure.hintParams);
  return new StoreError(STORE_CODE[failure.failure], location, { said });
}

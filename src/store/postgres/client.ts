// The connection to a PostgreSQL store: node-postgres loaded only here, on first use (so `leadq --help` and every
// SQLite command never load it), one client per command, the libpq target and TLS plan applied, every failure turned
// into a PgStoreError at this edge, and transactions retried within the busy timeout.
import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import { connect, isIP, Socket } from 'node:net';
import { connect as tlsConnect, TLSSocket, type ConnectionOptions } from 'node:tls';
import { finished } from 'node:stream/promises';
import { homedir, userInfo } from 'node:os';
import type * as Pg from 'pg';
import type { Client, ClientConfig, CustomTypesConfig, QueryResultRow } from 'pg';
import { classifyPgError, isRetryable, PgStoreError, type PgErrorContext } from './errors.js';
import { readPgpass } from './pgpass.js';
import { withRetry, type RetryClock, SYSTEM_CLOCK } from './retry.js';
import { tlsPlan, type ReadFile } from './tls.js';
import { parsePgUrl, redactPgUrl, type PgTarget } from './url.js';

type PgModule = typeof Pg;

let loading: Promise<PgModule> | undefined;

/** node-postgres, imported on first use only. */
export function loadPg(): Promise<PgModule> {
  loading ??= importPg();
  return loading;
}

async function importPg(): Promise<PgModule> {
  // pg asks at load time whether it runs on Cloudflare Workers: without a global navigator (Node 20) it builds a fetch
  // Response to find out, which loads undici (~20 ms of every command). A navigator answers at no cost; Node 21+ has one.
  const global = globalThis as { navigator?: unknown };
  const shim = global.navigator === undefined;
  if (shim) global.navigator = { userAgent: `Node.js/${process.versions.node}` };
  try {
    return (await import('pg')).default as unknown as PgModule;
  } finally {
    if (shim) delete global.navigator;
  }
}

/** An open connection to a leadq PostgreSQL store. */
export interface PgConnection {
  readonly client: Client;
  readonly target: PgTarget;
  /** The URL without its password: the only form any message may print. */
  readonly server: string;
  readonly context: PgErrorContext;
  /** Milliseconds lock waits and conflicts are retried before exit 75. */
  readonly busyTimeoutMs: number;
  readonly clock: RetryClock;
}

export interface ConnectOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** libpq's default user (and database): the OS login name. */
  readonly osUser?: string;
  /** Where ~/.pgpass and ~/.postgresql/ are. */
  readonly home?: string;
  readonly busyTimeoutMs?: number;
  readonly clock?: RetryClock;
}

/**
 * The busy timeout in ms: $LEADQ_BUSY_TIMEOUT_MS when it is a whole number, else 5000. The same rule as the SQLite
 * store's busyTimeoutMs, which lives in open.ts and would load better-sqlite3 (~13 ms) into every PostgreSQL command;
 * one driver-free copy belongs beside the store interface when it lands.
 */
export function pgBusyTimeoutMs(env: NodeJS.ProcessEnv): number {
  const raw = env.LEADQ_BUSY_TIMEOUT_MS?.trim();
  return raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : 5000;
}

// Row values as leadq's SQLite store returns them: bigint ids and counts as numbers (ids stay far below 2^53), json
// and jsonb as their text (the store parses answers and results itself, as it does on SQLite).
const INT8 = 20;
const JSON_OIDS: ReadonlySet<number> = new Set([114, 3802]);

function rowTypes(pg: PgModule): CustomTypesConfig {
  return {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
      if (oid === INT8) return (text: string) => Number(text);
      if (JSON_OIDS.has(oid)) return (text: string) => text;
      return pg.types.getTypeParser(oid, format ?? 'text');
    }) as CustomTypesConfig['getTypeParser'],
  };
}

/**
 * Connects to the store a `postgres://` / `postgresql://` URL names (libpq conventions: PG* variables, ~/.pgpass,
 * sslmode). A bad URL is 64; a server that cannot be reached 69 (also: no such database, no TLS where sslmode
 * demands it); a refused login or certificate 77. Nothing printed ever holds the password.
 */
export async function connectPg(url: string, options: ConnectOptions = {}): Promise<PgConnection> {
  const env = options.env ?? process.env;
  const home = options.home ?? homedir();
  const target = parsePgUrl(url, env, options.osUser ?? loginName());
  const server = redactPgUrl(url);
  const context: PgErrorContext = { server, user: target.user, database: target.database, sslmode: target.sslmode, connectTimeoutSeconds: target.connectTimeoutSeconds };
  const pg = await loadPg();
  const plan = tlsPlan(target, home, readOptionalFile);
  const password = (): string => {
    const found = target.password ?? readPgpass(target, home);
    if (found === undefined) throw new PgStoreError('refused', 'pg.noPassword', { server, user: target.user }, 'pg.hintNoPassword');
    return found;
  };
  let lastError: unknown;
  // connect_timeout covers the whole login (0: no limit), the TLS question of sslmode=prefer included.
  const timeoutMs = target.connectTimeoutSeconds * 1000;
  const deadline = Date.now() + timeoutMs;
  for (const [i, ssl] of plan.attempts.entries()) {
    let stream: Socket | undefined;
    if (i === 0 && plan.askFirst === true && ssl !== false) {
      try {
        stream = await preferredStream(target, ssl, timeoutMs);
      } catch (err) {
        lastError = err;
        if (plan.attempts.length > 1 && plan.fallBackOn(err)) continue;
        break;
      }
    }
    const config: ClientConfig = {
      host: target.host,
      port: target.port,
      user: target.user,
      database: target.database,
      password,
      ...(stream === undefined ? { ssl } : { ssl: false, stream: () => stream }),
      connectionTimeoutMillis: timeoutMs === 0 ? 0 : Math.max(1, deadline - Date.now()),
      application_name: target.applicationName,
      types: rowTypes(pg),
      keepAlive: true,
      ...(target.options === undefined ? {} : { options: target.options }),
    };
    const client = new pg.Client(config);
    // A server that ends the session between queries emits 'error' on the client: the next query fails with it anyway.
    client.on('error', () => undefined);
    try {
      await client.connect();
      return { client, target, server, context, busyTimeoutMs: options.busyTimeoutMs ?? pgBusyTimeoutMs(env), clock: options.clock ?? SYSTEM_CLOCK };
    } catch (err) {
      lastError = err;
      await client.end().catch(() => undefined);
      // prefer: a login refused over TLS is tried once more in plain (libpq's way; pg_hba.conf may say hostnossl).
      if ((stream === undefined || stream instanceof TLSSocket) && i + 1 < plan.attempts.length && plan.fallBackOn(err)) continue;
      break;
    }
  }
  throw classifyPgError(lastError, context) ?? lastError;
}

// SSLRequest: its length (8) and the code 1234 5679.
const SSL_REQUEST = Buffer.from([0, 0, 0, 8, 4, 210, 22, 47]);

/**
 * sslmode=prefer as libpq does it, on one connection: a TCP connection that asks for TLS, then TLS on it when the
 * server says S, or plain protocol on the same socket when it says N. node-postgres would end that socket and connect
 * again (a second connection and server process: ~5 ms of every command on a server without TLS). The stream is
 * handed to node-postgres connected, for the startup and everything after; the connect timeout covers the asking.
 */
async function preferredStream(target: PgTarget, tlsOptions: ConnectionOptions, timeoutMs: number): Promise<Socket> {
  const socket = connect({ host: target.host, port: target.port });
  socket.setNoDelay(true);
  socket.setKeepAlive(true);
  // Whatever ends the asking first: the timeout (node-postgres' own message for it: errors.ts says 69, with the
  // timeout), an error, or the server closing the connection (as node-postgres says it: 69 too).
  let fail: (err: Error) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => (fail = reject));
  const timer = timeoutMs === 0 ? undefined : setTimeout(() => fail(new Error('timeout expired')), timeoutMs);
  const closed = () => fail(new Error('Connection terminated unexpectedly'));
  socket.on('error', fail).on('close', closed);
  const step = <T>(p: Promise<T>): Promise<T> => Promise.race([p, failed]);
  failed.catch(() => undefined);
  try {
    await step(once(socket, 'connect'));
    socket.write(SSL_REQUEST);
    const [answer] = (await step(once(socket, 'data'))) as [Buffer];
    if (answer.length === 1 && answer[0] === 0x4e) return alreadyConnected(socket); // 'N'
    if (answer.length !== 1 || answer[0] !== 0x53) throw new Error(NOT_TLS); // not 'S'
    const secure = tlsConnect({ ...tlsOptions, socket, host: target.host, ...(isIP(target.host) === 0 ? { servername: target.host } : {}) });
    secure.on('error', fail);
    try {
      await step(once(secure, 'secureConnect'));
    } finally {
      secure.off('error', fail);
    }
    return alreadyConnected(secure);
  } catch (err) {
    socket.destroy();
    throw err;
  } finally {
    clearTimeout(timer);
    socket.off('error', fail).off('close', closed);
  }
}

// node-postgres' message for an answer to SSLRequest that is neither S nor N (errors.ts: 69).
const NOT_TLS = 'There was an error establishing an SSL connection';

/** A connected socket that node-postgres may "connect": it is told at once that it is. */
function alreadyConnected(socket: Socket): Socket {
  socket.connect = (() => {
    process.nextTick(() => socket.emit('connect'));
    return socket;
  }) as unknown as Socket['connect'];
  return socket;
}

/**
 * Closes the connection (never throws: the command's own outcome decides the exit code): Terminate is sent and the
 * socket ended, and the server's own close of it is not waited for (its backend exiting: ~6 ms of every command).
 */
export async function closePg(conn: PgConnection): Promise<void> {
  const ended = conn.client.end().catch(() => undefined);
  const stream = (conn.client as unknown as { connection?: { stream?: unknown } }).connection?.stream;
  if (!(stream instanceof Socket)) return ended;
  // Once Terminate is with the kernel, nothing of ours is left to send: the process may exit without waiting.
  await finished(stream, { readable: false }).catch(() => undefined);
  stream.unref();
}

/**
 * Runs one parameterised statement; a failure comes back as a PgStoreError where it is a known one, except a
 * retryable one, which stays as it is so that pgTransaction can run the transaction again.
 */
export async function pgQuery<R extends QueryResultRow>(conn: PgConnection, sql: string, params: readonly unknown[] = []): Promise<R[]> {
  try {
    return (await conn.client.query<R>(sql, params as unknown[])).rows;
  } catch (err) {
    throw pgQueryError(conn, err);
  }
}

/** A failed statement's error as pgQuery throws it: known failures as PgStoreError, retryable ones untouched. */
export function pgQueryError(conn: PgConnection, err: unknown): unknown {
  if (isRetryable(err)) return err;
  return classifyPgError(err, conn.context) ?? err;
}

/** How a transaction reads and writes: writers serializable (races become retried 40001s), readers one snapshot. */
export type PgTransactionMode = 'write' | 'read';

const BEGIN: Readonly<Record<PgTransactionMode, string>> = {
  write: 'BEGIN ISOLATION LEVEL SERIALIZABLE',
  read: 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
};

/**
 * Runs fn in one transaction, all or nothing. Serialization failures, deadlocks, lock timeouts and connection bursts
 * roll back and run fn again (so fn must touch nothing but the database) with backoff while the busy timeout lasts,
 * then exit 75; lock waits are bounded by the time left (lock_timeout). Other failures roll back and are thrown,
 * mapped to PgStoreError where known.
 */
export function pgTransaction<T>(conn: PgConnection, mode: PgTransactionMode, fn: (conn: PgConnection) => Promise<T>): Promise<T> {
  return withRetry(
    conn.busyTimeoutMs,
    async (deadline) => {
      const client = conn.client;
      try {
        await client.query(BEGIN[mode]);
        await client.query("SELECT set_config('lock_timeout', $1, true)", [String(Math.max(1, deadline - conn.clock.now()))]);
        const result = await fn(conn);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    },
    conn.clock,
  ).catch((err: unknown) => {
    throw classifyPgError(err, conn.context) ?? err;
  });
}

function loginName(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'postgres';
  }
}

const readOptionalFile: ReadFile = (path) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

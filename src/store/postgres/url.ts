// A PostgreSQL URL as libpq reads it (postgres:// or postgresql://, percent-encoding, query parameters, PG*
// environment variables), and the same URL without its password for every message that prints it. PURE: no driver,
// no file system (the ~/.pgpass lookup is in pgpass.ts).
import { t } from '../../i18n/index.js';
import { PgStoreError } from './errors.js';

/** libpq's sslmode values, weakest first. */
export const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;
export type SslMode = (typeof SSL_MODES)[number];

/** Where and how to connect: every libpq setting leadq honours, resolved from the URL, then PG* variables, then defaults. */
export interface PgTarget {
  /** Host name, IP address, or a folder holding the server's Unix socket (starts with `/`). */
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string;
  /** From the URL or PGPASSWORD; undefined: look in the password file when the server asks. */
  readonly password: string | undefined;
  /** The password file: passfile=, else PGPASSFILE, else ~/.pgpass (undefined: the caller's home decides). */
  readonly passfile: string | undefined;
  readonly sslmode: SslMode;
  readonly sslrootcert: string | undefined;
  readonly sslcert: string | undefined;
  readonly sslkey: string | undefined;
  /** Seconds to wait for the server to answer a connection; 0 waits for ever (libpq's meaning). */
  readonly connectTimeoutSeconds: number;
  readonly applicationName: string;
  /** libpq `options` sent at start-up, e.g. `-c search_path=leadq`. */
  readonly options: string | undefined;
}

/** Without connect_timeout or PGCONNECT_TIMEOUT: a cron job must not hang for ever on a server that is down. */
export const DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;

const SCHEME = /^(postgres(?:ql)?):\/\//i;

// Query parameters leadq understands (libpq keywords), with the PgTarget field each one sets.
const PARAMS = {
  host: 'host',
  port: 'port',
  dbname: 'database',
  user: 'user',
  password: 'password',
  passfile: 'passfile',
  sslmode: 'sslmode',
  sslrootcert: 'sslrootcert',
  sslcert: 'sslcert',
  sslkey: 'sslkey',
  connect_timeout: 'connectTimeoutSeconds',
  application_name: 'applicationName',
  options: 'options',
} as const;
type Param = keyof typeof PARAMS;

// Parameters whose values are secrets: never printed.
const SECRET_PARAMS: ReadonlySet<string> = new Set(['password', 'sslpassword']);

/** Whether --db / LEADQ_DB names a PostgreSQL server rather than a SQLite file (the scheme, in any case). */
export function isPgUrl(value: string): boolean {
  return SCHEME.test(value);
}

/** The parts of a URL as written (percent-decoded), before defaults: what parsePgUrl resolves and redactPgUrl prints. */
interface UrlParts {
  readonly scheme: string;
  readonly user: string | undefined;
  readonly password: string | undefined;
  readonly host: string | undefined;
  readonly port: string | undefined;
  readonly database: string | undefined;
  /** Query parameters in order, decoded. */
  readonly params: ReadonlyArray<readonly [string, string]>;
}

/**
 * Resolves a PostgreSQL URL the libpq way: URL parts and query parameters, then PGHOST, PGPORT, PGDATABASE, PGUSER,
 * PGPASSWORD, PGPASSFILE, PGSSLMODE, PGSSLROOTCERT, PGSSLCERT, PGSSLKEY, PGCONNECT_TIMEOUT, PGAPPNAME, PGOPTIONS, then
 * defaults (localhost, 5432, the OS login as user and database, sslmode prefer). A malformed URL is exit 64, printed
 * without its password.
 */
export function parsePgUrl(url: string, env: NodeJS.ProcessEnv, osUser: string): PgTarget {
  const parts = splitUrl(url);
  const given: Partial<Record<Param, string>> = {};
  if (parts.user !== undefined && parts.user !== '') given.user = parts.user;
  if (parts.password !== undefined) given.password = parts.password;
  if (parts.host !== undefined && parts.host !== '') given.host = parts.host;
  if (parts.port !== undefined && parts.port !== '') given.port = parts.port;
  if (parts.database !== undefined && parts.database !== '') given.dbname = parts.database;
  // Query parameters win over the URL's own parts, as in libpq.
  for (const [name, value] of parts.params) {
    if (!Object.hasOwn(PARAMS, name)) throw badUrl(url, 'pg.reasonUnknownParam', name);
    given[name as Param] = value;
  }
  const pick = (param: Param, variable: string): string | undefined => nonEmpty(given[param]) ?? nonEmpty(env[variable]);
  const host = pick('host', 'PGHOST') ?? 'localhost';
  if (host.includes(',')) throw badUrl(url, 'pg.reasonSeveralHosts');
  const user = pick('user', 'PGUSER') ?? osUser;
  const sslmode = pick('sslmode', 'PGSSLMODE') ?? 'prefer';
  if (!(SSL_MODES as readonly string[]).includes(sslmode)) throw badUrl(url, 'pg.reasonBadValue', 'sslmode');
  const port = wholeNumber(pick('port', 'PGPORT') ?? '5432');
  if (port === undefined || port < 1 || port > 65535) throw badUrl(url, 'pg.reasonBadValue', 'port');
  const timeout = wholeNumber(pick('connect_timeout', 'PGCONNECT_TIMEOUT') ?? String(DEFAULT_CONNECT_TIMEOUT_SECONDS));
  if (timeout === undefined) throw badUrl(url, 'pg.reasonBadValue', 'connect_timeout');
  return {
    host,
    port,
    database: pick('dbname', 'PGDATABASE') ?? user,
    user,
    // An empty password in the URL still counts as given (libpq: "user:@host" means the empty password).
    password: given.password ?? nonEmpty(env.PGPASSWORD),
    passfile: pick('passfile', 'PGPASSFILE'),
    sslmode: sslmode as SslMode,
    sslrootcert: pick('sslrootcert', 'PGSSLROOTCERT'),
    sslcert: pick('sslcert', 'PGSSLCERT'),
    sslkey: pick('sslkey', 'PGSSLKEY'),
    connectTimeoutSeconds: timeout,
    applicationName: pick('application_name', 'PGAPPNAME') ?? 'leadq',
    options: pick('options', 'PGOPTIONS'),
  };
}

/**
 * The URL as it may be printed (db path, errors, JSON): without the password, the password= and sslpassword=
 * parameters; everything else kept. A URL that does not parse prints as its scheme only (`postgresql://…`), so no
 * part of a secret ever shows. Anything that is not a PostgreSQL URL (a file name) is returned as it is.
 */
export function redactPgUrl(url: string): string {
  const scheme = SCHEME.exec(url)?.[1];
  if (scheme === undefined) return url;
  let parts: UrlParts;
  try {
    parts = splitUrl(url);
  } catch {
    return `${scheme}://…`;
  }
  const user = parts.user === undefined || parts.user === '' ? '' : `${encodeURIComponent(parts.user)}@`;
  const host = parts.host === undefined ? '' : parts.host.includes(':') ? `[${parts.host}]` : encodeURIComponent(parts.host);
  const port = parts.port === undefined || parts.port === '' ? '' : `:${parts.port}`;
  const database = parts.database === undefined ? '' : `/${encodeURIComponent(parts.database)}`;
  const params = parts.params.filter(([name]) => !SECRET_PARAMS.has(name.toLowerCase()));
  const query = params.length === 0 ? '' : `?${params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`;
  return `${scheme}://${user}${host}${port}${database === '' && query !== '' ? '/' : database}${query}`;
}

/**
 * Splits a URL as libpq does: `scheme://[user[:password]@][host][:port][/dbname][?k=v&…]`, every part percent-decoded
 * ('+' stays '+'). The user info ends at the last '@' before the path, so an unencoded '@' in a password still reads
 * right. An '@' after the host (in the path or query) is refused: it almost always means a password with an
 * unencoded '/' or '?', which would otherwise be taken for the database name or a parameter.
 */
function splitUrl(url: string): UrlParts {
  const scheme = SCHEME.exec(url)?.[1];
  if (scheme === undefined) throw unsplittable(url, 'pg.reasonNotUrl');
  const rest = url.slice(scheme.length + 3);
  const queryAt = indexOrEnd(rest, '?');
  const authorityEnd = Math.min(indexOrEnd(rest, '/'), queryAt);
  const authority = rest.slice(0, authorityEnd);
  const path = rest.slice(authorityEnd, queryAt);
  const query = rest.slice(queryAt + 1);
  if (path.includes('@') || (queryAt < rest.length && query.includes('@'))) throw unsplittable(url, 'pg.reasonBadValue', '@');
  const at = authority.lastIndexOf('@');
  const userinfo = at < 0 ? undefined : authority.slice(0, at);
  const hostport = authority.slice(at + 1);
  const colon = userinfo === undefined ? -1 : userinfo.indexOf(':');
  const user = userinfo === undefined ? undefined : decode(url, colon < 0 ? userinfo : userinfo.slice(0, colon));
  const password = userinfo === undefined || colon < 0 ? undefined : decode(url, userinfo.slice(colon + 1));
  const { host, port } = splitHostPort(url, hostport);
  if (port !== undefined && port !== '' && !/^\d+$/.test(port)) throw unsplittable(url, 'pg.reasonBadValue', 'port');
  const database = path.length > 1 ? decode(url, path.slice(1)) : undefined;
  const params: Array<readonly [string, string]> = [];
  if (queryAt < rest.length && query !== '') {
    for (const pair of query.split('&')) {
      const eq = pair.indexOf('=');
      if (eq <= 0) throw unsplittable(url, 'pg.reasonBadValue', '?');
      params.push([decode(url, pair.slice(0, eq)), decode(url, pair.slice(eq + 1))]);
    }
  }
  return { scheme, user, password, host: host === undefined ? undefined : decode(url, host), port, database, params };
}

/** host[:port], [ipv6][:port], or empty. */
function splitHostPort(url: string, hostport: string): { host: string | undefined; port: string | undefined } {
  if (hostport.startsWith('[')) {
    const close = hostport.indexOf(']');
    if (close < 0) throw unsplittable(url, 'pg.reasonBadValue', 'host');
    const after = hostport.slice(close + 1);
    if (after !== '' && !after.startsWith(':')) throw unsplittable(url, 'pg.reasonBadValue', 'host');
    return { host: hostport.slice(1, close), port: after === '' ? undefined : after.slice(1) };
  }
  const colon = hostport.lastIndexOf(':');
  if (colon < 0) return { host: hostport === '' ? undefined : hostport, port: undefined };
  return { host: hostport.slice(0, colon), port: hostport.slice(colon + 1) };
}

function decode(url: string, text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw unsplittable(url, 'pg.reasonBadValue', '%');
  }
}

function indexOrEnd(text: string, char: string): number {
  const i = text.indexOf(char);
  return i < 0 ? text.length : i;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

function wholeNumber(text: string): number | undefined {
  return /^\d{1,9}$/.test(text.trim()) ? Number(text.trim()) : undefined;
}

type Reason = 'pg.reasonUnknownParam' | 'pg.reasonBadValue' | 'pg.reasonSeveralHosts' | 'pg.reasonNotUrl';

/** Exit 64 for a URL that parsed but says something wrong: printed without its password. */
function badUrl(url: string, reason: Reason, name?: string): PgStoreError {
  return new PgStoreError('usage', 'pg.badUrl', { server: redactPgUrl(url), reason: t(reason, { name }) }, 'pg.hintUrl');
}

/** Exit 64 for a URL that does not even split: only its scheme is printed (redactPgUrl would split it again). */
function unsplittable(url: string, reason: Reason, name?: string): PgStoreError {
  const scheme = SCHEME.exec(url)?.[1] ?? 'postgresql';
  return new PgStoreError('usage', 'pg.badUrl', { server: `${scheme}://…`, reason: t(reason, { name }) }, 'pg.hintUrl');
}

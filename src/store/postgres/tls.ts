// libpq's sslmode as the TLS options node-postgres passes to tls.connect, and when to try again the other way
// (prefer: plain TCP when the server offers no TLS; allow: TLS when the server refuses plain TCP). PURE apart from the
// injected file reader.
import type { ConnectionOptions } from 'node:tls';
import { join } from 'node:path';
import { codeOf } from './errors.js';
import type { PgTarget } from './url.js';

/** One way to connect: without TLS (false) or with these tls.connect options. */
export type TlsChoice = false | ConnectionOptions;

/**
 * The ways to try, in order, and whether a failure of the first one lets the second be tried. askFirst (prefer): the
 * first way's TLS is asked for on a connection that goes on in plain TCP when the server offers none (libpq's way;
 * client.ts).
 */
export interface TlsPlan {
  readonly attempts: readonly [TlsChoice] | readonly [TlsChoice, TlsChoice];
  readonly fallBackOn: (err: unknown) => boolean;
  readonly askFirst?: true;
}

/** Reads a certificate or key file; undefined when it does not exist (libpq's default files are optional). */
export type ReadFile = (path: string) => string | undefined;

const NEVER = (): boolean => false;

/**
 * The TLS plan for a target, as libpq's sslmode: disable → plain; allow → plain, then TLS when the server demands it;
 * prefer (the default) → TLS without checking the certificate, then plain when the server has no TLS; require → TLS
 * without checking (with sslrootcert: checked as verify-ca); verify-ca → the chain checked against the CA; verify-full
 * → the chain and the host name. The CA is sslrootcert, else ~/.postgresql/root.crt; sslrootcert=system uses Node's
 * own CAs. A client certificate (sslcert/sslkey, else ~/.postgresql/postgresql.crt/.key) is sent when present.
 * Unix sockets never use TLS (libpq ignores sslmode there).
 */
export function tlsPlan(target: PgTarget, home: string, readFile: ReadFile): TlsPlan {
  if (target.host.startsWith('/') || target.sslmode === 'disable') return { attempts: [false], fallBackOn: NEVER };
  const unchecked: ConnectionOptions = { ...clientCertificate(target, home, readFile), rejectUnauthorized: false };
  switch (target.sslmode) {
    case 'allow':
      // Plain first; pg_hba.conf "hostssl" only answers 28000 ("no encryption") to a plain connection.
      return { attempts: [false, unchecked], fallBackOn: (err) => codeOf(err) === '28000' };
    case 'prefer':
      // As libpq: plain TCP when the server has no TLS, when TLS cannot be set up with it, or when it refuses the login
      // over TLS (pg_hba.conf "hostnossl" answers 28000); never after a wrong password, an unreachable server, or one
      // that said yes to TLS and then spoke none (not a PostgreSQL server: errors.ts).
      return {
        attempts: [unchecked, false],
        fallBackOn: (err) => {
          const code = codeOf(err);
          return (err instanceof Error && err.message === 'The server does not support SSL connections') || code === '28000' || (/^ERR_SSL_/.test(code) && code !== 'ERR_SSL_WRONG_VERSION_NUMBER');
        },
        askFirst: true,
      };
    case 'require':
      // libpq: require with a root certificate file behaves as verify-ca.
      if (target.sslrootcert === undefined) return { attempts: [unchecked], fallBackOn: NEVER };
      return { attempts: [verified(target, home, readFile, false)], fallBackOn: NEVER };
    case 'verify-ca':
      return { attempts: [verified(target, home, readFile, false)], fallBackOn: NEVER };
    case 'verify-full':
      return { attempts: [verified(target, home, readFile, true)], fallBackOn: NEVER };
  }
}

/** TLS that checks the chain against the CA, and the host name only when checkHost. */
function verified(target: PgTarget, home: string, readFile: ReadFile, checkHost: boolean): ConnectionOptions {
  const rootcert = target.sslrootcert ?? join(home, '.postgresql', 'root.crt');
  // 'system': the CAs Node trusts; otherwise only the given CA (a missing file checks against nothing, so fails).
  const ca = rootcert === 'system' ? undefined : (readFile(rootcert) ?? '');
  return {
    ...clientCertificate(target, home, readFile),
    rejectUnauthorized: true,
    ...(ca === undefined ? {} : { ca }),
    ...(checkHost ? {} : { checkServerIdentity: () => undefined }),
  };
}

/** The client certificate and key to present, when both files are there. */
function clientCertificate(target: PgTarget, home: string, readFile: ReadFile): ConnectionOptions {
  const cert = readFile(target.sslcert ?? join(home, '.postgresql', 'postgresql.crt'));
  const key = readFile(target.sslkey ?? join(home, '.postgresql', 'postgresql.key'));
  return cert === undefined || key === undefined ? {} : { cert, key };
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyPgError, isRetryable, PgStoreError, type PgErrorContext } from '../../src/store/postgres/errors.js';
import { backoffMs, withRetry, type RetryClock } from '../../src/store/postgres/retry.js';

const CTX: PgErrorContext = { server: 'postgresql://rep@db.example.com/leadq', user: 'rep', database: 'leadq', sslmode: 'require', connectTimeoutSeconds: 10 };
const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('classifyPgError: the SPEC exit code and a hint for each failure', () => {
  it.each([
    ['connection refused', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), 69, 'pg.unreachable'],
    ['unknown host', Object.assign(new Error('getaddrinfo ENOTFOUND db.example.com'), { code: 'ENOTFOUND' }), 69, 'pg.unreachable'],
    ['no socket file', Object.assign(new Error('connect ENOENT /tmp/.s.PGSQL.5432'), { code: 'ENOENT' }), 69, 'pg.unreachable'],
    ['connect timeout', new Error('timeout expired'), 69, 'pg.unreachable'],
    ['connection lost', new Error('Connection terminated unexpectedly'), 69, 'pg.unreachable'],
    ['server starting up', pgError('57P03', 'the database system is starting up'), 69, 'pg.unreachable'],
    ['server shutting down', pgError('57P01', 'terminating connection due to administrator command'), 69, 'pg.unreachable'],
    ['connection exception class 08', pgError('08006'), 69, 'pg.unreachable'],
    ['no such database', pgError('3D000', 'database "leadq" does not exist'), 69, 'pg.noDatabase'],
    ['no TLS where sslmode requires it', new Error('The server does not support SSL connections'), 69, 'pg.tlsRefused'],
    ['wrong password', pgError('28P01', 'password authentication failed for user "rep"'), 77, 'pg.authRefused'],
    ['pg_hba.conf refuses', pgError('28000', 'no pg_hba.conf entry for host'), 77, 'pg.authRefused'],
    ['no privilege', pgError('42501', 'permission denied for table leads'), 77, 'pg.permission'],
    ['certificate not trusted', pgError('SELF_SIGNED_CERT_IN_CHAIN', 'self-signed certificate in certificate chain'), 77, 'pg.tlsUntrusted'],
    ['host name not in the certificate', pgError('ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames"), 77, 'pg.tlsUntrusted'],
    ['serialization failure (retries spent)', pgError('40001'), 75, 'pg.busy'],
    ['deadlock (retries spent)', pgError('40P01'), 75, 'pg.busy'],
    ['lock timeout', pgError('55P03', 'canceling statement due to lock timeout'), 75, 'pg.busy'],
    ['too many connections (retries spent)', pgError('53300', 'sorry, too many clients already'), 75, 'pg.busy'],
    ['read-only standby', pgError('25006', 'cannot execute INSERT in a read-only transaction'), 73, 'pg.cantWrite'],
    ['disk full', pgError('53100', 'could not extend file'), 73, 'pg.cantWrite'],
    ['NUL in text', pgError('22021', 'invalid byte sequence for encoding "UTF8": 0x00'), 65, 'pg.badText'],
  ])('%s', (_what, err, exit, key) => {
    const mapped = classifyPgError(err, CTX);
    expect(mapped).toBeInstanceOf(PgStoreError);
    expect(mapped?.exitCode).toBe(exit);
    expect(mapped?.key).toBe(key);
    expect(mapped?.hintKey).toBeDefined();
  });

  it('leaves anything else to the shell as a bug', () => {
    expect(classifyPgError(pgError('42P01', 'relation "x" does not exist'), CTX)).toBeUndefined();
    expect(classifyPgError(new TypeError('x is not a function'), CTX)).toBeUndefined();
  });

  it('names the server only by its URL without password', () => {
    expect(classifyPgError(pgError('28P01'), CTX)?.params.server).toBe(CTX.server);
  });

  it('retries exactly serialization failures, deadlocks, lock timeouts and connection bursts', () => {
    expect(['40001', '40P01', '55P03', '53300'].every((c) => isRetryable(pgError(c)))).toBe(true);
    expect(['23505', '28P01', '42501', '57P03', ''].some((c) => isRetryable(pgError(c)))).toBe(false);
  });
});

/** A clock that only moves when the code under test sleeps (or an attempt takes time). */
function fakeClock(random = 0.5): RetryClock & { slept: number[]; advance: (ms: number) => void } {
  let now = 1_000_000;
  const slept: number[] = [];
  return {
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
    random: () => random,
    slept,
    advance: (ms) => {
      now += ms;
    },
  };
}

describe('withRetry: within the busy timeout, then exit 75', () => {
  it('runs the attempt again after a serialization failure and returns its result', async () => {
    const clock = fakeClock();
    let calls = 0;
    const result = await withRetry(5000, async () => {
      calls++;
      if (calls < 3) throw pgError('40001');
      return 'saved';
    }, clock);
    expect(result).toBe('saved');
    expect(calls).toBe(3);
    expect(clock.slept).toEqual([5, 10]);
  });

  it('gives up with exit 75 once the busy timeout has passed', async () => {
    const clock = fakeClock();
    let calls = 0;
    const failing = withRetry(200, async () => {
      calls++;
      clock.advance(30); // each attempt waits on a lock for a while
      throw pgError('40P01');
    }, clock);
    await expect(failing).rejects.toMatchObject({ exitCode: 75, key: 'pg.busy' });
    expect(calls).toBeGreaterThan(2);
    expect(clock.slept.reduce((a, b) => a + b, 0) + calls * 30).toBeLessThanOrEqual(200 + 30);
  });

  it('passes the deadline to the attempt (for lock_timeout)', async () => {
    const clock = fakeClock();
    const deadline = await withRetry(1234, async (d) => d, clock);
    expect(deadline).toBe(clock.now() + 1234);
  });

  it('throws any other failure at once, untouched', async () => {
    const clock = fakeClock();
    const unique = pgError('23505', 'duplicate key value violates unique constraint');
    await expect(withRetry(5000, async () => Promise.reject(unique), clock)).rejects.toBe(unique);
    expect(clock.slept).toEqual([]);
  });

  it('backoff: never negative, never past the deadline, ceiling doubling up to 250 ms (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 10_000 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (attempt, remaining, random) => {
        const ms = backoffMs(attempt, remaining, random);
        expect(ms).toBeGreaterThanOrEqual(0);
        expect(ms).toBeLessThanOrEqual(Math.min(remaining, 250));
        expect(ms).toBeLessThanOrEqual(10 * 2 ** (attempt - 1));
      }),
    );
  });
});

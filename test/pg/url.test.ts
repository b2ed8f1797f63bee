import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PgStoreError } from '../../src/store/postgres/errors.js';
import { isPgUrl, parsePgUrl, redactPgUrl, type PgTarget } from '../../src/store/postgres/url.js';

const NO_ENV = {};

function parse(url: string, env: NodeJS.ProcessEnv = NO_ENV): PgTarget {
  return parsePgUrl(url, env, 'rep');
}

function refusal(fn: () => unknown): PgStoreError {
  try {
    fn();
  } catch (err) {
    if (err instanceof PgStoreError) return err;
    throw err;
  }
  throw new Error('not refused');
}

describe('isPgUrl', () => {
  it.each([
    ['postgres://h/db', true],
    ['postgresql://h/db', true],
    ['PostgreSQL://u:pw@h/db', true],
    ['postgresql:///db', true],
    ['./leadq.db', false],
    ['/tmp/postgres://x', false],
    ['postgresql:/h/db', false],
    ['mysql://h/db', false],
  ])('%s → %s', (url, expected) => {
    expect(isPgUrl(url)).toBe(expected);
  });
});

describe('parsePgUrl', () => {
  it('reads every part of a full URL, percent-decoded', () => {
    const t = parse('postgresql://al%40ice:p%40ss%3Aw%2Frd@db.example.com:6543/lead%20q?sslmode=verify-full&application_name=cron&connect_timeout=3');
    expect(t).toMatchObject({
      host: 'db.example.com',
      port: 6543,
      user: 'al@ice',
      password: 'p@ss:w/rd',
      database: 'lead q',
      sslmode: 'verify-full',
      applicationName: 'cron',
      connectTimeoutSeconds: 3,
    });
  });

  it('falls back on PG* variables, then on libpq defaults', () => {
    expect(parse('postgresql://')).toMatchObject({ host: 'localhost', port: 5432, user: 'rep', database: 'rep', password: undefined, sslmode: 'prefer', connectTimeoutSeconds: 10 });
    const env = { PGHOST: 'pg.internal', PGPORT: '5433', PGUSER: 'sales', PGDATABASE: 'team', PGPASSWORD: 'from-env', PGSSLMODE: 'require', PGCONNECT_TIMEOUT: '7', PGAPPNAME: 'x' };
    expect(parse('postgres://', env)).toMatchObject({ host: 'pg.internal', port: 5433, user: 'sales', database: 'team', password: 'from-env', sslmode: 'require', connectTimeoutSeconds: 7, applicationName: 'x' });
    // The URL wins over the environment; an empty password in the URL is a password.
    expect(parse('postgres://bob:@h:1/d?sslmode=disable', env)).toMatchObject({ host: 'h', port: 1, user: 'bob', database: 'd', password: '', sslmode: 'disable' });
  });

  it('lets query parameters override the URL parts, as libpq does', () => {
    expect(parse('postgresql://u@h/d?host=%2Fvar%2Frun%2Fpostgresql&port=5544&dbname=other&user=v&password=q')).toMatchObject({
      host: '/var/run/postgresql',
      port: 5544,
      database: 'other',
      user: 'v',
      password: 'q',
    });
    expect(parse('postgresql://%2Ftmp%2Fsock/d').host).toBe('/tmp/sock');
  });

  it('reads IPv6 hosts and passwords with an unencoded @', () => {
    expect(parse('postgresql://u:pw@[::1]:5433/d')).toMatchObject({ host: '::1', port: 5433 });
    expect(parse('postgresql://u:p@ss@host/d')).toMatchObject({ user: 'u', password: 'p@ss', host: 'host' });
  });

  it.each([
    ['postgresql://h/d?sslmode=sometimes', 'sslmode'],
    ['postgresql://h:99999/d', 'port'],
    ['postgresql://h:abc/d', 'port'],
    ['postgresql://h/d?colour=blue', 'colour'],
    ['postgresql://h1,h2/d', 'several hosts'],
    ['postgresql://h/d?connect_timeout=soon', 'connect_timeout'],
    ['postgresql://u:pw%zz@h/d', '%'],
    ['postgresql://h/d?sslmode', '?'],
  ])('refuses %s with exit 64 naming %s', (url, named) => {
    const err = refusal(() => parse(url));
    expect(err.exitCode).toBe(64);
    expect(err.key).toBe('pg.badUrl');
    expect(String(err.params.reason)).toContain(named);
  });

  it('never puts the password in the message of a refused URL', () => {
    for (const url of ['postgresql://u:hunter22@h/d?colour=blue', 'postgresql://u:hunter22@h:x/d', 'postgresql://u:hunter22%zz@h/d', 'postgresql://u:hunter22/x@h/d']) {
      const err = refusal(() => parse(url));
      expect(JSON.stringify(err.params)).not.toContain('hunter22');
    }
  });
});

describe('redactPgUrl', () => {
  it.each([
    ['postgresql://alice:s3cret@db:5432/leadq', 'postgresql://alice@db:5432/leadq'],
    ['postgres://alice:p%40ss%2Fw%3Ard@db/leadq', 'postgres://alice@db/leadq'],
    ['postgresql://alice@db/leadq', 'postgresql://alice@db/leadq'],
    ['postgresql://alice:@db/leadq', 'postgresql://alice@db/leadq'],
    ['postgresql://:s3cret@db/leadq', 'postgresql://db/leadq'],
    ['postgresql://db/leadq?password=s3cret&sslmode=require', 'postgresql://db/leadq?sslmode=require'],
    ['postgresql://db/leadq?sslmode=require&PASSWORD=s3cret&sslpassword=k3y', 'postgresql://db/leadq?sslmode=require'],
    ['postgresql://db/leadq?pass%77ord=s3cret', 'postgresql://db/leadq'],
    ['postgresql://u:s3cret@[::1]:5433/d', 'postgresql://u@[::1]:5433/d'],
    ['postgresql://u:p@ss@host/d', 'postgresql://u@host/d'],
    ['postgresql://db?password=s3cret', 'postgresql://db'],
    ['postgresql://', 'postgresql://'],
    // Unparseable: only the scheme is shown.
    ['postgresql://u:s3cret%zz@h/d', 'postgresql://…'],
    ['postgresql://u:s3/cret@h/d', 'postgresql://…'],
    ['postgresql://u:s3?cret@h/d', 'postgresql://…'],
    // A password that would read as a port and a path, or a port and a parameter, if the '@' after it were ignored.
    ['postgresql://u:5432/x@h/d', 'postgresql://…'],
    ['postgresql://u:5432?application_name=x@h/d', 'postgresql://…'],
    ['postgresql://h/d?password=s3&cret', 'postgresql://…'],
    // Not a URL: a file name, printed as it is.
    ['/home/rep/.local/share/leadq/leadq.db', '/home/rep/.local/share/leadq/leadq.db'],
  ])('%s → %s', (url, expected) => {
    expect(redactPgUrl(url)).toBe(expected);
  });

  // Any password, percent-encoded or typed raw, in the user info or as a parameter: never printed.
  const SKELETON = 'postgresql://rep@db.example.com:5432/leadq?sslmode=require';
  const secret = fc.string({ minLength: 4, maxLength: 24, unit: 'grapheme' }).filter((p) => !SKELETON.includes(p) && p.trim().length >= 4);

  it('never prints a percent-encoded password (property)', () => {
    fc.assert(
      fc.property(secret, fc.boolean(), (password, asParam) => {
        const url = asParam
          ? `postgresql://rep@db.example.com:5432/leadq?sslmode=require&password=${encodeURIComponent(password)}`
          : `postgresql://rep:${encodeURIComponent(password)}@db.example.com:5432/leadq?sslmode=require`;
        const shown = redactPgUrl(url);
        expect(shown).toBe(SKELETON);
      }),
    );
  });

  it('never prints a raw (unencoded) password, whatever it holds (property)', () => {
    fc.assert(
      fc.property(secret, (password) => {
        const shown = redactPgUrl(`postgresql://rep:${password}@db.example.com:5432/leadq`);
        expect(shown).not.toContain(password);
        expect(shown).not.toContain(encodeURIComponent(password));
      }),
    );
  });
});

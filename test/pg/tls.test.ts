import { describe, expect, it } from 'vitest';
import { tlsPlan, type ReadFile } from '../../src/store/postgres/tls.js';
import { parsePgUrl } from '../../src/store/postgres/url.js';

const HOME = '/home/rep';
const FILES: Record<string, string> = {
  '/etc/leadq/ca.pem': 'CA-PEM',
  '/home/rep/.postgresql/root.crt': 'HOME-CA',
};
const read: ReadFile = (path) => FILES[path];
const plan = (query: string, files: ReadFile = read) => tlsPlan(parsePgUrl(`postgresql://rep@db.example.com/leadq${query}`, {}, 'rep'), HOME, files);
const NO_TLS = new Error('The server does not support SSL connections');
const HBA_NEEDS_SSL = Object.assign(new Error('no pg_hba.conf entry for host "10.0.0.5", user "rep", database "leadq", no encryption'), { code: '28000' });

describe('tlsPlan (libpq sslmode)', () => {
  it('disable: plain TCP only', () => {
    const p = plan('?sslmode=disable');
    expect(p.attempts).toEqual([false]);
  });

  it('allow: plain first, TLS when the server refuses plain connections', () => {
    const p = plan('?sslmode=allow');
    expect(p.attempts).toEqual([false, { rejectUnauthorized: false }]);
    expect(p.fallBackOn(HBA_NEEDS_SSL)).toBe(true);
    expect(p.fallBackOn(NO_TLS)).toBe(false);
  });

  it('prefer (the default): TLS unchecked first, plain when the server has no TLS, never after a refused login', () => {
    for (const p of [plan(''), plan('?sslmode=prefer')]) {
      expect(p.attempts).toEqual([{ rejectUnauthorized: false }, false]);
      expect(p.fallBackOn(NO_TLS)).toBe(true);
      expect(p.fallBackOn(Object.assign(new Error('password authentication failed'), { code: '28P01' }))).toBe(false);
      // libpq's prefer also goes plain when TLS cannot be set up, or when pg_hba.conf refuses the login over TLS.
      expect(p.fallBackOn(HBA_NEEDS_SSL)).toBe(true);
      expect(p.fallBackOn(Object.assign(new Error('alert'), { code: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION' }))).toBe(true);
      expect(p.fallBackOn(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }))).toBe(false);
    }
  });

  it('require: TLS, certificate unchecked; with sslrootcert checked as verify-ca', () => {
    expect(plan('?sslmode=require').attempts).toEqual([{ rejectUnauthorized: false }]);
    const [withCa] = plan('?sslmode=require&sslrootcert=%2Fetc%2Fleadq%2Fca.pem').attempts;
    expect(withCa).toMatchObject({ rejectUnauthorized: true, ca: 'CA-PEM' });
    expect(withCa && typeof withCa.checkServerIdentity).toBe('function');
  });

  it('verify-ca: the chain against the CA (~/.postgresql/root.crt by default), not the host name', () => {
    const [choice] = plan('?sslmode=verify-ca').attempts;
    expect(choice).toMatchObject({ rejectUnauthorized: true, ca: 'HOME-CA' });
    expect(choice && choice.checkServerIdentity?.('other.host', {} as never)).toBeUndefined();
  });

  it('verify-full: the chain and the host name; sslrootcert=system trusts Node’s CAs', () => {
    const [choice] = plan('?sslmode=verify-full&sslrootcert=%2Fetc%2Fleadq%2Fca.pem').attempts;
    expect(choice).toEqual({ rejectUnauthorized: true, ca: 'CA-PEM' });
    const [system] = plan('?sslmode=verify-full&sslrootcert=system').attempts;
    expect(system).toEqual({ rejectUnauthorized: true });
  });

  it('verify-full without any CA file checks against nothing (so the connection is refused, never trusted)', () => {
    const [choice] = plan('?sslmode=verify-full', () => undefined).attempts;
    expect(choice).toEqual({ rejectUnauthorized: true, ca: '' });
  });

  it('sends a client certificate when both files are there', () => {
    const files: ReadFile = (path) => ({ '/c.crt': 'CERT', '/c.key': 'KEY' })[path];
    expect(plan('?sslmode=require&sslcert=%2Fc.crt&sslkey=%2Fc.key', files).attempts[0]).toEqual({ cert: 'CERT', key: 'KEY', rejectUnauthorized: false });
    expect(plan('?sslmode=require&sslcert=%2Fc.crt&sslkey=%2Fmissing.key', files).attempts[0]).toEqual({ rejectUnauthorized: false });
  });

  it('a Unix socket never uses TLS, whatever sslmode says', () => {
    const p = tlsPlan(parsePgUrl('postgresql://%2Fvar%2Frun%2Fpostgresql/leadq?sslmode=verify-full', {}, 'rep'), HOME, read);
    expect(p.attempts).toEqual([false]);
  });
});

import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pgpassPassword, readPgpass } from '../../src/store/postgres/pgpass.js';
import { parsePgUrl } from '../../src/store/postgres/url.js';

const FILE = [
  '# team server',
  'db.example.com:5432:leadq:alice:first\\:match',
  'db.example.com:5432:leadq:alice:second',
  'db.example.com:*:*:bob:bob-any',
  'localhost:5432:leadq:carol:socket-pw',
  'other\\:host:5432:*:*:escaped-host',
  'short:line',
  '*:*:*:*:fallback\\\\pw',
].join('\n');

const target = (host: string, user: string, port = 5432, database = 'leadq') => ({ host, port, database, user });

describe('pgpassPassword', () => {
  it.each([
    ['the first matching line wins; \\: unescaped', target('db.example.com', 'alice'), 'first:match'],
    ['* matches any port and database', target('db.example.com', 'bob', 6000, 'x'), 'bob-any'],
    ['a Unix socket matches localhost', target('/var/run/postgresql', 'carol'), 'socket-pw'],
    ['an escaped colon in the host field', target('other:host', 'zed'), 'escaped-host'],
    ['the catch-all line last; \\\\ unescaped', target('elsewhere', 'dan'), 'fallback\\pw'],
  ])('%s', (_why, t, expected) => {
    expect(pgpassPassword(FILE, t)).toBe(expected);
  });

  it('gives nothing when no line matches', () => {
    expect(pgpassPassword('db:5432:leadq:alice:x\n', target('db', 'bob'))).toBeUndefined();
  });
});

describe('readPgpass', () => {
  const home = mkdtempSync(join(tmpdir(), 'leadq-pgpass-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));
  const t = parsePgUrl('postgresql://alice@db.example.com/leadq', {}, 'alice');

  it('reads ~/.pgpass when it is private (0600)', () => {
    writeFileSync(join(home, '.pgpass'), 'db.example.com:5432:leadq:alice:from-file\n', { mode: 0o600 });
    chmodSync(join(home, '.pgpass'), 0o600);
    expect(readPgpass(t, home)).toBe('from-file');
  });

  it('ignores it when group or others may read it, as libpq does', () => {
    chmodSync(join(home, '.pgpass'), 0o644);
    expect(readPgpass(t, home)).toBeUndefined();
  });

  it('reads the file passfile= / PGPASSFILE names instead', () => {
    const other = join(home, 'team.pgpass');
    writeFileSync(other, '*:*:*:alice:from-passfile\n', { mode: 0o600 });
    expect(readPgpass(parsePgUrl(`postgresql://alice@db.example.com/leadq?passfile=${encodeURIComponent(other)}`, {}, 'x'), home)).toBe('from-passfile');
    expect(readPgpass(parsePgUrl('postgresql://alice@db.example.com/leadq', { PGPASSFILE: other }, 'x'), home)).toBe('from-passfile');
  });

  it('gives nothing when there is no file', () => {
    expect(readPgpass(t, join(home, 'nowhere'))).toBeUndefined();
  });
});

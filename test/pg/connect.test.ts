// Connecting to a real server: passwords from the URL, PGPASSWORD or ~/.pgpass, each failure with its exit code and
// never with the password; sslmode against a server with and without TLS; transactions retried on conflicts and
// given up (75) past the busy timeout; readers never waiting on writers.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { closePg, connectPg, pgQuery, pgTransaction, type ConnectOptions, type PgConnection } from '../../src/store/postgres/client.js';
import { openPgStore } from '../../src/store/postgres/schema.js';
import { startCluster, type Cluster } from './cluster.mjs';
import { describePg, freshDatabase, refusal } from './helpers.js';

const TLS = fileURLToPath(new URL('./fixtures/tls/', import.meta.url));
const PASSWORD = 'leadq-test';


/** A TCP proxy in front of url's server that counts the connections made through it; url: the server's URL through it. */
async function countingProxy(url: string): Promise<{ url: string; connections: () => number; close: () => Promise<void> }> {
  const target = new URL(url);
  let count = 0;
  const open = new Set<Socket>();
  const server = createServer((client) => {
    count++;
    const upstream = createConnection({ host: target.hostname, port: Number(target.port) });
    for (const s of [client, upstream]) {
      open.add(s);
      s.on('error', () => undefined);
      s.on('close', () => open.delete(s));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const through = new URL(url);
  through.port = String((server.address() as { port: number }).port);
  return {
    url: through.toString(),
    connections: () => count,
    close: async () => {
      for (const s of open) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A URL without its password, and options with an empty home (no ~/.pgpass) and no PG* variables. */
function bare(url: string): { url: string; options: ConnectOptions; home: string } {
  const u = new URL(url);
  u.password = '';
  const home = mkdtempSync(join(tmpdir(), 'leadq-pghome-'));
  return { url: u.toString(), options: { env: {}, home }, home };
}

describePg('connecting', () => {
  let url = '';
  let drop: () => Promise<void> = async () => undefined;
  const homes: string[] = [];
  beforeAll(async () => {
    ({ url, drop } = await freshDatabase());
  });
  afterAll(async () => {
    await drop();
    for (const home of homes) rmSync(home, { recursive: true, force: true });
  });

  it('takes the password from the URL, PGPASSWORD, or a private ~/.pgpass', async () => {
    const b = bare(url);
    homes.push(b.home);
    await closePg(await connectPg(url, { env: {}, home: b.home }));
    await closePg(await connectPg(b.url, { env: { PGPASSWORD: PASSWORD }, home: b.home }));
    const u = new URL(url);
    writeFileSync(join(b.home, '.pgpass'), `127.0.0.1:${u.port}:*:leadq:${PASSWORD}\n`, { mode: 0o600 });
    await closePg(await connectPg(b.url, b.options));
  });

  it('a wrong password is 77, and the message never holds it', async () => {
    const u = new URL(url);
    u.password = 'not-the-password-42';
    const err = await refusal(connectPg(u.toString(), { env: {} }));
    expect(err).toMatchObject({ exitCode: 77, key: 'pg.authRefused', hintKey: 'pg.hintAuth', params: { user: 'leadq' } });
    expect(JSON.stringify(err)).not.toContain('not-the-password-42');
    expect(String(err.params.server)).not.toContain('not-the-password-42');
  });

  it('no password anywhere is 77 with the hint to set PGPASSWORD or ~/.pgpass', async () => {
    const b = bare(url);
    homes.push(b.home);
    expect(await refusal(connectPg(b.url, b.options))).toMatchObject({ exitCode: 77, key: 'pg.noPassword', hintKey: 'pg.hintNoPassword' });
  });

  it('a port with no server is 69', async () => {
    const u = new URL(url);
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    u.port = String((probe.address() as { port: number }).port);
    await new Promise((resolve) => probe.close(resolve));
    expect(await refusal(connectPg(u.toString(), { env: {} }))).toMatchObject({ exitCode: 69, key: 'pg.unreachable', hintKey: 'pg.hintUnreachable' });
  });

  it('a server that never answers is 69 after connect_timeout', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((s) => sockets.push(s));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const port = (silent.address() as { port: number }).port;
      const started = Date.now();
      const err = await refusal(connectPg(`postgresql://leadq@127.0.0.1:${port}/leadq?connect_timeout=1&sslmode=disable`, { env: {} }));
      expect(err).toMatchObject({ exitCode: 69, key: 'pg.unreachable' });
      expect(String(err.params.reason)).toContain('1 s');
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('sslmode=prefer (the default) falls back to plain TCP on a server without TLS; require refuses with 69', async () => {
    await closePg(await connectPg(url, { env: {} }));
    const err = await refusal(connectPg(`${url}?sslmode=require`, { env: {} }));
    expect(err).toMatchObject({ exitCode: 69, key: 'pg.tlsRefused', params: { mode: 'require' } });
  });

  it('sslmode=prefer asks for TLS and, on a server without it, goes on over the same connection (as libpq does)', async () => {
    const proxy = await countingProxy(url);
    try {
      const conn = await connectPg(proxy.url, { env: {} });
      const [row] = await pgQuery<{ ssl: boolean }>(conn, 'SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
      await closePg(conn);
      expect(row?.ssl).toBe(false);
      expect(proxy.connections()).toBe(1);
    } finally {
      await proxy.close();
    }
  });

  // Servers that misbehave while sslmode=prefer asks for TLS: each is 69, within connect_timeout (one limit for the
  // whole login), and never a crash or a hang.
  it.each<[string, (s: Socket) => void, number, number, string?]>([
    ['never answers', () => undefined, 1, 2500, '1 s'],
    ['answers neither S nor N', (s) => s.once('data', () => s.write('X')), 3, 2000, 'did not answer the TLS request'],
    ['closes the connection at once', (s) => s.end(), 3, 2000],
    ['closes it after the question', (s) => s.once('data', () => s.end()), 3, 2000],
    ['resets it after the question', (s) => s.once('data', () => s.resetAndDestroy()), 3, 2000],
    ['says S, then speaks no TLS', (s) => s.once('data', () => s.write('S', () => s.once('data', () => s.write('garbage that is not TLS\n')))), 3, 2000, 'did not answer the TLS request'],
    ['says N late, then nothing', (s) => s.once('data', () => setTimeout(() => s.write('N'), 1200)), 2, 2900, '2 s'],
  ])('a server that %s is 69', async (_what, behave, timeoutSeconds, withinMs, reason) => {
    const sockets: Socket[] = [];
    const odd: Server = createServer((s) => {
      sockets.push(s);
      s.on('error', () => undefined);
      behave(s);
    });
    await new Promise<void>((resolve) => odd.listen(0, '127.0.0.1', resolve));
    try {
      const port = (odd.address() as { port: number }).port;
      const started = Date.now();
      const err = await refusal(connectPg(`postgresql://leadq:pw@127.0.0.1:${port}/leadq?connect_timeout=${timeoutSeconds}`, { env: {} }));
      expect(err).toMatchObject({ exitCode: 69 });
      if (reason !== undefined) expect(String(err.params.reason)).toContain(reason);
      expect(Date.now() - started).toBeLessThan(withinMs);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => odd.close(resolve));
    }
  });

  it('connect_timeout=0 waits as long as it takes (sslmode=prefer too)', async () => {
    const conn = await connectPg(`${url}?connect_timeout=0`, { env: {} });
    expect(await pgQuery<{ one: number }>(conn, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await closePg(conn);
  });

  it('closing sends Terminate: the server ends the session, and the socket keeps the process no longer', async () => {
    const conn = await connectPg(url, { env: {} });
    const [{ pid } = { pid: 0 }] = await pgQuery<{ pid: number }>(conn, 'SELECT pg_backend_pid() AS pid');
    const stream = (conn.client as unknown as { connection: { stream: Socket & { _handle?: { hasRef?: () => boolean } } } }).connection.stream;
    await closePg(conn);
    expect(stream._handle?.hasRef?.() ?? false).toBe(false);
    const watcher = await connectPg(url, { env: {} });
    try {
      let alive = true;
      for (let i = 0; i < 100 && alive; i++) {
        alive = (await pgQuery(watcher, 'SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid])).length > 0;
        if (alive) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(alive).toBe(false);
    } finally {
      await closePg(watcher);
    }
  });
});

describePg('transactions', () => {
  let url = '';
  let drop: () => Promise<void> = async () => undefined;
  const open: PgConnection[] = [];
  const connect = async (busyTimeoutMs: number) => {
    const conn = await openPgStore(url, { env: {}, busyTimeoutMs });
    open.push(conn);
    return conn;
  };
  beforeAll(async () => {
    ({ url, drop } = await freshDatabase());
    const conn = await connect(5000);
    await pgQuery(conn, "INSERT INTO leads (company, company_key, created_at, updated_at) VALUES ('Acme', 'acme', 'x', 'x')");
    await pgQuery(conn, 'CREATE TABLE tally (n integer)');
  });
  afterAll(async () => {
    for (const conn of open) await closePg(conn);
    await drop();
  });

  it('a serialization conflict is run again and both writers succeed (nothing lost)', async () => {
    const [a, b] = [await connect(5000), await connect(5000)];
    let attempts = 0;
    let arrived = 0;
    let release: () => void = () => undefined;
    const bothRead = new Promise<void>((resolve) => (release = resolve));
    // Each writer counts the rows, waits until the other has counted too (first attempts only), then adds one:
    // under SERIALIZABLE one of them must fail with 40001 and run again, seeing the other's row.
    const writer = (conn: PgConnection) =>
      pgTransaction(conn, 'write', async (c) => {
        attempts++;
        const [row] = await pgQuery<{ n: number }>(c, 'SELECT count(*) AS n FROM tally');
        if (attempts <= 2 && ++arrived === 2) release();
        if (attempts <= 2) await bothRead;
        await pgQuery(c, 'INSERT INTO tally (n) VALUES ($1)', [row?.n ?? -1]);
      });
    await Promise.all([writer(a), writer(b)]);
    expect(attempts).toBe(3);
    expect((await pgQuery<{ n: number }>(a, 'SELECT n FROM tally ORDER BY n')).map((r) => r.n)).toEqual([0, 1]);
  });

  it('a lock held past the busy timeout is 75, soon after the timeout; a reader never waits', async () => {
    const holder = await connect(5000);
    const writer = await connect(300);
    const reader = await connect(300);
    await holder.client.query('BEGIN');
    await holder.client.query('SELECT id FROM leads FOR UPDATE');
    try {
      const started = Date.now();
      const err = await refusal(pgTransaction(writer, 'write', (c) => pgQuery(c, "UPDATE leads SET notes = 'mine'")));
      const took = Date.now() - started;
      expect(err).toMatchObject({ exitCode: 75, key: 'pg.busy', hintKey: 'pg.hintBusy' });
      expect(took).toBeGreaterThanOrEqual(250);
      expect(took).toBeLessThan(3000);
      const readStarted = Date.now();
      expect(await pgTransaction(reader, 'read', (c) => pgQuery(c, 'SELECT company FROM leads'))).toEqual([{ company: 'Acme' }]);
      expect(Date.now() - readStarted).toBeLessThan(1000);
    } finally {
      await holder.client.query('ROLLBACK');
    }
  });
});

describePg('TLS (a server with ssl on)', () => {
  let cluster: Cluster | undefined;
  beforeAll(async () => {
    cluster = await startCluster({ ssl: { cert: readFileSync(join(TLS, 'server.crt'), 'utf8'), key: readFileSync(join(TLS, 'server.key'), 'utf8') } });
  }, 60_000);
  afterAll(() => cluster?.stop());

  const withMode = (query: string, host = '127.0.0.1') => {
    const u = new URL(cluster?.url ?? '');
    u.hostname = host;
    return `${u.toString()}${query}`;
  };
  const usesTls = async (url: string) => {
    const conn = await connectPg(url, { env: {}, home: '/nonexistent' });
    try {
      const [row] = await pgQuery<{ ssl: boolean }>(conn, 'SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
      return row?.ssl;
    } finally {
      await closePg(conn);
    }
  };
  const ca = (file: string) => encodeURIComponent(join(TLS, file));

  it('prefer takes TLS on the connection that asked for it (one connection)', async () => {
    const proxy = await countingProxy(withMode(''));
    try {
      expect(await usesTls(proxy.url)).toBe(true);
      expect(proxy.connections()).toBe(1);
    } finally {
      await proxy.close();
    }
  });

  it.each([
    ['prefer (the default)', '', true],
    ['require', '?sslmode=require', true],
    ['disable', '?sslmode=disable', false],
    ['allow (plain first, and the server takes it)', '?sslmode=allow', false],
    ['verify-ca with the CA', `?sslmode=verify-ca&sslrootcert=${ca('ca.crt')}`, true],
    ['verify-full with the CA, by IP address', `?sslmode=verify-full&sslrootcert=${ca('ca.crt')}`, true],
  ])('%s', async (_what, query, tls) => {
    expect(await usesTls(withMode(query))).toBe(tls);
  });

  it('verify-full by host name matches the certificate', async () => {
    expect(await usesTls(withMode(`?sslmode=verify-full&sslrootcert=${ca('ca.crt')}`, 'localhost'))).toBe(true);
  });

  it('a certificate from another CA is refused with 77 (verify-full, verify-ca, and require with sslrootcert)', async () => {
    for (const mode of ['verify-full', 'verify-ca', 'require']) {
      const err = await refusal(connectPg(withMode(`?sslmode=${mode}&sslrootcert=${ca('other-ca.crt')}`), { env: {}, home: '/nonexistent' }));
      expect(err).toMatchObject({ exitCode: 77, key: 'pg.tlsUntrusted', hintKey: 'pg.hintTlsUntrusted' });
    }
  });

  it('prefer takes plain TCP when the server refuses the login over TLS (pg_hba.conf hostnossl), as libpq does', async () => {
    const admin = await connectPg(withMode('?sslmode=disable'), { env: {} });
    const [{ hba = '' } = {}] = await pgQuery<{ hba: string }>(admin, "SELECT current_setting('hba_file') AS hba");
    const [{ original = '' } = {}] = await pgQuery<{ original: string }>(admin, 'SELECT pg_read_file($1) AS original', [hba]);
    // One line a row (COPY's text format would escape a newline inside a value); tabs are spaces to pg_hba.conf.
    const write = async (text: string) => {
      const lines = text.replace(/\t/g, ' ').split('\n').map((line) => `$q$${line}$q$`);
      await pgQuery(admin, `COPY (SELECT unnest(ARRAY[${lines.join(', ')}]::text[])) TO '${hba}'`);
      await pgQuery(admin, 'SELECT pg_reload_conf()');
      await new Promise((resolve) => setTimeout(resolve, 300));
    };
    try {
      await write('local all all trust\nhostnossl all all 127.0.0.1/32 scram-sha-256');
      expect(await usesTls(withMode(''))).toBe(false);
      const err = await refusal(connectPg(withMode('?sslmode=require'), { env: {}, home: '/nonexistent' }));
      expect(err).toMatchObject({ exitCode: 77, key: 'pg.authRefused' });
    } finally {
      await write(original.replace(/\n$/, ''));
      await closePg(admin);
    }
  });
});

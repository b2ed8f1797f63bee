// A private PostgreSQL cluster for tests and benchmarks: initdb in a temp folder as a non-root user, listening on
// loopback only, password (scram) auth over TCP. Start it with startCluster(); stop() removes everything.
// Node's own APIs only, so vitest's globalSetup, the benchmarks and .ci/run can all use it.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

/** The folder with initdb/pg_ctl: $LEADQ_PG_BIN, else the newest /usr/lib/postgresql/N/bin, else pg_config --bindir. */
export function findPgBin(env = process.env) {
  if (env.LEADQ_PG_BIN) return existsSync(join(env.LEADQ_PG_BIN, 'initdb')) ? env.LEADQ_PG_BIN : undefined;
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) if (existsSync(join(root, v, 'bin', 'initdb'))) return join(root, v, 'bin');
  }
  const r = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  const dir = r.status === 0 ? r.stdout.trim() : '';
  return dir !== '' && existsSync(join(dir, 'initdb')) ? dir : undefined;
}

/** A free TCP port on loopback. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The uid/gid the server runs as: ourselves, or (PostgreSQL refuses root) the postgres or nobody account. */
function serverAccount() {
  const me = userInfo();
  if (me.uid !== 0) return { user: me.username, uid: me.uid, gid: me.gid, asRoot: false };
  for (const name of ['postgres', 'nobody']) {
    const r = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    if (r.status === 0) {
      const gid = Number(spawnSync('id', ['-g', name], { encoding: 'utf8' }).stdout.trim());
      return { user: name, uid: Number(r.stdout.trim()), gid, asRoot: true };
    }
  }
  throw new Error('running as root and there is no postgres or nobody account to run the server as');
}

/**
 * Starts a throw-away cluster. Returns { url, adminUrl, port, dir, bin, stop }: url is the database `leadq` owned by
 * the superuser `leadq` (password `leadq-test`); stop() shuts it down and removes its folder. options.ssl = { cert, key }
 * (PEM text) turns TLS on with that server certificate.
 */
export async function startCluster(options = {}) {
  const bin = options.bin ?? findPgBin();
  if (bin === undefined) throw new Error('no PostgreSQL server binaries (initdb) found; set LEADQ_PG_BIN');
  const account = serverAccount();
  const dir = mkdtempSync(join(tmpdir(), 'leadq-pg-'));
  const password = 'leadq-test';
  writeFileSync(join(dir, 'pw'), `${password}\n`);
  if (account.asRoot) {
    chownSync(dir, account.uid, account.gid);
    chownSync(join(dir, 'pw'), account.uid, account.gid);
  }
  chmodSync(dir, 0o700);
  const run = (tool, args) => runTool(bin, account, tool, args);
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-U', 'leadq', '--auth-local=trust', '--auth-host=scram-sha-256', `--pwfile=${join(dir, 'pw')}`, '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  const port = options.port ?? (await freePort());
  // fsync off: a test cluster need not survive a power cut, and the machine is shared.
  let serverOptions = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  if (options.ssl !== undefined) {
    // The server reads its key only when it is its own and private (0600).
    for (const [name, pem] of [['server.crt', options.ssl.cert], ['server.key', options.ssl.key]]) {
      writeFileSync(join(dir, name), pem, { mode: 0o600 });
      if (account.asRoot) chownSync(join(dir, name), account.uid, account.gid);
    }
    serverOptions += ` -c ssl=on -c ssl_cert_file=${join(dir, 'server.crt')} -c ssl_key_file=${join(dir, 'server.key')}`;
  }
  run('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o', serverOptions, 'start']);
  const stop = () => stopCluster({ dir, bin });
  try {
    run('psql', ['-h', dir, '-p', String(port), '-U', 'leadq', '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-qc', 'CREATE DATABASE leadq']);
  } catch (err) {
    stop();
    throw err;
  }
  const base = `postgresql://leadq:${password}@127.0.0.1:${port}`;
  return { url: `${base}/leadq`, adminUrl: `${base}/postgres`, port, dir, bin, stop };
}

/** Runs a server tool as the account the server runs as. */
function runTool(bin, account, tool, args) {
  const cmd = account.asRoot ? ['runuser', ['-u', account.user, '--', join(bin, tool), ...args]] : [join(bin, tool), args];
  return execFileSync(cmd[0], cmd[1], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
}

/** Stops a cluster startCluster made (from another process too: only its dir and bin are needed) and removes its folder. */
export function stopCluster({ dir, bin }) {
  try {
    runTool(bin, serverAccount(), 'pg_ctl', ['-D', join(dir, 'data'), '-w', '-m', 'immediate', 'stop']);
  } catch {
    // already down
  }
  rmSync(dir, { recursive: true, force: true });
}

// `node test/pg/cluster.mjs` starts one, prints its URL and keeps it until Ctrl-C (for trying the CLI by hand).
if (import.meta.url === `file://${process.argv[1]}`) {
  const cluster = await startCluster();
  process.stdout.write(`${cluster.url}\n`);
  const end = () => {
    cluster.stop();
    process.exit(0);
  };
  process.on('SIGINT', end);
  process.on('SIGTERM', end);
  globalThis.setInterval(() => {}, 1 << 30); // keep running until a signal
}

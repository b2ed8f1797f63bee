// The PostgreSQL suite's helpers: describePg (skipped, with the reason printed once by the global setup, when no
// server is found), the run's one cluster (started by the first test file that needs it, under a lock), and a fresh
// database per test file for isolation.
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { describe, inject } from 'vitest';
import { PgStoreError } from '../../src/store/postgres/errors.js';
import { startCluster } from './cluster.mjs';
import { pgStatus, REQUIRED_MESSAGE, type PgStatus } from './global-setup.js';

/** How the suite runs in this worker (the global setup decided; without it, the environment decides). */
export const PG_STATUS: PgStatus = (inject('pgStatus') as PgStatus | undefined) ?? pgStatus();

if (PG_STATUS === 'missing' && process.env.LEADQ_REQUIRE_PG === '1') throw new Error(REQUIRED_MESSAGE);

/** describe() for tests that need a PostgreSQL server: skipped (never failed) when there is none, except in CI. */
export const describePg = describe.skipIf(PG_STATUS === 'missing');

interface ClusterInfo {
  readonly url: string;
  readonly adminUrl: string;
  readonly dir: string;
  readonly bin: string;
}

let cluster: Promise<ClusterInfo> | undefined;

/** The run's server: LEADQ_TEST_PG_URL, else the one private cluster of this run (started now if no file has yet). */
export function runCluster(): Promise<ClusterInfo> {
  cluster ??= findOrStartCluster();
  return cluster;
}

async function findOrStartCluster(): Promise<ClusterInfo> {
  const external = process.env.LEADQ_TEST_PG_URL;
  if (external !== undefined && external !== '') return { url: external, adminUrl: external, dir: '', bin: '' };
  const state = inject('pgState') as string | undefined;
  if (state === undefined) {
    // No global setup (a file run with another config): a cluster for this worker, stopped when it exits.
    const own = await startCluster();
    process.once('exit', () => own.stop());
    return own;
  }
  const lock = join(state, 'lock');
  const info = join(state, 'cluster.json');
  for (let waited = 0; ; waited += 50) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (waited > 120_000) throw new Error(`could not take ${lock}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  try {
    if (existsSync(info)) return JSON.parse(readFileSync(info, 'utf8')) as ClusterInfo;
    const started = await startCluster();
    const found: ClusterInfo = { url: started.url, adminUrl: started.adminUrl, dir: started.dir, bin: started.bin };
    writeFileSync(info, JSON.stringify(found));
    return found;
  } finally {
    rmdirSync(lock);
  }
}

/** Runs SQL on the server's admin database (CREATE/DROP DATABASE, roles). */
export async function adminQuery(sql: string, params: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: (await runCluster()).adminUrl });
  await client.connect();
  try {
    return await client.query(sql, params);
  } finally {
    await client.end();
  }
}

/** Runs one statement on the database at url, on a connection of its own; returns its rows. */
export async function queryAt(url: string, sql: string, params: unknown[] = []): Promise<Array<Record<string, unknown>>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as Array<Record<string, unknown>>;
  } finally {
    await client.end();
  }
}

/** The URL of database `name` on the run's server (same user and password as the cluster's URL). */
export async function databaseUrl(name: string): Promise<string> {
  const url = new URL((await runCluster()).url);
  url.pathname = `/${name}`;
  return url.toString();
}

let counter = 0;

/** A new, empty database for one test file (or test): its URL, and drop() to remove it. */
export async function freshDatabase(): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const name = `leadq_t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  return { name, url: await databaseUrl(name), drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).then(() => undefined) };
}

/** The PgStoreError a promise is rejected with (fails the test when it resolves or fails otherwise). */
export async function refusal(p: Promise<unknown>): Promise<PgStoreError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof PgStoreError) return err;
    throw err;
  }
  throw new Error('not refused');
}

import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, runCli, tempDir } from './helpers.js';

// Reliability of the data file, with real processes: a fixture holds the write lock, writes a lot, or is killed.

const FIXTURES = fileURLToPath(new URL('../store/fixtures/', import.meta.url));

let dir: string;
let cleanup: () => void;
let db: string;
const children: ChildProcess[] = [];

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  db = join(dir, 'leadq.db');
});
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  cleanup();
});

/** Starts a fixture script; resolves once it printed a line starting with `ready`. */
function startFixture(script: string, args: readonly string[], ready: string): Promise<{ child: ChildProcess; lines: string[]; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, [join(FIXTURES, script), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const lines: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return new Promise((resolve, reject) => {
    let buffer = '';
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      buffer += d.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (line.startsWith(ready)) resolve({ child, lines, exited });
      }
    });
    void exited.then((code) => reject(new Error(`${script} exited ${code} before "${ready}": ${stderr}`)));
  });
}

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - start };
}


async function addLead(company: string, env: Record<string, string> = {}) {
  return runCli(['--db', db, 'lead', 'add', '--company', company], { env });
}

describe('data file reliability', () => {

  it('a reader (lead list, lead show) is not blocked while another process holds a write transaction', async () => {
    expect((await addLead('Acme Inc.')).code).toBe(0);
    await startFixture('hold-lock.mjs', [db, '8000'], 'locked');
    const list = await timed(() => runCli(['--db', db, 'lead', 'list', '--format', 'tsv']));
    expect(list.value.code).toBe(0);
    expect(list.value.stdout).toContain('Acme Inc.');
    expect(list.ms).toBeLessThan(4000);
    const show = await timed(() => runCli(['--db', db, 'lead', 'show', 'acme', '--json']));
    expect(show.value.code).toBe(0);
    expect(show.ms).toBeLessThan(4000);
  });

  it('a writer waits out a short lock (~1 s) and succeeds', async () => {
    expect((await addLead('Acme Inc.')).code).toBe(0);
    const holder = await startFixture('hold-lock.mjs', [db, '1000'], 'locked');
    const add = await timed(() => addLead('Globex Ltd'));
    expect(add.value.code).toBe(0);
    expect(add.value.stdout).toBe('2\n');
    expect(holder.lines).toContain('released');
  });

  it('a writer exits 75 once the busy timeout has passed on a long lock', async () => {
    expect((await addLead('Acme Inc.')).code).toBe(0);
    await startFixture('hold-lock.mjs', [db, '10000'], 'locked');
    const add = await timed(() => addLead('Globex Ltd', { LEADQ_BUSY_TIMEOUT_MS: '500' }));
    expect(add.value.code).toBe(75);
    expect(add.value.stderr).toMatch(/^leadq: the data file is busy/);
    expect(add.value.stderr).not.toMatch(/^\s+at /m);
    expect(add.ms).toBeLessThan(5000);
  });

  it('Ctrl-C ends a writer waiting for the lock within a second (130), long before the busy timeout', async () => {
    expect((await addLead('Acme Inc.')).code).toBe(0);
    await startFixture('hold-lock.mjs', [db, '10000'], 'locked');
    const writer = spawn(process.execPath, [BIN, '--db', db, 'lead', 'add', '--company', 'Globex Ltd'], {
      env: { ...process.env, NO_COLOR: '1', LEADQ_LANG: 'en', LEADQ_BUSY_TIMEOUT_MS: '8000' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(writer);
    const ended = new Promise<{ code: number | null; at: number }>((resolve) => writer.on('close', (code) => resolve({ code, at: performance.now() })));
    // Long enough to be waiting for the lock (the process has started and opened the file).
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const sentAt = performance.now();
    writer.kill('SIGINT');
    const { code, at } = await ended;
    expect(code).toBe(130);
    expect(at - sentAt).toBeLessThan(1000);
  });

  it('kill -9 in the middle of a large write leaves a sound file with none of that write', async () => {
    expect((await addLead('Acme Inc.')).code).toBe(0);
    const writer = await startFixture('big-write.mjs', [db, '200000'], 'progress 10000');
    writer.child.kill('SIGKILL');
    await writer.exited;
    const committed = writer.lines.includes('committed');
    const check = await runCli(['--db', db, 'db', 'check']);
    expect(check).toMatchObject({ code: 0, stdout: 'ok\n' });
    const list = await runCli(['--db', db, 'lead', 'list', '--format', 'tsv', '--no-header']);
    expect(list.stdout.trim().split('\n')).toHaveLength(committed ? 200_001 : 1);
    // And the file takes writes again.
    expect((await addLead('Globex Ltd')).code).toBe(0);
  });

  it('db backup makes a consistent copy (0600) while another process writes', async () => {
    expect((await addLead('Acme Inc.')).code).toBe(0);
    const writer = await startFixture('write-pairs.mjs', [db, '20000'], 'writing');
    await new Promise((r) => setTimeout(r, 300));
    const copy = join(dir, 'copy.db');
    const backup = await runCli(['--db', db, 'db', 'backup', copy]);
    expect(backup.code).toBe(0);
    // The copy was made while the writer wrote (afterEach stops it).
    expect(writer.child.exitCode).toBeNull();
    expect(statSync(copy).mode & 0o777).toBe(0o600);
    expect((await runCli(['--db', copy, 'db', 'check'])).stdout).toBe('ok\n');
    const c = new Database(copy, { readonly: true });
    const leads = c.prepare("SELECT count(*) FROM leads WHERE company LIKE 'Pair %'").pluck().get() as number;
    const qualifications = c.prepare('SELECT count(*) FROM qualifications').pluck().get() as number;
    c.close();
    expect(leads).toBe(qualifications);
    expect(leads).toBeGreaterThan(0);
  });
});

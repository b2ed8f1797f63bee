import Database from 'better-sqlite3';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  constants,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leadq } from '../helpers/leadq.js';
import { count } from '../helpers/records.js';
import { dataFileAt } from '../store/helpers.js';
import { BIN, ROOT, runCli, tempDir } from './helpers.js';

// Fault injection (issue 9): outputs aimed at the data file by every path, signals at random moments, processes racing
// to create the data file, hostile text, a full disk and read-only media. After each attack the records are counted:
// nothing may be lost, and no partial file (*.tmp, *.partial-*) may be left behind. Signals, races and other users
// need real processes of the built CLI (start, runCli); the file-system attacks run leadq in-process (leadq), which
// meets the same files and is much faster.

const tmp = tempDir('leadq-faults-');
afterAll(() => tmp.cleanup());
let serial = 0;
/** A fresh folder for one test. */
function folder(): string {
  const dir = join(tmp.dir, `t${++serial}`);
  mkdirSync(dir);
  return dir;
}

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  endedAt: number;
}

/** Starts the CLI (no TTY, English, no colour) and returns the process with a promise of how it ended. */
function start(args: readonly string[], env: Record<string, string | undefined> = {}, stdio: 'pipe' | 'ignore-stderr' = 'pipe'): { child: ChildProcess; ended: Promise<Ended> } {
  const fullEnv: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', LEADQ_LANG: 'en', LEADQ_DEBUG: undefined, FORCE_COLOR: undefined, ...env };
  for (const k of Object.keys(fullEnv)) if (fullEnv[k] === undefined) delete fullEnv[k];
  const child = spawn(process.execPath, [BIN, ...args], { env: fullEnv as NodeJS.ProcessEnv, cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  if (stdio === 'ignore-stderr') child.stderr!.destroy();
  else child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const ended = new Promise<Ended>((resolve) =>
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, endedAt: performance.now() });
    }),
  );
  return { child, ended };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sends the run SIGINT and expects what Ctrl-C must do: exit 130 within a second, saying "Cancelled". */
async function cancelsWithinASecond(run: { child: ChildProcess; ended: Promise<Ended> }): Promise<Ended> {
  const sentAt = performance.now();
  run.child.kill('SIGINT');
  const end = await run.ended;
  expect(end.code, end.stderr).toBe(130);
  expect(end.endedAt - sentAt).toBeLessThan(1000);
  expect(end.stderr).toContain('Cancelled');
  return end;
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Partial outputs in a folder: what a run must never leave behind. */
function partials(dir: string): string[] {
  return readdirSync(dir).filter((f) => /\.tmp$|\.partial-|\.tmp-journal$/.test(f));
}

/** A CSV of n rows, each a company of its own. */
function leadsCsv(file: string, n: number, prefix = 'Fault Co'): string {
  const lines = ['company,contact,budget,notes'];
  for (let i = 0; i < n; i++) lines.push(`${prefix} ${i},Person ${i},${(i % 900) + 100}k,note ${i}`);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

/** A data file with n leads, written straight into SQLite after leadq created it (fast, for the long-running commands). */
async function bigStore(db: string, n: number): Promise<void> {
  expect((await leadq(['--db', db, 'lead', 'add', '--company', 'Seed'])).code).toBe(0);
  const raw = new Database(db);
  const insert = raw.prepare("INSERT INTO leads (company, company_key, notes, created_at, updated_at) VALUES (?, ?, ?, 1767225600000, 1767225600000)");
  const note = 'x'.repeat(300);
  raw.transaction(() => {
    for (let i = 0; i < n; i++) insert.run(`Bulk ${i}`, `bulk${i}`, note);
  })();
  raw.close();
}

/** Direct child processes of pid (the helper of db check / backup). */
function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
      readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8')
        .trim()
        .split(/\s+/)
        .filter((s) => s !== '')
        .map(Number),
    );
  } catch {
    return [];
  }
}

/** Whether a process is still running (a zombie waiting to be reaped is not: it runs no more). */
function isRunning(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

describe('no output may be the data file, by any path (exit 64, nothing written)', () => {
  it('score --out / --rejects, db backup: the file, its -wal/-shm, symlinks, hard links, folder links, $LEADQ_DB', async () => {
    const dir = folder();
    mkdirSync(join(dir, 'data'));
    const db = join(dir, 'data', 'leadq.db');
    for (const c of ['Acme', 'Globex', 'Initech']) expect((await leadq(['--db', db, 'lead', 'add', '--company', c])).code).toBe(0);
    const csv = leadsCsv(join(dir, 'in.csv'), 5);
    symlinkSync(db, join(dir, 'link.db'));
    symlinkSync(join(dir, 'link.db'), join(dir, 'link2.db'));
    linkSync(db, join(dir, 'hard.db'));
    symlinkSync(join(dir, 'data'), join(dir, 'datalink'));
    const aimed = [db, `${db}-wal`, `${db}-shm`, `${db}-journal`, join(dir, 'link.db'), join(dir, 'link2.db'), join(dir, 'hard.db'), join(dir, 'datalink', 'leadq.db'), join(dir, 'datalink', 'leadq.db-wal'), join(dir, 'data', '..', 'data', 'leadq.db')];
    const attacks: string[][] = [];
    for (const target of aimed) {
      attacks.push(['--db', db, 'score', csv, '--out', target]);
      attacks.push(['--db', db, 'score', csv, '--out', join(dir, 'ok.csv'), '--rejects', target]);
      attacks.push(['--db', db, 'score', csv, '--import', '--out', target]);
      attacks.push(['--db', db, 'db', 'backup', target]);
    }
    // A folder as the backup: the copy would take the data file's own name in it, that is, the data file.
    attacks.push(['--db', db, 'db', 'backup', join(dir, 'data')], ['--db', db, 'db', 'backup', join(dir, 'datalink')]);
    for (const args of attacks) {
      const r = await leadq(args);
      expect(r.code, args.join(' ')).toBe(64);
      expect(r.stderr, args.join(' ')).toMatch(/is the data file in use/);
    }
    // The same through $LEADQ_DB and a symlinked --db.
    expect((await leadq(['score', csv, '--out', join(dir, 'hard.db')], { env: { LEADQ_DB: db } })).code).toBe(64);
    expect((await leadq(['--db', join(dir, 'link.db'), 'score', csv, '--out', db])).code).toBe(64);
    expect(count(db)).toBe(3);
    expect((await leadq(['--db', db, 'db', 'check'])).stdout).toBe('ok\n');
    expect(readdirSync(join(dir, 'data')).filter((f) => !/^leadq\.db(-wal|-shm)?$/.test(f))).toEqual([]);
    expect(existsSync(join(dir, 'ok.csv'))).toBe(false);
  });

  it('while another process holds the data file open (its -wal and -shm exist), they are refused too', async () => {
    const dir = folder();
    const db = join(dir, 'leadq.db');
    expect((await leadq(['--db', db, 'lead', 'add', '--company', 'Acme'])).code).toBe(0);
    const holder = new Database(db);
    holder.prepare("INSERT INTO leads (company, company_key, created_at, updated_at) VALUES ('Held', 'held', 1, 1)").run();
    try {
      expect(existsSync(`${db}-wal`)).toBe(true);
      for (const target of [`${db}-wal`, `${db}-shm`]) {
        expect((await leadq(['--db', db, 'score', 'data/samples/leads.csv', '--out', target])).code).toBe(64);
        expect((await leadq(['--db', db, 'db', 'backup', target])).code).toBe(64);
      }
    } finally {
      holder.close();
    }
    expect(count(db)).toBe(2);
  });
});

describe('outputs keep their mode and their links', () => {
  it('--out onto a 0600 file stays 0600; onto a symlink replaces its target and keeps the link', async () => {
    const dir = folder();
    const db = join(dir, 'leadq.db');
    const out = join(dir, 'private.csv');
    writeFileSync(out, 'old');
    chmodSync(out, 0o600);
    expect((await leadq(['--db', db, 'score', 'data/samples/leads.csv', '--out', out])).code).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const real = join(dir, 'real.csv');
    writeFileSync(real, 'old');
    symlinkSync(real, join(dir, 'link.csv'));
    expect((await leadq(['--db', db, 'score', 'data/samples/leads.csv', '--out', join(dir, 'link.csv'), '--rejects', join(dir, 'rej.csv')])).code).toBe(0);
    expect(lstatSync(join(dir, 'link.csv')).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toContain('verdict');
    expect(partials(dir)).toEqual([]);
  });

  it('stale partial files of processes that died (kill -9) are swept by the next write beside them', async () => {
    const dir = folder();
    const dead = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString());
    const out = join(dir, 'out.csv');
    for (const f of [`.out.csv.${dead}.tmp`, `out.csv.rejects.csv.partial-${dead}`, `.backup.db.${dead}.tmp`, `backup.db.partial-${dead}`]) writeFileSync(join(dir, f), 'x'.repeat(1000));
    expect((await leadq(['--db', join(dir, 'leadq.db'), 'score', 'data/samples/leads.csv', '--out', out])).code).toBe(0);
    expect((await leadq(['--db', join(dir, 'leadq.db'), 'lead', 'add', '--company', 'Acme'])).code).toBe(0);
    expect((await leadq(['--db', join(dir, 'leadq.db'), 'db', 'backup', join(dir, 'backup.db')])).code).toBe(0);
    expect(partials(dir)).toEqual([]);
  });
});

describe('signals at random moments: nothing lost, nothing half-written', () => {
  const dir = folder();
  const db = join(dir, 'leadq.db');
  const csv = join(dir, 'big.csv');
  const ROWS = 40_000;
  let reference = '';
  beforeAll(async () => {
    leadsCsv(csv, ROWS);
    const r = await leadq(['--db', join(dir, 'ref.db'), 'score', csv, '--out', join(dir, 'ref.csv')]);
    expect(r.code).toBe(0);
    reference = sha(join(dir, 'ref.csv'));
    rmSync(join(dir, 'ref.csv'));
    expect((await leadq(['--db', db, 'lead', 'add', '--company', 'Before'])).code).toBe(0);
  }, 60_000);

  const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const EXIT: Record<string, number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

  it('score --import --out, db backup: each run is all or nothing, and ends within a second of the signal', async () => {
    const out = join(dir, 'scored.csv');
    writeFileSync(out, 'the previous scored file');
    let previous = sha(out);
    let leads = count(db);
    let imported = false;
    for (let round = 0; round < 6; round++) {
      const signal = SIGNALS[round % SIGNALS.length]!;
      const backup = round % 3 === 2;
      const args = backup ? ['--db', db, 'db', 'backup', join(dir, 'backup.db')] : ['--db', db, 'score', csv, '--import', '--out', out];
      const run = start(args);
      await sleep(150 + Math.floor(Math.random() * 900));
      const sentAt = performance.now();
      run.child.kill(signal);
      const end = await run.ended;
      const label = `${args.slice(2).join(' ')} ← ${signal}`;
      // A signal once the work was saved lets the run finish (it says so), and it still ends with the signal's code.
      const finished = end.code === 0 || /already saved when|output was complete when/.test(end.stderr);
      if (finished) {
        if (end.code !== 0) expect(end.code, label).toBe(EXIT[signal]);
        // It finished before the signal, or once its work was saved: all of it.
        if (!backup) {
          expect(sha(out), label).toBe(reference);
          previous = reference;
          imported = true;
        }
      } else {
        // Killed by the signal itself: it came while Node was still starting (a loaded machine can take longer than the
        // shortest wait), before leadq ran a line; then too nothing may have changed, as checked below.
        if (end.signal !== signal) expect(end.code, label).toBe(EXIT[signal]);
        expect(end.endedAt - sentAt, label).toBeLessThan(1000);
        expect(sha(out), label).toBe(previous);
        // A run that says it was stopped imported nothing: a signal after the commit lets it finish instead (above).
        expect(count(db), label).toBe(leads);
      }
      const now = count(db);
      expect([leads, 1 + ROWS], label).toContain(now);
      if (imported) expect(now, label).toBe(1 + ROWS);
      leads = now;
      expect(partials(dir), label).toEqual([]);
    }
    expect((await leadq(['--db', db, 'db', 'check'])).stdout).toBe('ok\n');
  }, 120_000);

  it.each(['SIGINT', 'SIGTERM'])('%s right after the import committed: the run finishes, puts its output in place, says so, and exits as interrupted', (signal) => {
    const fresh = join(dir, `late-${signal}.db`);
    const out = join(dir, `late-${signal}.csv`);
    const preload = join(ROOT, 'test/fixtures/signal-at-first-rename.cjs');
    const r = spawnSync(process.execPath, ['--require', preload, BIN, '--db', fresh, 'score', csv, '--import', '--out', out], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', LEADQ_LANG: 'en', LEADQ_TEST_SIGNAL: signal },
    });
    expect(r.stderr).toContain(`the data was already saved when ${signal} came`);
    expect(r.status).toBe(EXIT[signal]);
    expect(count(fresh)).toBe(ROWS);
    expect(sha(out)).toBe(reference);
    expect(r.stderr).toMatch(/imported into/);
    expect(partials(dir)).toEqual([]);
  }, 60_000);

  it('a signal once score (no --import) has its whole output lets it put the output in place and says so (143)', () => {
    const out = join(dir, 'complete.csv');
    writeFileSync(out, 'the previous scored file');
    const preload = join(ROOT, 'test/fixtures/signal-at-first-rename.cjs');
    const r = spawnSync(process.execPath, ['--require', preload, BIN, '--db', join(dir, 'unused.db'), 'score', csv, '--out', out], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', LEADQ_LANG: 'en', LEADQ_TEST_SIGNAL: 'SIGTERM' },
    });
    expect(r.stderr).toContain('the output was complete when SIGTERM came');
    expect(r.status).toBe(143);
    expect(sha(out)).toBe(reference);
    expect(partials(dir)).toEqual([]);
  }, 60_000);

  it.each(['SIGINT', 'SIGHUP'])('%s right after a write committed: it stays saved, and the message says so (not "nothing was saved")', async (signal) => {
    const fresh = join(dir, `committed-${signal}.db`);
    expect((await leadq(['--db', fresh, 'lead', 'add', '--company', 'Already There'])).code).toBe(0);
    const preload = join(ROOT, 'test/fixtures/signal-at-commit.cjs');
    const r = spawnSync(process.execPath, ['--require', preload, BIN, '--db', fresh, 'lead', 'add', '--company', 'Saved Before The Signal'], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', LEADQ_LANG: 'en', LEADQ_TEST_SIGNAL: signal },
    });
    expect(r.status).toBe(EXIT[signal]);
    expect(r.stderr).toContain(`stopped by ${signal} after the change was saved (it stays saved)`);
    expect(r.stderr).not.toContain('Cancelled');
    expect(count(fresh)).toBe(2);
  });

  it('Ctrl-C during an import into a missing data file (built aside): no data file, nothing beside it', async () => {
    const sub = join(dir, 'aside');
    mkdirSync(sub);
    const fresh = join(sub, 'leadq.db');
    const big = leadsCsv(join(dir, 'aside.csv'), 300_000, 'Aside Co');
    const run = start(['--db', fresh, 'score', big, '--import', '--out', join(sub, 'out.csv')]);
    // Until its file is being written beside the data file's place.
    for (let i = 0; i < 400 && !readdirSync(sub).some((f) => f.startsWith('.leadq.db.')); i++) await sleep(10);
    await sleep(100);
    await cancelsWithinASecond(run);
    expect(readdirSync(sub)).toEqual([]);
  }, 60_000);

  it('db copy into a new data file, signalled once its copy committed: the copy goes in place (130)', async () => {
    const source = join(dir, 'copy-source.db');
    expect((await leadq(['--db', source, 'lead', 'add', '--company', 'Copied Co'])).code).toBe(0);
    const to = join(dir, 'copy-once.db');
    // Its second COMMIT: the first one made the new file's schema.
    const r = spawnSync(process.execPath, ['--require', join(ROOT, 'test/fixtures/signal-at-commit.cjs'), BIN, 'db', 'copy', source, to], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', LEADQ_LANG: 'en', LEADQ_TEST_SIGNAL: 'SIGINT', LEADQ_TEST_COMMIT: '2' },
    });
    expect(r.stderr).toContain('the output was complete when SIGINT came');
    expect(r.status).toBe(130);
    expect(count(to)).toBe(1);
    expect(partials(dir)).toEqual([]);
  });

  it('db backup signalled as it puts the copy in place: the copy is complete, so it goes in place and the run says so (143)', async () => {
    const source = join(dir, 'backup-source.db');
    expect((await leadq(['--db', source, 'lead', 'add', '--company', 'Backed Up Co'])).code).toBe(0);
    const copy = join(dir, 'backup-late.db');
    writeFileSync(copy, 'the previous backup');
    const r = spawnSync(process.execPath, ['--require', join(ROOT, 'test/fixtures/signal-at-first-rename.cjs'), BIN, '--db', source, 'db', 'backup', copy], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', LEADQ_LANG: 'en', LEADQ_TEST_SIGNAL: 'SIGTERM' },
    });
    expect(r.stderr).toContain('the output was complete when SIGTERM came');
    expect(r.stderr).not.toContain('Cancelled');
    expect(r.status).toBe(143);
    expect(count(copy)).toBe(1);
    expect(partials(dir)).toEqual([]);
  });

  it('score --import, signalled twice once it committed: the second signal stops it (143), and the import stays saved', () => {
    const fresh = join(dir, 'twice.db');
    const out = join(dir, 'twice.csv');
    const r = spawnSync(process.execPath, ['--require', join(ROOT, 'test/fixtures/signal-at-first-rename.cjs'), BIN, '--db', fresh, 'score', csv, '--import', '--out', out], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', LEADQ_LANG: 'en', LEADQ_TEST_SIGNAL: 'SIGINT,SIGTERM' },
    });
    expect(r.stderr).toContain('the data was already saved when SIGINT came');
    expect(r.stderr).toContain('stopped by SIGTERM after the change was saved (it stays saved)');
    expect(r.status).toBe(143);
    expect(count(fresh)).toBe(ROWS);
    expect(partials(dir)).toEqual([]);
  }, 60_000);

  it.each([
    ['a reader that stopped reading', true],
    ['no reader at all', false],
  ])('score --out a FIFO with %s: Ctrl-C ends it within a second (130)', async (_name, reader) => {
    const fifo = join(dir, `out-${String(reader)}.fifo`);
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    // A reader that opens the FIFO and never reads: the run fills it (64 KiB) and waits.
    const fd = reader ? openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK) : undefined;
    try {
      const run = start(['--db', join(dir, 'unused.db'), 'score', csv, '--out', fifo]);
      await sleep(2500);
      await cancelsWithinASecond(run);
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }, 60_000);

  it('score --format table to a reader that stopped reading: Ctrl-C ends it within a second (130)', async () => {
    // A table of ~42,000 characters (less than the sink gathers before it writes: all of it is written as the run
    // ends) and ~104 KB of UTF-8 (more than the pipe holds): the run waits on the reader at its very end.
    const small = join(dir, 'small.csv');
    const rows = Array.from({ length: 600 }, (_, i) => `华信科技有限公司北京海淀区第${i}分公司,联系人王先生${i},${(i % 900) + 100}万,备注需要跟进客户${i}`);
    writeFileSync(small, `company,contact,budget,notes\n${rows.join('\n')}\n`);
    // Its stdout: a FIFO that this process holds open and never reads.
    const fifo = join(dir, 'stalled.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const fd = openSync(fifo, constants.O_RDWR);
    try {
      const child = spawn(process.execPath, [BIN, '--db', join(dir, 'unused.db'), 'score', small, '--format', 'table'], {
        cwd: ROOT,
        env: { ...process.env, NO_COLOR: '1', LEADQ_LANG: 'zh', COLUMNS: '120' },
        stdio: ['ignore', fd, 'pipe'],
      });
      let stderr = '';
      child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      const ended = new Promise<{ code: number | null; at: number }>((resolve) => child.on('close', (code) => resolve({ code, at: performance.now() })));
      await sleep(3000);
      const sentAt = performance.now();
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const end = await ended;
      clearTimeout(timer);
      expect(end.code, stderr).toBe(130);
      expect(end.at - sentAt).toBeLessThan(1000);
      expect(stderr).toContain('已取消');
    } finally {
      closeSync(fd);
    }
  }, 60_000);

  it('a closed stderr changes neither the exit code nor the data written', async () => {
    const fresh = join(dir, 'quiet.db');
    const run = start(['--db', fresh, 'score', csv, '--import', '--out', join(dir, 'quiet.csv')], {}, 'ignore-stderr');
    const end = await run.ended;
    expect(end.code).toBe(0);
    expect(count(fresh)).toBe(ROWS);
    expect(sha(join(dir, 'quiet.csv'))).toBe(reference);
  }, 60_000);
});

describe('Ctrl-C ends every command within one second (130), leaving nothing', () => {
  const dir = folder();
  const db = join(dir, 'big.db');
  beforeAll(() => bigStore(db, 300_000), 60_000);

  it.each([
    ['db check', ['db', 'check']],
    ['db backup', ['db', 'backup', 'copy.db']],
  ])('during %s (a helper process does the long SQLite call; it is stopped too)', async (_name, args) => {
    const run = start(['--db', db, ...args.map((a) => (a === 'copy.db' ? join(dir, a) : a))]);
    // Wait until the helper is at work.
    let helpers: number[] = [];
    for (let i = 0; i < 100 && helpers.length === 0; i++) {
      await sleep(20);
      helpers = childrenOf(run.child.pid!);
    }
    expect(helpers.length).toBeGreaterThan(0);
    await sleep(100);
    const sentAt = performance.now();
    run.child.kill('SIGINT');
    const end = await run.ended;
    expect(end.code).toBe(130);
    expect(end.endedAt - sentAt).toBeLessThan(1000);
    await sleep(100);
    expect(helpers.filter(isRunning)).toEqual([]);
    expect(partials(dir)).toEqual([]);
    expect(existsSync(join(dir, 'copy.db'))).toBe(false);
    expect(count(db)).toBe(300_001);
  });

  // The eight waits (four commands, with and without an idle writer) run at once, each in a folder of its own: each
  // is a process asleep on open(2) or read(2), so together they take the time of one.
  const WAITS: readonly [string, (fifo: string, out: string) => string[]][] = [
    ['score', (fifo) => ['score', fifo]],
    ['score --out', (fifo, out) => ['score', fifo, '--out', out]],
    ['top20 import', (fifo) => ['top20', 'import', fifo]],
    ['qualify --answers', (fifo) => ['qualify', '--answers', fifo]],
  ];
  it.concurrent.each(WAITS.flatMap(([name, args]) => [false, true].map((writer) => [name, writer, args] as const)))(
    'while %s waits on a FIFO that nobody writes (idle writer: %s)',
    async (_name, writer, args) => {
      const own = folder();
      const fifo = join(own, 'in.fifo');
      const out = join(own, 'out.csv');
      if (spawnSync('mkfifo', [fifo]).status !== 0) return;
      // An idle writer: opens the FIFO and waits.
      const idle = writer ? spawn('sh', ['-c', `exec 3>"${fifo}"; sleep 10`], { stdio: 'ignore' }) : undefined;
      const run = start(['--db', join(own, 'fifo.db'), ...args(fifo, out)]);
      await sleep(700);
      const sentAt = performance.now();
      run.child.kill('SIGINT');
      const end = await run.ended;
      idle?.kill('SIGKILL');
      expect(end.code).toBe(130);
      expect(end.endedAt - sentAt).toBeLessThan(1000);
      expect(partials(own)).toEqual([]);
      expect(existsSync(out)).toBe(false);
    },
  );

  it('a table of 300,000 leads (the TTY default) is drawn, not a stack overflow', async () => {
    const r = await leadq(['--db', db, 'lead', 'list', '--format', 'table'], {});
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toHaveLength(300_003);
  }, 60_000);
});

describe('Ctrl-C ends a long write transaction within one second (130), and none of it is saved', () => {
  const dir = folder();
  const db = join(dir, 'rescore.db');
  const ROWS = 30_000;
  beforeAll(async () => {
    expect((await leadq(['--db', db, 'score', leadsCsv(join(dir, 'leads.csv'), ROWS), '--import'])).code).toBe(0);
    // Scored by an older method, with another score (an older leadq stored whole results): every lead gets a new
    // qualification from db rescore.
    const raw = new Database(db);
    raw.exec(`UPDATE qualifications SET engine_version = 1, score = score + 1, result = '{"method":1}'`);
    raw.close();
    const ranks = ['industry,rank,company'];
    for (let i = 0; i < 40_000; i++) ranks.push(`Ind ${Math.floor(i / 20)},${(i % 20) + 1},Top Co ${i}`);
    writeFileSync(join(dir, 'ranks.csv'), ranks.join('\n') + '\n');
  }, 60_000);

  it.each([
    ['db rescore', ['db', 'rescore'], 'SELECT count(*) FROM qualifications'],
    ['top20 import', ['top20', 'import', 'ranks.csv'], 'SELECT (SELECT count(*) FROM leads) + (SELECT count(*) FROM industry_rankings)'],
  ])('%s', async (_name, args, records) => {
    const read = () => {
      const raw = new Database(db, { readonly: true });
      try {
        return raw.prepare(records).pluck().get() as number;
      } finally {
        raw.close();
      }
    };
    const before = read();
    const run = start(['--db', db, ...args.map((a) => (a.endsWith('.csv') ? join(dir, a) : a))]);
    // Past the start and the read of the input, into the write (each takes seconds on this file).
    await sleep(600);
    const sentAt = performance.now();
    run.child.kill('SIGINT');
    const end = await run.ended;
    expect(end.code, end.stderr).toBe(130);
    expect(end.endedAt - sentAt).toBeLessThan(1000);
    expect(read()).toBe(before);
    expect((await leadq(['--db', db, 'db', 'check'])).code).toBe(0);
  });
});

describe('16+ processes creating a missing data file at the same moment', () => {
  it('every one succeeds, every write is kept (2 rounds of 24 writers and 6 readers)', async () => {
    for (let round = 0; round < 2; round++) {
      const db = join(folder(), 'sub', 'leadq.db');
      const writers = Array.from({ length: 24 }, (_, i) => runCli(['--db', db, 'lead', 'add', '--company', `Racer ${i}`]));
      const readers = Array.from({ length: 6 }, () => runCli(['--db', db, 'lead', 'list', '--format', 'tsv']));
      const runs = await Promise.all([...writers, ...readers]);
      for (const r of runs) expect(r, r.stderr).toMatchObject({ code: 0 });
      expect(count(db)).toBe(24);
      expect(statSync(db).mode & 0o777).toBe(0o600);
    }
  }, 120_000);
});

describe('hostile text never reaches a terminal raw', () => {
  // An OSC 52 clipboard write, a screen clear, a C1 CSI, a bidi override, a NUL-free CR: what an imported CSV can hold.
  const EVIL = 'Evil\u001b]52;c;cm0gLXJmIH4=\u0007\u001b[2J\u009b31m\u202eCo\rLtd';
  // eslint-disable-next-line no-control-regex -- the point of the test
  const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
  const dir = folder();
  const db = join(dir, 'leadq.db');
  const csv = join(dir, 'evil.csv');
  const rankings = join(dir, 'top20.csv');

  beforeAll(async () => {
    const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
    // Row 2 is rejected: its reason quotes the bad cell on stderr.
    writeFileSync(csv, `company,contact,notes,budget\n${q(EVIL)},${q(`Mr \u001b[8mHidden`)},${q('note \u001b]0;title\u0007')},10万\nReject Co,Ann,ok,${q('\u001b[31m10万')}\n`);
    writeFileSync(rankings, `industry,rank,company\n${q('Retail\u001b[2J')},1,${q(EVIL)}\n`);
    expect((await leadq(['--db', db, 'score', csv, '--import'])).code).toBe(0);
    expect((await leadq(['--db', db, 'top20', 'import', rankings])).code).toBe(0);
  });

  it.each([
    ['lead list (table)', ['lead', 'list', '--format', 'table']],
    ['lead show', ['lead', 'show', '1']],
    ['top20 list (table)', ['top20', 'list', '--format', 'table']],
    ['referral list (table)', ['referral', 'list', '--format', 'table']],
    ['score --format table', ['score', 'CSV', '--format', 'table']],
    ['score --show-mapping', ['score', 'CSV', '--show-mapping']],
    ['score (messages on stderr; the CSV on stdout is data)', ['score', 'CSV', '--out', '/dev/null']],
    ['lead add of the same company (error naming it)', ['lead', 'add', '--company', EVIL]],
    ['lead close (confirmation)', ['lead', 'close', '1', '--lost']],
    ['lead edit (confirmation)', ['lead', 'edit', '1', '--notes', 'x']],
    ['contact (confirmation)', ['contact', '1', '--kind', 'call']],
    ['qualify (the result screen)', ['qualify', '1', '--answers', '-', '--dry-run']],
    ['a lead that is not found (error quoting it)', ['lead', 'show', EVIL.slice(0, 12)]],
  ])('%s', async (_name, args) => {
    const answers = JSON.stringify({ kp: { name: 'K\u001b[2JP' }, lead: { competitor: '\u001b]52;c;eA==\u0007' } });
    const r = await leadq(['--db', db, ...args.map((a) => (a === 'CSV' ? csv : a))], { input: answers });
    expect(r.stdout + r.stderr).not.toMatch(RAW);
    expect(r.stdout + r.stderr).toMatch(/\\x1b|\\u202e|^$/m);
  });

  it('data formats carry the text exactly (json, ndjson, tsv)', async () => {
    const json = JSON.parse((await leadq(['--db', db, 'lead', 'list', '--format', 'json'])).stdout) as { id: number; company: string }[];
    expect(json[0]).toMatchObject({ id: 1, company: EVIL });
    expect(JSON.parse((await leadq(['--db', db, 'lead', 'show', '1', '--json'])).stdout).contact).toBe('Mr \u001b[8mHidden');
    expect((await leadq(['--db', db, 'top20', 'list', '--format', 'tsv', '--no-header'])).stdout).toContain('\u001b]52;c;');
  });
});

// Mounting needs root; probed once, so a test run without it says why those faults are skipped.
const canMount = (() => {
  const probe = join(tmp.dir, 'probe');
  mkdirSync(probe);
  const ok = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe]).status === 0;
  if (ok) spawnSync('umount', [probe]);
  else console.warn('disk-full and read-only media faults skipped: mounting a tmpfs is not permitted here (it needs root)');
  return ok;
})();

/** Mounts a tmpfs of this size for the describe block it is called in, only while its tests run (unmounted after). */
function tmpfs(mountPoint: string, size: string): void {
  beforeAll(() => {
    mkdirSync(mountPoint);
    expect(spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', mountPoint]).status).toBe(0);
  });
  afterAll(() => {
    spawnSync('umount', ['-l', mountPoint]);
  });
}

describe('a full disk (a small tmpfs; needs root to mount)', () => {
  const dir = folder();
  const small = join(dir, 'small');
  const mounted = canMount;
  if (mounted) tmpfs(small, '1200k');

  it.skipIf(!mounted)('score --import whose commit fills the disk: 73, nothing imported, the previous --out untouched', async () => {
    const db = join(small, 'leadq.db');
    expect((await leadq(['--db', db, 'lead', 'add', '--company', 'Before'])).code).toBe(0);
    // Few enough rows that SQLite's page cache holds them all (and, with results stored short, enough to overflow the
    // disk): the disk fills at COMMIT, after the output was written.
    const csv = leadsCsv(join(dir, 'many.csv'), 4_500);
    const out = join(dir, 'scored.csv');
    writeFileSync(out, 'previous');
    const r = await leadq(['--db', db, 'score', csv, '--import', '--out', out]);
    expect(r.code).toBe(73);
    expect(r.stderr).toMatch(/disk is full/);
    expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(3);
    expect(readFileSync(out, 'utf8')).toBe('previous');
    expect(partials(dir)).toEqual([]);
    expect(count(db)).toBe(1);
    expect((await leadq(['--db', db, 'db', 'check'])).stdout).toBe('ok\n');
  });

  it.skipIf(!mounted)('score --out and db backup onto a full disk: 73, the old file untouched, no partial left', async () => {
    const db = join(dir, 'leadq.db');
    await bigStore(db, 5_000);
    const out = join(small, 'scored.csv');
    writeFileSync(out, 'previous');
    const csv = leadsCsv(join(dir, 'more.csv'), 30_000);
    const r = await leadq(['--db', db, 'score', csv, '--out', out]);
    expect(r.code, r.stderr).toBe(73);
    expect(readFileSync(out, 'utf8')).toBe('previous');
    const backup = await leadq(['--db', db, 'db', 'backup', join(small, 'backup.db')]);
    expect(backup.code, backup.stderr).toBe(73);
    expect(existsSync(join(small, 'backup.db'))).toBe(false);
    expect(partials(small)).toEqual([]);
    expect(count(db)).toBe(5_001);
  });
});

describe('read-only media (a tmpfs remounted read-only; needs root)', () => {
  const dir = folder();
  const media = join(dir, 'media');
  const mounted = canMount;
  if (mounted) tmpfs(media, '4m');

  it.skipIf(!mounted)('is read (lead list, lead show, db check, db backup); writing says "read-only" (73)', async () => {
    const db = join(media, 'leadq.db');
    expect((await leadq(['--db', db, 'lead', 'add', '--company', 'Acme'])).code).toBe(0);
    // And a data file from an older leadq (schema 5), which must be upgraded once before it is read.
    const older = dataFileAt(
      join(media, 'older.db'),
      5,
      "INSERT INTO leads (company, company_key, created_at, updated_at) VALUES ('Old Co', 'oldco', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')",
    );
    // The kernel refuses a read-only remount while a file on it is open for writing (EBUSY): a moment after the last
    // write (a loaded machine finalises handles late), it is not.
    let remount = spawnSync('mount', ['-o', 'remount,ro', media], { encoding: 'utf8' });
    for (let i = 0; i < 40 && remount.status !== 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      remount = spawnSync('mount', ['-o', 'remount,ro', media], { encoding: 'utf8' });
    }
    expect(remount.status, remount.stderr).toBe(0);
    expect((await leadq(['--db', db, 'lead', 'list', '--format', 'tsv', '--no-header'])).stdout).toMatch(/^1\tAcme/);
    expect((await leadq(['--db', db, 'lead', 'show', '1'])).code).toBe(0);
    expect((await leadq(['--db', db, 'db', 'check'])).stdout).toBe('ok\n');
    expect((await leadq(['--db', db, 'db', 'backup', join(dir, 'copy.db')])).code).toBe(0);
    const add = await leadq(['--db', db, 'lead', 'add', '--company', 'Globex']);
    expect(add.code).toBe(73);
    expect(add.stderr).toMatch(/: read-only\n/);
    const read = await leadq(['--db', older, 'lead', 'list']);
    expect(read.code).toBe(73);
    expect(read.stderr).toContain(`the data file ${older} comes from an older leadq and must be upgraded once, but it cannot be written`);
    expect(read.stderr).toContain('leadq db backup <copy>');
    expect((await leadq(['--db', older, 'db', 'backup', join(dir, 'older-copy.db')])).code).toBe(0);
    expect((await leadq(['--db', join(dir, 'older-copy.db'), 'lead', 'list', '--format', 'tsv', '--no-header'])).stdout).toMatch(/^1\tOld Co/);
  });
});

describe('messages say what is wrong', () => {
  it('--db a folder, a name ending in /, a dangling symlink, permission denied', async () => {
    const dir = folder();
    const folderDb = await leadq(['--db', dir, 'lead', 'add', '--company', 'Acme']);
    expect(folderDb).toMatchObject({ code: 73 });
    expect(folderDb.stderr).toMatch(/it is a folder/);
    expect((await leadq(['--db', join(dir, 'sub/'), 'lead', 'add', '--company', 'Acme'])).stderr).toMatch(/names a folder/);
    expect(existsSync(join(dir, 'sub'))).toBe(false);
    symlinkSync(join(dir, 'target.db'), join(dir, 'dangling.db'));
    expect((await leadq(['--db', join(dir, 'dangling.db'), 'lead', 'add', '--company', 'Acme'])).code).toBe(0);
    expect(count(join(dir, 'target.db'))).toBe(1);
    if (process.getuid?.() !== 0) return;
    // As another user (root may spawn one): the 0600 data file, or a folder on its path, is not theirs to read.
    const asNobody = (args: string[]) =>
      spawnSync(process.execPath, [BIN, ...args], { uid: 65534, gid: 65534, cwd: '/', env: { ...process.env, LEADQ_LANG: 'en' }, encoding: 'utf8' });
    const hidden = asNobody(['--db', join(dir, 'target.db'), 'lead', 'list']);
    expect(hidden.status, hidden.stderr).toBe(66);
    expect(hidden.stderr).toMatch(/permission denied/);
    chmodSync(tmp.dir, 0o711);
    chmodSync(dir, 0o711);
    const unreadable = asNobody(['--db', join(dir, 'target.db'), 'lead', 'list']);
    expect(unreadable.status, unreadable.stderr).toBe(66);
    expect(unreadable.stderr).toMatch(/permission denied/);
    expect(asNobody(['--db', join(dir, 'target.db'), 'lead', 'add', '--company', 'X']).stderr).toMatch(/permission denied/);
  });
});

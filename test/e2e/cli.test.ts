import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { afterAll, describe, expect, it } from 'vitest';
import { count } from '../helpers/records.js';
import { BIN, ROOT, runCli, tempDir } from './helpers.js';

// What only a real process shows: the --version fast path, which modules --help loads, a stdout that cannot be written,
// a reader that closes the pipe. Everything else about the program is tested in-process (test/commands).

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('leadq (global behaviour)', () => {
  it('prints the package version', async () => {
    const r = await runCli(['--version']);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it('a stdout that cannot be written (a full disk) is exit 73 in one line, not a stack', async () => {
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync('sh', ['-c', `node bin/leadq.js --help > /dev/full`], { encoding: 'utf8', cwd: ROOT, env: { ...process.env, NO_COLOR: '1', LEADQ_LANG: 'en' } });
    expect(r.status).toBe(73);
    expect(r.stderr.trim()).toBe('leadq: cannot write stdout: the disk is full');
  });

  it.each([[['--help']], [['lead', 'add', '--help']], [['score', '--help']], [['qualify', '--help']]])('%j loads no zod, inquirer, better-sqlite3 or csv-parse', async (args) => {
    const trace = join(tmp.dir, `trace-${args.join('-')}.txt`);
    const r = await runCli(args, {
      env: { LEADQ_TRACE_FILE: trace, NODE_OPTIONS: `--import ${join(ROOT, 'test/e2e/fixtures/trace-modules.mjs')}` },
    });
    expect(r.code).toBe(0);
    expect(existsSync(trace)).toBe(true);
    const loaded = readFileSync(trace, 'utf8');
    expect(loaded).toContain('commander');
    for (const heavy of ['/zod/', '@inquirer', 'better-sqlite3', 'csv-parse', 'iconv-lite']) expect(loaded).not.toContain(heavy);
  });

  it.each([[['lead', 'list']], [['lead', 'list', '--format', 'table']], [['today']], [['top20', 'list', '--uncontacted']]])('%j (a read cron or a rep runs all day) loads none of the rules, zod or csv, nor string-width for plain text', async (args) => {
    const db = join(tmp.dir, 'reads.db');
    if (!existsSync(db)) for (const company of ['上海宏达机械有限公司', 'Müller GmbH', 'Acme Inc.']) expect((await runCli(['--db', db, 'lead', 'add', '--company', company])).code).toBe(0);
    const trace = join(tmp.dir, `trace-${args.join('-')}.txt`);
    const r = await runCli(['--db', db, ...args], {
      env: { LEADQ_TRACE_FILE: trace, NODE_OPTIONS: `--import ${join(ROOT, 'test/e2e/fixtures/trace-modules.mjs')}` },
    });
    expect(r.code).toBe(0);
    const loaded = readFileSync(trace, 'utf8');
    expect(loaded).toContain('better-sqlite3');
    for (const heavy of ['/engine/qualify.js', '/engine/score.js', '/zod/', '@inquirer', 'csv-parse', 'iconv-lite', '/string-width/']) expect(loaded).not.toContain(heavy);
    if (args.includes('table')) expect(r.stdout).toContain('上海宏达机械有限公司');
  });

  it('a table cell that needs grapheme widths (an emoji family, a combining accent) lines up (string-width, loaded then)', async () => {
    const db = join(tmp.dir, 'emoji.db');
    for (const company of ['👨‍👩‍👧 Family Co', 'Cafe\u0301 Co', 'Plain Co']) expect((await runCli(['--db', db, 'lead', 'add', '--company', company, '--industry', 'retail'])).code).toBe(0);
    const trace = join(tmp.dir, 'trace-emoji.txt');
    const r = await runCli(['--db', db, 'lead', 'list', '--format', 'table'], {
      env: { LEADQ_TRACE_FILE: trace, NODE_OPTIONS: `--import ${join(ROOT, 'test/e2e/fixtures/trace-modules.mjs')}` },
    });
    expect(r.code).toBe(0);
    // The trace sees it loaded (so the check that plain reads do not load it can fail).
    expect(readFileSync(trace, 'utf8')).toContain('/string-width/');
    // The family emoji takes 2 columns, the accent none: the industry column starts at the same column on every row.
    const columnOfIndustry = (table: string) => {
      const rows = table.split('\n').filter((line) => line.includes('retail'));
      expect(rows).toHaveLength(3);
      return new Set(rows.map((row) => stringWidth(row.slice(0, row.indexOf('retail'))))).size;
    };
    expect(columnOfIndustry(r.stdout)).toBe(1);
    // A Node whose require() cannot load an ES module (before 20.19) gets it imported up front: the same table.
    const older = await runCli(['--db', db, 'lead', 'list', '--format', 'table'], { env: { NODE_OPTIONS: '--no-experimental-require-module' } });
    expect(older.code, older.stderr).toBe(0);
    expect(older.stdout).toBe(r.stdout);
  });

  it('| head -1 on many leads ends quietly and at once with exit 0', async () => {
    const db = join(tmp.dir, 'many.db');
    const seed = spawnSync(process.execPath, [new URL('../store/fixtures/seed.mjs', import.meta.url).pathname, db, '100000']);
    expect(seed.status).toBe(0);
    const start = performance.now();
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" --db "${db}" lead list --format tsv | head -1`], {
      env: { ...process.env, NO_COLOR: '1', LEADQ_LANG: 'en' },
      encoding: 'utf8',
    });
    expect(performance.now() - start).toBeLessThan(3000);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('id\tcompany\tindustry\tsource\tstatus\tscore\tlast_contact\n');
    expect(r.stderr).toBe('');
  });

  it('score --import | head -1: the reader going away stops the output, not the import (exit 0, every lead saved)', () => {
    const csv = join(tmp.dir, 'import-head.csv');
    writeFileSync(csv, ['company,contact,budget'].concat(Array.from({ length: 20_000 }, (_, i) => `Head Co ${i},Person ${i},${i + 100}k`)).join('\n') + '\n');
    const db = join(tmp.dir, 'import-head.db');
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" --db "${db}" score "${csv}" --import | head -1`], {
      env: { ...process.env, NO_COLOR: '1', LEADQ_LANG: 'en' },
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('company,contact,budget,verdict,score,need,kp,payment,next_action\r\n');
    expect(r.stderr).toContain('20,000 new leads');
    expect(count(db)).toBe(20_000);
  }, 30_000);

  it('a slow reader gets every byte: the process exits only once its output has left the pipe', async () => {
    const db = join(tmp.dir, 'slow-reader.db');
    expect(spawnSync(process.execPath, [new URL('../store/fixtures/seed.mjs', import.meta.url).pathname, db, '20000']).status).toBe(0);
    for (const args of [['lead', 'list'], ['score', join(ROOT, 'data/samples/leads.csv')]]) {
      const fast = await runCli(['--db', db, ...args]);
      expect(fast.code).toBe(0);
      // The reader starts a second late: by then leadq has done its work and waits on a full pipe (64 KiB).
      const slow = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" --db "${db}" ${args.map((a) => `"${a}"`).join(' ')} | (sleep 1; cat)`], {
        env: { ...process.env, NO_COLOR: '1', LEADQ_LANG: 'en' },
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      expect(slow.status, args.join(' ')).toBe(0);
      expect(slow.stdout, args.join(' ')).toBe(fast.stdout);
    }
  }, 30_000);
});

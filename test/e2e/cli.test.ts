import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from './helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('leadq (global behaviour)', () => {
  it('prints the package version', async () => {
    const r = await runCli(['--version']);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it('shows help with examples and exit codes, in English and Chinese', async () => {
    const en = await runCli(['--help']);
    expect(en.code).toBe(0);
    expect(en.stdout).toContain('Examples:');
    expect(en.stdout).toContain('qualify');
    expect(en.stdout).toContain('Exit codes');
    const zh = await runCli(['--lang', 'zh', '--help']);
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain('示例');
    expect(zh.stdout).toContain('退出码');
  });

  it('takes the language from LANG when neither --lang nor LEADQ_LANG is set', async () => {
    const r = await runCli(['--help'], { env: { LEADQ_LANG: undefined, LC_ALL: undefined, LC_MESSAGES: undefined, LANG: 'zh_CN.UTF-8' } });
    expect(r.stdout).toContain('示例');
  });

  it('refuses an unknown option with one line, a hint and exit 64', async () => {
    const r = await runCli(['--bogus']);
    expect(r.code).toBe(64);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toBe('leadq: unknown option --bogus');
    expect(lines[1]).toContain('--help');
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  it('without a command shows the help on stderr and exits 64 (at the top and in a group)', async () => {
    for (const args of [[], ['lead']]) {
      const r = await runCli(args);
      expect(r.code).toBe(64);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('Usage:');
    }
  });

  it('a stdout that cannot be written (a full disk) is exit 73 in one line, not a stack', async () => {
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync('sh', ['-c', `node bin/leadq.js --help > /dev/full`], { encoding: 'utf8', cwd: ROOT, env: { ...process.env, NO_COLOR: '1', LEADQ_LANG: 'en' } });
    expect(r.status).toBe(73);
    expect(r.stderr.trim()).toBe('leadq: cannot write stdout: the disk is full');
  });

  it('refuses an empty --db instead of falling back to the default data file', async () => {
    const r = await runCli(['--db', '', 'db', 'path']);
    expect(r.code).toBe(64);
    expect(r.stdout).toBe('');
  });

  it('refuses an unknown command and a bad --lang with exit 64', async () => {
    const unknown = await runCli(['frobnicate']);
    expect(unknown.code).toBe(64);
    expect(unknown.stderr).toContain('see `leadq --help`');
    const lang = await runCli(['--lang', 'fr', 'lead', 'list']);
    expect(lang.code).toBe(64);
    expect(lang.stderr).toContain('unknown language "fr"');
  });

  it('does not load zod, inquirer, better-sqlite3 or csv-parse for --help', async () => {
    const trace = join(tmp.dir, 'trace.txt');
    const r = await runCli(['--help'], {
      env: { LEADQ_TRACE_FILE: trace, NODE_OPTIONS: `--import ${join(ROOT, 'test/e2e/fixtures/trace-modules.mjs')}` },
    });
    expect(r.code).toBe(0);
    expect(existsSync(trace)).toBe(true);
    const loaded = readFileSync(trace, 'utf8');
    expect(loaded).toContain('commander');
    for (const heavy of ['/zod/', '@inquirer', 'better-sqlite3', 'csv-parse']) expect(loaded).not.toContain(heavy);
  });

  it('without a terminal and without --answers, qualify exits 64 and names --answers', async () => {
    const r = await runCli(['--db', join(tmp.dir, 'x.db'), 'qualify']);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain('--answers');
    expect(existsSync(join(tmp.dir, 'x.db'))).toBe(false);
  });
});

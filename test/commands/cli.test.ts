import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/files.js';
import { leadq } from '../helpers/leadq.js';
import { COMMANDS } from '../../src/commands/index.js';
import { isGroup } from '../../src/commands/spec.js';
import { EXIT } from '../../src/errors.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('leadq (global behaviour)', () => {

  it('shows help with examples and exit codes, in English and Chinese', async () => {
    const en = await leadq(['--help']);
    expect(en.code).toBe(0);
    expect(en.stdout).toContain('Examples:');
    expect(en.stdout).toContain('qualify');
    expect(en.stdout).toContain('Exit codes');
    const zh = await leadq(['--lang', 'zh', '--help']);
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain('示例');
    expect(zh.stdout).toContain('退出码');
    // Every exit code leadq can end with is listed, in both languages (69 and 77 came with the PostgreSQL store).
    for (const help of [en.stdout.slice(en.stdout.indexOf('Exit codes')), zh.stdout.slice(zh.stdout.indexOf('退出码'))]) {
      for (const code of Object.values(EXIT)) expect(help).toMatch(new RegExp(`(^|[^0-9])${code}[^0-9]`));
    }
  });

  it('help examples speak the reader’s language: every comment and note of an example is Chinese in Chinese help (issue 13)', async () => {
    const paths = [[], ...COMMANDS.flatMap((entry) => (isGroup(entry) ? [[entry.name], ...entry.commands.map((c) => [entry.name, c.name])] : [[entry.name]]))];
    for (const path of paths) {
      const help = (await leadq(['--lang', 'zh', ...path, '--help'])).stdout;
      const examples = help.slice(help.indexOf('示例：')).split('\n').filter((l) => l.startsWith('  '));
      for (const line of examples) {
        const comment = /\s#\s(.*)$/u.exec(line)?.[1];
        const note = /--note "([^"]*)"/u.exec(line)?.[1];
        for (const words of [comment, note]) if (words !== undefined) expect(words, `leadq ${path.join(' ')}: ${line}`).toMatch(/\p{Script=Han}/u);
      }
    }
    expect((await leadq(['--lang', 'zh', 'lead', 'close', '--help'])).stdout).toContain('--note "签了三年合同"');
    expect((await leadq(['lead', 'close', '--help'])).stdout).toContain('--note "signed a 3-year contract"');
  });

  it('help examples run as shown: every --next date in them is one the command takes today (not past)', async () => {
    const paths = [[], ...COMMANDS.flatMap((entry) => (isGroup(entry) ? [[entry.name], ...entry.commands.map((c) => [entry.name, c.name])] : [[entry.name]]))];
    const today = new Date().toISOString().slice(0, 10);
    let dates = 0;
    for (const lang of ['en', 'zh'])
      for (const path of paths) {
        const help = (await leadq(['--lang', lang, ...path, '--help'])).stdout;
        for (const m of help.matchAll(/--next (\d{4}-\d{2}-\d{2})/gu)) {
          dates++;
          expect(m[1]! > today, `leadq ${path.join(' ')}: --next ${m[1]}`).toBe(true);
        }
      }
    expect(dates).toBeGreaterThan(0);
  });

  it('takes the language from LANG when neither --lang nor LEADQ_LANG is set', async () => {
    const r = await leadq(['--help'], { env: { LEADQ_LANG: undefined, LC_ALL: undefined, LC_MESSAGES: undefined, LANG: 'zh_CN.UTF-8' } });
    expect(r.stdout).toContain('示例');
  });

  it('refuses an unknown option with one line, a hint and exit 64', async () => {
    const r = await leadq(['--bogus']);
    expect(r.code).toBe(64);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toBe('leadq: unknown option --bogus');
    expect(lines[1]).toContain('--help');
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  it('without a command shows the help on stderr and exits 64 (at the top and in a group)', async () => {
    for (const args of [[], ['lead']]) {
      const r = await leadq(args);
      expect(r.code).toBe(64);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('Usage:');
    }
  });

  it('refuses an empty --db instead of falling back to the default data file', async () => {
    const r = await leadq(['--db', '', 'db', 'path']);
    expect(r.code).toBe(64);
    expect(r.stdout).toBe('');
  });

  it('refuses an unknown command and a bad --lang with exit 64', async () => {
    const unknown = await leadq(['frobnicate']);
    expect(unknown.code).toBe(64);
    expect(unknown.stderr).toContain('see `leadq --help`');
    const lang = await leadq(['--lang', 'fr', 'lead', 'list']);
    expect(lang.code).toBe(64);
    expect(lang.stderr).toContain('unknown language "fr"');
  });

  it.each([
    [['contact', '2', '--kind', 'fax'], 'leadq contact log'],
    [['lead', 'show', '5', '--bogus'], 'leadq lead show'],
    [['lead', 'shw'], 'leadq lead'],
    [['--db', 'x.db', 'score', 'in.csv', '--bogus'], 'leadq score'],
  ])('a usage error %j points to the help of the command typed: %s (a lead is no part of it)', async (args, path) => {
    const r = await leadq(args);
    expect(r.code).toBe(64);
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe(`leadq: see \`${path} --help\``);
  });

  it('without a terminal and without --answers, qualify exits 64 and names --answers', async () => {
    const r = await leadq(['--db', join(tmp.dir, 'x.db'), 'qualify']);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain('--answers');
    expect(existsSync(join(tmp.dir, 'x.db'))).toBe(false);
  });
});

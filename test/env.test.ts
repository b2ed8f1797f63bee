import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BUSY_TIMEOUT_MS, readEnv } from '../src/env.js';
import { resolveLang } from '../src/i18n/index.js';
import { colorLevel } from '../src/output/color.js';
import { resolveDbPath } from '../src/store/path.js';

// Every variable leadq reads goes through readEnv: what each means, and what an unusable value falls back to.

describe('readEnv', () => {
  it('reads nothing into defaults', () => {
    const env = readEnv({ HOME: '/home/rep' });
    expect(env).toMatchObject({ db: undefined, lang: undefined, locale: undefined, debug: false, busyTimeoutMs: DEFAULT_BUSY_TIMEOUT_MS, workers: true });
    expect(env).toMatchObject({ noColor: false, forceColor: undefined, dumbTerminal: false, columns: undefined, dataHome: '/home/rep/.local/share' });
  });

  it.each([
    [{ LEADQ_BUSY_TIMEOUT_MS: '500' }, 'busyTimeoutMs', 500],
    [{ LEADQ_BUSY_TIMEOUT_MS: ' 0 ' }, 'busyTimeoutMs', 0],
    [{ LEADQ_BUSY_TIMEOUT_MS: 'soon' }, 'busyTimeoutMs', 5000],
    [{ LEADQ_BUSY_TIMEOUT_MS: '-1' }, 'busyTimeoutMs', 5000],
    [{ LEADQ_DEBUG: '1' }, 'debug', true],
    [{ LEADQ_DEBUG: 'yes' }, 'debug', false],
    [{ LEADQ_WORKERS: '0' }, 'workers', false],
    [{ LEADQ_WORKERS: '2' }, 'workers', true],
    [{ LEADQ_DB: '' }, 'db', undefined],
    [{ LEADQ_DB: 'team.db' }, 'db', 'team.db'],
    [{ NO_COLOR: '' }, 'noColor', false],
    [{ NO_COLOR: '1' }, 'noColor', true],
    [{ FORCE_COLOR: '0' }, 'forceColor', undefined],
    [{ FORCE_COLOR: 'false' }, 'forceColor', undefined],
    [{ FORCE_COLOR: '' }, 'forceColor', 1],
    [{ FORCE_COLOR: '3' }, 'forceColor', 3],
    [{ TERM: 'dumb' }, 'dumbTerminal', true],
    [{ TERM: 'xterm' }, 'dumbTerminal', false],
    [{ COLUMNS: '120' }, 'columns', 120],
    [{ COLUMNS: '12' }, 'columns', undefined],
    [{ LANG: 'zh_CN.UTF-8', LC_ALL: '' }, 'locale', 'zh_CN.UTF-8'],
    [{ LANG: 'zh_CN.UTF-8', LC_MESSAGES: 'C' }, 'locale', 'C'],
    [{ XDG_DATA_HOME: '/data', HOME: '/home/rep' }, 'dataHome', '/data'],
  ] as const)('%o → %s = %o', (vars, name, value) => {
    expect(readEnv(vars)[name]).toBe(value);
  });

  it('drives the data file, the language and colour', () => {
    expect(resolveDbPath(undefined, readEnv({ LEADQ_DB: '/srv/team.db' }))).toBe('/srv/team.db');
    expect(resolveDbPath(undefined, readEnv({ XDG_DATA_HOME: '/data' }))).toBe(join('/data', 'leadq', 'leadq.db'));
    expect(resolveDbPath('mine.db', readEnv({ LEADQ_DB: '/srv/team.db' }))).toBe(join(process.cwd(), 'mine.db'));
    expect(resolveLang(undefined, readEnv({ LEADQ_LANG: 'zh' }))).toBe('zh');
    expect(resolveLang(undefined, readEnv({ LEADQ_LANG: 'fr', LANG: 'zh_TW' }))).toBe('zh');
    expect(resolveLang(undefined, readEnv({ LC_ALL: 'en_US', LANG: 'zh_CN' }))).toBe('en');
    expect(resolveLang('EN', readEnv({ LEADQ_LANG: 'zh' }))).toBe('en');
    expect(resolveLang('fr', readEnv({}))).toBeUndefined();
  });
});

describe('colorLevel', () => {
  // A terminal that can show 256 colours, as Node reports it.
  const terminal = { isTTY: true, getColorDepth: () => 8, write: () => true } as unknown as NodeJS.WriteStream;
  const level = (vars: NodeJS.ProcessEnv, noColorFlag = false, stream = terminal) => colorLevel(stream, { noColorFlag, env: readEnv(vars) });

  it('colours a terminal, never with --no-color, NO_COLOR or TERM=dumb; FORCE_COLOR forces it off a terminal', () => {
    expect(level({})).toBe(2);
    expect(level({}, true)).toBe(0);
    expect(level({ NO_COLOR: '1' })).toBe(0);
    expect(level({ NO_COLOR: '' })).toBe(2);
    expect(level({ TERM: 'dumb' })).toBe(0);
    expect(level({ FORCE_COLOR: '1' }, false, { isTTY: false } as unknown as NodeJS.WriteStream)).toBe(1);
    expect(level({}, false, { isTTY: false } as unknown as NodeJS.WriteStream)).toBe(0);
  });
});

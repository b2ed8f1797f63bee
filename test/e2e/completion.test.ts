import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leadq } from '../helpers/leadq.js';
import { BIN, tempDir } from './helpers.js';

// `leadq completion bash|zsh|fish` in the real shells: tmux runs each shell with no user config, the test loads the
// script the way the README says, types a partial command line, presses Tab and reads what the shell completed.
// A shell that is not installed is skipped, and says so (CI installs tmux; zsh and fish only where they exist).

const has = (cmd: string, ...args: string[]) => spawnSync(cmd, args).status === 0;
const hasTmux = has('tmux', '-V');
// Each way the README and the scripts' own first lines say to install them (zsh: sourced, or as _leadq in $fpath,
// where compinit autoloads it on the first Tab).
const SHELLS = [
  { shell: 'bash', how: 'sourced', file: 'leadq.bash', argv: ['bash', '--norc', '--noprofile'], load: (f: string) => `PS1='$ '; source ${f}` },
  { shell: 'zsh', how: 'sourced', file: 'leadq.zsh', argv: ['zsh', '-f'], load: (f: string) => `PROMPT='$ '; autoload -U compinit && compinit -u && source ${f}` },
  { shell: 'zsh', how: 'in $fpath', file: 'fpath/_leadq', argv: ['zsh', '-f'], load: (f: string) => `PROMPT='$ '; fpath=(${dirname(f)} $fpath); autoload -U compinit && compinit -u -d ${dirname(f)}/.zcompdump` },
  { shell: 'fish', how: 'sourced', file: 'leadq.fish', argv: ['fish', '--no-config'], load: (f: string) => `function fish_prompt; echo '$ '; end; source ${f}` },
] as const;

const tmp = tempDir('leadq-completion-');
const SOCKET = `leadq-completion-${process.pid}`;
const tmux = (...args: string[]) => spawnSync('tmux', ['-L', SOCKET, '-f', '/dev/null', ...args], { encoding: 'utf8' });
beforeAll(() => {
  // leadq on PATH, as an installed package puts it there.
  const bin = join(tmp.dir, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'leadq'), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} "$@"\n`);
  chmodSync(join(bin, 'leadq'), 0o755);
  if (hasTmux) tmux('new-session', '-d', '-s', 'keeper', 'sleep 100000');
});
afterAll(() => {
  if (hasTmux) tmux('kill-server');
  tmp.cleanup();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(name: string, test: (screen: string) => boolean, what: string): Promise<string> {
  const end = Date.now() + 10_000;
  for (;;) {
    const screen = tmux('capture-pane', '-p', '-J', '-t', name).stdout;
    if (test(screen)) return screen;
    if (Date.now() > end) throw new Error(`${what} did not appear; the screen:\n${screen}`);
    await sleep(50);
  }
}

describe.each(SHELLS)('leadq completion $shell in $shell itself ($how)', ({ shell, file, argv, load }) => {
  const present = hasTmux && has(shell, '-c', 'true');
  if (!present) console.warn(`completion e2e for ${shell} skipped: ${hasTmux ? shell : 'tmux'} is not installed`);

  it.skipIf(!present).each([
    ['a command', 'leadq lea', 'leadq lead '],
    ['a subcommand', 'leadq lead li', 'leadq lead list '],
    ['an option of that subcommand', 'leadq lead list --stat', 'leadq lead list --status '],
    ['one of the option’s values', 'leadq lead list --status qua', 'leadq lead list --status qualifying '],
    ['a value after an option that takes one', 'leadq --lang z', 'leadq --lang zh '],
    ['a preset', 'leadq score x.csv --preset hub', 'leadq score x.csv --preset hubspot '],
  ])('completes %s', async (_what, typed, completed) => {
    const script = join(tmp.dir, file);
    mkdirSync(dirname(script), { recursive: true });
    writeFileSync(script, (await leadq(['completion', shell])).stdout);
    const name = `${shell}${Math.random().toString(36).slice(2, 8)}`;
    const env = { PATH: `${join(tmp.dir, 'bin')}:${process.env.PATH ?? ''}`, HOME: tmp.dir, TERM: 'xterm', LEADQ_LANG: 'en' };
    const started = tmux('new-session', '-d', '-x', '160', '-y', '20', '-s', name, 'env', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), ...argv);
    expect(started.status, started.stderr).toBe(0);
    try {
      tmux('send-keys', '-t', name, '-l', load(script));
      tmux('send-keys', '-t', name, 'Enter');
      tmux('send-keys', '-t', name, 'clear', 'Enter');
      await waitFor(name, (s) => s.trim() === '$', 'the prompt');
      tmux('send-keys', '-t', name, '-l', typed);
      tmux('send-keys', '-t', name, 'Tab');
      const screen = await waitFor(name, (s) => s.includes(completed.trimEnd()), completed);
      expect(screen.split('\n')[0]!.trimEnd()).toBe(`$ ${completed}`.trimEnd());
    } finally {
      tmux('kill-session', '-t', name);
    }
  });
});

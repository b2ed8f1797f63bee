import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/files.js';
import { leadq } from '../helpers/leadq.js';

// `leadq completion bash|zsh|fish`, made from the command table: the bash script is loaded into a real bash and asked
// what it completes, the way bash asks it (COMP_WORDS, COMP_CWORD → COMPREPLY).

const tmp = tempDir('leadq-completion-');
afterAll(() => tmp.cleanup());
const script = join(tmp.dir, 'leadq.bash');
beforeAll(async () => {
  const r = await leadq(['completion', 'bash']);
  expect(r.code).toBe(0);
  writeFileSync(script, r.stdout);
});

/** What bash completes for the words typed so far (the last one is being completed). */
function complete(...typed: string[]): string[] {
  const words = ['leadq', ...typed].map((w) => `'${w}'`).join(' ');
  const r = spawnSync('bash', ['-c', `source "${script}"; COMP_WORDS=(${words}); COMP_CWORD=${typed.length}; _leadq; printf '%s\\n' "\${COMPREPLY[@]}"`], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return r.stdout.split('\n').filter((w) => w !== '');
}

describe('leadq completion bash', () => {
  it('registers itself for leadq', () => {
    const r = spawnSync('bash', ['-c', `source "${script}"; complete -p leadq`], { encoding: 'utf8' });
    expect(r.stdout.trim()).toBe('complete -o bashdefault -o default -F _leadq leadq');
  });

  it('completes commands, a group’s subcommands, and options', () => {
    expect(complete('')).toEqual(['today', 'qualify', 'lead', 'contact', 'score', 'referral', 'top20', 'report', 'db', 'completion']);
    expect(complete('le')).toEqual(['lead']);
    expect(complete('lead', '')).toEqual(['add', 'list', 'show', 'edit', 'close', 'reopen', 'delete']);
    expect(complete('lead', 'list', '--s')).toEqual(['--status', '--source', '--sort', '--search', '--stale']);
    expect(complete('contact', '')).toEqual(['log', 'list', 'delete']);
    expect(complete('--db', 'team.db', 'lead', 'list', '--no')).toEqual(['--no-header', '--no-color']);
    expect(complete('db', '')).toEqual(['path', 'init', 'check', 'backup', 'copy', 'rescore']);
    expect(complete('completion', '')).toEqual(['bash', 'zsh', 'fish']);
  });

  it('completes the values of options that take one of a list, per command', () => {
    expect(complete('lead', 'list', '--status', '')).toEqual(['new', 'qualifying', 'precise', 'disqualified', 'won', 'lost']);
    expect(complete('lead', 'list', '--format', 't')).toEqual(['table', 'tsv']);
    expect(complete('report', '--format', '')).toEqual(['table', 'json']);
    expect(complete('contact', '12', '--kind', 'v')).toEqual(['visit']);
    expect(complete('score', 'x.csv', '--encoding', 'g')).toEqual(['gbk', 'gb18030']);
    expect(complete('--lang', '')).toEqual(['en', 'zh']);
    // A value that is a name or a file is the shell's to complete.
    expect(complete('lead', 'add', '--company', '')).toEqual([]);
  });
});

describe('leadq completion zsh|fish', () => {
  it('zsh: the bash completion through bashcompinit; fish: complete lines from the same table', async () => {
    const zsh = (await leadq(['completion', 'zsh'])).stdout;
    expect(zsh).toMatch(/^#compdef leadq\n/);
    expect(zsh).toContain('bashcompinit');
    expect(zsh).toContain('complete -o bashdefault -o default -F _leadq_bash leadq');
    expect(zsh).toContain('_bash_complete -o bashdefault -o default -F _leadq_bash');
    const fish = (await leadq(['completion', 'fish'])).stdout;
    expect(fish).toContain("complete -c leadq -n '__fish_use_subcommand' -a lead");
    expect(fish).toContain("complete -c leadq -n '__fish_seen_subcommand_from lead; and __fish_seen_subcommand_from list' -l status -x -a 'new qualifying precise disqualified won lost'");
    for (const [shell, text] of [['zsh', zsh], ['fish', fish]] as const) {
      const file = join(tmp.dir, `syntax.${shell}`);
      writeFileSync(file, text);
      const check = spawnSync(shell, ['-n', file], { encoding: 'utf8' });
      if (check.error === undefined) expect(check.status, `${shell}: ${check.stderr}`).toBe(0); // the shell is installed: its syntax check passes
    }
  });

  it('an unknown shell is exit 64 naming the choices', async () => {
    const r = await leadq(['completion', 'powershell']);
    expect(r.code).toBe(64);
    expect(r.stderr).toBe("leadq: invalid value 'powershell' for shell: use one of bash, zsh, fish\nleadq: see `leadq completion --help`\n");
  });
});

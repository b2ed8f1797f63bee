import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, runCli, tempDir } from './helpers.js';

// A private copy of /dev/null (a character device) so the test never risks the real one. Needs root for mknod.
const tmp = tempDir('leadq-special-');
afterAll(() => tmp.cleanup());
const device = join(tmp.dir, 'null');
const canMknod = spawnSync('mknod', [device, 'c', '1', '3']).status === 0;
if (!canMknod) console.warn('special-file e2e skipped: mknod needs root');

describe.skipIf(!canMknod)('devices are written in place, never replaced', () => {
  const isDevice = () => statSync(device).isCharacterDevice();
  const db = join(tmp.dir, 'leadq.db');

  it('score --out <device> writes through it: no rename over it, no <device>.rejects.csv beside it', async () => {
    const r = await runCli(['--db', db, 'score', '-', '--out', device], { input: 'Company,Budget\nAcme,10万\nBad Amount Ltd,1.2.3\n' });
    expect(r.code).toBe(0);
    expect(isDevice()).toBe(true);
    // The one bad row is summarised on stderr, as when writing to stdout.
    expect(r.stderr).toContain('1 rejected');
    expect(readdirSync(tmp.dir).sort()).toEqual(['null']);
  });

  it('db backup <device> is refused (64) and leaves the device alone', async () => {
    expect((await runCli(['--db', db, 'lead', 'add', '--company', 'Acme'])).code).toBe(0);
    const r = await runCli(['--db', db, 'db', 'backup', device]);
    expect(r.code).toBe(64);
    expect(isDevice()).toBe(true);
    expect(readdirSync(tmp.dir).filter((f) => f.startsWith('null'))).toEqual(['null']);
  });

  it('a device as the data file is not a leadq data file (65): no -wal/-shm beside it', async () => {
    const r = await runCli(['--db', device, 'lead', 'list']);
    expect(r.code).toBe(65);
    expect(isDevice()).toBe(true);
    expect(existsSync(`${device}-wal`) || existsSync(`${device}-shm`)).toBe(false);
  });
});

describe('the process’s own streams, when they are pipes', () => {
  it('score --out /dev/stdout --rejects /dev/stderr writes into the pipes (/proc/self/fd/N names no file)', () => {
    // A shell pipeline: /dev/stdout → /proc/self/fd/1 → "pipe:[…]" (Node's own child pipes are sockets).
    const input = join(tmp.dir, 'in.csv');
    writeFileSync(input, 'Company,Budget\nAcme,10万\nBad Amount Ltd,1.2.3\n');
    const out = join(tmp.dir, 'out.txt');
    const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
    const line = `${q(process.execPath)} ${q(BIN)} --db ${q(join(tmp.dir, 'pipes.db'))} score ${q(input)} --out /dev/stdout --rejects /dev/stderr 2>&1 | cat > ${q(out)}`;
    const r = spawnSync('bash', ['-c', `set -o pipefail; ${line}`], { env: { ...process.env, NO_COLOR: '1', LEADQ_LANG: 'en' }, encoding: 'utf8' });
    const text = readFileSync(out, 'utf8');
    expect(r.status, text + r.stderr).toBe(0);
    expect(text).toMatch(/^\uFEFFCompany,Budget,verdict/);
    expect(text).toContain('\nAcme,10万,');
    expect(text).toContain('3,"Budget: ""1.2.3"" is not an amount of money",Bad Amount Ltd,1.2.3');
  });
});

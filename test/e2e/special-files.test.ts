import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers.js';

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

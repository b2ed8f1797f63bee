import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FlushBehind } from '../../src/store/sqlite/flush-behind.js';
import { tempDir } from '../helpers/files.js';

// FlushBehind fsyncs a file while an import writes it (store/sqlite/flush-behind.ts). What must hold: it does, one
// fsync at a time, and stop() returns only once none is on its way (its descriptor is closed then).

const fsyncs = { started: 0, running: 0, most: 0, fds: new Set<number>() };
const fakeFsync = (fd: number, done: (err: Error | null) => void) => {
  fsyncs.started++;
  fsyncs.running++;
  fsyncs.most = Math.max(fsyncs.most, fsyncs.running);
  fsyncs.fds.add(fd);
  setTimeout(() => {
    fsyncs.running--;
    done(null);
  }, 25);
};

const { dir, cleanup } = tempDir('leadq-flush-behind-');
afterAll(cleanup);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('FlushBehind', () => {
  it('fsyncs the file while it is written, one at a time, and stop() waits for the last', async () => {
    const file = join(dir, 'big.db');
    writeFileSync(file, 'x');
    const flushing = new FlushBehind(file, 5, fakeFsync);
    // However slow the machine: until three fsyncs have come (each takes 25 ms; one every 5 ms is asked for).
    for (let waited = 0; fsyncs.started < 3 && waited < 10_000; waited += 20) await sleep(20);
    expect(fsyncs.started).toBeGreaterThanOrEqual(3);
    expect(fsyncs.most).toBe(1);
    await flushing.stop();
    expect(fsyncs.running).toBe(0);
    const after = fsyncs.started;
    await sleep(60);
    expect(fsyncs.started).toBe(after);
    expect(fsyncs.fds.size).toBe(1);
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { FlushBehind } from '../../src/store/sqlite/flush-behind.js';
import { tempDir } from '../helpers/files.js';

// FlushBehind fsyncs a file while an import writes it (store/sqlite/flush-behind.ts). What must hold: it does, one
// fsync at a time, and stop() returns only once none is on its way (its descriptor is closed then).

const fsyncs = { started: 0, running: 0, most: 0, fds: new Set<number>() };
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  return {
    ...fs,
    fsync: (fd: number, done: (err: Error | null) => void) => {
      fsyncs.started++;
      fsyncs.running++;
      fsyncs.most = Math.max(fsyncs.most, fsyncs.running);
      fsyncs.fds.add(fd);
      setTimeout(() => {
        fsyncs.running--;
        done(null);
      }, 25);
    },
  };
});

const { dir, cleanup } = tempDir('leadq-flush-behind-');
afterAll(cleanup);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('FlushBehind', () => {
  it('fsyncs the file while it is written, one at a time, and stop() waits for the last', async () => {
    const file = join(dir, 'big.db');
    writeFileSync(file, 'x');
    const flushing = new FlushBehind(file, 5);
    await sleep(200);
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

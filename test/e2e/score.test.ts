import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, GEN_LEADS, HOOKS, runCli, tempDir } from './helpers.js';

// Worker threads that fail: the run ends (never hangs) and says so. The failure is made by a preload
// (test/fixtures/hooks.cjs), which only a real process can take. Scoring in worker threads itself is tested in-process
// (test/commands/score.test.ts).

const { dir, cleanup } = tempDir('leadq-score-e2e-');
afterAll(cleanup);

// An export large enough to be scored in worker threads.
const big = join(dir, 'big.csv');
beforeAll(() => void execFileSync(process.execPath, [GEN_LEADS, '30000', big]));

describe('leadq score: a worker thread that fails', () => {
  it.each([
    ['exit', /^leadq: a scoring thread stopped \(exit 70\) before it had scored its rows; the run is incomplete\nleadq: run it again; /],
    ['throw', /^leadq: a scoring thread stopped \(LEADQ_TEST_CRASH_WORKER\) before it had scored its rows; the run is incomplete\nleadq: run it again; /],
  ])('a worker thread that dies at its first piece (%s) ends the run: exit 1, one line and a hint, no output file', async (crash, message) => {
    const out = join(dir, `crash-${crash}-out.csv`);
    const r = await runCli(['score', big, '--out', out], { env: { LEADQ_TEST_CRASH_WORKER: crash, NODE_OPTIONS: `--require ${HOOKS}` }, timeoutMs: 60_000 });
    expect(r.signal).toBeNull(); // killed by the timeout: it hung
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(2);
    expect(existsSync(out)).toBe(false);
  });

  it('a worker thread that stopped between pieces gets no more: the run ends whole and right', async () => {
    const bytes = readFileSync(big);
    const single = await runCli(['score', big, '--out', join(dir, 'crash-idle-single.csv')], { env: { LEADQ_WORKERS: '0' }, timeoutMs: 60_000 });
    expect(single.code).toBe(0);
    // stdin: the first 64 KB (the first piece, to the first worker, which answers it and stops), a pause, the rest.
    const out = join(dir, 'crash-idle-out.csv');
    const child = spawn(process.execPath, [BIN, 'score', '-', '--out', out], { env: { ...process.env, NO_COLOR: '1', LEADQ_LANG: 'en', LEADQ_TEST_CRASH_WORKER: 'idle', NODE_OPTIONS: `--require ${HOOKS}` } });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const ended = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('close', (code, signal) => resolve([code, signal])));
    child.stdin.on('error', () => undefined);
    child.stdin.write(bytes.subarray(0, 65_536));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    child.stdin.end(bytes.subarray(65_536));
    const [code, signal] = await ended;
    clearTimeout(timer);
    expect(signal).toBeNull(); // killed by the timeout: a piece went to the stopped worker and never came back
    // On a slow machine the worker may still hold a piece when it stops: then the run fails, and says so.
    if (code === 1) expect(stderr).toMatch(/^leadq: a scoring thread stopped \(exit 70\)/);
    else {
      expect(code).toBe(0);
      expect(readFileSync(out).equals(readFileSync(join(dir, 'crash-idle-single.csv')))).toBe(true);
    }
  });
});

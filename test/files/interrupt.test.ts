import { afterEach, describe, expect, it, vi } from 'vitest';
import { holdingSignals, holdSignal, writesSoFar } from '../../src/files/interrupt.js';

// A signal that comes while a step must not be cut in two (a COMMIT on its way to the server) is handled once the step
// is over — or after 800 ms, so that a server that stopped answering never keeps Ctrl-C waiting.

const SIGNAL = 'SIGUSR2';

describe('holdingSignals', () => {
  const heard: string[] = [];
  const listener = () => void heard.push('signal');
  afterEach(() => {
    process.off(SIGNAL, listener);
    heard.length = 0;
    vi.useRealTimers();
  });

  it('outside a held step a signal is not held', () => {
    expect(holdSignal(SIGNAL)).toBe(false);
  });

  it('a signal during the step comes back once, after what the step did (its commit marked), and not before', async () => {
    process.on(SIGNAL, listener);
    let finish = () => undefined as void;
    const step = holdingSignals(async () => {
      await new Promise<void>((resolve) => (finish = resolve));
      heard.push('committed');
      return 'value';
    });
    await Promise.resolve();
    expect(holdSignal(SIGNAL)).toBe(true);
    expect(holdSignal(SIGNAL)).toBe(true); // a second signal meanwhile: still one delivery
    expect(heard).toEqual([]);
    finish();
    expect(await step).toBe('value');
    expect(heard).toEqual(['committed', 'signal']);
    expect(holdSignal(SIGNAL)).toBe(false);
  });

  it('a step that fails still lets the held signal through', async () => {
    process.on(SIGNAL, listener);
    const step = holdingSignals(async () => {
      await Promise.resolve();
      throw new Error('commit failed');
    });
    expect(holdSignal(SIGNAL)).toBe(true);
    await expect(step).rejects.toThrow('commit failed');
    expect(heard).toEqual(['signal']);
  });

  it('a step that hangs lets the signal through after 800 ms, and holds no later signal', async () => {
    vi.useFakeTimers();
    process.on(SIGNAL, listener);
    let finish = () => undefined as void;
    const step = holdingSignals(() => new Promise<void>((resolve) => (finish = resolve)));
    expect(holdSignal(SIGNAL)).toBe(true);
    vi.advanceTimersByTime(799);
    expect(heard).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(heard).toEqual(['signal']);
    // The COMMIT held was still on its way: what it did is not known (the message says so, not "nothing saved").
    expect(writesSoFar()).toBe('unknown');
    expect(holdSignal(SIGNAL)).toBe(false);
    finish();
    await step;
    expect(heard).toEqual(['signal']);
    // The next step holds signals again.
    const next = holdingSignals(async () => expect(holdSignal(SIGNAL)).toBe(true));
    await next;
    expect(heard).toEqual(['signal', 'signal']);
  });

  it('what a signal finds: no write, a committed write; and the first point of no return stays (data, then output)', async () => {
    vi.resetModules();
    const fresh = await import('../../src/files/interrupt.js');
    expect(fresh.writesSoFar()).toBe('none');
    expect(fresh.pointOfNoReturn()).toBeUndefined();
    fresh.writeCommitted();
    expect(fresh.writesSoFar()).toBe('committed');
    fresh.dataSaved();
    fresh.dataSaved('output');
    expect(fresh.pointOfNoReturn()).toBe('data');
  });
});

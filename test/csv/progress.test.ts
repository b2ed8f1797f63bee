import { describe, expect, it } from 'vitest';
import { ProgressBar } from '../../src/csv/progress.js';

/** A stderr stand-in that records what is written. */
function stream(isTTY: boolean): { isTTY: boolean; text: string; write(s: string): boolean } {
  return {
    isTTY,
    text: '',
    write(s: string) {
      this.text += s;
      return true;
    },
  };
}

describe('ProgressBar', () => {
  it('draws on a terminal only after a second, then clears itself', () => {
    let now = 0;
    const err = stream(true);
    const bar = new ProgressBar(err as unknown as NodeJS.WritableStream & { isTTY: boolean }, 1000, () => now);
    now = 500;
    bar.update(100, 10);
    expect(err.text).toBe('');
    now = 1500;
    bar.update(450, 45_000);
    expect(err.text).toBe('\rleadq: [███████████░░░░░░░░░░░░░] 45%  45,000 rows\x1b[K');
    bar.done();
    expect(err.text.endsWith('\r\x1b[K')).toBe(true);
  });

  it('never draws when stderr is not a terminal', () => {
    let now = 0;
    const err = stream(false);
    const bar = new ProgressBar(err as unknown as NodeJS.WritableStream & { isTTY: boolean }, undefined, () => now);
    now = 5000;
    bar.update(1, 1);
    bar.done();
    expect(err.text).toBe('');
  });
});

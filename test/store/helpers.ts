import { CliError } from '../../src/errors.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh temp folder with a data file path in it; call cleanup() afterwards. */
export function tempStore(prefix = 'leadq-store-'): { dir: string; file: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, file: join(dir, 'data', 'leadq.db'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The CliError fn throws (any other throw, or none, fails the test). */
export function failure(fn: () => unknown): CliError {
  try {
    fn();
  } catch (err) {
    if (err instanceof CliError) return err;
    throw err;
  }
  throw new Error('expected a CliError');
}

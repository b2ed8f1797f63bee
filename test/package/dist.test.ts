import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// What ships is dist/ (with bin/ and data/): no test hook may be in it. Test-only behaviour is preloaded from test/
// (test/fixtures/hooks.cjs). npm test builds dist/ first.
const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

describe('the shipped code (dist/)', () => {
  it('holds no test hook', () => {
    const shipped = files(DIST).filter((f) => f.endsWith('.js'));
    expect(shipped.length).toBeGreaterThan(20);
    for (const file of shipped) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/LEADQ_TEST|LEADQ_TRACE|test\/fixtures/);
    }
  });
});

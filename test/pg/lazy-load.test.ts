// node-postgres loads only when a PostgreSQL URL is used: `leadq --help` and SQLite commands never load it (nor any
// of leadq's PostgreSQL modules). Spawns the built CLI with a module trace, as test/e2e/cli.test.ts does for --help.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../e2e/helpers.js';

const TRACE_MODULES = join(ROOT, 'test/e2e/fixtures/trace-modules.mjs');
// Telling a URL from a file name (and printing it without its password) takes the pure url.js and its errors.js, which
// load no driver; every other PostgreSQL module waits for a URL.
const POSTGRES_MODULES = ['/node_modules/pg/', '/node_modules/pg-copy-streams/', '/node_modules/pg-cursor/', '/dist/store/postgres/client.js', '/dist/store/postgres/store.js', '/dist/store/postgres/imports.js', '/dist/store/postgres/schema.js', '/dist/store/postgres/stream.js'];

describe('the PostgreSQL client loads only for a URL', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());
  let n = 0;

  async function loadedBy(args: string[]): Promise<string> {
    const trace = join(tmp.dir, `trace-${n++}.txt`);
    const r = await runCli(args, { env: { LEADQ_TRACE_FILE: trace, NODE_OPTIONS: `--import ${TRACE_MODULES}` } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return readFileSync(trace, 'utf8');
  }

  it('the trace sees node-postgres when it is loaded (the check below can fail)', () => {
    const trace = join(tmp.dir, 'trace-control.txt');
    const script = `const m = await import(${JSON.stringify(join(ROOT, 'dist/store/postgres/client.js'))}); await m.loadPg();`;
    const r = spawnSync(process.execPath, ['--import', TRACE_MODULES, '--input-type=module', '-e', script], { env: { ...process.env, LEADQ_TRACE_FILE: trace } });
    expect(r.status).toBe(0);
    expect(readFileSync(trace, 'utf8')).toContain('/node_modules/pg/');
  });

  it.each([
    ['leadq --help', ['--help']],
    ['leadq lead add on a SQLite file', ['--db', 'DB', 'lead', 'add', '--company', 'Acme']],
    ['leadq lead list on a SQLite file', ['--db', 'DB', 'lead', 'list']],
  ])('%s never loads it', async (_what, args) => {
    const loaded = await loadedBy(args.map((a) => (a === 'DB' ? join(tmp.dir, 'team.db') : a)));
    for (const module of POSTGRES_MODULES) expect(loaded).not.toContain(module);
  });
});

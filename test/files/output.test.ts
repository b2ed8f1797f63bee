import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CliError } from '../../src/errors.js';
import { msg } from '../../src/i18n/index.js';
import { dataFileIdentities, identityOf, realTarget, sameFile } from '../../src/files/identity.js';
import { checkOutput, openOutput, type OutputSpec } from '../../src/files/output.js';
import { sweepStaleTemps, tempPathFor } from '../../src/files/temp.js';
import { tempDir } from '../helpers/files.js';
import { failure } from '../store/helpers.js';

let dir: string;
let cleanup: () => void;
let db: string;
let spec: OutputSpec;

beforeEach(() => {
  ({ dir, cleanup } = tempDir('leadq-output-'));
  mkdirSync(join(dir, 'data'));
  db = join(dir, 'data', 'leadq.db');
  writeFileSync(db, 'the only copy of the pipeline');
  spec = { dataFile: db, newMode: 0o644, special: 'writeThrough' };
});
afterEach(() => cleanup());


function write(file: string, text: string, s: OutputSpec = spec): void {
  const out = openOutput(file, s);
  out.write(Buffer.from(text));
  out.commit();
}

describe('identity', () => {
  it('follows symlinks (also dangling ones and folder links) and sees hard links as one file', () => {
    symlinkSync(db, join(dir, 'link.db'));
    symlinkSync(join(dir, 'data'), join(dir, 'folder'));
    linkSync(db, join(dir, 'hard.db'));
    for (const other of ['link.db', 'folder/leadq.db', 'hard.db']) expect(sameFile(identityOf(join(dir, other)), identityOf(db)), other).toBe(true);
    symlinkSync(join(dir, 'data', 'new.csv'), join(dir, 'dangling'));
    expect(realTarget(join(dir, 'dangling'))).toBe(join(dir, 'data', 'new.csv'));
    expect(sameFile(identityOf(join(dir, 'folder', 'leadq.db-wal')), identityOf(`${db}-wal`))).toBe(true);
    // A relative link in a linked folder: ".." is the real folder's parent, as the kernel resolves it.
    mkdirSync(join(dir, 'data', 'sub'));
    symlinkSync(join(dir, 'data', 'sub'), join(dir, 'sublink'));
    symlinkSync('../leadq.db-shm', join(dir, 'data', 'sub', 'rel'));
    expect(realTarget(join(dir, 'sublink', 'rel'))).toBe(`${db}-shm`);
  });

  it('the data file’s identities include its -wal, -shm and -journal, beside the real file of a symlinked path', () => {
    symlinkSync(db, join(dir, 'link.db'));
    const ids = dataFileIdentities(join(dir, 'link.db')).map((i) => i.path);
    expect(ids).toEqual(expect.arrayContaining([db, `${db}-wal`, `${db}-shm`, `${db}-journal`]));
  });
});

describe('the guarded output', () => {
  it.each([
    ['the data file', () => db],
    ['a symlink to it', () => (symlinkSync(db, join(dir, 'l.db')), join(dir, 'l.db'))],
    ['a hard link to it', () => (linkSync(db, join(dir, 'h.db')), join(dir, 'h.db'))],
    ['it through a folder symlink', () => (symlinkSync(join(dir, 'data'), join(dir, 'f')), join(dir, 'f', 'leadq.db'))],
    ['its -wal (not there yet)', () => `${db}-wal`],
    ['its -shm through a folder symlink', () => (symlinkSync(join(dir, 'data'), join(dir, 'f')), join(dir, 'f', 'leadq.db-shm'))],
  ])('refuses %s with 64 and writes nothing', (_name, path) => {
    const file = path();
    const before = readdirSync(join(dir, 'data')).sort();
    expect(failure(() => openOutput(file, spec))).toMatchObject({ exitCode: 64, key: 'error.outputIsDataFile' });
    expect(readFileSync(db, 'utf8')).toBe('the only copy of the pipeline');
    expect(readdirSync(join(dir, 'data')).sort()).toEqual(before);
  });

  it('refuses a guarded file (the input) with the guard’s own error', () => {
    const input = join(dir, 'in.csv');
    writeFileSync(input, 'a\n');
    symlinkSync(input, join(dir, 'in-link.csv'));
    const guarded = { ...spec, guards: [{ identity: identityOf(input), refusal: () => new CliError(64, 'score.outIsInput', { file: 'x' }) }] };
    expect(failure(() => checkOutput(join(dir, 'in-link.csv'), guarded)).key).toBe('score.outIsInput');
  });

  it('puts the content in place only at commit; abort leaves the old file and no temporary', () => {
    const file = join(dir, 'out.csv');
    writeFileSync(file, 'old');
    const out = openOutput(file, spec);
    out.write(Buffer.from('new'));
    expect(readFileSync(file, 'utf8')).toBe('old');
    expect(existsSync(tempPathFor(file))).toBe(true);
    out.abort();
    expect(readFileSync(file, 'utf8')).toBe('old');
    expect(readdirSync(dir).sort()).toEqual(['data', 'out.csv']);
    write(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(readdirSync(dir).sort()).toEqual(['data', 'out.csv']);
  });

  it('keeps an existing file’s mode (0600 stays 0600, 0640 stays 0640); a new one gets the spec’s', () => {
    for (const mode of [0o600, 0o640, 0o664]) {
      const file = join(dir, `m${mode.toString(8)}.csv`);
      writeFileSync(file, 'old');
      chmodSync(file, mode);
      write(file, 'new');
      expect(statSync(file).mode & 0o777).toBe(mode);
    }
    write(join(dir, 'fresh.csv'), 'x', { ...spec, newMode: 0o600 });
    expect(statSync(join(dir, 'fresh.csv')).mode & 0o777).toBe(0o600);
  });

  it('with maxMode (a backup), an existing file is tightened to it, never loosened', () => {
    const backup = { ...spec, newMode: 0o600, maxMode: 0o600 };
    for (const [before, after] of [[0o644, 0o600], [0o400, 0o400]] as const) {
      const file = join(dir, `b${before.toString(8)}.db`);
      writeFileSync(file, 'old');
      chmodSync(file, before);
      if (before === 0o400 && process.getuid?.() !== 0) continue; // a read-only file is refused unless we are root
      write(file, 'new', backup);
      expect(statSync(file).mode & 0o777).toBe(after);
    }
  });

  it('replaces the file a symlink points to, never the link (also a dangling link: its target is created)', () => {
    const real = join(dir, 'real.csv');
    writeFileSync(real, 'old');
    chmodSync(real, 0o600);
    symlinkSync(real, join(dir, 'link.csv'));
    write(join(dir, 'link.csv'), 'new');
    expect(lstatSync(join(dir, 'link.csv')).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toBe('new');
    expect(statSync(real).mode & 0o777).toBe(0o600);
    symlinkSync(join(dir, 'created.csv'), join(dir, 'dangling.csv'));
    write(join(dir, 'dangling.csv'), 'made');
    expect(lstatSync(join(dir, 'dangling.csv')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'created.csv'), 'utf8')).toBe('made');
  });

  it('a folder is exit 73; a missing folder is exit 73 naming why', () => {
    expect(failure(() => openOutput(join(dir, 'data'), spec)).exitCode).toBe(73);
    expect(failure(() => openOutput(join(dir, 'nope', 'x.csv'), spec)).params.reason).toEqual(msg('reason.noFolder'));
  });

  it('a FIFO is written through (never renamed over), or refused when the spec says so', () => {
    const fifo = join(dir, 'pipe');
    if (spawnSync('mkfifo', [fifo]).status !== 0) return;
    expect(checkOutput(fifo, spec)).toBe(fifo);
    const refused = { ...spec, special: () => new CliError(64, 'db.backupNotAFile', { file: fifo }) };
    expect(failure(() => checkOutput(fifo, refused)).key).toBe('db.backupNotAFile');
  });
});

describe('stale temporaries', () => {
  it('are swept when their process is gone; a running process’s are kept', () => {
    const file = join(dir, 'out.csv');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    const deadTemp = tempPathFor(file, Number(dead));
    const oldPartial = `${file}.partial-${dead}`;
    const liveTemp = tempPathFor(file, process.ppid);
    for (const f of [deadTemp, `${deadTemp}-wal`, `${deadTemp}-shm`, oldPartial, `${oldPartial}-journal`, liveTemp, `${liveTemp}-wal`]) writeFileSync(f, 'x');
    sweepStaleTemps(file);
    expect(readdirSync(dir).sort()).toEqual(['.out.csv.' + process.ppid + '.tmp', '.out.csv.' + process.ppid + '.tmp-wal', 'data']);
  });
});

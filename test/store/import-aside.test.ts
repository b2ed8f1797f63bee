import Database from 'better-sqlite3';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite/store.js';
import type { ImportRow, ImportTotals } from '../../src/store/store.js';
import { importRow } from './helpers.js';
import { tempDir } from '../helpers/files.js';
import { leadq } from '../helpers/leadq.js';

// `score --import` into a data file that does not exist yet builds it aside (a new file without a journal, linked
// into place once committed; store/sqlite/store.ts writeAside). What must hold: the file in place is a WAL data file
// like any other (0600, every record); a failure leaves no file and no temporary; and a leadq that created the data
// file meanwhile keeps what it wrote, the import merged into it as an import into an existing file.

const { dir, cleanup } = tempDir('leadq-import-aside-');
afterAll(cleanup);
let n = 0;
const fresh = () => join(dir, `aside-${++n}`, 'leadq.db');
const NOW = '2026-12-01T09:00:00.000Z';

const row = importRow;

const leftBeside = (db: string) => readdirSync(join(db, '..')).filter((f) => f !== 'leadq.db');
const companies = (db: string) => {
  const d = new Database(db, { readonly: true });
  try {
    return d.prepare('SELECT company FROM leads ORDER BY id').pluck().all();
  } finally {
    d.close();
  }
};

describe('an import into a missing SQLite data file is built aside', () => {
  it('puts a WAL data file (0600) with every record in place, and leaves nothing beside it', async () => {
    const db = fresh();
    const store = new SqliteStore(db, { busyTimeoutMs: 1000 });
    const totals = await store.write(async (tx) => {
      const importer = tx.leadImporter(NOW, 'rep1');
      await importer.add([row('Acme'), row('Beta')], 1);
      expect(existsSync(db)).toBe(false); // not in place before it is complete
      // Built without a journal: its pages are written once, into the new file alone (no -wal, no -journal beside it).
      expect(leftBeside(db)).toEqual([expect.stringMatching(/^\.leadq\.db\.\d+\.tmp$/)]);
      expect((tx as unknown as { connection: Database.Database }).connection.pragma('journal_mode', { simple: true })).toBe('off');
      return importer.totals();
    }, { bulk: true });
    await store.close();
    expect(totals).toEqual({ created: 2, updated: 0, unchanged: 0, duplicates: 1 });
    expect(leftBeside(db)).toEqual([]);
    expect(companies(db)).toEqual(['Acme', 'Beta']);
    expect(statSync(db).mode & 0o777).toBe(0o600);
    const d = new Database(db, { readonly: true });
    expect(d.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(d.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(d.pragma('foreign_key_check')).toEqual([]);
    d.close();
    // It is a data file like any other: leadq reads and writes it.
    expect((await leadq(['--db', db, 'lead', 'add', '--company', 'Gamma'])).code).toBe(0);
    expect(companies(db)).toEqual(['Acme', 'Beta', 'Gamma']);
  });

  it('refuses the values its CHECK constraints would (the new file is built without them), leaving no file', async () => {
    const bad: ReadonlyArray<Partial<Record<'score' | 'verdict' | 'source', unknown>>> = [{ score: 101 }, { score: -1 }, { score: 2.5 }, { score: null }, { verdict: 'maybe' }, { source: 'tv' }];
    for (const values of bad) {
      const db = fresh();
      const store = new SqliteStore(db, { busyTimeoutMs: 1000 });
      const imported = store.write(async (tx) => {
        const importer = tx.leadImporter(NOW, 'rep1');
        // The build runs without the constraints' own checks (what the importer's stand for).
        const connection = (tx as unknown as { connection: Database.Database }).connection;
        expect(connection.pragma('ignore_check_constraints', { simple: true })).toBe(1);
        expect(connection.pragma('foreign_keys', { simple: true })).toBe(0);
        await importer.add([row('Acme'), { ...row('Beta'), ...values } as ImportRow], 0);
        return importer.totals();
      }, { bulk: true });
      await expect(imported, JSON.stringify(values)).rejects.toThrow(/outside the data file's constraints/);
      await store.close();
      expect(existsSync(db)).toBe(false);
      expect(leftBeside(db)).toEqual([]);
    }
    // The same values within the constraints go in.
    const db = fresh();
    const store = new SqliteStore(db, { busyTimeoutMs: 1000 });
    await store.write(async (tx) => tx.leadImporter(NOW, 'rep1').add([{ ...row('Acme'), score: 100, verdict: 'precise', source: 'top20' }, { ...row('Beta'), score: 0, verdict: 'disqualified' }], 0), { bulk: true });
    await store.close();
    expect(companies(db)).toEqual(['Acme', 'Beta']);
  });

  it('a failure leaves no data file and no temporary', async () => {
    const db = fresh();
    const store = new SqliteStore(db, { busyTimeoutMs: 1000 });
    await expect(
      store.write(async (tx) => {
        await tx.leadImporter(NOW, 'rep1').add([row('Acme')], 0);
        throw new Error('the run failed');
      }, { bulk: true }),
    ).rejects.toThrow('the run failed');
    await store.close();
    expect(existsSync(db)).toBe(false);
    expect(leftBeside(db)).toEqual([]);
  });

  it('a data file another leadq created meanwhile keeps its records, and the import is merged into it', async () => {
    const db = fresh();
    const store = new SqliteStore(db, { busyTimeoutMs: 1000 });
    let totals: ImportTotals | undefined;
    await store.write(async (tx) => {
      const importer = tx.leadImporter(NOW, 'rep1');
      await importer.add([row('Acme Inc.'), row('Beta')], 0);
      // Meanwhile a rep adds a lead (creating the data file), one of the import's companies among them.
      expect((await leadq(['--db', db, 'lead', 'add', '--company', 'ACME'])).code).toBe(0);
      expect((await leadq(['--db', db, 'lead', 'add', '--company', 'Other Co'])).code).toBe(0);
      totals = await importer.totals();
    }, { bulk: true });
    await store.close();
    expect(totals).toEqual({ created: 1, updated: 1, unchanged: 0, duplicates: 0 });
    expect(companies(db)).toEqual(['ACME', 'Other Co', 'Beta']);
    const d = new Database(db, { readonly: true });
    expect(d.prepare("SELECT count(*) FROM qualifications q JOIN leads l ON l.id = q.lead_id WHERE l.company = 'ACME'").pluck().get()).toBe(1);
    expect(d.prepare("SELECT status FROM leads WHERE company = 'ACME'").pluck().get()).toBe('qualifying');
    d.close();
    expect(leftBeside(db).filter((f) => f.includes('.tmp'))).toEqual([]);
  });
});

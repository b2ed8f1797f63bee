import Database from 'better-sqlite3';
import fc from 'fast-check';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HashedIds, hashOf } from '../../src/store/sqlite/hashed-ids.js';
import { SqliteStore } from '../../src/store/sqlite/store.js';
import type { ImportRow, ImportTotals } from '../../src/store/store.js';
import { importRow } from './helpers.js';
import { tempDir } from '../helpers/files.js';

// A bulk load (an import into a store without leads: store/sqlite/imports.ts deferIndexes) puts off the unique indexes
// of leads and finds a row's company among the ones it made itself (HashedIds). What must hold: exactly the leads,
// repeats and ids an import that keeps the unique indexes makes, for repeats by key, by credit code, and a company
// whose first row was itself a repeat of another.

const { dir, cleanup } = tempDir('leadq-bulk-load-');
afterAll(cleanup);
let n = 0;
const NOW = '2026-12-01T09:00:00.000Z';

const row = importRow;

async function importInto(db: string, rows: readonly ImportRow[]): Promise<ImportTotals> {
  const store = new SqliteStore(db, { busyTimeoutMs: 1000 });
  try {
    return await store.write(async (tx) => {
      const importer = tx.leadImporter(NOW, 'rep1');
      for (let i = 0; i < rows.length; i += 700) await importer.add(rows.slice(i, i + 700), 0);
      return importer.totals();
    }, { bulk: true });
  } finally {
    await store.close();
  }
}

const leadsOf = (db: string) => {
  const d = new Database(db, { readonly: true });
  try {
    return d.prepare('SELECT id, company, company_key AS key, credit_code AS code FROM leads ORDER BY id').all() as Array<{ id: number; company: string; key: string; code: string | null }>;
  } finally {
    d.close();
  }
};

/** The same rows as a bulk load into a missing file, and as an import into a file that holds one other lead. */
async function bothWays(rows: readonly ImportRow[]) {
  const bulk = join(dir, `bulk-${++n}.db`);
  const kept = join(dir, `kept-${n}.db`);
  await importInto(kept, [row('Zeta Holdings Unrelated', null)]);
  const bulkTotals = await importInto(bulk, rows);
  const keptTotals = await importInto(kept, rows);
  const other = leadsOf(kept);
  return {
    bulk: { totals: bulkTotals, leads: leadsOf(bulk) },
    kept: { totals: keptTotals, leads: other.slice(1).map((l) => ({ ...l, id: l.id - 1 })) },
  };
}

describe('a bulk load finds repeats without the unique indexes', () => {
  it('repeats by key and by credit code, and a company whose first row was a repeat', async () => {
    const rows = [
      row('Acme Inc.', '91350100M000100Y43'),
      row('Beta Ltd', '91350100M000100Y43'), // the credit code is Acme's: a repeat, nothing made
      row('Beta Ltd'), // Beta is no lead yet: a new one
      row('ACME'), // Acme's key
      row('上海华信科技有限公司', '911100001000000000'),
      row('福建华信', '911100001000000000'),
      row('上海华信科技'), // the key of 上海华信科技有限公司
    ];
    const { bulk, kept } = await bothWays(rows);
    expect(bulk.totals).toEqual({ created: 3, updated: 0, unchanged: 0, duplicates: 4 });
    expect(bulk.leads.map((l) => l.company)).toEqual(['Acme Inc.', 'Beta Ltd', '上海华信科技有限公司']);
    expect(bulk).toEqual(kept);
    const d = new Database(join(dir, `bulk-${n}.db`), { readonly: true });
    expect(d.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'leads_c%' ORDER BY name").pluck().all()).toEqual(['leads_company_key', 'leads_credit_code']);
    d.close();
  });

  it('thousands of rows of a few companies: the same leads, ids and repeats as with the indexes kept', async () => {
    const rows = Array.from({ length: 9000 }, (_, i) => {
      const k = (i * 7919) % 3000;
      return row(`Company ${k % 2600} Ltd`, k % 3 === 0 ? `CODE${(k * 13) % 700}` : null);
    });
    const { bulk, kept } = await bothWays(rows);
    expect(bulk.totals.created).toBeGreaterThan(2048); // the table grew past its first size
    expect(bulk.totals.duplicates).toBeGreaterThan(0);
    expect(bulk).toEqual(kept);
  });
});

describe('HashedIds', () => {
  it('answers as a set of strings does, whatever their hashes share', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ maxLength: 6 }), fc.boolean()), { maxLength: 3000 }), (ops) => {
        const table = new HashedIds();
        const texts: string[] = [''];
        const set = new Set<string>();
        const holds = (id: number, text: string) => texts[id] === text;
        for (const [text, add] of ops) {
          expect(table.has(text, holds)).toBe(set.has(text));
          if (add && !set.has(text)) {
            texts.push(text);
            table.add(text, texts.length - 1);
            set.add(text);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('a hash that matches is not enough: the id must hold the text', () => {
    const table = new HashedIds();
    table.add('Acme', 1);
    expect(table.has('Acme', () => false)).toBe(false);
    expect(table.has('Acme', (id) => id === 1)).toBe(true);
    // Two texts of one hash: both found, each through its own id.
    const a = 'Aa';
    const b = [...Array(200000).keys()].map((i) => `x${i}`).find((t) => hashOf(t) === hashOf(a) && t !== a);
    if (b !== undefined) {
      table.add(b, 2);
      expect(table.has(b, (id, t) => (id === 2 ? t === b : false))).toBe(true);
    }
  });
});

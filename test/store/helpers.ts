import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CliError } from '../../src/errors.js';
import { normaliseCompany } from '../../src/domain/company.js';
import { CSV_LEAD_FIELDS } from '../../src/domain/lead-fields.js';
import { StoreError } from '../../src/store/errors.js';
import { findLead, leadFacts, resolveLead } from '../../src/store/leads.js';
import { MIGRATIONS } from '../../src/store/sqlite/migrations.js';
import { APPLICATION_ID } from '../../src/store/sqlite/open.js';
import type { ImportRow, Lead, LeadFacts, ReadTx, Store, WriteTx } from '../../src/store/store.js';

/** A fresh temp folder with a data file path in it; call cleanup() afterwards. */
export function tempStore(prefix = 'leadq-store-'): { dir: string; file: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, file: join(dir, 'data', 'leadq.db'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A data file as leadq schema `version` left it, to open with this leadq: that version's tables (the migrations up to
 * it, in a WAL file), then its rows (SQL, or a function given the raw connection), stamped as leadq stamps its files.
 */
export function dataFileAt(file: string, version: number, rows: string | ((raw: Database.Database) => void) = ''): string {
  mkdirSync(dirname(file), { recursive: true });
  const raw = new Database(file);
  try {
    raw.pragma('journal_mode = WAL');
    for (const step of MIGRATIONS.slice(0, version)) {
      if (typeof step === 'string') raw.exec(step);
      else step(raw);
    }
    if (typeof rows === 'string') raw.exec(rows);
    else rows(raw);
    raw.pragma(`application_id = ${APPLICATION_ID}`);
    raw.pragma(`user_version = ${version}`);
  } finally {
    raw.close();
  }
  return file;
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

/** The CliError or StoreError a promise rejects with (anything else, or none, fails the test). */
export async function rejection(promise: Promise<unknown>): Promise<CliError & StoreError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof CliError || err instanceof StoreError) return err as CliError & StoreError;
    throw err;
  }
  throw new Error('expected a CliError or a StoreError');
}

/** Every row of a listing's batches. */
export async function all<T>(batches: AsyncIterable<readonly T[]>): Promise<T[]> {
  const rows: T[] = [];
  for await (const batch of batches) rows.push(...batch);
  return rows;
}

type Promised<F> = F extends (...args: infer A) => Promise<infer R> ? (...args: A) => Promise<R> : never;
type Method<K extends keyof WriteTx> = Promised<WriteTx[K]>;

/**
 * Each WriteTx method as one write transaction of its own (tests that make and check records one at a time), plus the
 * shared lookups (store/leads.ts) and listings read to the end.
 */
export type EachInItsOwnTransaction = { readonly [K in keyof WriteTx as WriteTx[K] extends (...args: never[]) => Promise<unknown> ? K : never]: Method<K> } & {
  resolveLead(ref: string | number, options?: Parameters<typeof resolveLead>[2]): Promise<Lead>;
  findLead(identity: { readonly company: string; readonly creditCode?: string | null }): Promise<Lead | undefined>;
  leadFacts(lead: Lead): Promise<LeadFacts>;
  list<T>(listing: (tx: ReadTx) => AsyncIterable<readonly T[]>): Promise<T[]>;
};

/** The store's operations, each in its own write transaction. */
export function eachInItsOwnTransaction(store: Store): EachInItsOwnTransaction {
  const extra = {
    resolveLead: (ref: string | number, options?: Parameters<typeof resolveLead>[2]) => store.write((tx) => resolveLead(tx, ref, options)),
    findLead: (identity: { readonly company: string; readonly creditCode?: string | null }) => store.write((tx) => findLead(tx, identity)),
    leadFacts: (lead: Lead) => store.write((tx) => leadFacts(tx, lead)),
    list: <T>(listing: (tx: ReadTx) => AsyncIterable<readonly T[]>) => store.read((tx) => all(listing(tx))),
  };
  return new Proxy(extra, {
    get: (target, name: string) =>
      name in target ? target[name as keyof typeof extra] : (...args: unknown[]) => store.write((tx) => (tx[name as keyof WriteTx] as (...a: unknown[]) => Promise<unknown>)(...args)),
  }) as unknown as EachInItsOwnTransaction;
}

/** An import row of a company (as the scorer hands it to the store): every other lead field empty, one answers shape. */
export function importRow(company: string, creditCode: string | null = null): ImportRow {
  const r: Record<string, unknown> = {};
  for (const f of CSV_LEAD_FIELDS) r[f.name] = null;
  Object.assign(r, {
    company,
    creditCode,
    companyKey: normaliseCompany(company),
    verdict: 'qualifying',
    score: 23,
    answers: '{"payment":{"budget":100000}}',
    leadPrint: company.length.toString(36),
    result: '{"today":"2026-12-01"}',
    nextAction: null,
  });
  return r as ImportRow;
}

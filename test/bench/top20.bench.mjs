// The nightly cron case at scale: `top20 list --uncontacted --format tsv` on a data file with 1,000,000 leads and
// 50 industries ranked, against `leadq --version` in the same run (whole process, medians). Goal: within 100 ms.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { BIN, ROOT, fmt, median, timeCommand } from './lib.mjs';

const LEADS = Number(process.env.BENCH_LEADS ?? 1_000_000);
const INDUSTRIES = 50;
const runs = Number(process.env.BENCH_RUNS ?? 9);
const out = join(ROOT, 'test/bench/.out');
const file = join(out, `top20-${LEADS}.db`);

/** Seeds the data file with SQL only (INSERT … SELECT over recursive CTEs): leads, contacts on a quarter, 50 × 25 ranks. */
function seed() {
  mkdirSync(out, { recursive: true });
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  // Let leadq create the file, so the schema and pragmas are exactly what it writes.
  const create = spawnSync(process.execPath, ['-e', `import(${JSON.stringify(join(ROOT, 'dist/store/sqlite/open.js'))}).then(async (m) => (await m.openWriter(${JSON.stringify(file)}, { busyTimeoutMs: 5000 })).close())`]);
  if (create.status !== 0) throw new Error(`could not create ${file}: ${create.stderr}`);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const t0 = performance.now();
  db.transaction(() => {
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
       INSERT INTO leads (id, company, company_key, industry, source, status, last_contact_at, created_at, updated_at)
       SELECT i, 'Company ' || i || ' Ltd.', 'company' || i, 'Industry ' || (i % ${INDUSTRIES}),
              CASE i % 7 WHEN 0 THEN 'competitor_customer' WHEN 1 THEN 'referral' WHEN 2 THEN 'channel' WHEN 3 THEN 'top20' WHEN 4 THEN 'cold' WHEN 5 THEN 'inbound' ELSE 'other' END,
              CASE i % 5 WHEN 0 THEN 'new' WHEN 1 THEN 'qualifying' WHEN 2 THEN 'precise' WHEN 3 THEN 'disqualified' ELSE 'won' END,
              CASE WHEN i % 4 = 0 THEN CAST(unixepoch('now', '-' || (i % 90) || ' days') AS INTEGER) * 1000 END,
              ${Date.parse('2025-01-01T00:00:00.000Z')}, ${Date.parse('2025-01-01T00:00:00.000Z')}
         FROM n`,
    ).run(LEADS);
    db.exec(`INSERT INTO contacts (lead_id, kind, at, created_at)
             SELECT id, 'visit', last_contact_at, last_contact_at FROM leads WHERE last_contact_at IS NOT NULL`);
    // 25 ranks per industry (21–25 must not be listed), spread over the leads; a few ranked companies have no lead.
    db.prepare(
      `WITH RECURSIVE ind(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM ind WHERE k < ${INDUSTRIES - 1}),
                      rk(r) AS (SELECT 1 UNION ALL SELECT r + 1 FROM rk WHERE r < 25)
       INSERT INTO industry_rankings (industry, rank, company, company_key, lead_id, imported_at)
       SELECT 'Industry ' || k, r, 'Company ' || ((k * 25 + r) * 797 % ?) || ' Ltd.', 'company' || ((k * 25 + r) * 797 % ?),
              CASE WHEN r = 13 THEN NULL ELSE (k * 25 + r) * 797 % ? END, ${Date.parse('2025-01-01T00:00:00.000Z')}
         FROM ind, rk`,
    ).run(LEADS, LEADS, LEADS);
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return performance.now() - t0;
}

const seeded = existsSync(file) && process.env.BENCH_FRESH !== '1' ? null : seed();
const args = ['--db', file, 'top20', 'list', '--uncontacted', '--format', 'tsv'];

// The query plan: the (industry, rank) key gives the order, each lead is a rowid lookup — no scan of the leads.
const db = new Database(file, { readonly: true });
const plan = db
  .prepare(
    `EXPLAIN QUERY PLAN SELECT r.industry, r.rank, coalesce(l.company, r.company), r.lead_id, l.status, l.last_contact_at
       FROM industry_rankings r LEFT JOIN leads l ON l.id = r.lead_id
      WHERE r.rank <= 20 AND (l.last_contact_at IS NULL OR l.last_contact_at < ?) ORDER BY r.industry, r.rank`,
  )
  .all('2025-01-01')
  .map((r) => r.detail);
const leads = db.prepare('SELECT count(*) FROM leads').pluck().get();
db.close();
const listed = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' }).stdout.trim().split('\n').length - 1;

// Interleaved, one run of each in turn, so a busy machine slows both alike.
const versionTimes = [];
const listTimes = [];
for (let i = 0; i < 2; i++) {
  timeCommand(process.execPath, [BIN, '--version'], { runs: 1, warmup: 0 });
  timeCommand(process.execPath, [BIN, ...args], { runs: 1, warmup: 0 });
}
for (let i = 0; i < runs; i++) {
  versionTimes.push(...timeCommand(process.execPath, [BIN, '--version'], { runs: 1, warmup: 0 }).times);
  listTimes.push(...timeCommand(process.execPath, [BIN, ...args], { runs: 1, warmup: 0 }).times);
}
const version = { median: median(versionTimes) };
const list = { median: median(listTimes) };
const delta = list.median - version.median;

console.log(`data file: ${leads.toLocaleString('en')} leads, ${INDUSTRIES} industries × 25 ranks${seeded === null ? ' (reused)' : ` (seeded in ${(seeded / 1000).toFixed(1)} s)`}; ${listed} rows listed`);
console.log(`query plan: ${plan.join('; ')}`);
console.log(`runs: ${runs} of each, interleaved, after 2 warm-ups\n`);
console.log('| command | median | delta to --version |');
console.log('|---|---|---|');
console.log(`| leadq --version | ${fmt(version.median)} | — |`);
console.log(`| leadq top20 list --uncontacted --format tsv | ${fmt(list.median)} | +${fmt(delta)} (goal < 100 ms: ${delta < 100 ? 'met' : 'MISSED'}) |`);

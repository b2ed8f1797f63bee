// `leadq today` on 1,000,000 leads: times whole processes against `leadq --version` in the same run (medians of
// interleaved runs). Goal (issue 13): within 100 ms of --version, like `lead list`. The book: the store benchmark's
// leads (~1/4 precise, 1/4 qualifying), every qualified lead with its latest qualification's time and first next
// action, a third of them visited or called, 1 in 97 with a follow-up due, 2,000 referral requests, and ten
// industries' top 20.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { seedLeads } from '../store/fixtures/seed.mjs';
import { BIN, ROOT, fmt, median, timeCommand } from './lib.mjs';

const LEADS = Number(process.env.BENCH_LEADS ?? 1_000_000);
const runs = Number(process.env.BENCH_RUNS ?? 7);
const out = join(ROOT, 'test/bench/.out');
const file = join(out, `today-${LEADS}.db`);

async function seed() {
  mkdirSync(out, { recursive: true });
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  const t0 = performance.now();
  await seedLeads(file, LEADS);
  const db = new Database(file);
  db.transaction(() => {
    db.exec(`
      UPDATE leads SET qualified_at = ${Date.parse('2026-01-01T00:00:00.000Z')},
                       next_action = '{"code":"find_budget","params":{}}'
       WHERE status <> 'new';
      UPDATE leads SET last_visit_at = last_contact_at WHERE last_contact_at IS NOT NULL;
      UPDATE leads SET follow_up_on = '2026-01-10' WHERE id % 97 = 0;
    `);
    const request = db.prepare(`INSERT INTO referral_requests (lead_id, asked, note, asked_at) VALUES (?, 3, NULL, ${Date.parse('2026-01-02T00:00:00.000Z')})`);
    for (let i = 1; i <= 2000; i++) request.run(i * 487);
    const rank = db.prepare("INSERT INTO industry_rankings (industry, rank, company, company_key, lead_id, imported_at) SELECT ?, ?, company, company_key, id, 0 FROM leads WHERE id = ?");
    for (let industry = 0; industry < 10; industry++) for (let r = 1; r <= 20; r++) rank.run(`industry ${industry}`, r, industry * 1000 + r * 7);
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return performance.now() - t0;
}

const seeded = existsSync(file) && process.env.BENCH_FRESH !== '1' ? null : await seed();

const node = process.execPath;
const commands = {
  version: [node, [BIN, '--version']],
  head: ['sh', ['-c', `"${node}" "${BIN}" --db "${file}" today --format tsv | head`]],
  table: [node, [BIN, '--db', file, 'today', '--format', 'table']],
  json: [node, [BIN, '--db', file, 'today', '--format', 'json', '--limit', '50']],
};
const times = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
for (let round = 0; round <= runs; round++) {
  for (const [name, [cmd, args]] of Object.entries(commands)) {
    const t = timeCommand(cmd, args, { runs: 1, warmup: 0 }).median;
    if (round > 0) times[name].push(t);
  }
}
const m = Object.fromEntries(Object.keys(commands).map((k) => [k, median(times[k])]));
const delta = (ms) => `${ms - m.version >= 0 ? '+' : ''}${fmt(ms - m.version)}`;

// The whole list once (every row of a million-lead book, for scripts): reported, not a goal.
const all = timeCommand('sh', ['-c', `"${node}" "${BIN}" --db "${file}" today --format tsv > /dev/null`], { runs: 1, warmup: 0 }).median;

console.log(`data file: ${LEADS.toLocaleString('en')} leads${seeded === null ? ' (reused; BENCH_FRESH=1 reseeds)' : `, seeded in ${fmt(seeded)}`}; medians of ${runs} interleaved runs\n`);
console.log('| command | median | vs --version |');
console.log('|---|---:|---:|');
console.log(`| \`leadq --version\` | ${fmt(m.version)} | |`);
console.log(`| \`leadq today --format tsv \\| head\` | ${fmt(m.head)} | ${delta(m.head)} |`);
console.log(`| \`leadq today --format table\` (the first 100, as on a terminal) | ${fmt(m.table)} | ${delta(m.table)} |`);
console.log(`| \`leadq today --format json --limit 50\` | ${fmt(m.json)} | ${delta(m.json)} |`);
console.log(`\nThe whole list (\`today --format tsv > /dev/null\`, one run): ${fmt(all)}.`);
const worst = Math.max(m.head, m.table, m.json) - m.version;
console.log(`\nGoal: within 100 ms of --version: ${worst <= 100 ? 'met' : 'NOT met'} (worst ${delta(worst + m.version)}).`);

// The data file at scale: 1,000,000 leads (~1/4 precise). Times whole processes against `leadq --version` in the same
// run (medians): `lead show <name>` and `lead list --status precise --format tsv | head`. Goal: both within 100 ms.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { seedLeads } from '../store/fixtures/seed.mjs';
import { BIN, ROOT, fmt, median, timeCommand } from './lib.mjs';
import { qualifyLead } from '../../dist/engine/index.js';

const LEADS = Number(process.env.BENCH_LEADS ?? 1_000_000);
const runs = Number(process.env.BENCH_RUNS ?? 7);
const out = join(ROOT, 'test/bench/.out');
const file = join(out, `store-${LEADS}.db`);
// An odd id: a Chinese company name, as a rep types it (without the legal suffix).
const SHOWN = '上海华信500001科技';

/** Seeds the leads (one INSERT … SELECT in one transaction), then gives the shown lead a history worth showing. */
async function seed() {
  mkdirSync(out, { recursive: true });
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  const t0 = performance.now();
  await seedLeads(file, LEADS);
  const db = new Database(file);
  const id = db.prepare('SELECT id FROM leads WHERE company_key = ?').pluck().get(SHOWN);
  // A real engine result, so `lead show --json` renders what a rep's history holds.
  const answers = { need: { kind: 'switching' } };
  const result = qualifyLead(answers, { today: '2026-01-01', visitLogged: true });
  db.transaction(() => {
    for (let i = 0; i < 5; i++) {
      db.prepare(
        `INSERT INTO qualifications (lead_id, answers, result, verdict, score, engine_version, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(id, JSON.stringify(answers), JSON.stringify(result), result.verdict, result.score, result.method, Date.parse(`2026-0${i + 1}-01T08:00:00.000Z`));
      db.prepare("INSERT INTO contacts (lead_id, kind, at, note, created_at) VALUES (?, 'visit', ?, 'met the GM', ?)").run(id, Date.parse(`2026-0${i + 1}-02T08:00:00.000Z`), 0);
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return performance.now() - t0;
}

const seeded = existsSync(file) && process.env.BENCH_FRESH !== '1' ? null : await seed();

const node = process.execPath;
const commands = {
  version: [node, [BIN, '--version']],
  show: [node, [BIN, '--db', file, 'lead', 'show', SHOWN]],
  showJson: [node, [BIN, '--db', file, 'lead', 'show', SHOWN, '--json']],
  head: ['sh', ['-c', `"${node}" "${BIN}" --db "${file}" lead list --status precise --format tsv | head`]],
};
// Round-robin (one warm-up round, then `runs` rounds): a busy machine slows every command alike, so the deltas hold.
const times = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
for (let round = 0; round <= runs; round++) {
  for (const [name, [cmd, args]] of Object.entries(commands)) {
    const t = timeCommand(cmd, args, { runs: 1, warmup: 0 }).median;
    if (round > 0) times[name].push(t);
  }
}
const [version, show, showJson, head] = ['version', 'show', 'showJson', 'head'].map((k) => ({ median: median(times[k]) }));

const delta = (r) => `${r.median - version.median >= 0 ? '+' : ''}${fmt(r.median - version.median)}`;
console.log(`data file: ${LEADS.toLocaleString('en')} leads${seeded === null ? ' (reused; BENCH_FRESH=1 reseeds)' : `, seeded in ${fmt(seeded)}`}; medians of ${runs} interleaved runs\n`);
console.log('| command | median | vs --version |');
console.log('|---|---:|---:|');
console.log(`| \`leadq --version\` | ${fmt(version.median)} | |`);
console.log(`| \`leadq lead show ${SHOWN}\` | ${fmt(show.median)} | ${delta(show)} |`);
console.log(`| \`leadq lead show ${SHOWN} --json\` | ${fmt(showJson.median)} | ${delta(showJson)} |`);
console.log(`| \`leadq lead list --status precise --format tsv \\| head\` | ${fmt(head.median)} | ${delta(head)} |`);
const worst = Math.max(show.median, head.median) - version.median;
console.log(`\nGoal: within 100 ms of --version: ${worst <= 100 ? 'met' : 'NOT met'} (worst ${delta({ median: worst + version.median })}).`);

// Scale on both stores, through the built CLI: `score --import` of BENCH_ROWS (default 1,000,000) rows of DISTINCT
// companies into a fresh SQLite file and a fresh PostgreSQL database (a private cluster, or $LEADQ_BENCH_PG_URL's
// server), against scoring the same file without --import in the same run; bytes per imported lead on each; then the
// reads a rep and cron run on that million — `lead list --format tsv | head`, `lead show`, `top20 list`, `today` — against
// `leadq --version` (medians of interleaved runs).
// Goals: --import ≤ 3× score; ≤ 600 bytes per lead (SQLite); each read within 100 ms of --version.
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { closePg } from '../../dist/store/postgres/client.js';
import { openPgStore } from '../../dist/store/postgres/schema.js';
import { startCluster } from '../pg/cluster.mjs';
import { BIN, ROOT, fmt, median, timeCommand } from './lib.mjs';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 1);
const READ_RUNS = Number(process.env.BENCH_READ_RUNS ?? 7);
const out = join(ROOT, 'test/bench/.out');
mkdirSync(out, { recursive: true });

const csv = join(out, `distinct-${ROWS}.csv`);
if (!existsSync(csv)) {
  const r = spawnSync(process.execPath, [join(ROOT, 'test/bench/gen-leads.cjs'), String(ROWS), csv, 'distinct'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('gen-leads failed');
}
const ranking = join(out, 'ranking-50.csv');
writeFileSync(ranking, ['industry,rank,company', ...Array.from({ length: 50 * 20 }, (_, i) => `行业${Math.floor(i / 20)},${(i % 20) + 1},上海华信${i * 7 + 1}科技有限公司`)].join('\n') + '\n');

const node = process.execPath;
const env = { ...process.env, NO_COLOR: '1', LEADQ_LANG: 'en' };
function once(args) {
  const t0 = performance.now();
  const r = spawnSync(node, [BIN, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`leadq ${args.join(' ')} exited ${r.status}: ${String(r.stderr).slice(0, 400)}`);
  return performance.now() - t0;
}

const cluster = process.env.LEADQ_BENCH_PG_URL ? null : await startCluster();
const serverUrl = process.env.LEADQ_BENCH_PG_URL ?? cluster.url;
async function admin(sql) {
  const url = cluster ? cluster.adminUrl : serverUrl;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}
const pgUrl = (() => {
  const u = new URL(serverUrl);
  u.pathname = '/leadq_bench';
  return u.toString();
})();
const sqlite = join(out, 'stores-bench.db');
const fresh = {
  sqlite: async () => ['', '-wal', '-shm'].forEach((s) => rmSync(sqlite + s, { force: true })),
  postgres: async () => {
    await admin('DROP DATABASE IF EXISTS leadq_bench WITH (FORCE)');
    await admin('CREATE DATABASE leadq_bench');
  },
};
const db = { sqlite, postgres: pgUrl };

try {
  console.log(`input: ${csv} (${ROWS.toLocaleString('en-US')} distinct companies, ${(statSync(csv).size / 1e6).toFixed(0)} MB); ${RUNS} run(s) each\n`);
  once(['score', csv, '--out', join(out, 'scored.csv')]); // warms the page cache
  const times = { score: [], sqlite: [], postgres: [] };
  for (let i = 0; i < RUNS; i++) {
    // The previous round's million on the server goes first: its autovacuum (seconds of CPU on these two cores) would
    // otherwise run during this round's score and SQLite import.
    await fresh.postgres();
    times.score.push(once(['score', csv, '--out', join(out, 'scored.csv')]));
    for (const kind of ['sqlite', 'postgres']) {
      await fresh[kind]();
      times[kind].push(once(['--db', db[kind], 'score', csv, '--out', join(out, 'scored.csv'), '--import']));
    }
    console.log(`run ${i + 1}: score ${(times.score[i] / 1000).toFixed(2)} s, SQLite --import ${(times.sqlite[i] / 1000).toFixed(2)} s, PostgreSQL --import ${(times.postgres[i] / 1000).toFixed(2)} s`);
  }
  const bytes = {
    sqlite: statSync(sqlite).size / ROWS,
    postgres:
      Number(
        (
          await (async () => {
            const client = new pg.Client({ connectionString: pgUrl });
            await client.connect();
            try {
              await client.query('VACUUM ANALYZE');
              return (await client.query(`SELECT sum(pg_total_relation_size(c.oid)) AS n FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = 'public' AND c.relkind = 'r'`)).rows;
            } finally {
              await client.end();
            }
          })()
        )[0].n,
      ) / ROWS,
  };
  const floor = await serverFloor();
  const m = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
  console.log('| command | median | vs score | bytes per lead |');
  console.log('|---|---:|---:|---:|');
  console.log(`| \`leadq score FILE --out OUT\` | ${(m.score / 1000).toFixed(2)} s | | |`);
  for (const kind of ['sqlite', 'postgres']) console.log(`| \`score --import\` on ${kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'} | ${(m[kind] / 1000).toFixed(2)} s | ${(m[kind] / m.score).toFixed(2)}× | ${bytes[kind].toFixed(0)} |`);
  console.log(`| PostgreSQL's own COPY of the imported rows (no leadq) | ${(floor / 1000).toFixed(2)} s | ${(floor / m.score).toFixed(2)}× | |`);

  // The reads, on the million just imported (and 50 industries ranked).
  for (const kind of ['sqlite', 'postgres']) once(['--db', db[kind], 'top20', 'import', ranking]);
  // A lead in the middle, by its name as a rep types it (the company as the export wrote it).
  const middle = String(Math.floor(ROWS / 2) + 1);
  const shown = JSON.parse(String(spawnSync(node, [BIN, '--db', sqlite, 'lead', 'show', middle, '--json'], { env }).stdout)).company;
  const reads = {};
  for (const kind of ['sqlite', 'postgres']) {
    const d = db[kind];
    reads[kind] = {
      'lead list --format tsv | head': ['sh', ['-c', `"${node}" "${BIN}" --db "${d}" lead list --format tsv | head`]],
      [`lead show ${middle}`]: [node, [BIN, '--db', d, 'lead', 'show', middle]],
      [`lead show "${shown}"`]: [node, [BIN, '--db', d, 'lead', 'show', shown]],
      'top20 list --uncontacted': [node, [BIN, '--db', d, 'top20', 'list', '--uncontacted', '--format', 'tsv']],
      // A rep's first screen (the table a terminal gets, its first rows), and the list piped on.
      'today --format table': [node, [BIN, '--db', d, 'today', '--format', 'table']],
      'today --format tsv | head': ['sh', ['-c', `"${node}" "${BIN}" --db "${d}" today --format tsv | head`]],
    };
  }
  const commands = { version: [node, [BIN, '--version']], ...Object.fromEntries(Object.entries(reads).flatMap(([kind, cmds]) => Object.entries(cmds).map(([name, c]) => [`${kind}: ${name}`, c]))) };
  const samples = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  for (let round = 0; round <= READ_RUNS; round++) {
    for (const [name, [cmd, args]] of Object.entries(commands)) {
      let t;
      try {
        t = timeCommand(cmd, args, { runs: 1, warmup: 0 }).median;
      } catch (err) {
        t = NaN;
        if (round === 0) console.log(`(${name}: ${String(err.message).split('\n')[0]})`);
      }
      if (round > 0) samples[name].push(t);
    }
  }
  const version = median(samples.version);
  console.log(`\n| read on ${ROWS.toLocaleString('en-US')} leads | median | vs --version |`);
  console.log('|---|---:|---:|');
  console.log(`| \`leadq --version\` | ${fmt(version)} | |`);
  let worst = 0;
  for (const name of Object.keys(commands).filter((k) => k !== 'version')) {
    const t = median(samples[name]);
    worst = Math.max(worst, t - version);
    console.log(`| ${name} | ${fmt(t)} | +${fmt(t - version)} |`);
  }
  console.log('');
  const goals = [
    ['--import ≤ 3× score (SQLite)', m.sqlite / m.score <= 3, `${(m.sqlite / m.score).toFixed(2)}×`],
    ['--import ≤ 3× score (PostgreSQL)', m.postgres / m.score <= 3, `${(m.postgres / m.score).toFixed(2)}×`],
    ['≤ 600 bytes per lead (SQLite)', bytes.sqlite <= 600, `${bytes.sqlite.toFixed(0)} B`],
    ['reads within 100 ms of --version (both stores)', worst <= 100, `worst +${fmt(worst)}`],
  ];
  for (const [goal, ok, shown] of goals) console.log(`${ok ? 'ok  ' : 'MISS'}  ${goal}: ${shown}`);
} finally {
  if (cluster) cluster.stop();
}

/**
 * The server's part alone: the leads and qualifications the last PostgreSQL import wrote, saved with COPY … TO and
 * written again into a fresh leadq database with COPY … FROM in one transaction, as the import writes them (same
 * schema, indexes and foreign keys), with no scoring and no client work. One backend runs it: however the client is
 * made, an import of these rows cannot take less on this server.
 */
async function serverFloor() {
  const tables = ['leads', 'qualifications'];
  const files = Object.fromEntries(tables.map((t) => [t, join(out, `floor-${t}.copy`)]));
  const from = new pg.Client({ connectionString: pgUrl });
  await from.connect();
  try {
    for (const t of tables) await pipeline(from.query(copyStreams.to(`COPY ${t} TO STDOUT`)), createWriteStream(files[t]));
  } finally {
    await from.end();
  }
  await admin('DROP DATABASE IF EXISTS leadq_floor WITH (FORCE)');
  await admin('CREATE DATABASE leadq_floor');
  const u = new URL(serverUrl);
  u.pathname = '/leadq_floor';
  await closePg(await openPgStore(u.toString())); // leadq's schema, as the import finds it
  const client = new pg.Client({ connectionString: u.toString() });
  await client.connect();
  try {
    const t0 = performance.now();
    await client.query('BEGIN');
    for (const t of tables) await pipeline(createReadStream(files[t]), client.query(copyStreams.from(`COPY ${t} FROM STDIN`)));
    await client.query('COMMIT');
    return performance.now() - t0;
  } finally {
    await client.end();
    for (const t of tables) rmSync(files[t], { force: true });
    await admin('DROP DATABASE IF EXISTS leadq_floor WITH (FORCE)');
  }
}

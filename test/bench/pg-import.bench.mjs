// `score --import` on PostgreSQL, the bulk-load primitive alone: N leads of DISTINCT companies (default 1,000,000),
// each with its qualification, through PgLeadImport (COPY in batches, one transaction) into a fresh database on a
// private cluster (or $LEADQ_BENCH_PG_URL's server). Prints rows/s and bytes per lead (tables + indexes), and for
// scale the time `leadq score` takes to score a CSV of the same companies without --import.
// BENCH_REIMPORT=1 also times importing the same rows again (every lead unchanged).
import { spawnSync } from 'node:child_process';
import { mkdirSync, openSync, closeSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { qualifyLead } from '../../dist/engine/index.js';
import { normaliseCompany } from '../../dist/domain/company.js';
import { closePg } from '../../dist/store/postgres/client.js';
import { PgLeadImport } from '../../dist/store/postgres/imports.js';
import { openPgStore } from '../../dist/store/postgres/schema.js';
import { startCluster } from '../pg/cluster.mjs';
import { BIN, ROOT, fmt } from './lib.mjs';

const N = Number(process.env.BENCH_LEADS ?? 1_000_000);
const PIECE = 1000; // rows per add(), about what the scorer hands over
const NOW = '2026-03-01T09:00:00.000Z';
const out = join(ROOT, 'test/bench/.out');

const cities = ['上海', '北京', '深圳', '杭州', '广州', '成都', '苏州', '南京', '武汉', '西安'];
const kinds = ['科技有限公司', '信息技术股份有限公司', '贸易有限公司', '制造有限公司', 'Co., Ltd.'];
const industries = ['制造业', 'Finance', '零售', 'Healthcare', '教育', 'Logistics', '互联网', 'Energy'];
const needs = ['switching', 'exploring', 'initiative', 'unknown'];
const roles = ['owner', 'gm', 'director', 'manager'];
const funds = ['now', 'by_date', 'unknown', 'not_now'];

/** Company i of N, all distinct. */
function company(i) {
  return `${cities[i % 10]}${i}${kinds[i % 5]}`;
}

// Real engine results for a handful of answer shapes (the JSON a real import stores), reused across rows.
const shapes = [];
for (let s = 0; s < 64; s++) {
  const answers = {
    need: { kind: needs[s % 4] },
    kp: { role: roles[(s >> 2) % 4], signsFinal: s % 3 === 0 ? 'yes' : 'unknown' },
    payment: { price: 50000 + s * 1000, budget: 40000 + s * 2500, funds: funds[(s >> 4) % 4] },
  };
  const result = qualifyLead(answers, { today: '2026-03-01', visitLogged: false });
  shapes.push({ answers: JSON.stringify(answers), result: JSON.stringify(result), verdict: result.verdict, score: result.score });
}

/** Row i as the scorer hands it to the import. */
function importRow(i) {
  const name = company(i);
  const shape = shapes[i % shapes.length];
  return {
    company: name,
    companyKey: normaliseCompany(name),
    creditCode: null,
    contact: `王${i % 97}`,
    title: 'CTO',
    phone: `138${String(i).padStart(8, '0')}`,
    email: `user${i}@example.cn`,
    industry: industries[i % 8],
    competitor: i % 4 === 0 ? 'Salesforce' : null,
    partner: null,
    source: null,
    verdict: shape.verdict,
    score: shape.score,
    answers: shape.answers,
    result: shape.result,
  };
}

async function importAll(conn) {
  const imp = new PgLeadImport(conn, NOW);
  await imp.begin();
  let generating = 0;
  const t0 = performance.now();
  for (let start = 1; start <= N; start += PIECE) {
    const g0 = performance.now();
    const rows = [];
    for (let i = start; i < Math.min(N + 1, start + PIECE); i++) rows.push(importRow(i));
    generating += performance.now() - g0;
    await imp.add(rows);
  }
  const totals = await imp.commit();
  return { ms: performance.now() - t0 - generating, generating, totals };
}

/** The same companies as a CSV export, scored by the built CLI without --import: the yardstick of the 3× goal. */
function scoreOnly() {
  mkdirSync(out, { recursive: true });
  const file = join(out, `distinct-${N}.csv`);
  const fd = openSync(file, 'w');
  let buf = 'company,contact,title,industry,budget,price\n';
  for (let i = 1; i <= N; i++) {
    buf += `${company(i).replace(',', '')},王${i % 97},CTO,${industries[i % 8]},${40000 + (i % 64) * 2500},${50000 + (i % 64) * 1000}\n`;
    if (buf.length > 1 << 20) {
      writeSync(fd, buf);
      buf = '';
    }
  }
  writeSync(fd, buf);
  closeSync(fd);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [BIN, 'score', file, '--out', '/dev/null'], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  const ms = performance.now() - t0;
  rmSync(file, { force: true });
  if (r.status !== 0) throw new Error(`leadq score exited ${r.status}: ${String(r.stderr).slice(0, 300)}`);
  return ms;
}

const external = process.env.LEADQ_BENCH_PG_URL;
const cluster = external === undefined ? await startCluster() : undefined;
const adminUrl = external ?? cluster.adminUrl;
const dbName = `leadq_bench_${process.pid}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
try {
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const conn = await openPgStore(url.toString());
  try {
    const first = await importAll(conn);
    const size = (await conn.client.query(`SELECT pg_total_relation_size('leads') + pg_total_relation_size('qualifications') AS bytes, pg_database_size(current_database()) AS db`)).rows[0];
    const again = process.env.BENCH_REIMPORT === '1' ? await importAll(conn) : undefined;
    const scoring = process.env.BENCH_SCORE === '0' ? undefined : scoreOnly();
    const perLead = size.bytes / N;
    console.log(`PostgreSQL import of ${N.toLocaleString('en')} distinct companies (PgLeadImport: COPY, batches of 5,000, one transaction)\n`);
    console.log('| measure | value |');
    console.log('|---|---:|');
    console.log(`| import (row generation excluded: ${fmt(first.generating)}) | ${fmt(first.ms)} |`);
    console.log(`| throughput | ${Math.round(N / (first.ms / 1000)).toLocaleString('en')} leads/s |`);
    console.log(`| created / updated / unchanged / duplicates | ${Object.values(first.totals).join(' / ')} |`);
    console.log(`| leads + qualifications, tables and indexes | ${(size.bytes / 2 ** 20).toFixed(0)} MiB (${Math.round(perLead)} bytes per lead) |`);
    console.log(`| whole database | ${(size.db / 2 ** 20).toFixed(0)} MiB |`);
    if (again !== undefined) console.log(`| the same import again (all unchanged) | ${fmt(again.ms)} |`);
    if (scoring !== undefined) {
      console.log(`| \`leadq score\` of the same companies, no --import | ${fmt(scoring)} |`);
      console.log(`\nscore --import ≈ scoring + import = ${((scoring + first.ms) / scoring).toFixed(1)}× scoring (goal: at most 3×).`);
    }
  } finally {
    await closePg(conn);
  }
} finally {
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
  cluster?.stop();
}

// `leadq score` at scale: a 1,000,000-row (~180 MB) export with quoted commas, embedded newlines and Chinese
// text, timed in the same run as a Python csv.reader → csv.writer passthrough of the same file (the least any
// scoring script does). Goals: score ≤ 2× the passthrough; peak RSS < 200 MB whatever the file size;
// --import ≤ 3× the time of scoring. Whole processes, medians. BENCH_ROWS and BENCH_RUNS override the size.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { BIN, ROOT, median, peakRssMiB } from './lib.mjs';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const GEN = process.env.BENCH_GEN ?? join(ROOT, 'test/bench/gen-leads.cjs');
const out = join(ROOT, 'test/bench/.out');
mkdirSync(out, { recursive: true });

/** A generated export of n rows, made once and kept in test/bench/.out. */
function exportOf(n) {
  const file = join(out, `leads-${n}.csv`);
  if (!existsSync(file)) {
    const r = spawnSync(process.execPath, [GEN, String(n), file], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`${GEN} failed`);
  }
  return file;
}

const file = exportOf(ROWS);
const scored = join(out, 'scored.csv');
const db = join(out, 'score-import.db');
const passthrough = join(out, 'passthrough.py');
writeFileSync(
  passthrough,
  `import csv, sys
with open(sys.argv[1], newline='', encoding='utf-8-sig') as f, open(sys.argv[2], 'w', newline='', encoding='utf-8') as g:
    w = csv.writer(g)
    for row in csv.reader(f):
        w.writerow(row)
`,
);
const python = spawnSync('python3', ['--version']).status === 0 ? 'python3' : null;

/** Wall-clock ms of one run (throws when it fails). */
function once(cmd, args, before = () => undefined) {
  before();
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { env: { ...process.env, NO_COLOR: '1', LEADQ_LANG: 'en' }, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${String(r.stderr).slice(0, 400)}`);
  return ms;
}

const freshDb = () => ['', '-wal', '-shm'].forEach((s) => rmSync(db + s, { force: true }));
const score = [BIN, 'score', file, '--out', scored];
const scoreImport = [BIN, '--db', db, 'score', file, '--out', scored, '--import'];

console.log(`input: ${file} (${ROWS.toLocaleString('en-US')} rows, ${(statSync(file).size / 1e6).toFixed(0)} MB); ${RUNS} runs each, interleaved\n`);
// One unmeasured round warms the page cache for all three.
if (python) once('python3', [passthrough, file, join(out, 'passthrough.csv')]);
once(process.execPath, score);

const times = { python: [], score: [], import: [] };
for (let i = 0; i < RUNS; i++) {
  if (python) times.python.push(once('python3', [passthrough, file, join(out, 'passthrough.csv')]));
  times.score.push(once(process.execPath, score));
  times.import.push(once(process.execPath, scoreImport, freshDb));
}

const rss = peakRssMiB(process.execPath, score.slice(0));
const rssImport = (freshDb(), peakRssMiB(process.execPath, scoreImport.slice(0)));
// Constant memory: the same command on a file a fifth the size peaks at about the same RSS.
const small = exportOf(Math.max(1, Math.round(ROWS / 5)));
const rssSmall = peakRssMiB(process.execPath, [BIN, 'score', small, '--out', scored]);

const m = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, v.length ? median(v) : null]));
const s = (ms) => (ms === null ? 'n/a' : `${(ms / 1000).toFixed(2)} s`);
const mib = (x) => (x === null ? 'n/a' : `${x.toFixed(0)} MiB`);
const ratio = (a, b) => (a === null || b === null ? null : a / b);
const rows = [
  ['python csv.reader → csv.writer', s(m.python), ''],
  ['leadq score FILE --out OUT', s(m.score), `peak RSS ${mib(rss)} (${mib(rssSmall)} on a fifth of the rows)`],
  ['leadq score FILE --out OUT --import', s(m.import), `peak RSS ${mib(rssImport)}`],
];
for (const [what, time, note] of rows) console.log(`${what.padEnd(38)} ${time.padStart(8)}  ${note}`);

const goals = [
  ['score ≤ 2× the Python passthrough', ratio(m.score, m.python), 2],
  ['peak RSS < 200 MiB (score)', rss, 200],
  ['peak RSS < 200 MiB (--import)', rssImport, 200],
  ['--import ≤ 3× score', ratio(m.import, m.score), 3],
];
console.log('');
for (const [goal, value, limit] of goals) {
  const shown = value === null ? 'n/a' : limit === 200 ? mib(value) : `${value.toFixed(2)}×`;
  console.log(`${value === null ? 'SKIP' : value <= limit ? 'ok  ' : 'MISS'}  ${goal}: ${shown}`);
}
console.log(`\nruns (ms): ${JSON.stringify(Object.fromEntries(Object.entries(times).map(([k, v]) => [k, v.map(Math.round)])))}`);

// Time to the first prompt of `leadq qualify`, whole process, in a pseudo-terminal (util-linux `script`): from spawn
// until the question is on the screen. Target: median under 300 ms. `node test/bench/interview.bench.mjs [runs]`
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, fmt, median } from './lib.mjs';

const RUNS = Number(process.argv[2] ?? 15);
const TARGET_MS = 300;

if (spawnSync('script', ['--version']).status !== 0) {
  console.log('skipped: util-linux `script` is not installed (it provides the pseudo-terminal)');
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'leadq-bench-'));
const quote = (s) => `'${s.replace(/'/g, `'\\''`)}'`;

/** ms from spawn until `needle` appears on the terminal; the process is then killed. */
function firstPrompt(args, needle, env) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn('script', ['-qfec', `${quote(process.execPath)} ${quote(BIN)} ${args.map(quote).join(' ')}`, '/dev/null'], {
      env: { ...process.env, NO_COLOR: '1', TERM: 'xterm', ...env },
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    let screen = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no "${needle}" within 10 s: ${screen.slice(-300)}`));
    }, 10_000);
    child.stdout.setEncoding('utf8').on('data', (d) => {
      screen += d;
      if (!screen.includes(needle)) return;
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      clearTimeout(timer);
      child.kill('SIGKILL');
      resolve(ms);
    });
  });
}

const cases = [
  ['qualify (en, new data file)', ['--db', join(dir, 'none.db'), 'qualify'], 'Which company are you visiting?', { LEADQ_LANG: 'en' }],
  ['qualify (zh, new data file)', ['--db', join(dir, 'none.db'), 'qualify'], '要拜访哪家公司？', { LEADQ_LANG: 'zh' }],
];

let slow = false;
try {
  for (const [name, args, needle, env] of cases) {
    await firstPrompt(args, needle, env); // warm-up: file cache
    const times = [];
    for (let i = 0; i < RUNS; i++) times.push(await firstPrompt(args, needle, env));
    const m = median(times);
    slow ||= m > TARGET_MS;
    console.log(`${name.padEnd(32)} median ${fmt(m)}  min ${fmt(Math.min(...times))}  max ${fmt(Math.max(...times))}  (n=${RUNS}, target < ${TARGET_MS} ms)`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(slow ? 1 : 0);

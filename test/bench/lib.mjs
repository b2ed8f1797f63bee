// Shared helpers for the benchmarks: whole-process timings, medians, peak RSS.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/leadq.js', import.meta.url));

/** Median of numbers. */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Runs a command `runs` times (after `warmup` unmeasured runs) and returns wall-clock ms of each run, plus
 * the max peak RSS (KiB, from /usr/bin/time when available). `shell: true` runs a shell pipeline string.
 */
export function timeCommand(cmd, args = [], { runs = 7, warmup = 1, env = {}, shell = false, input } = {}) {
  const times = [];
  let status = 0;
  for (let i = 0; i < warmup + runs; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { env: { ...process.env, NO_COLOR: '1', ...env }, shell, input, stdio: [input === undefined ? 'ignore' : 'pipe', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    status = r.status ?? 1;
    if (status !== 0) throw new Error(`${shell ? cmd : [cmd, ...args].join(' ')} exited ${r.status}: ${String(r.stderr).slice(0, 500)}`);
    if (i >= warmup) times.push(ms);
  }
  return { times, median: median(times) };
}

/** Peak RSS in MiB of one run, measured by GNU time (null when /usr/bin/time is missing). */
export function peakRssMiB(cmd, args, { env = {} } = {}) {
  const r = spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...args], { env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.error) return null;
  const lines = String(r.stderr).trim().split('\n');
  const kib = Number(lines[lines.length - 1]);
  return Number.isFinite(kib) ? kib / 1024 : null;
}

/** Formats a row of a results table. */
export function fmt(ms) {
  return `${ms.toFixed(1)} ms`;
}

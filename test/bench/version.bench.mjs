// Start-up cost: `leadq --version` and `leadq --help` against a bare `node -e 0`, same run, medians.
import { BIN, fmt, timeCommand } from './lib.mjs';

const runs = Number(process.env.BENCH_RUNS ?? 15);
const node = timeCommand(process.execPath, ['-e', '0'], { runs, warmup: 2 });
const version = timeCommand(process.execPath, [BIN, '--version'], { runs, warmup: 2 });
const help = timeCommand(process.execPath, [BIN, '--help'], { runs, warmup: 2 });
const ratio = (x) => (x.median / node.median).toFixed(2);
console.log('| command | median | ratio to node -e 0 |');
console.log('|---|---|---|');
console.log(`| node -e 0 | ${fmt(node.median)} | 1.00 |`);
console.log(`| leadq --version | ${fmt(version.median)} | ${ratio(version)} (goal < 1.5) |`);
console.log(`| leadq --help | ${fmt(help.median)} | ${ratio(help)} |`);

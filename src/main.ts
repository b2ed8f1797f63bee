import { EXIT, failureReason } from './errors.js';
import { closedStdoutEnds, holdSignal, pointOfNoReturn, stopForSignal, writesSoFar, yieldToEventLoop } from './files/interrupt.js';
import { msg, type Message } from './i18n/index.js';
import { stderrLog } from './output/log.js';

// The process around the program (run.ts): the only place that sets the exit status, and that handles what only a
// process has: a closed stdout, signals, and the fast path of `leadq --version`.

const argv = process.argv.slice(2);
const log = stderrLog(process.stderr);

// A reader that closed the pipe (`leadq lead list | head -1`) is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  // An import goes on (and says what it imported): the reader only stopped reading the scored rows.
  if (err.code === 'EPIPE' && !closedStdoutEnds()) return;
  if (err.code === 'EPIPE') process.exit(EXIT.ok);
  // Any other failure to write the output (a full disk, /dev/full) is exit 73 in one line, not a stack.
  log.say('error.cantWrite', { file: 'stdout', reason: failureReason(err) });
  process.exit(EXIT.cantCreate);
});
// A closed or broken stderr must not change the exit code or what was written: messages to it are best effort.
process.stderr.on('error', () => undefined);

// Ctrl-C, SIGTERM, SIGHUP: stop helpers, remove partial outputs, release blocked reads, then exit at once (128 + signal).
const SIGNAL_EXIT: ReadonlyArray<readonly [NodeJS.Signals, number]> = [
  ['SIGINT', EXIT.interrupted],
  ['SIGTERM', 128 + 15],
  ['SIGHUP', 128 + 1],
];
/** The exit status of a signal that came once the command had saved its work (it finishes, then exits with it). */
let signalledAfterSave: number | undefined;
for (const [signal, code] of SIGNAL_EXIT) {
  process.on(signal, () => {
    if (holdSignal(signal)) return;
    const saved = pointOfNoReturn();
    if (saved === 'output' || (saved === 'data' && signalledAfterSave === undefined)) {
      // The import is committed, or the output complete: stopping now would only lose the outputs and the report. After
      // a commit a second signal stops it all the same: what is left (outputs, a table to stdout) may wait on a slow
      // reader or disk. A complete output only has to be renamed into place. It still ends as interrupted (SPEC: 130
      // for Ctrl-C), as a command stopped after its COMMIT does: what was saved stays saved, and the message says so.
      signalledAfterSave ??= code;
      log.say(msg(saved === 'data' ? 'error.signalAfterSave' : 'error.signalAfterOutput', { signal }));
      return;
    }
    stopForSignal();
    // On a terminal the cursor may sit after a prompt: start the message on a line of its own.
    if (process.stderr.isTTY === true) process.stderr.write('\n');
    log.say(stoppedBy(signal));
    process.exit(code);
  });
}

// Fast path: `leadq --version` is what scripts and benchmarks call most; it needs no commander.
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  const { packageVersion } = await import('./version.js');
  process.stdout.write(`${packageVersion()}\n`);
} else {
  const { run } = await import('./run.js');
  const code = await run(argv, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, now: () => new Date() });
  // Exit once stdout and stderr are written out, rather than when the event loop has emptied: Node's own teardown after
  // that puts the signals' default action back before the process is gone, so a Ctrl-C in those last milliseconds of a
  // run that did everything (an import committed, its outputs in place) ended it "killed by SIGINT". Writes to a pipe
  // can still be queued (a slow reader); files the command wrote are closed by now.
  await Promise.all([writtenOut(process.stdout), writtenOut(process.stderr)]);
  // A signal that came while the command finished is handled (and says so) before the exit: signals are read in the
  // event loop's poll phase, which the first setImmediate may follow rather than precede; the second one comes after it.
  await yieldToEventLoop();
  await yieldToEventLoop();
  process.exit(code === EXIT.ok && signalledAfterSave !== undefined ? signalledAfterSave : code);
}

/** What a signal that stops the command says: that nothing was saved, unless a write had committed (or might have). */
function stoppedBy(signal: NodeJS.Signals): Message {
  const writes = writesSoFar();
  if (writes === 'committed') return msg('error.signalAfterCommit', { signal });
  if (writes === 'unknown') return msg('error.signalDuringCommit', { signal });
  return signal === 'SIGINT' ? msg('error.cancelled') : msg('error.signalled', { signal });
}

/** Resolves once everything written to the stream so far has left the process (or the stream failed: nothing more to wait for). */
function writtenOut(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.writableLength === 0 || stream.destroyed) resolve();
    else stream.write('', () => resolve());
  });
}

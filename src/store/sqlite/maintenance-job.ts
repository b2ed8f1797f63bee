import { fork } from 'node:child_process';
import { CliError, EXIT, errorFromWire, type WireError } from '../../errors.js';
import { onInterrupt } from '../../files/interrupt.js';
import { companionScript } from '../../files/scripts.js';
import { storeFailure } from './errors.js';

// Whole-file work (db check, db backup) spends seconds inside one SQLite call, where a signal handler cannot run:
// Ctrl-C would wait for it. So it runs in a helper process, which a signal kills at once (files/interrupt.ts).

/** What the helper does: check the file, or copy it into an empty file. */
export type MaintenanceJob = (
  | { readonly kind: 'check'; readonly file: string }
  /** Copy file into the empty file into; name is the copy as the user gave it (for messages). */
  | { readonly kind: 'copy'; readonly file: string; readonly into: string; readonly name: string }
) & { readonly busyTimeoutMs: number };

/** The helper's one reply: the integrity problems ([] for a copy), or the error it met. */
export type MaintenanceReply = { readonly problems: string[] } | { readonly error: WireError };

/** Runs a job in the helper process; resolves to the integrity problems (none for a copy), rejects with the SPEC's error. */
export function runMaintenance(job: MaintenanceJob): Promise<string[]> {
  const helper = fork(companionScript('./maintenance-helper.js', import.meta.url), [], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'], execArgv: [] });
  const unregister = onInterrupt(() => helper.kill('SIGKILL'));
  return new Promise<string[]>((resolve, reject) => {
    let reply: MaintenanceReply | undefined;
    helper.once('message', (message: MaintenanceReply) => (reply = message));
    helper.once('error', (err) => reject(new CliError(EXIT.internal, 'error.internal', { message: err.message })));
    helper.once('close', (code, signal) => {
      unregister();
      if (reply === undefined) reject(new CliError(EXIT.internal, 'error.helperStopped', { reason: signal ?? `exit ${code ?? '?'}` }));
      else if ('error' in reply) {
        const err = errorFromWire(reply.error);
        reject(storeFailure(err, job.file, false) ?? err);
      } else resolve(reply.problems);
    });
    helper.send(job);
  });
}

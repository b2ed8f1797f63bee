// The helper process of `leadq db check` and `leadq db backup` (see maintenance-job.ts): one job, one reply, exit.
import { errorToWire } from '../../errors.js';
import { removeQuietly } from '../../files/temp.js';
import type { MaintenanceJob, MaintenanceReply } from './maintenance-job.js';
import { copyStoreInto, integrityProblems } from './maintenance.js';
import { openStoreAsIs } from './open.js';

process.once('message', (job: MaintenanceJob) => {
  let reply: MaintenanceReply;
  try {
    const db = openStoreAsIs(job.file, { busyTimeoutMs: job.busyTimeoutMs });
    try {
      if (job.kind === 'check') reply = { problems: integrityProblems(db) };
      else {
        copyStoreInto(db, job.into, job.name);
        reply = { problems: [] };
      }
    } finally {
      db.close();
    }
  } catch (err) {
    reply = { error: errorToWire(err) };
  }
  // The leadq that asked is gone (killed with SIGKILL): a copy nobody will rename is removed, not left behind.
  if (!process.connected) {
    if (job.kind === 'copy') removeQuietly(job.into);
    process.exit(0);
  }
  process.send!(reply, () => process.disconnect());
});

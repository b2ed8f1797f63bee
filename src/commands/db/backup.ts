import { statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Context } from '../../context.js';
import { UsageError } from '../../errors.js';
import { dataSaved } from '../../files/interrupt.js';
import { openOutput } from '../../files/output.js';
import { registerSqliteCompanions } from '../../files/temp.js';
import { isPgUrl } from '../../store/postgres/url.js';
import type { DbBackupInput } from './spec.js';

/**
 * `leadq db backup <file>`: a consistent copy even while others write, through the guarded output path: never onto
 * the data file or its -wal/-shm (64), 0600 (an existing backup is never left more open than that), put in place only
 * when complete. The data file is never migrated or written; unwritable → 73.
 */
export async function handler(ctx: Context, input: DbBackupInput): Promise<void> {
  const { file } = input;
  // What every command refuses (missing, another program's or a newer leadq's file) is refused before the copy starts.
  await ctx.store.read(async () => undefined, { migrate: 'asIs' });
  const out = openOutput(backupTarget(ctx.dbPath, file), {
    dataFile: ctx.dbPath,
    newMode: 0o600,
    maxMode: 0o600,
    // The copy is renamed into place: over a device (/dev/null) that would replace the device itself.
    special: () => new UsageError('db.backupNotAFile', { file }, 'db.hintBackupFile'),
  });
  // SQLite may keep a journal (or a WAL) beside the copy while it writes it.
  const companionsDone = registerSqliteCompanions(out.path);
  try {
    await ctx.store.copyInto(out.path, file);
    // The copy is complete: a signal from here on lets it go in place (and the run say so) rather than remove it.
    dataSaved('output');
    out.commit();
  } catch (err) {
    out.abort();
    throw err;
  } finally {
    companionsDone();
  }
  ctx.log.say('db.backupDone', { file: ctx.dbPath, copy: out.target });
}

/** A folder gets the data file's own name inside it. */
function backupTarget(dbPath: string, dest: string): string {
  try {
    // A PostgreSQL store's copy is a data file: leadq.db, as the default data file is named.
    if (statSync(dest).isDirectory()) return join(dest, isPgUrl(dbPath) ? 'leadq.db' : basename(dbPath));
  } catch {
    // not there yet: the file to create
  }
  return dest;
}

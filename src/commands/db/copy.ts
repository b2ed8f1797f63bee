import { existsSync } from 'node:fs';
import type { Context } from '../../context.js';
import { UsageError } from '../../errors.js';
import { dataFileIdentities, identityOf, sameFile } from '../../files/identity.js';
import { dataSaved } from '../../files/interrupt.js';
import { checkOutput, openOutput, type OutputSpec } from '../../files/output.js';
import { registerSqliteCompanions } from '../../files/temp.js';
import { copyRecords, type CopyCounts } from '../../store/copy.js';
import { openStore } from '../../store/index.js';
import { storeLocation } from '../../store/path.js';
import { isPgUrl } from '../../store/postgres/url.js';
import type { Store } from '../../store/store.js';
import type { DbCopyInput } from './spec.js';

/**
 * `leadq db copy <from> <to> [--replace]`: every record of one store into another (SQLite ↔ PostgreSQL, file to
 * file), ids, history and links as they are, in one transaction on the target. A target holding records is 65 unless
 * --replace. A new data file is written through the guarded output path (never the source or its -wal/-shm, 0600,
 * put in place only once complete); an existing one is changed in one transaction, in place.
 */
export async function handler(ctx: Context, input: DbCopyInput): Promise<void> {
  const from = storeLocation(input.from);
  const to = storeLocation(input.to);
  const options = { busyTimeoutMs: ctx.env.busyTimeoutMs };
  const source = openStore(from, options);
  const target = openStore(to, options);
  // The hint's example names the source as typed, so it can be run as it is, but never with a URL's password.
  const same = () => new UsageError('db.copySame', { from: source.location }, 'db.hintCopySame', { from: isPgUrl(from) ? source.location : input.from });
  if (isPgUrl(from) && isPgUrl(to) && source.location === target.location) throw same();
  try {
    const copy = (into: Store) => source.read((src) => into.write((dst) => copyRecords(src, dst, { replace: input.replace === true, target: target.location })), { missing: 'refuse' });
    let counts: CopyCounts;
    if (isPgUrl(to)) counts = await copy(target);
    else {
      // The source's files are what the copy may never be (a PostgreSQL source has none to be).
      const spec: OutputSpec = {
        dataFile: from,
        newMode: 0o600,
        maxMode: 0o600,
        special: () => new UsageError('db.copyNotAFile', { file: input.to }, 'db.hintBackupFile'),
      };
      if (!isPgUrl(from) && dataFileIdentities(from).some((d) => sameFile(d, identityOf(to)))) throw same();
      checkOutput(to, spec);
      counts = existsSync(to) ? await copy(target) : await copyIntoNewFile(to, spec, copy);
    }
    ctx.log.say('db.copyDone', {
      from: source.location,
      to: target.location,
      leads: counts.leads ?? 0,
      qualifications: counts.qualifications ?? 0,
      contacts: counts.contacts ?? 0,
      requests: counts.referral_requests ?? 0,
      referrals: counts.referrals ?? 0,
      ranks: counts.industry_rankings ?? 0,
    });
  } finally {
    await source.close();
    await target.close();
  }
}

/** A data file that does not exist yet: made beside it under a temporary name and renamed into place once the copy committed. */
async function copyIntoNewFile(to: string, spec: OutputSpec, copy: (into: Store) => Promise<CopyCounts>): Promise<CopyCounts> {
  const out = openOutput(to, spec);
  const fresh = openStore(out.path, { busyTimeoutMs: 0, scratch: true });
  const companionsDone = registerSqliteCompanions(out.path);
  try {
    const counts = await copy(fresh);
    // The copy is complete: a signal from here on lets it go in place (and the run say so) rather than remove it.
    dataSaved('output');
    await fresh.close();
    out.commit();
    return counts;
  } catch (err) {
    await fresh.close();
    out.abort();
    throw err;
  } finally {
    companionsDone();
  }
}

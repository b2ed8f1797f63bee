import { join, resolve, sep } from 'node:path';
import type { LeadqEnv } from '../env.js';
import { isPgUrl } from './postgres/url.js';

/**
 * The store in use (a data file, or a PostgreSQL URL as given): --db, else $LEADQ_DB, else $XDG_DATA_HOME/leadq/leadq.db, else ~/.local/share/leadq/leadq.db.
 * A trailing / is kept: "dir/" names a folder, and opening it says so instead of creating a file called "dir".
 */
export function resolveDbPath(flag: string | undefined, env: Pick<LeadqEnv, 'db' | 'dataHome'>): string {
  if (flag !== undefined && flag !== '') return storeLocation(flag);
  if (env.db !== undefined) return storeLocation(env.db);
  return join(env.dataHome, 'leadq', 'leadq.db');
}

/** A store as given: a PostgreSQL URL as it is, a file's path made absolute. */
export function storeLocation(given: string): string {
  return isPgUrl(given) ? given : absolute(given);
}

function absolute(path: string): string {
  const full = resolve(path);
  return /[/\\]$/.test(path) && !full.endsWith(sep) ? full + sep : full;
}

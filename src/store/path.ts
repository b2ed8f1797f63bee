import { join, resolve, sep } from 'node:path';
import type { LeadqEnv } from '../env.js';

/**
 * The data file in use: --db, else $LEADQ_DB, else $XDG_DATA_HOME/leadq/leadq.db, else ~/.local/share/leadq/leadq.db.
 * A trailing / is kept: "dir/" names a folder, and opening it says so instead of creating a file called "dir".
 */
export function resolveDbPath(flag: string | undefined, env: Pick<LeadqEnv, 'db' | 'dataHome'>): string {
  if (flag !== undefined && flag !== '') return absolute(flag);
  if (env.db !== undefined) return absolute(env.db);
  return join(env.dataHome, 'leadq', 'leadq.db');
}

function absolute(path: string): string {
  const full = resolve(path);
  return /[/\\]$/.test(path) && !full.endsWith(sep) ? full + sep : full;
}

import { homedir } from 'node:os';
import { join, resolve, sep } from 'node:path';

/**
 * The data file in use: --db, else $LEADQ_DB, else $XDG_DATA_HOME/leadq/leadq.db, else ~/.local/share/leadq/leadq.db.
 * A trailing / is kept: "dir/" names a folder, and opening it says so instead of creating a file called "dir".
 */
export function resolveDbPath(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  if (flag !== undefined && flag !== '') return absolute(flag);
  if (env.LEADQ_DB !== undefined && env.LEADQ_DB !== '') return absolute(env.LEADQ_DB);
  const dataHome = env.XDG_DATA_HOME !== undefined && env.XDG_DATA_HOME !== '' ? env.XDG_DATA_HOME : join(homedir(), '.local', 'share');
  return join(dataHome, 'leadq', 'leadq.db');
}

function absolute(path: string): string {
  const full = resolve(path);
  return /[/\\]$/.test(path) && !full.endsWith(sep) ? full + sep : full;
}

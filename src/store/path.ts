import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** The data file in use: --db, else $LEADQ_DB, else $XDG_DATA_HOME/leadq/leadq.db, else ~/.local/share/leadq/leadq.db. */
export function resolveDbPath(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  if (flag !== undefined && flag !== '') return resolve(flag);
  if (env.LEADQ_DB !== undefined && env.LEADQ_DB !== '') return resolve(env.LEADQ_DB);
  const dataHome = env.XDG_DATA_HOME !== undefined && env.XDG_DATA_HOME !== '' ? env.XDG_DATA_HOME : join(homedir(), '.local', 'share');
  return join(dataHome, 'leadq', 'leadq.db');
}

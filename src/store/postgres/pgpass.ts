// The password file, as libpq reads it: lines `hostname:port:database:username:password`, `*` matching anything,
// `\:` and `\\` escaped, the first matching line wins, and a file readable by group or others is ignored.
import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { PgTarget } from './url.js';

/** The password of the first line of a password file that matches the target; undefined when none does. */
export function pgpassPassword(content: string, target: Pick<PgTarget, 'host' | 'port' | 'database' | 'user'>): string | undefined {
  // A Unix socket connection matches the hostname `localhost`, as in libpq.
  const host = target.host.startsWith('/') ? 'localhost' : target.host;
  const wanted = [host, String(target.port), target.database, target.user];
  for (const raw of content.split(/\r?\n/)) {
    if (raw === '' || raw.startsWith('#')) continue;
    const fields = splitFields(raw);
    if (fields.length < 5) continue;
    if (wanted.every((value, i) => fields[i] === '*' || fields[i] === value)) return fields[4];
  }
  return undefined;
}

/** Fields split at unescaped colons, with `\:` and `\\` unescaped. */
function splitFields(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  for (let i = 0; i < line.length; i++) {
    const c = line.charAt(i);
    if (c === '\\' && i + 1 < line.length) {
      field += line.charAt(++i);
    } else if (c === ':' && fields.length < 4) {
      fields.push(field);
      field = '';
    } else {
      field += c;
    }
  }
  fields.push(field);
  return fields;
}

/**
 * The password for the target from its password file (passfile=, PGPASSFILE, else ~/.pgpass); undefined when there
 * is no file, no matching line, or the file may be read by group or others (libpq ignores it then, and so do we).
 */
export function readPgpass(target: PgTarget, home: string = homedir()): string | undefined {
  const file = target.passfile ?? join(home, '.pgpass');
  try {
    const stat = statSync(file);
    if (!stat.isFile() || (stat.mode & 0o077) !== 0) return undefined;
    return pgpassPassword(readFileSync(file, 'utf8'), target);
  } catch {
    return undefined;
  }
}

import { readdirSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

// Partial outputs: every temporary file leadq writes is named here, registered while it exists, and removed when the
// process ends early (an error, Ctrl-C, SIGTERM, SIGHUP: see interrupt.ts). One killed with SIGKILL cannot clean up,
// so the next write beside the same file sweeps the temporaries of processes that are no longer running.

const registered = new Set<string>();
let exitHookInstalled = false;

/** The temporary file an output is written to before it is renamed into place: `.<name>.<pid>.tmp` beside it. */
export function tempPathFor(target: string, pid: number = process.pid): string {
  return join(dirname(target), `.${basename(target)}.${pid}.tmp`);
}

/** Registers a temporary file: it is removed if the process ends before forgetTemp(). */
export function registerTemp(path: string): void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', removeTemps);
  }
  registered.add(path);
}

/** The file is final (renamed into place) or already removed: nothing to clean up any more. */
export function forgetTemp(path: string): void {
  registered.delete(path);
}

/**
 * Registers the files SQLite may keep beside a temporary data file while it writes it (-journal, -wal, -shm): removed
 * with it if the process ends early. The returned function removes them now and forgets them (the copy is closed).
 */
export function registerSqliteCompanions(path: string): () => void {
  const companions = ['-journal', '-wal', '-shm'].map((suffix) => `${path}${suffix}`);
  for (const companion of companions) registerTemp(companion);
  return () => {
    for (const companion of companions) {
      removeQuietly(companion);
      forgetTemp(companion);
    }
  };
}

/**
 * Registers a temporary data file and the files SQLite may keep beside it: all removed if the process ends early. The
 * returned function removes them now and forgets them (the file was linked into place under another name, or dropped).
 */
export function registerTempDataFile(path: string): () => void {
  registerTemp(path);
  const companionsDone = registerSqliteCompanions(path);
  return () => {
    removeQuietly(path);
    forgetTemp(path);
    companionsDone();
  };
}

/** Removes every registered temporary file now (on exit and on a signal); never throws. */
export function removeTemps(): void {
  for (const path of registered) removeQuietly(path);
  registered.clear();
}

/** Removes a file if it is there; never throws. */
export function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone, or never created
  }
}

/**
 * Removes the temporaries left beside target by leadq processes that are no longer running (killed with SIGKILL, a
 * power cut): `.<name>.<pid>.tmp` and older releases' `<name>.partial-<pid>`, with SQLite's -journal, -wal and -shm of either.
 */
export function sweepStaleTemps(target: string): void {
  const folder = dirname(target);
  const name = escapeRegExp(basename(target));
  const stale = new RegExp(`^(?:\\.${name}\\.(\\d+)\\.tmp|${name}\\.partial-(\\d+))(?:-journal|-wal|-shm)?$`);
  let entries: string[];
  try {
    entries = readdirSync(folder);
  } catch {
    return; // an unreadable folder: writing there will fail and say why
  }
  for (const entry of entries) {
    const m = stale.exec(entry);
    if (m === null) continue;
    const pid = Number(m[1] ?? m[2]);
    if (pid !== process.pid && !isRunning(pid)) removeQuietly(join(folder, entry));
  }
}

/** Whether a process with this id exists (EPERM: it does, as another user's). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

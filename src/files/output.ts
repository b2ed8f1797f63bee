import { accessSync, closeSync, constants, fchmodSync, fchownSync, fsyncSync, openSync, renameSync, statSync, writeSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CantCreateError, UsageError, failureReason, type CliError } from '../errors.js';
import { t } from '../i18n/index.js';
import { dataFileIdentities, identityOf, sameFile, type FileIdentity } from './identity.js';
import { forgetTemp, registerTemp, removeQuietly, sweepStaleTemps, tempPathFor } from './temp.js';

// The one way leadq writes an output file (score --out and --rejects, db backup). Before anything is written it
// refuses a path that is the data file in use or one of SQLite's files beside it, by identity (exit 64), and any other
// file the caller guards (the input being read). The content goes to a temporary file beside the target, registered
// for removal on every early exit, and is renamed over the target only at commit: a failed or interrupted run never
// leaves half a file. A symlinked target is replaced where the link points (the link stays), an existing target keeps
// its mode and owner (never loosened), and a device or FIFO is written through, since renaming over it would replace it.

/** A file an output must not be, with the refusal to give when it is. */
export interface OutputGuard {
  readonly identity: FileIdentity;
  readonly refusal: () => CliError;
}

/** How to write one output. */
export interface OutputSpec {
  /** The data file in use: the output may never be it or its -wal/-shm/-journal (exit 64). */
  readonly dataFile: string;
  /** Other files it must not be (the input being read …). */
  readonly guards?: readonly OutputGuard[];
  /** The mode of a new file (the umask applies); an existing file keeps its own. */
  readonly newMode: number;
  /** Permissions the output never has beyond (a backup holds the data file's leads: never more open than 0600). */
  readonly maxMode?: number;
  /** A device or FIFO (/dev/null, a named pipe): written through, or refused with this error. */
  readonly special: 'writeThrough' | (() => CliError);
}

/** An output being written: bytes go to `path` (the temporary file, or the device itself) until commit(). */
export interface OutputFile {
  /** The file that commit() puts in place: the real path, a symlink followed. */
  readonly target: string;
  /** Where the content is written until commit(). */
  readonly path: string;
  /**
   * Writes all the bytes; a failure (disk full …) is exit 73. Resolves at once for a file; for a FIFO, once its reader
   * took them (it waits with the event loop free, so a signal still ends the run).
   */
  write(bytes: Uint8Array): Promise<void>;
  /** Syncs the content, gives it the target's mode, and renames it over the target. */
  commit(): void;
  /** Drops the content: the target stays as it was. */
  abort(): void;
}

/** Checks an output before any work is done (exit 64 for the data file or a guarded file, 73 for a folder); returns the real target. */
export function checkOutput(file: string, spec: OutputSpec): string {
  // A device, FIFO or pipe, looked at through the kernel's own links first: /dev/stdout into a pipe is /proc/self/fd/1,
  // a link to "pipe:[…]", which names no file that realTarget could follow. It is written as named.
  const direct = statOf(file);
  if (direct !== undefined && !direct.isFile() && !direct.isDirectory()) {
    if (spec.special !== 'writeThrough') throw spec.special();
    return resolve(file);
  }
  const identity = identityOf(file);
  const existing = statOf(identity.path);
  // "dir/" names a folder: never create a file called "dir" in its place.
  if (/[/\\]$/.test(file) && existing?.isDirectory() !== true) throw new CantCreateError('error.cantWrite', { file, reason: t('reason.noFolder') });
  if (existing !== undefined && !existing.isFile() && !existing.isDirectory()) {
    if (spec.special !== 'writeThrough') throw spec.special();
    return identity.path;
  }
  if (existing?.isDirectory() === true) throw new CantCreateError('error.cantWrite', { file, reason: t('reason.isDir') });
  if (dataFileIdentities(spec.dataFile).some((d) => sameFile(d, identity))) {
    throw new UsageError('error.outputIsDataFile', { file, db: spec.dataFile }, 'hint.outputOtherFile');
  }
  for (const guard of spec.guards ?? []) if (sameFile(guard.identity, identity)) throw guard.refusal();
  if (existing !== undefined) {
    // A read-only file says "do not replace me": replacing it by a rename would get round that.
    try {
      accessSync(identity.path, constants.W_OK);
    } catch (err) {
      throw cantWrite(file, err);
    }
  }
  return identity.path;
}

/** Opens an output for writing after checkOutput's checks (done again here, just before the file is created). */
export function openOutput(file: string, spec: OutputSpec): OutputFile {
  const target = checkOutput(file, spec);
  const existing = statOf(target);
  if (existing !== undefined && !existing.isFile()) return writeThrough(file, target);
  sweepStaleTemps(target);
  const temp = tempPathFor(target);
  // An existing target's mode is applied at commit; until then the content is private (0600).
  const fd = createTemp(file, temp, existing === undefined ? spec.newMode : 0o600);
  registerTemp(temp);
  let open = true;
  const close = () => {
    if (open) closeSync(fd);
    open = false;
  };
  const abort = () => {
    close();
    removeQuietly(temp);
    forgetTemp(temp);
  };
  return {
    target,
    path: temp,
    write: async (bytes) => writeAll(fd, bytes, file),
    commit() {
      try {
        fsyncSync(fd);
        if (existing !== undefined) keepModeAndOwner(fd, existing, spec.maxMode ?? 0o7777);
        close();
        renameSync(temp, target);
      } catch (err) {
        abort();
        throw cantWrite(file, err);
      }
      forgetTemp(temp);
      syncFolder(dirname(target));
    },
    abort,
  };
}

/**
 * A device or FIFO: written in place (nothing to rename, nothing to clean up). A FIFO is opened and written without
 * blocking, waiting in short sleeps for a reader to open it and to take what it holds: a blocking open or write would
 * hold the thread, and with it every signal, for as long as the reader is away or stalled.
 */
function writeThrough(file: string, target: string): OutputFile {
  if (!isFifo(target)) {
    let fd: number;
    try {
      fd = openSync(target, 'w');
    } catch (err) {
      throw cantWrite(file, err);
    }
    let open = true;
    const close = () => {
      if (open) closeSync(fd);
      open = false;
    };
    return { target, path: target, write: async (bytes) => writeAll(fd, bytes, file), commit: close, abort: close };
  }
  let fd: number | undefined;
  const opened = async (): Promise<number> => {
    while (fd === undefined) {
      try {
        fd = openSync(target, constants.O_WRONLY | constants.O_NONBLOCK);
      } catch (err) {
        // ENXIO: no reader has it open yet.
        if ((err as NodeJS.ErrnoException).code !== 'ENXIO') throw cantWrite(file, err);
        await pause();
      }
    }
    return fd;
  };
  const close = () => {
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
  };
  return {
    target,
    path: target,
    async write(bytes) {
      const out = await opened();
      for (let off = 0; off < bytes.length; ) {
        try {
          off += writeSync(out, bytes, off);
        } catch (err) {
          // EAGAIN: the FIFO is full until its reader takes some.
          if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw cantWrite(file, err);
          await pause();
        }
      }
    },
    commit: close,
    abort: close,
  };
}

function isFifo(path: string): boolean {
  try {
    return statSync(path).isFIFO();
  } catch {
    return false;
  }
}

/** How long a write waits on a FIFO before it tries again: the event loop (and a signal) runs meanwhile. */
const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 10));

function createTemp(file: string, temp: string, mode: number): number {
  try {
    return openSync(temp, 'wx', mode);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw cantWrite(file, err);
  }
  // Left by an earlier process that had our pid: it is not running, so the file is stale.
  removeQuietly(temp);
  try {
    return openSync(temp, 'wx', mode);
  } catch (err) {
    throw cantWrite(file, err);
  }
}

function writeAll(fd: number, bytes: Uint8Array, file: string): void {
  try {
    for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off);
  } catch (err) {
    throw cantWrite(file, err);
  }
}

/** The replaced file's mode (within maxMode), exactly (fchmod ignores the umask), and its owner when we may set it (root). */
function keepModeAndOwner(fd: number, before: Stats, maxMode: number): void {
  fchmodSync(fd, before.mode & 0o7777 & maxMode);
  if (before.uid === process.getuid?.() && before.gid === process.getgid?.()) return;
  try {
    fchownSync(fd, before.uid, before.gid);
  } catch {
    // Only root may give a file away; anyone else's copy is theirs, with the same mode.
  }
}

/** fsync a folder so a rename in it survives a power cut (best effort: some file systems refuse). */
export function syncFolder(folder: string): void {
  try {
    const fd = openSync(folder, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Not every platform can fsync a directory; the data itself is already synced.
  }
}

function statOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function cantWrite(file: string, err: unknown): CantCreateError {
  return new CantCreateError('error.cantWrite', { file, reason: failureReason(err) });
}

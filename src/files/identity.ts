import { fstatSync, lstatSync, readlinkSync, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

// Which file a path names. Two paths are the same file when they lead to one device and inode (through symlinks,
// folder symlinks and hard links); a file that does not exist yet is named by where it would be created, its folder's
// real path and the target of any symlink (even a dangling one) followed.

/** A file's identity: device and inode when it exists, and always the real path it is (or would be) at. */
export interface FileIdentity {
  readonly inode: string | undefined;
  readonly path: string;
}

// Linux gives up after 40 links in a row (ELOOP); so do we, and the write then fails with that reason.
const MAX_LINKS = 40;

/** The real path a file is (or would be created) at: symlinks followed, also a dangling one, to the file they name. */
export function realTarget(path: string): string {
  let current = resolve(path);
  for (let hops = 0; hops < MAX_LINKS; hops++) {
    let link: string;
    try {
      if (!lstatSync(current).isSymbolicLink()) break;
      link = readlinkSync(current);
    } catch {
      break; // nothing there yet: that is the file to create
    }
    // A relative link is relative to the folder it really sits in (".." as the kernel resolves it, through links).
    current = resolve(realFolder(current), link);
  }
  return join(realFolder(current), basename(current));
}

/** The real path of a file's folder (or the folder as written when it does not exist: writing will fail and say so). */
function realFolder(path: string): string {
  try {
    return realpathSync(dirname(path));
  } catch {
    return dirname(path);
  }
}

/** The identity of the file at path (following symlinks). */
export function identityOf(path: string): FileIdentity {
  const real = realTarget(path);
  return { inode: inodeOf(() => statSync(real)), path: real };
}

/** The identity of an open descriptor (stdin redirected from a file), when it is a regular file. */
export function identityOfFd(fd: number): FileIdentity | undefined {
  try {
    const st = fstatSync(fd);
    return st.isFile() ? { inode: inodeKey(st), path: `fd:${fd}` } : undefined;
  } catch {
    return undefined;
  }
}

/** Whether two identities are one file: the same inode, or the same real path. */
export function sameFile(a: FileIdentity, b: FileIdentity): boolean {
  return (a.inode !== undefined && a.inode === b.inode) || a.path === b.path;
}

/**
 * The data file and the files SQLite keeps beside it (-wal, -shm, -journal, beside the real file when the path is a
 * symlink): no output may ever be one of these.
 */
export function dataFileIdentities(dbPath: string): FileIdentity[] {
  const real = realTarget(dbPath);
  const paths = new Set([dbPath, real]);
  for (const base of [dbPath, real]) for (const suffix of ['-wal', '-shm', '-journal']) paths.add(base + suffix);
  return [...paths].map(identityOf);
}

function inodeOf(stat: () => Stats): string | undefined {
  try {
    return inodeKey(stat());
  } catch {
    return undefined;
  }
}

function inodeKey(st: Stats): string {
  return `${st.dev}:${st.ino}`;
}

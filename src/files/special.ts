import { statSync } from 'node:fs';

/** Whether path exists and is neither a regular file nor a folder: a device such as /dev/null, a FIFO, a socket. */
export function isSpecialFile(path: string): boolean {
  try {
    const stat = statSync(path);
    return !stat.isFile() && !stat.isDirectory();
  } catch {
    return false;
  }
}

// Where scored text goes: a file written under a temporary name and renamed into place only when the job
// succeeds (an interrupted or failed run never leaves half a file), or stdout with backpressure.
import { closeSync, openSync, renameSync, unlinkSync, writeSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CantCreateError, failureReason } from '../errors.js';
import { isSpecialFile } from '../files.js';
import { t } from '../i18n/index.js';

/** A text destination written in large pieces. */
export interface TextSink {
  write(text: string | Uint8Array): Promise<void>;
  /** Makes the output final (renames a file into place). */
  commit(): Promise<void>;
  /** Drops the output (removes a temporary file). */
  abort(): void;
}

// Pieces smaller than this are joined before they are written: one write per row costs ~3.5 s a million rows.
const FLUSH_CHARS = 64 * 1024;

const pendingTemps = new Set<string>();
let exitHookInstalled = false;

/** Removes temporary files left when the process exits early (Ctrl-C exits from main.ts's handler). */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const temp of pendingTemps) {
      try {
        unlinkSync(temp);
      } catch {
        // already gone
      }
    }
  });
}

function cantWrite(file: string, err: unknown): CantCreateError {
  return new CantCreateError('error.cantWrite', { file, reason: failureReason(err) });
}

/**
 * A file sink: writes to `.<name>.<pid>.tmp` beside the target and renames it at commit; unwritable → exit 73.
 * A device or FIFO (/dev/null, a named pipe) is written in place: renaming over it would replace the device.
 */
export function fileSink(file: string): TextSink {
  let isDir = false;
  try {
    isDir = statSync(file).isDirectory();
  } catch {
    // does not exist yet: fine
  }
  if (isDir) throw new CantCreateError('error.cantWrite', { file, reason: t('reason.isDir') });
  const inPlace = isSpecialFile(file);
  const temp = inPlace ? file : join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  let fd: number;
  try {
    fd = openSync(temp, 'w', 0o644);
  } catch (err) {
    throw cantWrite(file, err);
  }
  if (!inPlace) {
    installExitHook();
    pendingTemps.add(temp);
  }
  let buffered = '';
  let open = true;
  const writeAll = (bytes: Uint8Array) => {
    try {
      for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off);
    } catch (err) {
      throw cantWrite(file, err);
    }
  };
  const flush = () => {
    if (buffered === '') return;
    writeAll(Buffer.from(buffered, 'utf8'));
    buffered = '';
  };
  const close = () => {
    if (!open) return;
    open = false;
    closeSync(fd);
  };
  return {
    async write(text) {
      if (typeof text !== 'string') {
        flush();
        writeAll(text);
      } else {
        buffered += text;
        if (buffered.length >= FLUSH_CHARS) flush();
      }
    },
    async commit() {
      flush();
      close();
      if (inPlace) return;
      try {
        renameSync(temp, file);
      } catch (err) {
        throw cantWrite(file, err);
      }
      pendingTemps.delete(temp);
    },
    abort() {
      close();
      if (inPlace) return;
      try {
        unlinkSync(temp);
      } catch {
        // already gone
      }
      pendingTemps.delete(temp);
    },
  };
}

/** A stream sink (stdout): joins small pieces and waits for 'drain' when the reader is slower than we are. */
export function streamSink(stream: NodeJS.WritableStream): TextSink {
  let buffered = '';
  const send = async (data: string | Uint8Array) => {
    if (!stream.write(data)) await new Promise<void>((resolve) => stream.once('drain', resolve));
  };
  const flush = async () => {
    if (buffered === '') return;
    const text = buffered;
    buffered = '';
    await send(text);
  };
  return {
    async write(text) {
      if (typeof text !== 'string') {
        await flush();
        await send(text);
        return;
      }
      buffered += text;
      if (buffered.length >= FLUSH_CHARS) await flush();
    },
    commit: flush,
    abort() {
      buffered = '';
    },
  };
}

// Where scored text goes: a file written under a temporary name and renamed into place only when the job
// succeeds (an interrupted or failed run never leaves half a file), or stdout with backpressure.
import type { Writable } from 'node:stream';
import { openOutput, type OutputSpec } from '../files/output.js';

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

/**
 * A file sink over the one guarded output path (files/output.ts): never the data file or a guarded file (64), a
 * temporary file renamed into place at commit, a device or FIFO written through; unwritable → exit 73.
 */
export function fileSink(file: string, spec: OutputSpec): TextSink {
  const out = openOutput(file, spec);
  let buffered = '';
  const flush = async () => {
    if (buffered === '') return;
    const text = buffered;
    buffered = '';
    await out.write(Buffer.from(text, 'utf8'));
  };
  return {
    async write(text) {
      if (typeof text !== 'string') {
        await flush();
        await out.write(text);
      } else {
        buffered += text;
        if (buffered.length >= FLUSH_CHARS) await flush();
      }
    },
    async commit() {
      await flush();
      out.commit();
    },
    abort() {
      buffered = '';
      out.abort();
    },
  };
}

/** A stream sink (stdout): joins small pieces and waits for 'drain' when the reader is slower than we are. */
export function streamSink(stream: NodeJS.WritableStream): TextSink {
  let buffered = '';
  const send = async (data: string | Uint8Array) => {
    // A stream whose reader went away (score --import | head: the import goes on) takes nothing more, and never drains.
    if ((stream as Partial<Writable>).destroyed === true) return;
    if (!stream.write(data)) await drainedOrClosed(stream);
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

/** Resolves when the stream can take more, or when it closed (then it never will). */
function drainedOrClosed(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.once('drain', done);
    stream.once('close', done);
  });
}

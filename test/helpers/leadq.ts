import { createReadStream, openSync, ReadStream } from 'node:fs';
import { PassThrough, Readable, Writable } from 'node:stream';
import { run, type Io } from '../../src/run.js';

// leadq in-process, the gh way: the program runs on fake streams, a test's environment and (optionally) a fixed
// clock, with no process spawned. It has the shape of test/e2e/helpers.ts runCli, so a test moves between the two
// by changing one import; what only a real process shows (signals, a TTY, pipes, exit of the process, dist/) stays
// in test/e2e.

export interface Ran {
  readonly code: number;
  readonly signal: null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface LeadqOptions {
  /** Text (or bytes) on stdin; stdin ends after it. */
  readonly input?: string | Buffer;
  /** stdin redirected from this file (`leadq … < file`): a stream on its descriptor. */
  readonly stdinFile?: string;
  /** Variables over the test process's (NO_COLOR=1 and LEADQ_LANG=en unless given); undefined removes one. */
  readonly env?: Record<string, string | undefined>;
  /** The clock (default: the real one). */
  readonly now?: () => Date;
  /** Pretend stdout / stdin are terminals. */
  readonly tty?: { readonly stdout?: boolean; readonly stdin?: boolean; readonly columns?: number };
}

/** A writable stream that keeps what is written. */
export function textSink(isTTY = false, columns?: number): Writable & { text(): string; isTTY: boolean; columns?: number } {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
      done();
    },
  });
  return Object.assign(sink, { text: () => Buffer.concat(chunks).toString('utf8'), isTTY, ...(columns === undefined ? {} : { columns }) });
}

/** Runs `leadq ...args` in this process and resolves to its exit code and output. */
export async function leadq(args: readonly string[], options: LeadqOptions = {}): Promise<Ran> {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', LEADQ_LANG: 'en', LEADQ_DEBUG: undefined, FORCE_COLOR: undefined, ...options.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const stdout = textSink(options.tty?.stdout === true, options.tty?.columns);
  const stderr = textSink();
  const input = options.input ?? '';
  const stdin =
    options.stdinFile !== undefined
      ? createReadStream('', { fd: openSync(options.stdinFile, 'r') })
      : options.tty?.stdin === true
        ? Object.assign(new PassThrough(), { isTTY: true })
        : Readable.from(input === '' ? [] : [typeof input === 'string' ? Buffer.from(input) : input]);
  const io: Io = {
    stdin: stdin as unknown as Io['stdin'],
    stdout: stdout as unknown as Io['stdout'],
    stderr: stderr as unknown as Io['stderr'],
    env,
    now: options.now ?? (() => new Date()),
  };
  const code = await run(args, io);
  if (stdin instanceof ReadStream) stdin.destroy();
  return { code, signal: null, stdout: stdout.text(), stderr: stderr.text() };
}

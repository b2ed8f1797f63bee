// Writing a large new file (an import built aside, store.ts writeAside): its pages go to disk while it is written.
import { closeSync, fsync, openSync } from 'node:fs';

/**
 * fsyncs a file being written every FLUSH_EVERY_MS, on libuv's thread pool, one fsync at a time: its pages go to disk
 * while the import goes on, and the fsync that makes it durable has little left to write (a million leads: 0.35 →
 * 0.05 s at its end). stop() waits for the one on its way.
 */
export class FlushBehind {
  private readonly fd: number;
  private readonly timer: NodeJS.Timeout;
  private inFlight: Promise<void> | undefined;

  constructor(
    path: string,
    everyMs = FLUSH_EVERY_MS,
    /** fs.fsync, or a test's stand-in. */
    private readonly sync: (fd: number, done: (err: Error | null) => void) => void = fsync,
  ) {
    this.fd = openSync(path, 'r+');
    this.timer = setInterval(() => this.flush(), everyMs);
    this.timer.unref();
  }

  private flush(): void {
    // Best effort: the last fsync (syncFile) is the one that must succeed.
    this.inFlight ??= new Promise<void>((resolve) => this.sync(this.fd, () => resolve())).then(() => {
      this.inFlight = undefined;
    });
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.inFlight;
    closeSync(this.fd);
  }
}

const FLUSH_EVERY_MS = 250;

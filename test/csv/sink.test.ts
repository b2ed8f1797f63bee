import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { streamSink } from '../../src/csv/sink.js';

// stdout as a sink: backpressure while the reader reads, and no wait for ever once the reader is gone (`score --import
// | head` goes on importing after head exits).

/** A stream that takes `capacity` characters, then nothing until read() is called; written collects what it took. */
function slowStream(capacity: number) {
  const written: string[] = [];
  const pending: Array<() => void> = [];
  const stream = new Writable({
    highWaterMark: capacity,
    write(chunk: Buffer, _encoding, done) {
      written.push(chunk.toString());
      pending.push(done);
    },
  });
  stream.on('error', () => undefined);
  return { stream, written, read: () => pending.splice(0).forEach((done) => done()) };
}

describe('streamSink', () => {
  it('waits for the reader when the stream is full, then goes on', async () => {
    const { stream, written, read } = slowStream(16);
    const sink = streamSink(stream);
    const writing = sink.write(new TextEncoder().encode('x'.repeat(64)));
    let done = false;
    void writing.then(() => (done = true));
    await new Promise((r) => setImmediate(r));
    expect(done).toBe(false);
    read();
    await writing;
    expect(written.join('')).toBe('x'.repeat(64));
  });

  it('a stream whose reader went away (destroyed, closed) takes the rest without waiting for ever', async () => {
    const { stream } = slowStream(16);
    const sink = streamSink(stream);
    await new Promise<void>((resolve) => {
      stream.once('close', () => resolve());
      stream.destroy(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    });
    const result = await Promise.race([
      (async () => {
        await sink.write(new TextEncoder().encode('y'.repeat(64)));
        await sink.write('z'.repeat(100_000));
        await sink.commit();
        return 'finished';
      })(),
      new Promise((r) => setTimeout(() => r('waiting for ever'), 500)),
    ]);
    expect(result).toBe('finished');
  });
});

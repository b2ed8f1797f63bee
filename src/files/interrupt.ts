import { constants, openSync, statSync, writeSync } from 'node:fs';
import { removeTemps } from './temp.js';

// What a signal (Ctrl-C, SIGTERM, SIGHUP) must undo before the process exits, so that it exits at once and leaves
// nothing half-written: helper processes stopped, temporary files removed, and named inputs released.
//
// Why inputs: Node opens and reads named files on its thread pool, and a FIFO with no writer (or an idle one) blocks
// that thread; process.exit() then waits for it for ever. Opening the FIFO's write end (and writing a byte) wakes it.

const inputs = new Set<string>();
const stops = new Set<() => void>();

/** What is already in place when the command passes its point of no return: its data (committed), or its output. */
export type SavePoint = 'data' | 'output';
let saved: SavePoint | undefined;

/**
 * Marks the point of no return: the command's data is committed (or, without data to save, its output is complete and
 * only has to be put in place), and what is left takes moments. A signal from here on does not stop it half-way: the
 * command finishes and reports. The first point marked stays (data, then output: the data was saved).
 */
export function dataSaved(what: SavePoint = 'data'): void {
  saved ??= what;
}

/** The command's point of no return, once it passed it (see dataSaved). */
export function pointOfNoReturn(): SavePoint | undefined {
  return saved;
}

/** Set while a command's work outlives its stdout (`score --import | head`): a reader that goes away does not stop it. */
let stdoutOptional = false;

/** Marks the command's work as more than its stdout: when the reader closes the pipe, the work goes on without it. */
export function workOutlivesStdout(): void {
  stdoutOptional = true;
}

/** Whether a closed stdout may end the command at once (exit 0), as it does for lists. */
export function closedStdoutEnds(): boolean {
  return !stdoutOptional;
}

/** What the process's writes left when a signal stops it: none committed, some committed, or a COMMIT of unknown outcome. */
export type WritesSoFar = 'none' | 'committed' | 'unknown';
let writes: WritesSoFar = 'none';

/** Told by a store each time a write transaction committed. */
export function writeCommitted(): void {
  if (writes === 'none') writes = 'committed';
}

/** What the writes of this process left so far (for the message of a signal that stops it). */
export function writesSoFar(): WritesSoFar {
  return writes;
}

/** Longest a signal waits for a held step (a COMMIT's round trip to a server that stopped answering must not keep Ctrl-C waiting). */
const HOLD_MS = 800;
let holding = 0;
/** A held signal waited HOLD_MS: until the step ends, later signals are not held either. */
let expired = false;
let held: { readonly signal: NodeJS.Signals; readonly timer: NodeJS.Timeout } | undefined;

/**
 * Runs a step that a signal must not cut in two, such as a COMMIT sent to a server: had the process exited while it was
 * on its way, the data might be saved with the command saying it stopped. A signal meanwhile is handled once the step
 * is over (with what the step did known: see dataSaved), or after HOLD_MS if the step takes that long.
 */
export async function holdingSignals<T>(step: () => Promise<T>): Promise<T> {
  holding++;
  try {
    return await step();
  } finally {
    holding--;
    if (holding === 0) {
      expired = false;
      deliverHeld();
    }
  }
}

/** Called by the process's signal handler: true when the signal is held for now (it comes back once the step is over). */
export function holdSignal(signal: NodeJS.Signals): boolean {
  if (holding === 0 || expired) return false;
  held ??= {
    signal,
    timer: setTimeout(() => {
      // The step (a COMMIT on its way) is still running: whether it takes effect is not known.
      expired = true;
      writes = 'unknown';
      deliverHeld();
    }, HOLD_MS),
  };
  return true;
}

function deliverHeld(): void {
  if (held === undefined) return;
  const { signal, timer } = held;
  held = undefined;
  clearTimeout(timer);
  process.emit(signal, signal);
}

/** Marks a named input as being read until the returned function is called; a FIFO among them is released on a signal. */
export function watchInput(path: string): () => void {
  inputs.add(path);
  return () => inputs.delete(path);
}

/** Runs stop on a signal, before the process exits (e.g. kill a helper process); the returned function unregisters it. */
export function onInterrupt(stop: () => void): () => void {
  stops.add(stop);
  return () => stops.delete(stop);
}

/** Everything a signal undoes before exit: helpers stopped, temporary files removed, blocked reads of FIFOs released. Never throws. */
export function stopForSignal(): void {
  for (const stop of stops) {
    try {
      stop();
    } catch {
      // best effort: the process is ending
    }
  }
  stops.clear();
  removeTemps();
  for (const path of inputs) releaseFifo(path);
  inputs.clear();
}

function releaseFifo(path: string): void {
  try {
    if (!statSync(path).isFIFO()) return;
    // Read-write never blocks on a FIFO (Linux), and is a writer for as long as this process lives: it wakes an open()
    // already blocked in a thread, and one that a loaded machine starts only now (the exit would wait for that thread).
    // Left open: the process is ending.
    const fd = openSync(path, constants.O_RDWR | constants.O_NONBLOCK);
    try {
      writeSync(fd, '\n'); // wakes a read() blocked behind an idle writer
    } catch {
      // full: the reader is not blocked then
    }
  } catch {
    // no file, or not ours to open: nothing of ours is blocked on it
  }
}

/**
 * Lets the event loop run in the middle of long synchronous work (a write transaction of thousands of rows, a list
 * to a pipe): a signal's handler, or a closed pipe's error, only runs then. A promise that is already resolved is not
 * enough: it yields to other promises, never to signals.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

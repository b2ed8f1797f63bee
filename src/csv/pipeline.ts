// The streaming score loop: pieces of whole records in, rendered output out, in file order. Large inputs
// are scored by worker threads beside this one (the reader decodes and cuts the text on record boundaries, which
// is cheap next to parsing and scoring); small ones on this thread alone, where starting a worker would cost more
// than it saves.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { CliError, EXIT, errorFromWire, type WireError } from '../errors.js';
import { companionScript } from '../files/scripts.js';
import { getLang } from '../i18n/index.js';
import { fieldNamed, type FieldDef } from './fields.js';
import type { MoneyUnit } from './amounts.js';
import type { ColumnMapping } from './presets.js';
import { parseRecords, type CsvFile, type CsvPiece } from './read.js';
import { MAX_FOOTER_ROWS, Scorer, type HeldRow, type ScorerSetup } from './scorer.js';

/** What one piece of work hands to the writer: its rendered rows (UTF-8) and the rest. */
export type ScoredPiece = ReturnType<Scorer['take']> & { bytesRead: number };

/** Inputs at least this large are scored in worker threads. */
const WORKER_THRESHOLD_BYTES = 4 * 1024 * 1024;

/** Scores one piece on the calling thread. */
export function scorePiece(scorer: Scorer, piece: Pick<CsvPiece, 'texts' | 'bad' | 'startLine'>, delimiter: string): ReturnType<Scorer['take']> {
  // A record's text is reusable as CSV output only when it is comma-separated like the output.
  const comma = delimiter === ',';
  const { bad } = piece;
  parseRecords(piece.texts, delimiter, piece.startLine, (fields, line, malformed, unquoted) => scorer.add(fields, line, malformed, comma ? unquoted : undefined, bad));
  return scorer.take();
}

/** A mapping as plain data: its maps keyed by field name (field definitions are looked up again in the worker). */
type WireMapping = Omit<ColumnMapping, 'columns' | 'fallbacks' | 'units' | 'choices'> & {
  columns: Array<[string, number]>;
  fallbacks: Array<[string, readonly number[]]>;
  units: Array<[string, MoneyUnit]>;
};

/** The scorer setup as plain data for a worker. */
export interface WireSetup {
  readonly setup: Omit<ScorerSetup, 'mapping'> & { mapping: WireMapping };
  readonly delimiter: string;
  readonly lang: ReturnType<typeof getLang>;
}

const byName = <V>(map: ReadonlyMap<FieldDef, V>): Array<[string, V]> => [...map].map(([f, v]): [string, V] => [f.name, v]);
const byField = <V>(entries: ReadonlyArray<readonly [string, V]>): Map<FieldDef, V> => new Map(entries.map(([name, v]) => [fieldNamed(name)!, v]));

/** Packs a setup for a worker. */
function toWire(setup: ScorerSetup, delimiter: string): WireSetup {
  const { columns, fallbacks, units, choices: _choices, ...rest } = setup.mapping;
  const mapping: WireMapping = { ...rest, columns: byName(columns), fallbacks: byName(fallbacks), units: byName(units) };
  return { setup: { ...setup, mapping }, delimiter, lang: getLang() };
}

/** Unpacks a setup in a worker. */
export function fromWire(wire: WireSetup): ScorerSetup {
  const m = wire.setup.mapping;
  return { ...wire.setup, mapping: { ...m, columns: byField(m.columns), fallbacks: byField(m.fallbacks), units: byField(m.units), choices: [] } };
}

/** A worker's reply to one piece. */
export type WorkerReply =
  | ({ id: number } & Omit<ScoredPiece, 'bytesRead'>)
  | { id: number; error: WireError };

/** Worker threads beside this one: one per core but one (this thread scores too when they are all busy), at most 3. */
function workerCount(): number {
  return Math.max(1, Math.min(3, availableParallelism() - 1));
}

/**
 * Passes scored pieces on in file order, holding back footer-like rows at the end of each (scorers hold them): when a
 * later piece has data, they were rows like any other and are scored here, ahead of it; what is held at the end of
 * the input is the report's footer.
 */
class FooterWatch {
  private held: HeldRow[] = [];

  constructor(
    private readonly scorer: Scorer,
    private readonly onPiece: (piece: ScoredPiece) => Promise<void>,
  ) {}

  async deliver(piece: ScoredPiece): Promise<void> {
    if (this.held.length > 0 && (piece.dataSeen || this.held.length + piece.held.length > MAX_FOOTER_ROWS)) {
      this.scorer.addHeld(this.held);
      this.held = [];
      await this.onPiece({ ...this.scorer.take(), bytesRead: piece.bytesRead });
    }
    this.held.push(...piece.held);
    await this.onPiece(piece);
  }

  /** The rows held at the end of the input: the report's footer. */
  get footer(): readonly HeldRow[] {
    return this.held;
  }
}

/**
 * Scores every record of the file; onPiece is awaited in file order (so slow output slows reading). Returns the report
 * footer's rows. workers: false scores on this thread only (LEADQ_WORKERS=0).
 */
export async function scoreFile(csv: CsvFile, setup: ScorerSetup, onPiece: (piece: ScoredPiece) => Promise<void>, options: { readonly workers: boolean } = { workers: true }): Promise<readonly HeldRow[]> {
  const big = !csv.small && (csv.source.size === undefined || csv.source.size >= WORKER_THRESHOLD_BYTES);
  const scorer = new Scorer(setup);
  const watch = new FooterWatch(scorer, onPiece);
  // LEADQ_WORKERS=0 forces one thread (tests compare both ways). --import too is scored in the workers: its rows come
  // back with each piece, in file order, and this thread only runs their SQL.
  if (!big || !options.workers) {
    for await (const piece of csv.pieces()) await watch.deliver({ ...scorePiece(scorer, piece, csv.head.delimiter), bytesRead: piece.bytesRead });
  } else await scoreInParallel(csv, setup, scorer, (piece) => watch.deliver(piece));
  return watch.footer;
}

interface Waiting {
  resolve: (reply: WorkerReply) => void;
  reject: (err: unknown) => void;
}

/** A piece being scored (by a worker, or already by this thread), in file order. */
interface InFlight {
  readonly result: Promise<WorkerReply>;
  readonly bytesRead: number;
  /** Its result has arrived. */
  done: boolean;
}

/** A worker thread of the pool: the ids of the pieces it holds, and whether it has stopped. */
interface PoolWorker {
  readonly worker: Worker;
  readonly held: Set<number>;
  dead: boolean;
}

/** The work this thread did (writing pieces, scoring some) against the workers' (the pieces sent, at its pace of scoring). */
class Pace {
  private writeMs = 0;
  private scoreMs = 0;
  private scoredHere = 0;
  private sentOut = 0;

  wrote(ms: number): void {
    this.writeMs += ms;
  }

  scored(ms: number): void {
    this.scoreMs += ms;
    this.scoredHere++;
  }

  sent(): void {
    this.sentOut++;
  }

  /** Whether this thread has done more than each of `workers` (until it scored a piece, it cannot tell: no). */
  busierThanWorkers(workers: number): boolean {
    if (this.scoredHere === 0) return false;
    const perPiece = this.scoreMs / this.scoredHere;
    return this.writeMs + this.scoreMs > (perPiece * this.sentOut) / workers;
  }
}

// Pieces queued at a worker: one being scored and one waiting, so it never idles between messages.
const QUEUE_PER_WORKER = 2;
// Pieces this thread may score ahead while the oldest is still with a worker (it decodes and cuts the text as well,
// so waiting for the oldest would leave it idle while a worker catches up).
const LOCAL_AHEAD = 2;

/**
 * Large inputs: pieces go to worker threads while they have room, and this thread scores the overflow
 * itself (one isolate fewer than a worker per core: less memory for the same cores). Results are written
 * in file order.
 */
async function scoreInParallel(csv: CsvFile, setup: ScorerSetup, local: Scorer, onPiece: (piece: ScoredPiece) => Promise<void>): Promise<void> {
  const wire = toWire(setup, csv.head.delimiter);
  const waiting = new Map<number, Waiting>();
  const workers = Array.from({ length: workerCount() }, () => {
    // A young generation that holds a piece's short-lived records, so few of them are promoted; an import's rows make
    // four times the garbage (its GC took a quarter of the worker's time with 8 MB).
    const young = setup.collectImport ? 32 : 8;
    const worker = new Worker(companionScript('./worker.js', import.meta.url), { workerData: wire, resourceLimits: { maxYoungGenerationSizeMb: young } });
    const entry: PoolWorker = { worker, held: new Set<number>(), dead: false };
    worker.on('message', (reply: WorkerReply) => {
      entry.held.delete(reply.id);
      const w = waiting.get(reply.id);
      waiting.delete(reply.id);
      w?.resolve(reply);
    });
    // A worker that fails or stops gets no more pieces, and the ones it held fail the run instead of waiting for ever.
    const fail = (reason: string) => {
      if (entry.dead) return;
      entry.dead = true;
      for (const held of entry.held) {
        waiting.get(held)?.reject(new CliError(EXIT.internal, 'csv.workerStopped', { reason }, 'csv.hintWorkerStopped'));
        waiting.delete(held);
      }
      entry.held.clear();
    };
    worker.on('error', (err) => fail(err.message.split('\n')[0] ?? ''));
    worker.on('messageerror', (err) => {
      fail(err.message);
      void worker.terminate();
    });
    worker.on('exit', (code) => fail(`exit ${code}`));
    return entry;
  });
  const inFlight: InFlight[] = [];
  let id = 0;
  const pace = new Pace();
  const deliver = async () => {
    const next = inFlight.shift()!;
    const reply = await next.result;
    if ('error' in reply) throw errorFromWire(reply.error);
    const { id: _id, ...piece } = reply;
    const start = performance.now();
    await onPiece({ ...piece, bytesRead: next.bytesRead });
    pace.wrote(performance.now() - start);
  };
  try {
    const freeWorker = () => workers.filter((w) => !w.dead && w.held.size < QUEUE_PER_WORKER).sort((a, b) => a.held.size - b.held.size)[0];
    for await (const piece of csv.pieces()) {
      let free = freeWorker();
      // An import's rows are written by this thread: it scores a piece itself only while it has done less work than
      // each worker (its writes and its own scoring against the workers' pieces at its own pace of scoring), else it
      // writes the oldest piece while the workers score. New companies (every row an insert) leave it little scoring;
      // a file of repeats, light to write, about its share as for \`score\`.
      while (free === undefined && setup.collectImport && inFlight.length > 0 && pace.busierThanWorkers(workers.length)) {
        await deliver();
        free = freeWorker();
      }
      let result: Promise<WorkerReply>;
      if (free === undefined) {
        const start = performance.now();
        result = Promise.resolve({ id, ...scorePiece(local, piece, csv.head.delimiter) });
        pace.scored(performance.now() - start);
      } else {
        result = new Promise<WorkerReply>((resolve, reject) => waiting.set(id, { resolve, reject }));
        result.catch(() => undefined); // awaited in order below; this only keeps an early failure from being "unhandled"
        free.held.add(id);
        pace.sent();
        free.worker.postMessage({ id, texts: piece.texts, bad: piece.bad, startLine: piece.startLine });
      }
      const entry: InFlight = { result, bytesRead: piece.bytesRead, done: false };
      void result.then(
        () => (entry.done = true),
        () => (entry.done = true),
      );
      inFlight.push(entry);
      id++;
      if (inFlight.length > workers.length * QUEUE_PER_WORKER + LOCAL_AHEAD) await deliver();
      while (inFlight[0]?.done === true) await deliver();
    }
    while (inFlight.length > 0) await deliver();
  } finally {
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }
}

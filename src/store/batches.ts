// How both stores hand a listing's rows over: in batches, the first small and each next one twice as big up to
// BATCH, so that `| head`, `today`'s first screen and a --limit read no more than they show, and a whole listing
// soon goes in big batches. The query stays open only while the caller iterates (stopping early closes it). PURE.

/** Rows the first batch of a listing holds. */
export const FIRST_BATCH = 32;
/** Rows a listing hands over at a time once under way. */
export const BATCH = 512;

/** Rows as they come (a SQLite statement's, or a PostgreSQL cursor's), in batches. */
export async function* inBatches<T>(rows: Iterable<T> | AsyncIterable<T>): AsyncIterable<readonly T[]> {
  const batches = new Batches<T>();
  // A statement's rows come without a promise each: a million of them are read without a million awaits.
  if (Symbol.asyncIterator in rows) {
    for await (const row of rows) if (batches.add(row)) yield batches.take();
  } else for (const row of rows) if (batches.add(row)) yield batches.take();
  if (batches.pending) yield batches.take();
}

class Batches<T> {
  private batch: T[] = [];
  private size = FIRST_BATCH;

  /** Adds a row; true when the batch is full. */
  add(row: T): boolean {
    this.batch.push(row);
    return this.batch.length >= this.size;
  }

  get pending(): boolean {
    return this.batch.length > 0;
  }

  take(): readonly T[] {
    const batch = this.batch;
    this.batch = [];
    this.size = Math.min(this.size * 2, BATCH);
    return batch;
  }
}

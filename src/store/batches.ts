// How both stores hand a listing's rows over: in batches, the first small and each next one twice as big, so that
// `| head`, `today`'s first screen and a --limit read no more than they show, and a whole listing soon goes in big
// batches. The query stays open only while the caller iterates (stopping early closes it). On PostgreSQL each batch is
// one read of a cursor (postgres/stream.ts pgBatches); on SQLite, inBatches. PURE.

/** Rows the first batch of a listing holds. */
export const FIRST_BATCH = 32;
/** Rows a SQLite listing hands over at a time once under way. */
const BATCH = 512;

/** A SQLite statement's rows, in batches (read as they are handed over: without a promise each). */
export async function* inBatches<T>(rows: Iterable<T>): AsyncIterable<readonly T[]> {
  let batch: T[] = [];
  let size = FIRST_BATCH;
  for (const row of rows) {
    batch.push(row);
    if (batch.length < size) continue;
    yield batch;
    batch = [];
    size = Math.min(size * 2, BATCH);
  }
  if (batch.length > 0) yield batch;
}

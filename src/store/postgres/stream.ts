// Streaming reads (lead list, top20 list, exports): a server-side cursor fetched a batch at a time, so a million
// rows flow in constant memory and `leadq lead list | head` stops after the first batch.
import type { QueryResultRow } from 'pg';
import type Cursor from 'pg-cursor';
import { FIRST_BATCH } from '../batches.js';
import { pgQueryError, type PgConnection } from './client.js';

/** Rows fetched per round trip once a listing is under way: big enough to stream fast (a listing's batch on PostgreSQL). */
export const STREAM_BATCH_ROWS = 1000;

/**
 * The rows of one parameterised query in batches, each one read of a cursor: the first small and each next one twice
 * as big, up to `batch`, so a screenful, `| head` or a --limit waits for no more rows than it shows, and a whole
 * listing soon reads in big batches. Leaving the loop early (break, an error, a closed pipe) closes the cursor, and the
 * connection is free again. Run no other query on the connection while iterating: its statements wait for the cursor.
 */
export async function* pgBatches<R extends QueryResultRow>(conn: PgConnection, sql: string, params: readonly unknown[] = [], batch = STREAM_BATCH_ROWS): AsyncGenerator<readonly R[]> {
  // A CommonJS module whose export is the class: Node gives it as the default export. The client hands the cursor
  // its own type parsers (bigint as number, json as text), as it does every query.
  const { default: CursorClass } = (await import('pg-cursor')) as unknown as { default: typeof Cursor };
  const cursor = conn.client.query(new CursorClass<R>(sql, params as unknown[]));
  try {
    for (let size = Math.min(FIRST_BATCH, batch); ; size = Math.min(size * 2, batch)) {
      let rows: R[];
      try {
        rows = await cursor.read(size);
      } catch (err) {
        throw pgQueryError(conn, err);
      }
      if (rows.length === 0) return;
      yield rows;
      // Fewer rows than asked for: the cursor is done (no round trip to hear it say so; `today` runs six of them).
      if (rows.length < size) return;
    }
  } finally {
    await cursor.close().catch(() => undefined);
  }
}

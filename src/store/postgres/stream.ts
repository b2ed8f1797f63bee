// Streaming reads (lead list, top20 list, exports): a server-side cursor fetched a batch at a time, so a million
// rows flow in constant memory and `leadq lead list | head` stops after the first batch.
import type { QueryResultRow } from 'pg';
import type Cursor from 'pg-cursor';
import { pgQueryError, type PgConnection } from './client.js';

/** Rows fetched per round trip: big enough to stream fast, small enough that `| head` waits for little. */
export const STREAM_BATCH_ROWS = 1000;

/**
 * The rows of one parameterised query as an async iterable, read through a cursor `batch` rows at a time. Leaving
 * the loop early (break, an error, a closed pipe) closes the cursor, and the connection is free again. Run no other
 * query on the connection while iterating: its statements wait for the cursor.
 */
export async function* pgRows<R extends QueryResultRow>(conn: PgConnection, sql: string, params: readonly unknown[] = [], batch = STREAM_BATCH_ROWS): AsyncGenerator<R> {
  // A CommonJS module whose export is the class: Node gives it as the default export. The client hands the cursor
  // its own type parsers (bigint as number, json as text), as it does every query.
  const { default: CursorClass } = (await import('pg-cursor')) as unknown as { default: typeof Cursor };
  const cursor = conn.client.query(new CursorClass<R>(sql, params as unknown[]));
  try {
    for (;;) {
      let rows: R[];
      try {
        rows = await cursor.read(batch);
      } catch (err) {
        throw pgQueryError(conn, err);
      }
      if (rows.length === 0) return;
      yield* rows;
    }
  } finally {
    await cursor.close().catch(() => undefined);
  }
}

import type { Context } from '../context.js';
import { t, type MessageKey } from '../i18n/index.js';
import type { Db } from '../store/db.js';
import { openStoreIfExists, storeFailure } from '../store/open.js';
import type { Paint } from './color.js';
import { defaultListFormat, formatOption, LIST_FORMATS, tableHeader, tableLines, tableWidths, writeList, type Column, type ListFormat, type Row } from './format.js';

// The list commands (lead list, referral list, top20 list) print rows read from the data file the same way.

/** A list's columns: key (csv/tsv/json name), table header message, alignment. */
export type ColumnSpec<R> = readonly (readonly [keyof R & string, MessageKey, 'left' | 'right'])[];

/** --format: one of the list formats; default table on a TTY, tsv otherwise (64 for anything else). */
export function listFormatOption(ctx: Context, value: string | undefined): ListFormat {
  if (value === undefined) return defaultListFormat(ctx.stdout);
  return formatOption(value, LIST_FORMATS);
}

/** The stdout paint (chalk loads only when asked: the cron's tsv path never does). */
export async function stdoutPaint(ctx: Context): Promise<Paint> {
  const { paintFor } = await import('./color.js');
  return paintFor(ctx, ctx.stdout);
}

export interface StoredListOptions<R extends Row> {
  /** The --format value as given (undefined: table on a TTY, tsv otherwise). */
  readonly format: string | undefined;
  readonly header: boolean;
  readonly spec: ColumnSpec<R>;
  readonly read: (db: Db) => Iterable<R>;
  /** Rows as people read them in the table view (labels in their language); csv/tsv/json keep the English ids. */
  readonly forTable?: (row: R) => Row;
}

/**
 * Prints a list read from the data file opened read-only (never waits on a writer); an absent data file lists nothing.
 * The table view gets translated headers and rows (bold headers only when --format was not given); the other formats stream in batches so `| head` ends the command early.
 */
export async function printStoredList<R extends Row>(ctx: Context, options: StoredListOptions<R>): Promise<void> {
  const { header, spec } = options;
  const format = listFormatOption(ctx, options.format);
  const table = format === 'table';
  // SPEC: never colour --format output; only the default table on a terminal gets bold headers.
  const headerStyle = table && options.format === undefined ? (await stdoutPaint(ctx)).bold : undefined;
  const db = openStoreIfExists(ctx.dbPath, { busyTimeoutMs: ctx.env.busyTimeoutMs });
  try {
    const read = (): Iterable<R> => (db === undefined ? [] : options.read(db));
    const columns: Column[] = spec.map(([key, title, align]) => ({ key, header: table ? t(title) : key, align }));
    if (table) {
      const forTable = options.forTable;
      await writeTableInBatches(ctx, () => (forTable === undefined ? read() : mapRows(read(), forTable)), columns, header, headerStyle);
    } else {
      await writeListInBatches(ctx, read(), columns, format, header);
    }
  } catch (err) {
    throw storeFailure(err, ctx.dbPath, false) ?? err;
  } finally {
    db?.close();
  }
}

function* mapRows<R>(rows: Iterable<R>, fn: (row: R) => Row): Iterable<Row> {
  for (const row of rows) yield fn(row);
}

const BATCH = 512;

/**
 * Calls write for the rows batch by batch, yielding to the event loop between batches: writes to a pipe are
 * synchronous, so only then can a closed pipe (`| head`) surface as EPIPE and end the command instead of listing a
 * million rows. Stops early once stdout is gone.
 */
async function inBatches(ctx: Context, rows: Iterable<Row>, write: (batch: readonly Row[], first: boolean) => void): Promise<void> {
  let batch: Row[] = [];
  let first = true;
  for (const row of rows) {
    batch.push(row);
    if (batch.length < BATCH) continue;
    write(batch, first);
    first = false;
    batch = [];
    await new Promise((resolve) => setImmediate(resolve));
    if (ctx.stdout.destroyed) return;
  }
  if (batch.length > 0 || first) write(batch, first);
}

/** A list in one of the data formats, streamed (json is one array, written whole). */
async function writeListInBatches(ctx: Context, rows: Iterable<Row>, columns: readonly Column[], format: ListFormat, header: boolean): Promise<void> {
  if (format === 'json') {
    writeList(rows, columns, { format, header, out: ctx.stdout });
    return;
  }
  await inBatches(ctx, rows, (batch, first) => writeList(batch, columns, { format, header: header && first, out: ctx.stdout }));
}

/**
 * The table view in constant memory, whatever the number of rows: one pass over the rows for the column widths, a
 * second (the query run again) for the lines, in batches.
 */
async function writeTableInBatches(ctx: Context, rows: () => Iterable<Row>, columns: readonly Column[], header: boolean, headerStyle?: (s: string) => string): Promise<void> {
  const widths = tableWidths(rows(), columns, header);
  if (header) ctx.stdout.write(tableHeader(columns, widths, headerStyle));
  await inBatches(ctx, rows(), (batch) => ctx.stdout.write(tableLines(batch, columns, widths)));
}

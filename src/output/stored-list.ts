import type { Context } from '../context.js';
import { yieldToEventLoop } from '../files/interrupt.js';
import { t, type MessageKey } from '../i18n/index.js';
import type { ReadTx } from '../store/store.js';
import type { Paint } from './color.js';
import { defaultListFormat, fitWidths, formatOption, LIST_FORMATS, tableHeader, tableLines, tableWidths, writeList, type Column, type ListFormat, type Row } from './format.js';
import { terminalWidth } from './terminal-text.js';
import { displayWidth } from './width.js';

// The list commands (lead list, referral list, top20 list) print rows read from the data file the same way.

/** A list's columns: key (csv/tsv/json name), table header message, alignment, and the table's cut-off (default 40 columns). */
export type ColumnSpec<R> = readonly (readonly [keyof R & string, MessageKey, 'left' | 'right', number?])[];

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
  /** The rows, in batches (called twice for the table view of more than KEEP_ROWS rows: once for the widths, once for the lines). */
  readonly read: (tx: ReadTx) => AsyncIterable<readonly R[]>;
  /** Rows as people read them in the table view (labels in their language); csv/tsv/json keep the English ids. */
  readonly forTable?: (row: R) => Row;
}

/**
 * Prints a list read from the store (never waits on a writer; a store that does not exist yet lists nothing).
 * The table view gets translated headers and rows (bold headers only when --format was not given); the other formats stream in batches so `| head` ends the command early.
 */
export async function printStoredList<R extends Row>(ctx: Context, options: StoredListOptions<R>): Promise<void> {
  const { header, spec } = options;
  const format = listFormatOption(ctx, options.format);
  const table = format === 'table';
  // SPEC: never colour --format output; only the default table on a terminal gets bold headers.
  const headerStyle = table && options.format === undefined ? (await stdoutPaint(ctx)).bold : undefined;
  const columns: Column[] = spec.map(([key, title, align, maxWidth]) => ({ key, header: table ? t(title) : key, align, ...(maxWidth === undefined ? {} : { maxWidth }) }));
  await ctx.store.read(async (tx) => {
    if (table) {
      const forTable = options.forTable;
      await writeTableInBatches(ctx, () => (forTable === undefined ? options.read(tx) : mapBatches(options.read(tx), forTable)), columns, header, headerStyle);
    } else {
      await writeListInBatches(ctx, options.read(tx), columns, format, header);
    }
  });
}

async function* mapBatches<R>(batches: AsyncIterable<readonly R[]>, fn: (row: R) => Row): AsyncIterable<readonly Row[]> {
  for await (const batch of batches) yield batch.map(fn);
}

/**
 * Calls write for the rows batch by batch, yielding to the event loop between batches: writes to a pipe are
 * synchronous, so only then can a closed pipe (`| head`) surface as EPIPE and end the command instead of listing a
 * million rows. Stops early once stdout is gone (leaving the loop closes the query).
 */
async function inBatches(ctx: Context, batches: AsyncIterable<readonly Row[]> | Iterable<readonly Row[]>, write: (batch: readonly Row[], first: boolean) => void): Promise<void> {
  let first = true;
  for await (const batch of batches) {
    write(batch, first);
    first = false;
    await yieldToEventLoop();
    if (ctx.stdout.destroyed) return;
  }
  if (first) write([], first);
}

/** A list in one of the data formats, streamed (json is one array, written whole). */
async function writeListInBatches(ctx: Context, batches: AsyncIterable<readonly Row[]>, columns: readonly Column[], format: ListFormat, header: boolean): Promise<void> {
  if (format === 'json') {
    const rows: Row[] = [];
    for await (const batch of batches) for (const row of batch) rows.push(row);
    writeList(rows, columns, { format, header, out: ctx.stdout });
    return;
  }
  await inBatches(ctx, batches, (batch, first) => writeList(batch, columns, { format, header: header && first, out: ctx.stdout }));
}

/**
 * The table view in constant memory, whatever the number of rows: one pass over the rows for the column widths, a
 * second (the query run again) for the lines, in batches; a short table is written from the rows of the first.
 */
async function writeTableInBatches(ctx: Context, batches: () => AsyncIterable<readonly Row[]>, columns: readonly Column[], header: boolean, headerStyle?: (s: string) => string): Promise<void> {
  let widths = columns.map((c) => (header ? displayWidth(c.header) : 0));
  // The rows of a short table are kept from the pass that measures them, and written without reading them again.
  let kept: Array<readonly Row[]> | undefined = [];
  let keptRows = 0;
  for await (const batch of batches()) {
    widths = tableWidths(batch, columns, false, widths);
    keptRows += batch.length;
    if (keptRows > KEEP_ROWS) kept = undefined;
    else kept?.push(batch);
  }
  // On a terminal, long text gives way so that each row stays one line.
  const terminal = ctx.stdout.isTTY === true ? terminalWidth(ctx.stdout) : undefined;
  if (terminal !== undefined) widths = fitWidths(widths, columns, terminal);
  if (header) ctx.stdout.write(tableHeader(columns, widths, headerStyle));
  await inBatches(ctx, kept ?? batches(), (batch) => ctx.stdout.write(tableLines(batch, columns, widths)));
}

// A table of at most KEEP_ROWS rows (`today`'s first screen, a short list) is read once: a second pass would run its
// queries again (on a PostgreSQL store, round trips).
const KEEP_ROWS = 1000;

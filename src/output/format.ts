import type { Writable } from 'node:stream';
import { UsageError } from '../errors.js';
import { csvLine, tsvField } from './csv-cell.js';
import { terminalLine } from './terminal-text.js';
import { displayWidth, padDisplay, truncateDisplay } from './width.js';

export const LIST_FORMATS = ['table', 'csv', 'tsv', 'json', 'ndjson'] as const;
export type ListFormat = (typeof LIST_FORMATS)[number];

/** Text the table view styles (a coloured bar): the text is sanitised and measured, the paint added around it. */
export class Painted {
  constructor(
    readonly text: string,
    readonly paint: (s: string) => string,
  ) {}
}

export type Cell = string | number | boolean | null | undefined | Painted;
export type Row = Readonly<Record<string, Cell>>;

/** A column of a list: its key in the row (also its csv/tsv/json name) and its header for the table view. */
export interface Column {
  readonly key: string;
  readonly header: string;
  readonly align?: 'left' | 'right';
  /** The table view cuts longer cells with … (default MAX_CELL, 40 columns). */
  readonly maxWidth?: number;
}

export interface ListOptions {
  readonly format: ListFormat;
  readonly header: boolean;
  readonly out: Writable;
  /** Styles the table header (bold on a colour TTY); identity otherwise. */
  readonly headerStyle?: (s: string) => string;
}

/** --format: one of a command's formats in any case (JSON is json); anything else is exit 64 naming them (score, lists, report). */
export function formatOption<F extends string>(value: string, formats: readonly F[]): F {
  const format = formats.find((f) => f === value.toLowerCase());
  if (format === undefined) throw new UsageError('error.badFormat', { value, choices: formats.join(', ') });
  return format;
}

/** SPEC default: table when stdout is a TTY, tsv otherwise. */
export function defaultListFormat(stdout: { isTTY?: boolean }): ListFormat {
  return stdout.isTTY === true ? 'table' : 'tsv';
}

/** Writes rows in one of the list formats (json: one array; ndjson: one object a line; csv/tsv: header unless dropped). */
export function writeList(rows: Iterable<Row>, columns: readonly Column[], options: ListOptions): void {
  const { out, format } = options;
  switch (format) {
    case 'json': {
      const all = [...rows].map((r) => pick(r, columns));
      out.write(JSON.stringify(all, null, 2) + '\n');
      return;
    }
    case 'ndjson':
      for (const r of rows) out.write(JSON.stringify(pick(r, columns)) + '\n');
      return;
    case 'csv':
      if (options.header) out.write(csvLine(columns.map((c) => c.key)) + '\r\n');
      for (const r of rows) out.write(csvLine(columns.map((c) => r[c.key])) + '\r\n');
      return;
    case 'tsv':
      if (options.header) out.write(columns.map((c) => c.key).join('\t') + '\n');
      for (const r of rows) out.write(columns.map((c) => tsvField(r[c.key])).join('\t') + '\n');
      return;
    case 'table':
      out.write(renderTable([...rows], columns, options.header, options.headerStyle ?? ((s) => s)));
  }
}

function pick(row: Row, columns: readonly Column[]): Record<string, Cell> {
  const o: Record<string, Cell> = {};
  for (const c of columns) o[c.key] = row[c.key] ?? null;
  return o;
}

const MAX_CELL = 40;

/** A plain aligned table; Chinese text counts two columns a character so columns line up. */
export function renderTable(rows: readonly Row[], columns: readonly Column[], header = true, headerStyle: (s: string) => string = (s) => s): string {
  const widths = tableWidths(rows, columns, header);
  return (header ? tableHeader(columns, widths, headerStyle) : '') + tableLines(rows, columns, widths);
}

/**
 * The display width of each column over all the rows, in one pass and constant memory (a loop, not Math.max(...all):
 * spreading a million cells overflows the call stack); start: the widths of the rows before these. Iterate the rows
 * again for tableLines.
 */
export function tableWidths(rows: Iterable<Row>, columns: readonly Column[], header: boolean, start?: readonly number[]): number[] {
  const widths = start === undefined ? columns.map((c) => (header ? displayWidth(c.header) : 0)) : [...start];
  for (const row of rows) {
    for (let i = 0; i < columns.length; i++) {
      const width = displayWidth(tableCell(row[columns[i]!.key], columns[i]!.maxWidth));
      if (width > widths[i]!) widths[i] = width;
    }
  }
  return widths;
}

/** The header line of a table laid out on widths. */
export function tableHeader(columns: readonly Column[], widths: readonly number[], style: (s: string) => string = (s) => s): string {
  return tableLine(columns.map((c) => c.header), columns, widths, style);
}

/** The lines of rows laid out on widths (cells made terminal-safe and cut at their column's width). */
export function tableLines(rows: Iterable<Row>, columns: readonly Column[], widths: readonly number[]): string {
  let text = '';
  for (const row of rows) text += tableLine(columns.map((c, i) => tableCell(row[c.key], Math.min(c.maxWidth ?? MAX_CELL, widths[i] ?? MAX_CELL))), columns, widths);
  return text;
}

// A column cut to fit a terminal keeps at least this many.
const MIN_FITTED = 20;

/**
 * Widths that fit a terminal of `terminal` columns: the long-text columns (a cut-off above the default: a why, an
 * action) give way, the last first, down to MIN_FITTED each; ids and names keep theirs. Unchanged when they fit.
 */
export function fitWidths(widths: readonly number[], columns: readonly Column[], terminal: number): number[] {
  const fitted = [...widths];
  let excess = fitted.reduce((sum, w) => sum + w, 0) + 2 * (fitted.length - 1) - terminal;
  for (let i = fitted.length - 1; i >= 0 && excess > 0; i--) {
    if ((columns[i]?.maxWidth ?? MAX_CELL) <= MAX_CELL) continue;
    const cut = Math.min(excess, fitted[i]! - MIN_FITTED);
    if (cut <= 0) continue;
    fitted[i] = fitted[i]! - cut;
    excess -= cut;
  }
  return fitted;
}

function tableLine(values: readonly string[], columns: readonly Column[], widths: readonly number[], style: (s: string) => string = (s) => s): string {
  return (
    values
      .map((v, i) => style(padDisplay(v, widths[i] ?? 0, columns[i]?.align ?? 'left')))
      .join('  ')
      .trimEnd() + '\n'
  );
}

function tableCell(value: Cell, maxWidth = MAX_CELL): string {
  if (value === null || value === undefined) return '';
  // Our own colour codes are added after the text is made safe (terminalLine would show them escaped).
  if (value instanceof Painted) return value.paint(tableCell(value.text, maxWidth));
  return truncateDisplay(terminalLine(String(value).replace(/\r\n?/g, '\n')), maxWidth);
}

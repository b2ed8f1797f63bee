import type { Qualification } from '../../engine/types.js';
import type { TextSink } from '../sink.js';

// What each output format of `leadq score` is made of (one module per format in this folder): a renderer that turns a
// scored row into output where the row is scored (a worker thread or this one, so it takes and gives plain data),
// and a writer that frames the pieces on this thread (a header, brackets, a table fitted to the terminal).

/** The columns `leadq score` adds after the input columns. */
export const SCORE_COLUMNS = ['verdict', 'score', 'need', 'kp', 'payment', 'next_action'] as const;

/** One scored row as a renderer sees it. */
export interface ScoredRow {
  /** The record's fields as read. */
  readonly fields: readonly string[];
  /** The record's text, when it was read without quotes from a comma-separated file (reusable as CSV output). */
  readonly unquoted: string | undefined;
  /** The company the row names. */
  readonly company: string;
  readonly result: Qualification;
  /** The first next action, in the chosen language ('' when there is none). */
  readonly action: string;
}

/** One scored row as the table view shows it: company, verdict, score and first next action, as text. */
export type TableRow = readonly [company: string, verdict: string, score: string, action: string];

/** Renders rows as text (CSV, JSON, NDJSON), or keeps them as table cells (the table view is laid out later). */
export type RowRenderer = { readonly text: (row: ScoredRow) => string } | { readonly cells: (row: ScoredRow) => TableRow };

/** Writes one run's output: begin() once, piece() per scored piece (in file order), end() once. */
export interface PieceWriter {
  begin(): Promise<void>;
  piece(rendered: Uint8Array, table: readonly TableRow[]): Promise<void>;
  end(): Promise<void>;
}

/** How the writer is set up: the output's headers, a BOM (a CSV file), the terminal's width (the table view). */
export interface WriterOptions {
  readonly headers: readonly string[];
  readonly bom: boolean;
  readonly columns: number;
}

/** One output format: its row renderer for a file's headers, and its writer. */
export interface ScoreFormatModule {
  renderer(headers: readonly string[]): RowRenderer;
  writer(sink: TextSink, options: WriterOptions): PieceWriter;
}

// Framing of `leadq score` output around the rows the scorers render: the CSV header (and BOM for files),
// the JSON array brackets, the table view; and the rejects file.
import { t } from '../i18n/index.js';
import { csvLine } from '../output/csv-cell.js';
import { codeText } from '../render/qualification.js';
import { terminalLine } from '../output/terminal-text.js';
import { padDisplay, displayWidth, truncateDisplay } from '../output/width.js';
import type { RejectReason } from './row.js';
import type { ScoreFormat } from './formats.js';
import { csvHeader, tableHeaders, type RejectedRow, type TableRow } from './scorer.js';
import type { TextSink } from './sink.js';

/** Writes scored rows in one format: begin() once, rows() per batch, end() once. */
export class ScoreOutput {
  private first = true;
  private widths: readonly number[] | undefined;

  /** columns: the terminal's width, which the table view fits. */
  constructor(
    private readonly sink: TextSink,
    private readonly format: ScoreFormat,
    private readonly headers: readonly string[],
    private readonly bom: boolean,
    private readonly columns = 80,
  ) {}

  /** The start: BOM and header line (CSV), '[' (JSON). */
  async begin(): Promise<void> {
    if (this.format === 'csv') await this.sink.write((this.bom ? '\uFEFF' : '') + csvHeader(this.headers));
    else if (this.format === 'json') await this.sink.write('[');
  }

  /** Rendered rows of one piece (CSV lines, JSON objects each after ",\n", NDJSON lines), or table rows. */
  async rows(rendered: Uint8Array, table: readonly TableRow[]): Promise<void> {
    if (this.format === 'table') {
      if (table.length > 0) await this.sink.write(this.tableText(table));
      return;
    }
    if (rendered.length === 0) return;
    if (this.format === 'json' && this.first) rendered = rendered.subarray(1); // no comma before the first object
    this.first = false;
    await this.sink.write(rendered);
  }

  /** The end: ']' (JSON), the header of an empty table. */
  async end(): Promise<void> {
    if (this.format === 'json') await this.sink.write(this.first ? ']\n' : '\n]\n');
    else if (this.format === 'table' && this.widths === undefined) await this.sink.write(this.tableText([]));
  }

  /**
   * Table rows that fit the terminal: company, verdict, score, first next action, every cell made terminal-safe
   * and cut with … when too long. Widths are set by the first batch, so the view streams in constant memory.
   */
  private tableText(rows: readonly TableRow[]): string {
    const cells = rows.map((r) => r.map((c) => terminalLine(c)));
    let text = '';
    if (this.widths === undefined) {
      const head = tableHeaders();
      const verdicts = (['precise', 'qualifying', 'disqualified'] as const).map((v) => codeText('engine.verdict.', v));
      const scoreWidth = Math.max(displayWidth(head[2]), 3);
      const fixed = scoreWidth + 3 * GAP.length;
      // The verdict column gives way (its labels are cut with …) before company and action drop below MIN_CELL.
      const widestVerdict = Math.max(displayWidth(head[1]), ...verdicts.map(displayWidth));
      const verdictWidth = Math.max(MIN_CELL, Math.min(widestVerdict, this.columns - fixed - 2 * MIN_CELL));
      const rest = this.columns - fixed - verdictWidth;
      // A loop, not Math.max(...rows): a piece can hold more rows than a call takes arguments.
      let companies = displayWidth(head[0]);
      for (const r of cells) companies = Math.max(companies, displayWidth(r[0] ?? ''));
      const companyWidth = Math.max(MIN_CELL, Math.min(companies, Math.floor(rest * 0.4)));
      this.widths = [companyWidth, verdictWidth, scoreWidth, Math.max(MIN_CELL, rest - companyWidth)];
      text += this.tableLine(head);
    }
    for (const r of cells) text += this.tableLine(r);
    return text;
  }

  private tableLine(cells: readonly string[]): string {
    const widths = this.widths!;
    const fitted = cells.map((c, i) => truncateDisplay(c, widths[i]!));
    return [padDisplay(fitted[0]!, widths[0]!), padDisplay(fitted[1]!, widths[1]!), padDisplay(fitted[2]!, widths[2]!, 'right'), fitted[3]!].join(GAP).trimEnd() + '\n';
  }
}

const GAP = '  ';
// A column never gets narrower than this, even on a very narrow terminal.
const MIN_CELL = 8;

/** A reject's reason in the chosen language. */
export function rejectText(reason: RejectReason): string {
  if (reason.code !== 'badValue') return t(`csv.reject.${reason.code}`, reason.params);
  const problem = String(reason.params.problem);
  const input = String(reason.params.input ?? '');
  const text = problem.startsWith('money.') ? t(`engine.${problem as 'money.garbage'}`, { input }) : t(`csv.problem.${problem as 'tooLong'}`, { input });
  return t('csv.reject.badValue', { column: reason.params.column, problem: text });
}

/** The rejects file: line, reason, then the row's fields as read (formula-safe CSV). */
export class RejectsOutput {
  constructor(
    private readonly sink: TextSink,
    private readonly headers: readonly string[],
    private readonly bom: boolean,
  ) {}

  /** The header line; written even when no row is rejected, so an old rejects file never outlives the run that fixed it. */
  async begin(): Promise<void> {
    await this.sink.write((this.bom ? '\uFEFF' : '') + csvLine(['line', 'reason', ...this.headers]) + '\r\n');
  }

  /** Appends rejected rows. */
  async add(rows: readonly RejectedRow[]): Promise<void> {
    let text = '';
    for (const r of rows) text += csvLine([r.line, rejectText(r.reason), ...r.fields]) + '\r\n';
    await this.sink.write(text);
  }
}

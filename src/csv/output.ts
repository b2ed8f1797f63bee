// The rejects of `leadq score`: their reasons in the chosen language, and the rejects file. (The scored output is
// written by the format modules in formats/.)
import { t } from '../i18n/index.js';
import { csvLine } from '../output/csv-cell.js';
import type { RejectReason } from './row.js';
import type { RejectedRow } from './scorer.js';
import type { TextSink } from './sink.js';

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

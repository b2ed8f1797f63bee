// Scores parsed records and renders them in the output format. Pure apart from the text it accumulates:
// the same class runs on the main thread and in the worker threads (workers.ts), which is why it takes
// plain data (headers, mapping, vocabularies) and hands back strings and plain objects.
import type { Answers } from '../engine/answers.js';
import { qualifyLead } from '../engine/qualify.js';
import type { Qualification, Verdict } from '../engine/types.js';
import { t } from '../i18n/index.js';
import { csvField } from '../output/csv-cell.js';
import { codeText } from '../render/qualification.js';
import type { ColumnMapping } from './presets.js';
import { RowReader, type RejectReason } from './row.js';
import type { VocabData } from './vocab.js';

/** The output formats of `leadq score`. */
export const SCORE_FORMATS = ['csv', 'json', 'ndjson', 'table'] as const;
export type ScoreFormat = (typeof SCORE_FORMATS)[number];

/** The columns `leadq score` adds after the input columns. */
export const SCORE_COLUMNS = ['verdict', 'score', 'need', 'kp', 'payment', 'next_action'] as const;

/** A rejected record: where it starts, why, and its fields as read. */
export interface RejectedRow {
  readonly line: number;
  readonly reason: RejectReason;
  readonly fields: readonly string[];
}

/** What --import needs of a scored row. */
export interface ImportRow {
  readonly line: number;
  readonly answers: Answers;
  readonly creditCode: string | undefined;
  readonly result: Qualification;
}

/** One scored row as the table view shows it (cells already text). */
export type TableRow = readonly string[];

/** Counts that add up: read = scored + rejected; scored = precise + qualifying + disqualified. */
export interface ScoreCounts {
  read: number;
  rejected: number;
  precise: number;
  qualifying: number;
  disqualified: number;
}

/** Everything a scorer needs, as plain data (it crosses to worker threads). */
export interface ScorerSetup {
  readonly headers: readonly string[];
  readonly mapping: ColumnMapping;
  readonly values: VocabData;
  readonly format: ScoreFormat;
  /** Keep what --import needs. */
  readonly collectImport: boolean;
}

/** Zero counts. */
export function emptyCounts(): ScoreCounts {
  return { read: 0, rejected: 0, precise: 0, qualifying: 0, disqualified: 0 };
}

/** Adds b's counts into a. */
export function addCounts(a: ScoreCounts, b: ScoreCounts): void {
  a.read += b.read;
  a.rejected += b.rejected;
  a.precise += b.precise;
  a.qualifying += b.qualifying;
  a.disqualified += b.disqualified;
}

/** JSON keys for the input columns: the headers as they are, made unique, never clashing with the added columns. */
export function jsonKeys(headers: readonly string[]): string[] {
  const seen = new Set<string>(SCORE_COLUMNS);
  return headers.map((h) => {
    let key = h;
    for (let n = 2; seen.has(key); n++) key = `${h}_${n}`;
    seen.add(key);
    return key;
  });
}

/** Scores records one at a time; take() hands over the text and rows accumulated since the last take(). */
export class Scorer {
  private readonly reader: RowReader;
  private readonly keys: readonly string[];
  private readonly width: number;
  private text = '';
  private rejects: RejectedRow[] = [];
  private imports: ImportRow[] = [];
  private table: TableRow[] = [];
  private counts = emptyCounts();
  private readonly actionText = new Map<string, string>();

  constructor(private readonly setup: ScorerSetup) {
    this.reader = new RowReader(setup.headers, setup.mapping, setup.values);
    this.keys = jsonKeys(setup.headers);
    this.width = setup.headers.length;
  }

  /** Reads, scores and renders one record (or rejects it). */
  add(fields: string[], line: number, malformed: boolean): void {
    this.counts.read++;
    const row = this.reader.read(fields, malformed);
    if (!row.ok) {
      this.counts.rejected++;
      this.rejects.push({ line, reason: row.reason, fields });
      return;
    }
    const result = qualifyLead(row.answers);
    this.counts[result.verdict]++;
    if (this.setup.collectImport) this.imports.push({ line, answers: row.answers, creditCode: row.creditCode, result });
    const action = this.nextAction(result);
    switch (this.setup.format) {
      case 'csv':
        this.text += csvRecord(fields, this.width, result, action);
        break;
      case 'json':
        // Every object comes after ",\n": the writer drops the comma before the first one (pieces are scored apart).
        this.text += ',\n' + this.jsonRecord(fields, result, action);
        break;
      case 'ndjson':
        this.text += this.jsonRecord(fields, result, action) + '\n';
        break;
      case 'table':
        this.table.push([...padTo(fields, this.width), verdictLabel(result.verdict), String(result.score), statusLabel(result.gates.need.status), statusLabel(result.gates.kp.status), statusLabel(result.gates.payment.status), action]);
        break;
    }
  }

  /** Hands over what accumulated since the last call. */
  take(): { text: string; rejects: RejectedRow[]; imports: ImportRow[]; table: TableRow[]; counts: ScoreCounts } {
    const out = { text: this.text, rejects: this.rejects, imports: this.imports, table: this.table, counts: this.counts };
    this.text = '';
    this.rejects = [];
    this.imports = [];
    this.table = [];
    this.counts = emptyCounts();
    return out;
  }

  /** The first next action in the chosen language ('' when there is none). */
  private nextAction(result: Qualification): string {
    const first = result.nextActions[0];
    if (first === undefined) return '';
    // Most actions have no parameters: their text is the same for every row, so keep it.
    if (Object.keys(first.params).length > 0) return codeText('engine.action.', first.code, first.params);
    let text = this.actionText.get(first.code);
    if (text === undefined) {
      text = codeText('engine.action.', first.code);
      this.actionText.set(first.code, text);
    }
    return text;
  }

  private jsonRecord(fields: readonly string[], result: Qualification, action: string): string {
    const o: Record<string, string | number> = {};
    for (let i = 0; i < this.keys.length; i++) o[this.keys[i]!] = fields[i] ?? '';
    o.verdict = result.verdict;
    o.score = result.score;
    o.need = result.gates.need.status;
    o.kp = result.gates.kp.status;
    o.payment = result.gates.payment.status;
    o.next_action = action;
    return JSON.stringify(o);
  }
}

function padTo(fields: readonly string[], width: number): string[] {
  const out = fields.slice(0, width);
  while (out.length < width) out.push('');
  return out;
}

// csvField for a string and the comma delimiter, by char codes: it runs for every cell of every row.
// test/csv/scorer.test.ts checks it against csvField.
const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_CODES = new Set([0x3d, 0x2b, 0x2d, 0x40, 0x09, 0x0d, 0xff1d, 0xff0b, 0xff0d, 0xff20]);

/** One CSV cell of a string, formula-safe and quoted when needed: csvField(value) for strings, faster. */
export function csvCell(value: string): string {
  if (value === '') return '';
  const text = FORMULA_CODES.has(value.charCodeAt(0)) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One output CSV line: the input cells (formula-safe), then the scoring columns. */
function csvRecord(fields: readonly string[], width: number, result: Qualification, action: string): string {
  let line = '';
  for (let i = 0; i < width; i++) line += csvCell(fields[i] ?? '') + ',';
  const g = result.gates;
  return `${line}${result.verdict},${result.score},${g.need.status},${g.kp.status},${g.payment.status},${csvCell(action)}\r\n`;
}

/** The header line of the CSV output. */
export function csvHeader(headers: readonly string[]): string {
  return [...headers, ...SCORE_COLUMNS].map((h) => csvField(h)).join(',') + '\r\n';
}

function verdictLabel(v: Verdict): string {
  return codeText('engine.verdict.', v);
}

function statusLabel(s: string): string {
  return codeText('engine.status.', s);
}

/** The table view's header: the input headers, then the scoring columns in the chosen language. */
export function tableHeaders(headers: readonly string[]): string[] {
  return [...headers, t('csv.colVerdict'), t('csv.colScore'), t('csv.colNeed'), t('csv.colKp'), t('csv.colPayment'), t('csv.colNextAction')];
}

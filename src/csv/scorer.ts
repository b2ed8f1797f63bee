// Scores parsed records and renders them in the output format (its module in formats/). Pure apart from the text it
// accumulates: the same class runs on the main thread and in the worker threads (worker.ts), which is why it takes
// plain data (headers, mapping, vocabularies) and hands back strings and plain objects.
import type { Answers } from '../engine/answers.js';
import { qualifyLead } from '../engine/qualify.js';
import type { Qualification, QualifyContext } from '../engine/types.js';
import { codeText } from '../output/qualification.js';
import { normaliseCompany } from '../domain/company.js';
import { CSV_LEAD_FIELDS } from '../domain/lead-fields.js';
import { importedAnswers } from '../store/imported-answers.js';
import { compactResult, firstActionJson } from '../store/result.js';
import type { ImportRow } from '../store/store.js';
import { BAD_BYTES, withoutMark } from './decode.js';
import type { ScoreFormat } from './formats.js';
import { SCORE_OUTPUT_FORMATS } from './formats/index.js';
import type { RowRenderer, TableRow } from './formats/format.js';
import type { ColumnMapping } from './presets.js';
import { FIELDS } from './fields.js';
import { RowReader, type RejectReason, type UnknownCounts } from './row.js';
import type { Grammar } from './vocab.js';
import type { VocabData } from './vocab.js';

/** A rejected record: where it starts, why, and its fields as read. */
export interface RejectedRow {
  readonly line: number;
  readonly reason: RejectReason;
  readonly fields: readonly string[];
}



/** A record held back because it looks like a report's footer: it is one only if no data row follows it. */
export interface HeldRow {
  readonly fields: string[];
  readonly line: number;
  readonly malformed: boolean;
  readonly unquoted: string | undefined;
  readonly bad: boolean;
}

/** More trailing footer-like rows than this are not a report's footer, but data. */
export const MAX_FOOTER_ROWS = 100;

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
  /** The encoding's name, for rows holding bytes invalid in it. */
  readonly encoding: string;
  /** Today's local date (YYYY-MM-DD), from the shell: a funds date before it has passed. */
  readonly today: string;
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

/** Rendered rows as UTF-8, written row by row into one buffer: no long string to flatten and encode at the end. */
class ByteBuilder {
  private bytes = Buffer.allocUnsafeSlow(256 * 1024);
  private used = 0;

  append(s: string): void {
    // A UTF-16 code unit takes at most 3 bytes of UTF-8.
    if (this.used + s.length * 3 > this.bytes.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(this.bytes.length * 2, this.used + s.length * 3));
      this.bytes.copy(grown, 0, 0, this.used);
      this.bytes = grown;
    }
    this.used += this.bytes.write(s, this.used);
  }

  /** The bytes so far, in a buffer of their own (it can be transferred to another thread); starts afresh. */
  take(): Uint8Array {
    const out = new Uint8Array(this.bytes.buffer, 0, this.used);
    this.bytes = Buffer.allocUnsafeSlow(Math.max(64 * 1024, this.used + (this.used >> 2)));
    this.used = 0;
    return out;
  }
}

/** Scores records one at a time; take() hands over the rendered rows and the rest accumulated since the last take(). */
export class Scorer {
  private readonly reader: RowReader;
  /** The output format's renderer for this file's rows. */
  private readonly renderer: RowRenderer;
  private readonly width: number;
  private readonly rendered = new ByteBuilder();
  /** Credit code and key of the rows this scorer has sent for import: a later row with both is a duplicate (the writer thread decides the rest). */
  private readonly sentForImport = new Set<string>();
  private rejects: RejectedRow[] = [];
  /** Import rows, packed (packImportRow): a flat array crosses from a worker thread at a third of the cost of objects. */
  private imports: ImportValue[] = [];
  /** Rows left out of `imports` because this scorer already sent their company. */
  private importDuplicates = 0;
  private table: TableRow[] = [];
  private counts = emptyCounts();
  private readonly actionText = new Map<string, string>();
  /** Footer-like rows at the end of what was added so far. */
  private held: HeldRow[] = [];
  /** A row that is not footer-like was added since the last take(). */
  private dataSeen = false;
  /** The columns a company name may come from: a single filled cell there is a lead, not a footer line. */
  private readonly companyColumns: ReadonlySet<number>;
  private readonly grammar: Grammar;
  /** A CSV row is a lead with no visit logged; today is the same for every row of the run. */
  private readonly context: QualifyContext;
  /** What --import stores as each row's result: the run's context, from which the store computes the result again. */
  private readonly storedResult: string;

  constructor(private readonly setup: ScorerSetup) {
    this.reader = new RowReader(setup.headers, setup.mapping, setup.values);
    this.grammar = this.reader.grammar;
    this.renderer = SCORE_OUTPUT_FORMATS[setup.format].renderer(setup.headers);
    this.width = setup.headers.length;
    const company = FIELDS[0]!;
    const main = setup.mapping.columns.get(company);
    this.companyColumns = new Set([...(main === undefined ? [] : [main]), ...(setup.mapping.fallbacks.get(company) ?? [])]);
    this.context = { today: setup.today, visitLogged: false };
    this.storedResult = compactResult(this.context);
  }

  /**
   * Reads, scores and renders one record (or rejects it); unquoted: the record's text when it is comma-separated and
   * has no quote; bad: the piece holds a line with bytes invalid in the encoding (marked with BAD_BYTES). A record that
   * looks like a report's footer is held back until a data row follows it (then it is scored) or the input ends.
   */
  add(fields: string[], line: number, malformed: boolean, unquoted?: string, bad = false): void {
    // A row of empty cells (Excel's ",,,," or a lone "") is a blank line, not a lead.
    if (fields.every((f) => f === '') && !malformed) return;
    if (!malformed && this.footerLike(fields)) {
      this.held.push({ fields, line, malformed, unquoted, bad });
      if (this.held.length <= MAX_FOOTER_ROWS) return;
    }
    this.dataSeen = true;
    if (this.held.length > 0) this.addHeld(this.releaseHeld());
    this.score(fields, line, malformed, unquoted, bad);
  }

  /** Scores rows that were held back as a possible footer: data followed them, so they are rows like any other. */
  addHeld(rows: readonly HeldRow[]): void {
    for (const r of rows) this.score(r.fields, r.line, r.malformed, r.unquoted, r.bad);
  }

  private releaseHeld(): HeldRow[] {
    const rows = this.held;
    this.held = [];
    return rows;
  }

  /**
   * A report's footer line (SPEC): it starts with Total, Generated By, Copyright, Confidential, 合计 …, or it holds a
   * single filled cell that is not a company name in its place (Salesforce's closing lines: the org's name alone).
   */
  private footerLike(fields: readonly string[]): boolean {
    let first = 0;
    while (first < fields.length && isBlank(fields[first]!)) first++;
    if (first === fields.length) return false;
    if (this.grammar.isFooterStart(fields[first]!)) return true;
    for (let i = first + 1; i < fields.length; i++) if (!isBlank(fields[i]!)) return false;
    return this.width > 1 && (fields.length !== this.width || !this.companyColumns.has(first));
  }

  private score(fields: string[], line: number, malformed: boolean, unquoted: string | undefined, bad: boolean): void {
    this.counts.read++;
    if (bad && fields.some((f) => f.includes(BAD_BYTES))) {
      this.counts.rejected++;
      this.rejects.push({ line, reason: { code: 'badBytes', params: { encoding: this.setup.encoding } }, fields: fields.map(withoutMark) });
      return;
    }
    const row = this.reader.read(fields, malformed);
    if (!row.ok) {
      this.counts.rejected++;
      this.rejects.push({ line, reason: row.reason, fields });
      return;
    }
    const result = qualifyLead(row.answers, this.context);
    this.counts[result.verdict]++;
    if (this.setup.collectImport) this.collectImport(row.answers, row.creditCode, row.leadText, result);
    const action = this.nextAction(result);
    const scored = { fields, unquoted, company: row.answers.lead?.company ?? '', result, action };
    if ('text' in this.renderer) this.rendered.append(this.renderer.text(scored));
    else this.table.push(this.renderer.cells(scored));
  }

  /**
   * Hands over what accumulated since the last call: rendered rows as UTF-8 bytes, table rows, rejects, import rows,
   * counts, the cells not understood, and the footer-like rows still held at the end (dataSeen: a data row came too).
   */
  take(): {
    rendered: Uint8Array;
    rejects: RejectedRow[];
    imports: ImportValue[];
    importDuplicates: number;
    table: TableRow[];
    counts: ScoreCounts;
    unknown: UnknownCounts;
    held: HeldRow[];
    dataSeen: boolean;
  } {
    const out = {
      rendered: this.rendered.take(),
      rejects: this.rejects,
      imports: this.imports,
      importDuplicates: this.importDuplicates,
      table: this.table,
      counts: this.counts,
      unknown: this.reader.takeUnknown(),
      held: this.releaseHeld(),
      dataSeen: this.dataSeen,
    };
    this.dataSeen = false;
    this.importDuplicates = 0;
    this.rejects = [];
    this.imports = [];
    this.table = [];
    this.counts = emptyCounts();
    return out;
  }

  /** Keeps the import row of a company's first row; the JSON is made only for rows that will be sent. */
  private collectImport(answers: Answers, creditCode: string | undefined, leadText: Readonly<Record<string, string>>, result: Qualification): void {
    // Normalised once per row: part of the identity, and the stored key.
    const companyKey = normaliseCompany(answers.lead?.company ?? '');
    // A row is surely a repeat only of a row sent with the same credit code AND key: whatever the store made of that
    // one (a lead, or a repeat of a lead holding its key or its code), this one is a repeat too. A row that shares only
    // the code or only the key goes to the store, which decides (a repeat by its key leaves its code to no lead).
    const identity = creditCode === undefined ? companyKey : `${creditCode}\u0000${companyKey}`;
    if (this.sentForImport.has(identity)) {
      this.importDuplicates++;
      return;
    }
    // Bounded: forgetting only costs the writer thread a lookup.
    if (this.sentForImport.size >= 10_000) this.sentForImport.clear();
    this.sentForImport.add(identity);
    packImportRow(this.imports, answers, companyKey, creditCode, leadText, result, this.storedResult);
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
}

/** Whether a cell holds nothing but spaces (checked for every cell of every row: no string is made for it). */
function isBlank(cell: string): boolean {
  return cell === '' || (cell.charCodeAt(0) <= 32 && cell.trim() === '');
}

// How each lead field a CSV column can fill is found in a row read: from the answers' lead section, or (a field
// outside the answers) from the row's lead text; the credit code is the row's valid one.
const IMPORT_FIELDS = CSV_LEAD_FIELDS.map((f) => ({ name: f.name, answer: 'answer' in f ? f.answer : undefined, csv: f.csv.field }));

/** A value of a packed import row. */
export type ImportValue = string | number | null;

// A packed import row: IMPORT_FIELDS' values in their order, then these. Rows cross from a worker thread as one flat
// array: structured cloning copies no property names then (objects of 28 properties: 1.9 µs a row to serialise and
// 2.5 µs to deserialise; the same values flat: 0.6 and 1.6 µs).
const IMPORT_EXTRA = ['companyKey', 'verdict', 'score', 'answers', 'leadPrint', 'result', 'nextAction'] as const;
const IMPORT_WIDTH = IMPORT_FIELDS.length + IMPORT_EXTRA.length;
const COMPANY_AT = IMPORT_FIELDS.findIndex((f) => f.name === 'company');

/** Appends a scored row as --import stores it, packed; JSON made here (in the worker), so the writer thread only runs SQL. */
function packImportRow(
  into: ImportValue[],
  answers: Answers,
  companyKey: string,
  creditCode: string | undefined,
  leadText: Readonly<Record<string, string>>,
  result: Qualification,
  storedResult: string,
): void {
  const lead = (answers.lead ?? {}) as Record<string, unknown>;
  const start = into.length;
  for (const field of IMPORT_FIELDS) {
    into.push((field.name === 'creditCode' ? (creditCode ?? null) : ((field.answer === undefined ? leadText[field.csv] : lead[field.answer]) ?? null)) as ImportValue);
  }
  into[start + COMPANY_AT] ??= '';
  const kept = importedAnswers(answers);
  into.push(companyKey, result.verdict, result.score, kept.answers, kept.leadPrint, storedResult, firstActionJson(result));
}

// Where each value of a packed row is (IMPORT_FIELDS' order, then IMPORT_EXTRA's).
const AT = Object.fromEntries([...IMPORT_FIELDS.map((f) => f.name), ...IMPORT_EXTRA].map((name, i) => [name, i])) as Readonly<Record<keyof ImportRow, number>>;

/**
 * The rows packImportRow packed, as objects of one shape. Written as a literal: filling an object key by key from a
 * list of names went through V8's megamorphic keyed stores (0.24 s a million rows on the writer thread, against 0.05).
 */
export function unpackImportRows(values: readonly ImportValue[]): ImportRow[] {
  const rows: ImportRow[] = [];
  const v = values as ReadonlyArray<never>; // each value is of its field's type: packImportRow put it there
  for (let at = 0; at < values.length; at += IMPORT_WIDTH) {
    rows.push({
      company: v[at + AT.company]!,
      contact: v[at + AT.contact]!,
      title: v[at + AT.title]!,
      phone: v[at + AT.phone]!,
      email: v[at + AT.email]!,
      industry: v[at + AT.industry]!,
      source: v[at + AT.source]!,
      competitor: v[at + AT.competitor]!,
      partner: v[at + AT.partner]!,
      creditCode: v[at + AT.creditCode]!,
      companyKey: v[at + AT.companyKey]!,
      verdict: v[at + AT.verdict]!,
      score: v[at + AT.score]!,
      answers: v[at + AT.answers]!,
      leadPrint: v[at + AT.leadPrint]!,
      result: v[at + AT.result]!,
      nextAction: v[at + AT.nextAction]!,
    });
  }
  return rows;
}

// Reading a CSV export: open the file (or stdin), decode it line by line (decode.ts), find the delimiter, the line
// ends and the header (skipping title rows above it), read a sample of the first data records, then hand out the
// rest as pieces of whole records (split.ts) that can be parsed anywhere: on this thread (readCsv) or in worker
// threads (`leadq score`). Every decision about quotes is the one grammar of scan.ts, on characters.
// This is the reusable reader: `leadq score` and `leadq top20 import` both start here.
import { open, type FileHandle } from 'node:fs/promises';
import { DataError, NoInputError, UsageError, failureReason } from '../errors.js';
import { msg, type MessageKey } from '../i18n/index.js';
import { BAD_BYTES, LineDecoder, binaryKind, bomOf, encodingName, looksUtf16le, withoutMark, type Encoding, type EncodingFailure, type TextChunk } from './decode.js';
import type { EncodingOption } from './encodings.js';
import { CsvParser, type RecordSink } from './parse.js';
import { countLineBreaks, CsvStructureError, MAX_RECORD_CHARS, recordEnds } from './scan.js';
import { BareCrToLf, RecordSplitter, endsLinesWithBareCr } from './split.js';

/** Bytes read at a time: large enough that per-chunk work vanishes, small enough to stream. */
const CHUNK_BYTES = 256 * 1024;
// How much of the start is looked at to decide the encoding's BOM and the delimiter.
const SNIFF_BYTES = 64 * 1024;
const SNIFF_CHARS = 64 * 1024;
/** The header is the first of this many lines that the caller recognises as one. */
export const HEADER_SEARCH_LINES = 20;
// A piece of work for a scoring thread: about this many characters of whole records.
const PIECE_CHARS = 32 * 1024;
// The sample of data records read ahead stops at this much text, however few records it holds.
const SAMPLE_CHARS = 4 * 1024 * 1024;
// The delimiters guessed when none is named (Excel writes , or ; by locale; "Unicode Text" is tab-separated).
const CANDIDATE_DELIMITERS = [',', ';', '\t'];

/** A byte source: a file or stdin, with its size when known (for progress). */
export interface ByteSource {
  readonly name: string;
  readonly size: number | undefined;
  readonly chunks: AsyncIterator<Uint8Array>;
  close(): Promise<void>;
}

/** Options of the reader. */
export interface ReadCsvOptions {
  /** --encoding (default auto). */
  readonly encoding?: EncodingOption;
  /** --delimiter (undefined: Excel's sep= line, else guessed). */
  readonly delimiter?: string;
  /** --header-row: the physical line the header starts on. */
  readonly headerRow?: number;
  /** Whether a record is the header (say, it maps a company column): the first of the first HEADER_SEARCH_LINES that is, wins; else the first line. */
  readonly isHeader?: (fields: readonly string[]) => boolean;
  /** How many data records to read ahead into CsvHead.sample (default 0). */
  readonly sampleRows?: number;
}

/** A line above the header that was skipped (a report's title). */
export interface SkippedLine {
  readonly line: number;
  readonly text: string;
}

/** What the start of the file told: encoding, delimiter, the header and where it is, and a sample of the records. */
export interface CsvHead {
  /** The encoding named, announced by a BOM, or settled on by what was read so far (`auto`: UTF-8 until a byte says otherwise). */
  readonly encoding: Encoding;
  /** The file started with a byte-order mark. */
  readonly bom: boolean;
  readonly delimiter: string;
  /** Lines end with a bare CR (classic Mac Excel). */
  readonly bareCr: boolean;
  readonly headers: string[];
  /** The physical line the header starts on (1 unless title rows or blank lines come first). */
  readonly headerLine: number;
  /** Non-blank lines above the header (title rows), the first few; skippedCount counts them all. */
  readonly skipped: readonly SkippedLine[];
  readonly skippedCount: number;
  /** The first data records (up to ReadCsvOptions.sampleRows), as parsed. */
  readonly sample: readonly string[][];
}

/** Whole records of the file after the header, as text, with the line they start on. */
export interface CsvPiece {
  /** Consecutive texts of whole records (kept as several small strings: large ones strain V8's heap). */
  readonly texts: readonly string[];
  readonly startLine: number;
  /** Some line of the text holds bytes invalid in the (named) encoding: it ends with BAD_BYTES. */
  readonly bad: boolean;
  /** Input bytes read so far (for progress). */
  readonly bytesRead: number;
}

/** One record with the physical line it starts on (1-based; the header is line 1). */
export interface CsvRecord {
  readonly line: number;
  readonly fields: string[];
  /** Text followed a closing quote (`"abc"def`): kept as written, but the row's quoting is broken. */
  readonly malformed: boolean;
  /** The record holds bytes that are not valid in the encoding named (its text shows them as U+FFFD). */
  readonly badBytes: boolean;
}

/** An open CSV: its head and its records after the header, in pieces. */
export interface CsvFile {
  readonly head: CsvHead;
  readonly source: ByteSource;
  /** The whole input was read while opening (a small file or a short stdin). */
  readonly small: boolean;
  /** The encoding now (`auto` settles on GB18030 at the first bytes that are not UTF-8). */
  readonly encoding: Encoding;
  pieces(): AsyncGenerator<CsvPiece>;
}

async function* fileChunks(handle: FileHandle, name: string): AsyncGenerator<Uint8Array> {
  for (;;) {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let bytesRead: number;
    try {
      ({ bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null));
    } catch (err) {
      throw new NoInputError('error.fileUnreadable', { file: name, reason: failureReason(err) });
    }
    if (bytesRead === 0) return;
    yield buffer.subarray(0, bytesRead);
  }
}

async function* streamChunks(stream: AsyncIterable<unknown>): AsyncGenerator<Uint8Array> {
  for await (const chunk of stream) yield typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Uint8Array);
}

/** Opens a file, or stdin for '-'; a missing or unreadable file is exit 66. */
export async function openSource(input: string, stdin: NodeJS.ReadableStream): Promise<ByteSource> {
  if (input === '-') return { name: 'stdin', size: undefined, chunks: streamChunks(stdin), close: async () => undefined };
  let handle: FileHandle;
  try {
    handle = await open(input, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new NoInputError('error.fileMissing', { file: input });
    throw new NoInputError('error.fileUnreadable', { file: input, reason: failureReason(err) });
  }
  const stat = await handle.stat();
  if (stat.isDirectory()) {
    await handle.close();
    throw new NoInputError('error.fileUnreadable', { file: input, reason: msg('reason.isDir') });
  }
  return { name: input, size: stat.isFile() ? stat.size : undefined, chunks: fileChunks(handle, input), close: () => handle.close() };
}

/** Decides how to decode from the first bytes: a BOM, UTF-16 without one, or the option; throws for empty and binary input. */
function sniffEncoding(head: Uint8Array, option: EncodingOption, name: string): { encoding: Encoding | 'auto'; skip: number; bom: boolean; decided: boolean } {
  if (head.length === 0) throw new DataError('csv.empty', { file: name });
  const bom = bomOf(head);
  if (option === 'auto') {
    if (bom !== undefined) return { encoding: bom.encoding, skip: bom.length, bom: true, decided: true };
    if (looksUtf16le(head)) return { encoding: 'utf16le', skip: 0, bom: false, decided: true };
  } else if (bom !== undefined && bom.encoding === option) {
    return { encoding: option, skip: bom.length, bom: true, decided: true };
  }
  const binary = binaryKind(head, option);
  if (binary === 'workbook') throw new DataError('csv.workbook', { file: name }, 'csv.hintSaveAsCsv');
  if (binary === 'binary') throw new DataError('csv.binary', { file: name });
  return { encoding: option, skip: 0, bom: false, decided: option !== 'auto' };
}

/**
 * The delimiter of a file, from its first lines (quotes honoured, as the parser reads them): of `,` `;` and tab,
 * the one that cuts the most lines into the same number of fields (more than one), as Python's csv.Sniffer and
 * papaparse guess; ties go to the one that cuts the first line so too, then to more fields, then to the comma.
 * final: the text is the whole file.
 */
export function sniffDelimiter(text: string, final = true): string {
  // The parser knows LF line ends only: a bare-CR file shows it each CR as one.
  const lines = text.replace(/\r(?!\n)/g, '\n');
  let best = { delimiter: ',', agreeing: 0, first: false, fields: 0 };
  for (const delimiter of CANDIDATE_DELIMITERS) {
    const counts: number[] = [];
    const parser = new CsvParser(delimiter, (fields) => {
      if (counts.length < HEADER_SEARCH_LINES * 2 && fields.some((f) => f.trim() !== '')) counts.push(fields.length);
    });
    try {
      parser.push(lines);
      if (final) parser.end();
    } catch {
      continue; // a quote this delimiter leaves open for ever: not this one
    }
    const byCount = new Map<number, number>();
    for (const c of counts) if (c >= 2) byCount.set(c, (byCount.get(c) ?? 0) + 1);
    let fields = 0;
    let agreeing = 0;
    for (const [c, n] of byCount) if (n > agreeing || (n === agreeing && c > fields)) [fields, agreeing] = [c, n];
    const first = counts[0] === fields;
    const better = agreeing !== best.agreeing ? agreeing > best.agreeing : first !== best.first ? first : fields > best.fields;
    if (agreeing > 0 && better) best = { delimiter, agreeing, first, fields };
  }
  return best.delimiter;
}

const STRUCTURE_KEYS: Record<CsvStructureError['problem'], MessageKey> = {
  unclosedQuote: 'csv.unclosedQuote',
  recordTooLarge: 'csv.recordTooLarge',
  lineTooLong: 'csv.lineTooLong',
};

/** Reader-level failures as exit-65 errors naming the line. */
export function structureError(err: CsvStructureError): DataError {
  return new DataError(STRUCTURE_KEYS[err.problem], { line: err.line }, err.problem === 'lineTooLong' ? 'csv.hintLineTooLong' : 'csv.hintQuotes');
}

/** Parses decoded text of whole records (one text, or consecutive ones), calling sink for each (the parser of one piece). */
export function parseRecords(text: string | readonly string[], delimiter: string, startLine: number, sink: RecordSink): void {
  const parser = new CsvParser(delimiter, sink, startLine);
  try {
    if (typeof text === 'string') parser.push(text);
    else for (const t of text) parser.push(t);
    parser.end();
  } catch (err) {
    throw err instanceof CsvStructureError ? structureError(err) : err;
  }
}

/** Under `auto`, the file is refused at its first line that breaks the encoding (exit 65, suggesting --encoding). */
function encodingError(failure: EncodingFailure, line: number, encoding: Encoding): DataError {
  if (failure === 'neither') return new DataError('csv.notUtf8NorGb18030', { line }, 'csv.hintMixedEncoding');
  if (failure === 'utf8') return new DataError('csv.utf8AmongGbk', { line }, 'csv.hintMixedEncoding');
  return new DataError('csv.mixedEncoding', { line, encoding: encodingName(encoding) }, 'csv.hintMixedEncoding');
}

/** Decoded text of the source, pulled a chunk at a time; bare-CR line ends become LF once that is decided. */
class TextReader {
  private done = false;
  private toLf: BareCrToLf | undefined;
  /** Text chunks decoded and not handed out yet. */
  private queue: TextChunk[] = [];
  /** Some chunk held bytes invalid in the named encoding (marked with BAD_BYTES). */
  sawBad = false;

  constructor(
    private readonly chunks: AsyncIterator<Uint8Array>,
    private readonly decoder: LineDecoder,
    private first: Uint8Array | undefined,
    private sourceDone: boolean,
    public bytesRead: number,
  ) {}

  /** All text has been pulled. */
  get finished(): boolean {
    return this.done && this.queue.length === 0;
  }

  get encoding(): Encoding {
    return this.decoder.encoding;
  }

  /** From now on, bare CRs become LF; returns the converter for text pulled before. */
  convertBareCr(): BareCrToLf {
    this.toLf = new BareCrToLf();
    return this.toLf;
  }

  /**
   * The next chunk of text (undefined at the end). pendingLine/pending: where the caller's unconsumed text starts,
   * so that a line that breaks `auto`'s encoding, or grows past the limit, is named.
   */
  async next(pendingLine: number, pending: string): Promise<TextChunk | undefined> {
    for (;;) {
      let chunk = this.queue.shift();
      if (chunk === undefined) {
        if (this.done) return undefined;
        try {
          if (this.first !== undefined) {
            this.queue = this.decoder.push(this.first);
            this.first = undefined;
          } else if (this.sourceDone) {
            this.queue = this.decoder.end();
            this.done = true;
          } else {
            const next = await this.chunks.next();
            if (next.done === true) this.sourceDone = true;
            else {
              this.bytesRead += next.value.length;
              this.queue = this.decoder.push(next.value);
            }
          }
        } catch (err) {
          if (err instanceof CsvStructureError && err.line === -1) throw structureError(new CsvStructureError(pendingLine + countLineBreaks(pending), err.problem));
          throw err;
        }
        chunk = this.queue.shift();
      }
      if (this.toLf !== undefined) {
        const last = this.done && this.queue.length === 0;
        const text = (chunk === undefined ? '' : this.toLf.push(chunk.text)) + (last ? this.toLf.end() : '');
        chunk = text === '' ? undefined : { ...chunk, text, bad: chunk?.bad ?? false };
      }
      if (chunk === undefined) continue;
      if (chunk.bad) {
        this.sawBad = true;
        if (chunk.failure !== undefined) {
          const at = chunk.text.indexOf(BAD_BYTES);
          throw encodingError(chunk.failure, pendingLine + countLineBreaks(pending) + countLineBreaks(chunk.text, 0, at), this.decoder.encoding);
        }
      }
      return chunk;
    }
  }
}

/** The text of one record, parsed: its fields and whether its quoting is broken. */
function parseOne(text: string, delimiter: string, line: number): { fields: string[]; malformed: boolean } {
  let out: { fields: string[]; malformed: boolean } | undefined;
  parseRecords(text, delimiter, line, (fields, _line, malformed) => (out ??= { fields, malformed }));
  return out ?? { fields: [''], malformed: false };
}

/** Opens a CSV: decides encoding, delimiter and line ends, finds the header, reads the sample; the records follow as pieces. */
export async function openCsv(source: ByteSource, options: ReadCsvOptions = {}): Promise<CsvFile> {
  // The first bytes, for the BOM and the binary check.
  const parts: Uint8Array[] = [];
  let size = 0;
  let sourceDone = false;
  while (size < SNIFF_BYTES) {
    const next = await source.chunks.next();
    if (next.done === true) {
      sourceDone = true;
      break;
    }
    parts.push(next.value);
    size += next.value.length;
  }
  const first = Buffer.concat(parts);
  const sniffed = sniffEncoding(first, options.encoding ?? 'auto', source.name);
  const decoder = new LineDecoder(sniffed.encoding, sniffed.decided);
  const reader = new TextReader(source.chunks, decoder, first.subarray(sniffed.skip), sourceDone, first.length);

  // Text enough to see the delimiter and the line ends.
  let pending = '';
  while (pending.length < SNIFF_CHARS) {
    // Line ends are not known yet: a bare CR counts as one, should a line break `auto`'s encoding here.
    const chunk = await reader.next(1, pending.replace(/\r(?!\n)/g, '\n'));
    if (chunk === undefined) break;
    pending += chunk.text;
  }
  const sep = /^(?:[\r\n]*)sep=([^\r\n"])(?:\r?\n|\r|$)/i.exec(pending);
  const delimiter = options.delimiter ?? sep?.[1] ?? sniffDelimiter(pending, reader.finished);
  const bareCr = endsLinesWithBareCr(pending, delimiter, reader.finished);
  if (bareCr) {
    // Classic Mac line ends: read as LF from here on, so that no record runs into the next one.
    const toLf = reader.convertBareCr();
    pending = toLf.push(pending, reader.finished) + (reader.finished ? toLf.end() : '');
  }

  // The header: the first of the first lines the caller recognises (or --header-row), title rows above it skipped.
  let line = 1;
  const takeRecord = async (): Promise<{ text: string; line: number } | undefined> => {
    for (;;) {
      const { cut } = recordEnds(pending, delimiter.charCodeAt(0), reader.finished, true);
      if (cut === -1 && !reader.finished) {
        if (pending.length > MAX_RECORD_CHARS) throw structureError(new CsvStructureError(line, 'recordTooLarge'));
        const chunk = await reader.next(line, pending);
        if (chunk !== undefined) pending += chunk.text;
        continue;
      }
      if (pending === '') return undefined;
      const end = cut === -1 ? pending.length : cut;
      const record = { text: pending.slice(0, end), line };
      pending = pending.slice(end);
      line += countLineBreaks(record.text) || 1;
      return record;
    }
  };
  interface Candidate {
    readonly line: number;
    readonly text: string;
    readonly fields: string[];
    readonly malformed: boolean;
  }
  const candidates: Candidate[] = [];
  // Text taken after the first candidate (blank lines too), to give back when no later line is the header.
  let replay = '';
  let header: Candidate | undefined;
  let skippedCount = 0;
  const skipped: SkippedLine[] = [];
  const skip = (c: Candidate) => {
    skippedCount++;
    if (skipped.length < 5) skipped.push({ line: c.line, text: c.fields.filter((f) => f.trim() !== '').join(' ').slice(0, 200) });
  };
  let sawSep = false;
  for (;;) {
    const record = await takeRecord();
    if (record === undefined) break;
    if (candidates.length > 0) replay += record.text;
    const { fields, malformed } = parseOne(record.text, delimiter, record.line);
    // Blank lines, lines of spaces and Excel's empty rows (",,,") are never a header.
    if (fields.every((f) => f.trim() === '')) continue;
    // Excel's "sep=;" line names the delimiter ahead of the header.
    if (!sawSep && candidates.length === 0 && skippedCount === 0 && sep !== null && /^sep=/i.test(record.text)) {
      sawSep = true;
      continue;
    }
    const candidate = { line: record.line, text: record.text, fields, malformed };
    if (options.headerRow !== undefined) {
      if (line <= options.headerRow) {
        skip(candidate);
        continue;
      }
      if (record.line !== options.headerRow) throw new UsageError('csv.headerRowNotStart', { row: options.headerRow, line: record.line });
      header = candidate;
      break;
    }
    candidates.push(candidate);
    if (options.isHeader === undefined || options.isHeader(fields)) {
      header = candidate;
      break;
    }
    if (record.line >= HEADER_SEARCH_LINES) break;
  }
  if (header === undefined && options.headerRow !== undefined) throw new UsageError('csv.headerRowPast', { row: options.headerRow, lines: line - 1 });
  if (header === undefined) {
    // No line is recognised: the first one is the header, as in any CSV, and the rest is data again.
    header = candidates[0];
    if (header === undefined) throw new DataError('csv.empty', { file: source.name });
    pending = replay + pending;
    line = header.line + (countLineBreaks(header.text) || 1);
  } else {
    for (const c of candidates) if (c !== header) skip(c);
  }
  if (header.malformed) throw new DataError('csv.headerQuote', { line: header.line }, 'csv.hintQuotes');
  if (reader.sawBad && header.text.includes(BAD_BYTES)) {
    throw new DataError('csv.headerBadBytes', { line: header.line, encoding: encodingName(reader.encoding) }, 'csv.hintEncoding');
  }

  // The sample: the first data records, read ahead (they are scored like any other, from `pending`).
  const sample: string[][] = [];
  const wanted = options.sampleRows ?? 0;
  if (wanted > 0) {
    const parser = new CsvParser(delimiter, (fields) => {
      if (sample.length < wanted && fields.some((f) => f !== '')) sample.push(fields);
    }, line);
    try {
      parser.push(pending);
      while (sample.length < wanted && pending.length < SAMPLE_CHARS && !reader.finished) {
        const chunk = await reader.next(line, pending);
        if (chunk === undefined) continue;
        pending += chunk.text;
        parser.push(chunk.text);
      }
      if (reader.finished) parser.end();
    } catch (err) {
      throw err instanceof CsvStructureError ? structureError(err) : err;
    }
  }

  const head: CsvHead = {
    encoding: reader.encoding,
    bom: sniffed.bom,
    delimiter,
    bareCr,
    headers: header.fields,
    headerLine: header.line,
    skipped,
    skippedCount,
    sample,
  };
  const small = reader.finished;
  return {
    head,
    source,
    small,
    get encoding() {
      return reader.encoding;
    },
    async *pieces() {
      const splitter = new RecordSplitter(delimiter, line);
      // Whole-record texts are gathered into pieces of about PIECE_CHARS: fewer messages to the workers.
      let texts: string[] = [];
      let chars = 0;
      let startLine = line;
      const take = (): CsvPiece => {
        const piece = { texts, startLine, bad: reader.sawBad && texts.some((t) => t.includes(BAD_BYTES)), bytesRead: reader.bytesRead };
        texts = [];
        chars = 0;
        return piece;
      };
      const add = (p: { text: string; startLine: number }) => {
        if (texts.length === 0) startLine = p.startLine;
        texts.push(p.text);
        chars += p.text.length;
      };
      try {
        let text: string | undefined = pending;
        pending = '';
        while (text !== undefined) {
          const p = splitter.push(text);
          if (p !== undefined) add(p);
          if (chars >= PIECE_CHARS) yield take();
          text = (await reader.next(splitter.line, splitter.rest))?.text;
        }
        let broken: unknown;
        try {
          const p = splitter.end();
          if (p !== undefined) add(p);
        } catch (err) {
          broken = err;
        }
        // The whole records before a quote that never closes are scored (and written) before the error.
        if (texts.length > 0) yield take();
        if (broken !== undefined) throw broken;
      } catch (err) {
        throw err instanceof CsvStructureError ? structureError(err) : err;
      }
    },
  };
}

/** Reads a CSV file (or '-' for stdin) record by record after its header, on this thread: the simple form for small files (top-20 lists). */
export async function readCsv(input: string, stdin: NodeJS.ReadableStream, options: ReadCsvOptions = {}): Promise<{ head: CsvHead; records: AsyncGenerator<CsvRecord> }> {
  const source = await openSource(input, stdin);
  let csv: CsvFile;
  try {
    csv = await openCsv(source, options);
  } catch (err) {
    await source.close();
    throw err;
  }
  async function* records(): AsyncGenerator<CsvRecord> {
    try {
      for await (const p of csv.pieces()) {
        const batch: CsvRecord[] = [];
        parseRecords(p.texts, csv.head.delimiter, p.startLine, (fields, line, malformed) => {
          const badBytes = p.bad && fields.some((f) => f.includes(BAD_BYTES));
          batch.push({ line, fields: badBytes ? fields.map(withoutMark) : fields, malformed, badBytes });
        });
        yield* batch;
      }
    } finally {
      await source.close();
    }
  }
  return { head: csv.head, records: records() };
}

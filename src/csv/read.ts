// Reading a CSV export: open the file (or stdin), sniff encoding and delimiter from the first bytes, read
// the header, then hand out the rest as pieces of whole records (split on bytes, see split.ts) that can be
// decoded and parsed anywhere: on this thread (readCsv) or in worker threads (`leadq score`). A file whose
// lines end with a bare CR (classic Mac Excel) is read with LF in their place, decided on its first line.
// This is the reusable reader: `leadq score` and `leadq top20 import` both start here.
import { isAscii, isUtf8 } from 'node:buffer';
import { open, type FileHandle } from 'node:fs/promises';
import { DataError, NoInputError, UsageError, failureReason } from '../errors.js';
import { binaryKind, bomOf, decideEncoding, decodePiece, firstInvalidUtf8, looksUtf16le, utf16ToUtf8, type Encoding, type PieceEncoding } from './decode.js';
import type { EncodingOption } from './encodings.js';
import { CsvParser, CsvStructureError, MAX_RECORD_CHARS, type RecordSink } from './parse.js';
import { BareCrToLf, countLf, endsLinesWithBareCr, firstRecordEnd, RecordSplitter } from './split.js';
import { t } from '../i18n/index.js';

/** Bytes read at a time: large enough that per-chunk work vanishes, small enough to stream. */
const CHUNK_BYTES = 256 * 1024;
// How much of the start is looked at to decide encoding and delimiter.
const SNIFF_BYTES = 64 * 1024;

/** A byte source: a file or stdin, with its size when known (for progress). */
export interface ByteSource {
  readonly name: string;
  readonly size: number | undefined;
  readonly chunks: AsyncIterator<Uint8Array>;
  close(): Promise<void>;
}

/** Options of the reader: --encoding and --delimiter (undefined = detect). */
export interface ReadCsvOptions {
  readonly encoding?: EncodingOption;
  readonly delimiter?: string;
}

/** What the start of the file told: encoding, delimiter, the header and the line it is on. */
export interface CsvHead {
  /** The encoding in force; for `auto` on a file that is ASCII so far, 'utf8' (the same bytes either way). */
  readonly encoding: Encoding;
  /** The file started with a byte-order mark. */
  readonly bom: boolean;
  readonly delimiter: string;
  readonly headers: string[];
  /** The physical line the header starts on (1 unless blank lines come first). */
  readonly headerLine: number;
}

/** Whole records of the file after the header, as bytes, with how to decode them and the line they start on. */
export interface CsvPiece {
  readonly bytes: Uint8Array;
  readonly encoding: PieceEncoding;
  readonly startLine: number;
  /** Input bytes read so far (for progress). */
  readonly bytesRead: number;
}

/** One record with the physical line it starts on (1-based; the header is line 1). */
export interface CsvRecord {
  readonly line: number;
  readonly fields: string[];
  /** Text followed a closing quote (`"abc"def`): kept as written, but the row's quoting is broken. */
  readonly malformed: boolean;
}

/** An open CSV: its head and its records after the header, in pieces. */
export interface CsvFile {
  readonly head: CsvHead;
  readonly source: ByteSource;
  /** The whole input was read while sniffing (a small file or a short stdin). */
  readonly small: boolean;
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
    throw new NoInputError('error.fileUnreadable', { file: input, reason: t('reason.isDir') });
  }
  return { name: input, size: stat.isFile() ? stat.size : undefined, chunks: fileChunks(handle, input), close: () => handle.close() };
}

/** Decides the encoding from the first bytes; throws for empty and binary input. */
function sniffEncoding(head: Uint8Array, option: EncodingOption, name: string): { encoding: Encoding | 'auto'; skip: number; bom: boolean } {
  if (head.length === 0) throw new DataError('csv.empty', { file: name });
  const bom = bomOf(head);
  if (option === 'auto') {
    if (bom !== undefined) return { encoding: bom.encoding, skip: bom.length, bom: true };
    if (looksUtf16le(head)) return { encoding: 'utf16le', skip: 0, bom: false };
  } else if (bom !== undefined && bom.encoding === option) {
    return { encoding: option, skip: bom.length, bom: true };
  }
  const binary = binaryKind(head, option);
  if (binary === 'workbook') throw new DataError('csv.workbook', { file: name }, 'csv.hintSaveAsCsv');
  if (binary === 'binary') throw new DataError('csv.binary', { file: name });
  return { encoding: option, skip: 0, bom: false };
}

/** The delimiter a header line uses: the most frequent of `,` `;` tab outside quotes (`,` when none). */
export function sniffDelimiter(text: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let inQuotes = false;
  for (const c of text) {
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (c === '\n' || c === '\r')) break;
    else if (!inQuotes && counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > counts.get(best)!) best = d;
  return best;
}

/** Parses the value of --delimiter: one character, or a name (tab, comma, semicolon, pipe). */
export function delimiterOption(value: string): string {
  const named: Record<string, string> = { tab: '\t', '\\t': '\t', comma: ',', semicolon: ';', pipe: '|' };
  const d = named[value.toLowerCase()] ?? value;
  if (d.length !== 1 || d === '"' || d === '\n' || d === '\r') throw new UsageError('csv.badDelimiter', { value });
  return d;
}

/** Reader-level failures as exit-65 errors naming the line. */
function structureError(err: CsvStructureError): DataError {
  return new DataError(err.problem === 'unclosedQuote' ? 'csv.unclosedQuote' : 'csv.recordTooLarge', { line: err.line }, 'csv.hintQuotes');
}

/** Parses decoded text of whole records, calling sink for each (the parser of one piece). */
export function parseRecords(text: string, delimiter: string, startLine: number, sink: RecordSink): void {
  const parser = new CsvParser(delimiter, sink, startLine);
  try {
    parser.push(text);
    parser.end();
  } catch (err) {
    throw err instanceof CsvStructureError ? structureError(err) : err;
  }
}

/** Tracks the encoding of pieces: fixed by the option or a BOM, or (auto) settled at the first non-ASCII piece. */
class PieceEncoder {
  constructor(
    private encoding: PieceEncoding | undefined,
    private readonly forced: boolean,
  ) {}

  /** How to decode this piece; UTF-8 is checked here (SIMD-fast) so that decoding never fails later. */
  of(bytes: Uint8Array, startLine: number, complete: boolean): PieceEncoding {
    if (this.encoding === undefined) {
      if (isAscii(bytes)) return 'ascii';
      this.encoding = decideEncoding(bytes, complete);
    }
    if (this.encoding === 'utf8' && !isUtf8(bytes)) {
      const bad = firstInvalidUtf8(bytes);
      if (bad < bytes.length || complete) {
        throw new DataError('csv.badEncoding', { line: startLine + countLf(bytes, 0, bad), encoding: 'UTF-8' }, this.forced ? 'csv.hintEncoding' : 'csv.hintMixedEncoding');
      }
    }
    return this.encoding;
  }

  get settled(): PieceEncoding | undefined {
    return this.encoding;
  }
}

/** Opens a CSV: sniffs encoding and delimiter, reads the header; the records follow as pieces. */
export async function openCsv(source: ByteSource, options: ReadCsvOptions = {}): Promise<CsvFile> {
  // The first bytes, for sniffing.
  const parts: Uint8Array[] = [];
  let size = 0;
  let done = false;
  while (size < SNIFF_BYTES) {
    const next = await source.chunks.next();
    if (next.done === true) {
      done = true;
      break;
    }
    parts.push(next.value);
    size += next.value.length;
  }
  const first = Buffer.concat(parts);
  let bytesRead = first.length;
  const sniffed = sniffEncoding(first, options.encoding ?? 'auto', source.name);
  let chunks: AsyncIterator<Uint8Array> = source.chunks;
  let start: Uint8Array = first.subarray(sniffed.skip);
  let fixed: PieceEncoding | undefined;
  if (sniffed.encoding === 'utf16le' || sniffed.encoding === 'utf16be') {
    // UTF-16 is rare and small (Excel "Unicode Text"): transcode to UTF-8 and read it as such.
    chunks = utf16ToUtf8(done ? (async function* () {})() : source.chunks, start, sniffed.encoding);
    const firstUtf8 = await chunks.next();
    start = firstUtf8.done === true ? new Uint8Array(0) : firstUtf8.value;
    done = false;
    fixed = 'utf8';
  } else if (sniffed.encoding !== 'auto') fixed = sniffed.encoding;
  if (endsLinesWithBareCr(start, done, options.delimiter)) {
    // Classic Mac line ends: read as LF from here on, so that no record runs into the next one.
    const toLf = new BareCrToLf();
    start = toLf.push(start, done);
    if (!done) chunks = lfChunks(chunks, toLf);
  }
  const encoder = new PieceEncoder(fixed, options.encoding !== undefined && options.encoding !== 'auto');

  // Find the header: the first record that is not a blank line.
  let pending: Uint8Array = start;
  let line = 1;
  let headerBytes: Uint8Array | undefined;
  let separatorLine: string | undefined;
  for (;;) {
    const end = firstRecordEnd(pending);
    if (end === -1 && !done) {
      // A header that never ends (a quote never closed in it) must not read the whole file into memory.
      if (pending.length > MAX_RECORD_CHARS) throw structureError(new CsvStructureError(line, 'recordTooLarge'));
      const next = await chunks.next();
      if (next.done === true) done = true;
      else {
        bytesRead += next.value.length;
        pending = Buffer.concat([pending, next.value]);
      }
      continue;
    }
    const record = end === -1 ? pending : pending.subarray(0, end);
    pending = end === -1 ? new Uint8Array(0) : pending.subarray(end);
    if (record.length === 0) break;
    if (isBlankLine(record)) {
      line++;
      continue;
    }
    // Excel's "sep=;" line names the delimiter ahead of the header.
    const sep = /^sep=([^\r\n"])\r?\n?$/i.exec(Buffer.from(record).toString('latin1'));
    if (sep !== null) {
      separatorLine = sep[1];
      line++;
      continue;
    }
    headerBytes = record;
    break;
  }
  if (headerBytes === undefined) throw new DataError('csv.empty', { file: source.name });
  // Decide `auto` on as many bytes as we have, not on the header alone.
  const headerEncoding = encoder.of(Buffer.concat([headerBytes, pending]), line, done);
  const headerText = decodePiece(headerBytes, headerEncoding);
  const delimiter = options.delimiter ?? separatorLine ?? sniffDelimiter(headerText);
  let headers: string[] | undefined;
  parseRecords(headerText, delimiter, line, (fields) => (headers ??= fields));
  if (headers === undefined || headers.every((h) => h.trim() === '')) throw new DataError('csv.empty', { file: source.name });
  const headerLine = line;
  line += countLf(headerBytes);

  const head: CsvHead = {
    encoding: sniffed.encoding === 'auto' ? (encoder.settled === 'gb18030' ? 'gb18030' : 'utf8') : sniffed.encoding,
    bom: sniffed.bom,
    delimiter,
    headers,
    headerLine,
  };
  const splitter = new RecordSplitter(delimiter, line);
  // Pieces end on a record boundary or at the end of input: never inside a character.
  const piece = (bytes: Uint8Array, startLine: number): CsvPiece => ({ bytes, startLine, encoding: encoder.of(bytes, startLine, true), bytesRead });
  return {
    head,
    source,
    small: done,
    async *pieces() {
      try {
        let p = pending.length > 0 ? splitter.push(pending) : undefined;
        if (p !== undefined) yield piece(p.bytes, p.startLine);
        while (!done) {
          const next = await chunks.next();
          if (next.done === true) break;
          bytesRead += next.value.length;
          p = splitter.push(next.value);
          if (p !== undefined) yield piece(p.bytes, p.startLine);
        }
        p = splitter.end();
        if (p !== undefined) yield piece(p.bytes, p.startLine);
      } catch (err) {
        throw err instanceof CsvStructureError ? structureError(err) : err;
      }
    },
  };
}

/** The chunks with bare-CR line ends as LF. */
async function* lfChunks(chunks: AsyncIterator<Uint8Array>, toLf: BareCrToLf): AsyncGenerator<Uint8Array> {
  for (;;) {
    const next = await chunks.next();
    if (next.done === true) break;
    yield toLf.push(next.value);
  }
  const last = toLf.end();
  if (last.length > 0) yield last;
}

function isBlankLine(record: Uint8Array): boolean {
  return record.length <= 2 && record.every((b) => b === 0x0a || b === 0x0d);
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
        parseRecords(decodePiece(p.bytes, p.encoding), csv.head.delimiter, p.startLine, (fields, line, malformed) => batch.push({ line, fields, malformed }));
        yield* batch;
      }
    } finally {
      await source.close();
    }
  }
  return { head: csv.head, records: records() };
}

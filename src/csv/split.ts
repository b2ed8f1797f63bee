// Cuts a byte stream into pieces that end on record boundaries, so pieces can be decoded and parsed
// independently (in worker threads). Works on bytes of ASCII-compatible encodings only: in UTF-8 and
// GBK/GB18030 the bytes `"` (0x22) and LF (0x0A) never occur inside a multi-byte character, so a record
// boundary found on bytes is one in the text too. Follows parse.ts's rules: a quote opens a quoted field
// only as the first byte of a field; inside, `""` is a quote; a record ends at an LF outside quotes.
// Files whose lines end with a bare CR (classic Mac Excel) reach the splitter with LF in their place
// (BareCrToLf): CR is 0x0D in every encoding read here and never part of a multi-byte character either.
import { CsvStructureError, MAX_RECORD_CHARS } from './parse.js';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** Counts LF bytes in bytes[from, to). */
export function countLf(bytes: Uint8Array, from = 0, to = bytes.length): number {
  let n = 0;
  for (let i = bytes.indexOf(LF, from); i !== -1 && i < to; i = bytes.indexOf(LF, i + 1)) n++;
  return n;
}

/** Where scanning stopped: the end of the last complete record, and an open quote if one is pending. */
interface Scan {
  /** Index after the last LF outside quotes (-1 when there is none). */
  readonly cut: number;
  /** Index of the quote that opened a field still open at the end (-1 when none is open). */
  readonly openQuote: number;
}

/** Whether byte b can come right before a field's opening quote: a delimiter or LF. */
type FieldStart = (b: number) => boolean;

/** Scans bytes that start at a record boundary; stopAtFirst: stop at the first record's end; final: nothing follows the bytes. */
function scan(bytes: Uint8Array, isFieldStart: FieldStart, stopAtFirst: boolean, final = false): Scan {
  const n = bytes.length;
  let i = 0;
  let cut = -1;
  for (;;) {
    // Outside quotes: LFs end records; the next quote either opens a field or is an ordinary byte.
    const q = bytes.indexOf(QUOTE, i);
    const limit = q === -1 ? n : q;
    if (stopAtFirst) {
      const lf = bytes.indexOf(LF, i);
      if (lf !== -1 && lf < limit) return { cut: lf + 1, openQuote: -1 };
    } else {
      const lf = limit === 0 ? -1 : bytes.lastIndexOf(LF, limit - 1);
      if (lf >= i) cut = lf + 1;
    }
    if (q === -1) return { cut, openQuote: -1 };
    if (q > 0 && !isFieldStart(bytes[q - 1]!)) {
      i = q + 1;
      continue;
    }
    // Inside a quoted field: find its closing quote ("" is an escaped quote).
    let j = q + 1;
    for (;;) {
      const c = bytes.indexOf(QUOTE, j);
      if (c === -1 || (c + 1 === n && !final)) return { cut, openQuote: q }; // open, or a quote whose partner may come next
      if (bytes[c + 1] === QUOTE) {
        j = c + 2;
        continue;
      }
      i = c + 1;
      break;
    }
  }
}

/** The end of the first record in bytes (after its LF), or -1 when it is not complete; for the header, before the delimiter is known. */
export function firstRecordEnd(bytes: Uint8Array): number {
  return scan(bytes, (b) => b === LF || b === 0x2c || b === 0x3b || b === 0x09, true).cut;
}

/**
 * Whether the first line of bytes ends with a bare CR (classic Mac Excel, "CSV (Macintosh)"): its first line
 * end outside quotes is a CR with no LF after it. final: nothing follows the bytes (else a CR at their very
 * end is undecided, and taken as not bare). delimiter: the one given, when not the usual `,` `;` tab.
 */
export function endsLinesWithBareCr(bytes: Uint8Array, final: boolean, delimiter?: string): boolean {
  const d = delimiter === undefined ? -1 : delimiter.charCodeAt(0);
  let inQuotes = false;
  let atFieldStart = true;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (inQuotes) {
      if (b === QUOTE) {
        if (bytes[i + 1] === QUOTE) i++;
        else inQuotes = false;
      }
      continue;
    }
    if (b === LF) return false;
    if (b === CR) return i + 1 < bytes.length ? bytes[i + 1] !== LF : final;
    if (b === QUOTE && atFieldStart) inQuotes = true;
    atFieldStart = b === 0x2c || b === 0x3b || b === 0x09 || b === d;
  }
  return false;
}

/**
 * Rewrites bare-CR line ends as LF, chunk by chunk, so that the splitter and the parser see LF lines and
 * count physical lines as they do for any file. Every CR not followed by LF becomes LF, inside quotes too
 * (a line break in a cell reads as LF); a CRLF stays. A CR that ends a chunk waits for the next one.
 */
export class BareCrToLf {
  private heldCr = false;

  /** The chunk with its bare CRs as LF (a copy when anything changes: the caller's bytes are left alone); final: no chunk follows. */
  push(chunk: Uint8Array, final = false): Uint8Array {
    let bytes = chunk;
    if (this.heldCr) {
      bytes = Buffer.concat([CR_BYTE, chunk]);
      this.heldCr = false;
    } else if (chunk.includes(CR)) bytes = Buffer.from(chunk);
    else return chunk;
    let end = bytes.length;
    if (!final && bytes[end - 1] === CR) {
      this.heldCr = true;
      end--;
    }
    for (let i = bytes.indexOf(CR); i !== -1 && i < end; i = bytes.indexOf(CR, i + 1)) if (bytes[i + 1] !== LF) bytes[i] = LF;
    return bytes.subarray(0, end);
  }

  /** What is left at the end of input: an LF for a held CR, else nothing. */
  end(): Uint8Array {
    return this.push(new Uint8Array(0), true);
  }
}

const CR_BYTE = new Uint8Array([CR]);

/** A piece of whole records, with the physical line its first byte is on. */
export interface Piece {
  readonly bytes: Uint8Array;
  readonly startLine: number;
}

/** Splits a stream of byte chunks into pieces of whole records, tracking line numbers; detects a quote that never closes. */
export class RecordSplitter {
  private rest: Uint8Array = new Uint8Array(0);
  private line: number;
  private readonly isFieldStart: FieldStart;

  constructor(delimiter: string, startLine: number) {
    const d = delimiter.charCodeAt(0);
    this.isFieldStart = (b) => b === LF || b === d;
    this.line = startLine;
  }

  /** Adds a chunk; returns the piece of whole records now complete (undefined when none is). */
  push(chunk: Uint8Array): Piece | undefined {
    const bytes = this.rest.length === 0 ? chunk : Buffer.concat([this.rest, chunk]);
    const { cut, openQuote } = scan(bytes, this.isFieldStart, false);
    if (cut <= 0) {
      this.rest = bytes;
      // Bytes, not characters: a record of 16 MB in UTF-8 has at most that many characters; the reader's limit holds either way.
      if (bytes.length > MAX_RECORD_CHARS) throw new CsvStructureError(this.line + countLf(bytes, 0, openQuote === -1 ? 0 : openQuote), 'recordTooLarge');
      return undefined;
    }
    this.rest = bytes.subarray(cut);
    return this.take(bytes.subarray(0, cut));
  }

  /** The last piece (records after the last LF), or undefined; throws when a quote is still open. */
  end(): Piece | undefined {
    const bytes = this.rest;
    this.rest = new Uint8Array(0);
    if (bytes.length === 0) return undefined;
    const { openQuote } = scan(bytes, this.isFieldStart, false, true);
    if (openQuote !== -1) throw new CsvStructureError(this.line + countLf(bytes, 0, openQuote), 'unclosedQuote');
    return this.take(bytes);
  }

  private take(bytes: Uint8Array): Piece {
    const piece = { bytes, startLine: this.line };
    this.line += countLf(bytes);
    return piece;
  }
}

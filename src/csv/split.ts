// Cuts decoded text into pieces of whole records, so that pieces can be parsed independently (in worker threads),
// and rewrites classic-Mac bare-CR line ends as LF. Where a record ends is decided by the quote grammar in scan.ts,
// on characters, with the file's delimiter.
import { CR, LF, MAX_RECORD_CHARS, CsvStructureError, countLineBreaks, recordEnds, tooLarge } from './scan.js';

/**
 * Whether the lines of text end with a bare CR (classic Mac Excel, "CSV (Macintosh)"): its first line end outside
 * quotes is a CR with no LF after it. final: nothing follows the text (else a CR at its very end is undecided, and
 * taken as not bare).
 */
export function endsLinesWithBareCr(text: string, delimiter: string, final: boolean): boolean {
  // The scanner knows LF line ends only: show it every CR as one (same length, so positions hold).
  const { cut } = recordEnds(text.replaceAll('\r', '\n'), delimiter.charCodeAt(0), final, true);
  const end = cut === -1 ? -1 : cut - 1;
  if (end === -1 || text.charCodeAt(end) !== CR) return false;
  return end + 1 < text.length ? text.charCodeAt(end + 1) !== LF : final;
}

/**
 * Rewrites bare-CR line ends as LF, piece by piece, so that the splitter and the parser see LF lines and count
 * physical lines as they do for any file. Every CR not followed by LF becomes LF, inside quotes too (a line break
 * in a cell reads as LF); a CRLF stays. A CR that ends a piece waits for the next one.
 */
export class BareCrToLf {
  private heldCr = false;

  /** The text with its bare CRs as LF; final: no text follows. */
  push(text: string, final = false): string {
    let s = this.heldCr ? '\r' + text : text;
    this.heldCr = false;
    if (!s.includes('\r')) return s;
    if (!final && s.charCodeAt(s.length - 1) === CR) {
      this.heldCr = true;
      s = s.slice(0, -1);
    }
    return s.replace(/\r(?!\n)/g, '\n');
  }

  /** What is left at the end of the input: an LF for a held CR, else nothing. */
  end(): string {
    return this.push('', true);
  }
}

/** A piece of whole records, with the physical line its first character is on. */
export interface Piece {
  readonly text: string;
  readonly startLine: number;
}

/** Splits a stream of text into pieces of whole records, tracking line numbers; detects a quote that never closes. */
export class RecordSplitter {
  private held = '';
  /** The held text has a quoted field still open and does not end in a quote (which the next text could double). */
  private stillOpen = false;
  private nextLine: number;
  private readonly delimiter: number;

  constructor(
    private readonly delimiterChar: string,
    startLine: number,
  ) {
    this.delimiter = delimiterChar.charCodeAt(0);
    this.nextLine = startLine;
  }

  /** The line the text held back (an incomplete record) starts on. */
  get line(): number {
    return this.nextLine;
  }

  /** The text held back: an incomplete record. */
  get rest(): string {
    return this.held;
  }

  /** Adds text; returns the piece of whole records now complete (undefined when none is). */
  push(text: string): Piece | undefined {
    const s = this.held === '' ? text : this.held + text;
    // A field left open by text that ends in no quote stays open while no quote comes: no need to scan it all again
    // (a quoted field of megabytes would be scanned once per chunk).
    if (this.stillOpen && !text.includes('"')) return this.hold(s);
    const { cut, openQuote } = recordEnds(s, this.delimiter, false);
    if (cut <= 0) {
      this.stillOpen = openQuote !== -1 && !s.endsWith('"');
      return this.hold(s);
    }
    this.stillOpen = false;
    this.held = s.slice(cut);
    return this.take(s.slice(0, cut));
  }

  private hold(s: string): undefined {
    this.held = s;
    if (s.length > MAX_RECORD_CHARS) throw tooLarge(s, this.delimiterChar, this.nextLine);
    return undefined;
  }

  /** The last piece (records after the last LF), or undefined; throws when a quote is still open. */
  end(): Piece | undefined {
    const s = this.held;
    this.held = '';
    if (s === '') return undefined;
    const { openQuote } = recordEnds(s, this.delimiter, true);
    if (openQuote !== -1) throw new CsvStructureError(this.nextLine + countLineBreaks(s, 0, openQuote), 'unclosedQuote');
    return this.take(s);
  }

  private take(text: string): Piece {
    const piece = { text, startLine: this.nextLine };
    this.nextLine += countLineBreaks(text);
    return piece;
  }
}

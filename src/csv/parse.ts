// An RFC 4180 state machine over decoded text, written for speed: a line without a quote is cut with
// String#split (native), only records that contain a quote walk field by field. Chosen over csv-parse,
// which alone takes ~6 s on the 1,000,000-row benchmark export; this reader passes the same
// csv-spectrum cases and is property-tested against csv-parse (test/csv/parse.test.ts).
//
// Rules (the byte-level splitter in split.ts follows the same ones):
// - records end at LF or CRLF outside quotes; a CR before the LF is not part of the last field (a file of
//   bare-CR lines, classic Mac Excel, reaches the parser with LF in their place: see read.ts);
// - a field is quoted only when its very first character is `"`; inside, `""` is one quote;
// - a `"` anywhere else is an ordinary character (Excel writes `27" monitor` unquoted);
// - text after a closing quote (`"abc"def`) is kept, and the record is flagged malformed;
// - lines with no text at all are skipped but counted, so line numbers stay physical.

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** A quoted field can hold line breaks, but not this much: past it, a quote is taken as never closed (bounded memory). */
export const MAX_RECORD_CHARS = 16 * 1024 * 1024;

/**
 * Receives each record: its fields, the physical line it starts on (1-based), whether its quoting was malformed,
 * and, for a record without any quote, its text as read (no line end) — a writer may reuse it as is.
 */
export type RecordSink = (fields: string[], line: number, malformed: boolean, unquoted?: string) => void;

/** The structure of the file is broken from `line` on: a quote that never closes swallows the rest of the file. */
export class CsvStructureError extends Error {
  constructor(
    readonly line: number,
    readonly problem: 'unclosedQuote' | 'recordTooLarge',
  ) {
    super(`${problem} at line ${line}`);
    this.name = 'CsvStructureError';
  }
}

/** Counts LF characters in s[from, to). */
function countLineBreaks(s: string, from: number, to: number): number {
  let count = 0;
  let i = s.indexOf('\n', from);
  while (i !== -1 && i < to) {
    count++;
    i = s.indexOf('\n', i + 1);
  }
  return count;
}

/** A streaming CSV parser: push() decoded text in any pieces, end() at the end; records go to the sink in order. */
export class CsvParser {
  private rest = '';
  private line: number;

  constructor(
    readonly delimiter: string,
    private readonly sink: RecordSink,
    startLine = 1,
  ) {
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') throw new RangeError(`bad delimiter ${JSON.stringify(delimiter)}`);
    this.line = startLine;
  }

  /** The line the next record starts on. */
  get nextLine(): number {
    return this.line;
  }

  /** Line breaks inside the text held back for the next piece (an incomplete record). */
  get pendingLineBreaks(): number {
    return countLineBreaks(this.rest, 0, this.rest.length);
  }

  /** Parses a piece of text; an incomplete last record waits for the next piece. */
  push(text: string): void {
    this.rest = this.parse(this.rest === '' ? text : this.rest + text, false);
  }

  /** Parses what is left; throws CsvStructureError if a quote never closed. */
  end(): void {
    this.rest = this.parse(this.rest, true);
  }

  /** Parses complete records of s and returns the unparsed tail. */
  private parse(s: string, final: boolean): string {
    const n = s.length;
    const d = this.delimiter;
    const sink = this.sink;
    let line = this.line;
    let pos = 0;
    let nextQuote = s.indexOf('"');
    let nextLf = -1;
    while (pos < n) {
      if (nextLf < pos) nextLf = s.indexOf('\n', pos);
      if (nextQuote !== -1 && nextQuote < pos) nextQuote = s.indexOf('"', pos);
      if (nextQuote === -1 || (nextLf !== -1 && nextQuote > nextLf)) {
        // Fast path: no quote before the end of this line.
        if (nextLf === -1 && !final) break;
        const end = nextLf === -1 ? n : nextLf;
        const stop = end > pos && s.charCodeAt(end - 1) === CR ? end - 1 : end;
        if (stop > pos) {
          const text = s.slice(pos, stop);
          sink(text.split(d), line, false, text);
        }
        line++;
        pos = end + 1;
        continue;
      }
      const next = this.quotedRecord(s, pos, line, final);
      if (next === -1) break;
      // next is past the record's own LF, so the count covers it (a last record without one still takes a line).
      line += countLineBreaks(s, pos, next) || 1;
      pos = next;
    }
    this.line = line;
    if (pos >= n) return '';
    if (n - pos > MAX_RECORD_CHARS) throw new CsvStructureError(this.openQuoteLine(s, pos, line), 'recordTooLarge');
    return s.slice(pos);
  }

  /** Parses one record that contains a quote, starting at pos; returns where the next record starts, or -1 when more text is needed. */
  private quotedRecord(s: string, pos: number, line: number, final: boolean): number {
    const n = s.length;
    const d = this.delimiter;
    const dc = d.charCodeAt(0);
    const fields: string[] = [];
    let malformed = false;
    let i = pos;
    for (;;) {
      let value: string;
      if (i < n && s.charCodeAt(i) === QUOTE) {
        value = '';
        let j = i + 1;
        for (;;) {
          const q = s.indexOf('"', j);
          if (q === -1 || (q + 1 === n && !final)) {
            if (final) throw new CsvStructureError(line + countLineBreaks(s, pos, i), 'unclosedQuote');
            return -1;
          }
          if (s.charCodeAt(q + 1) === QUOTE) {
            value += s.slice(j, q + 1);
            j = q + 2;
            continue;
          }
          value += s.slice(j, q);
          i = q + 1;
          break;
        }
        const c = i < n ? s.charCodeAt(i) : -1;
        if (c === CR && i + 1 >= n && !final) return -1;
        if (c !== dc && c !== LF && c !== -1 && !(c === CR && s.charCodeAt(i + 1) === LF)) {
          // Text after the closing quote: keep it as written, up to the end of the field.
          malformed = true;
          const end = this.fieldEnd(s, i, final);
          if (end === -1) return -1;
          value += s.slice(i, end);
          i = end;
        }
      } else {
        const end = this.fieldEnd(s, i, final);
        if (end === -1) return -1;
        value = s.slice(i, end);
        i = end;
      }
      fields.push(value);
      // i is now at a delimiter, a CR before LF, an LF, or the end of the text.
      if (i < n && s.charCodeAt(i) === dc) {
        i++;
        continue;
      }
      if (i < n && s.charCodeAt(i) === CR) i++;
      this.sink(fields, line, malformed);
      return i < n ? i + 1 : n;
    }
  }

  /** End of an unquoted field starting at i (at a delimiter, the CR of a CRLF, an LF, or the end); -1 when more text is needed. */
  private fieldEnd(s: string, i: number, final: boolean): number {
    const n = s.length;
    const dEnd = s.indexOf(this.delimiter, i);
    const lf = s.indexOf('\n', i);
    if (dEnd !== -1 && (lf === -1 || dEnd < lf)) return dEnd;
    if (lf === -1) return final ? n : -1;
    return lf > i && s.charCodeAt(lf - 1) === CR ? lf - 1 : lf;
  }

  /** The line of the opening quote that keeps the record starting at pos open. */
  private openQuoteLine(s: string, pos: number, line: number): number {
    // Walk the record's fields until one is still open.
    let i = pos;
    let inQuotes = false;
    let opened = pos;
    const dc = this.delimiter.charCodeAt(0);
    let atFieldStart = true;
    for (; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (inQuotes) {
        if (c === QUOTE) {
          if (s.charCodeAt(i + 1) === QUOTE) i++;
          else inQuotes = false;
        }
      } else if (c === QUOTE && atFieldStart) {
        inQuotes = true;
        opened = i;
      }
      atFieldStart = !inQuotes && (c === dc || c === LF);
    }
    return line + countLineBreaks(s, pos, opened);
  }
}

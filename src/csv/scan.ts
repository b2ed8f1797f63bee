// The quote grammar of a CSV export, in one place. Everything that must agree on where a quoted field starts and
// ends, and so where a record ends, asks this module: the parser (parse.ts), the splitter that cuts text into pieces
// of whole records for the worker threads (split.ts), the check for a quote that never closes, the check for
// classic-Mac bare-CR line ends, and the delimiter sniff (read.ts). It works on decoded text, so a delimiter is
// matched as a character: a GBK trail byte that happens to be `|` is part of its character, never a delimiter.
//
// The grammar:
// - a record ends at LF outside quotes; a CR right before that LF, or at the very end of the input, is a line end too
//   and belongs to no field (a bare CR anywhere else is text; bare-CR files reach here with LF in their place);
// - a field is quoted only when its very first character is `"` (at the start of a record or right after the
//   delimiter); inside, `""` is one quote and line breaks are text;
// - a `"` anywhere else is an ordinary character (Excel writes `27" monitor` unquoted);
// - text after a closing quote (`"abc"def`) is kept up to the end of the field, and the record is flagged malformed.

export const QUOTE = 34;
export const LF = 10;
export const CR = 13;

/** A quoted field can hold line breaks, but not this much text: past it, its quote is taken as never closed (bounded memory). */
export const MAX_RECORD_CHARS = 16 * 1024 * 1024;

/** What is wrong with the structure of the text, from a line on. */
export type StructureProblem = 'unclosedQuote' | 'recordTooLarge' | 'lineTooLong';

/** The structure of the file is broken from `line` on (a quote that never closes would swallow the rest of the file). */
export class CsvStructureError extends Error {
  constructor(
    readonly line: number,
    readonly problem: StructureProblem,
  ) {
    super(`${problem} at line ${line}`);
    this.name = 'CsvStructureError';
  }
}

/** Counts LF characters in s[from, to). */
export function countLineBreaks(s: string, from = 0, to = s.length): number {
  let count = 0;
  for (let i = s.indexOf('\n', from); i !== -1 && i < to; i = s.indexOf('\n', i + 1)) count++;
  return count;
}

/** Whether the `"` at q opens a quoted field: it is the first character of a field (record start, after an LF outside quotes, or after the delimiter). */
export function opensField(s: string, q: number, delimiter: number, recordStart: number): boolean {
  if (q === recordStart) return true;
  const before = s.charCodeAt(q - 1);
  return before === delimiter || before === LF;
}

/** Returned by closingQuote when the text ends in a quote that may be the first half of `""`: more text decides. */
export const UNDECIDED = -2;

/** The closing quote of the quoted field whose opening quote is at q: its index; -1 when none follows (final: never closed); UNDECIDED. */
export function closingQuote(s: string, q: number, final: boolean): number {
  let from = q + 1;
  for (;;) {
    const c = s.indexOf('"', from);
    if (c === -1) return -1;
    if (c + 1 === s.length && !final) return UNDECIDED;
    if (s.charCodeAt(c + 1) !== QUOTE) return c;
    from = c + 2;
  }
}

/** Whether a line ends at i (an LF, the CR of a CRLF, or a CR that ends the input); -1 when a CR ends s and more text decides. */
export function lineEndAt(s: string, i: number, final: boolean): boolean | -1 {
  const c = s.charCodeAt(i);
  if (c === LF) return true;
  if (c !== CR) return false;
  if (i + 1 < s.length) return s.charCodeAt(i + 1) === LF;
  return final ? true : -1;
}

/** Where records end in text that starts at a record boundary. */
export interface RecordEnds {
  /** The index after the last LF that ends a record (-1 when no record ends in the text). */
  readonly cut: number;
  /** The index of the opening quote of a field still open at the end of the text (-1 when none is). */
  readonly openQuote: number;
}

/**
 * Finds where records end in s, which starts at a record boundary: between quoted fields every LF ends a record.
 * first: stop at the end of the first record. final: nothing follows s (a quote at its very end is decided).
 */
export function recordEnds(s: string, delimiter: number, final: boolean, first = false): RecordEnds {
  const n = s.length;
  let i = 0;
  let cut = -1;
  let recordStart = 0;
  for (;;) {
    const q = s.indexOf('"', i);
    const limit = q === -1 ? n : q;
    if (first) {
      const lf = s.indexOf('\n', i);
      if (lf !== -1 && lf < limit) return { cut: lf + 1, openQuote: -1 };
    } else {
      const lf = limit === 0 ? -1 : s.lastIndexOf('\n', limit - 1);
      if (lf >= i) cut = lf + 1;
    }
    if (q === -1) return { cut, openQuote: -1 };
    if (cut > recordStart) recordStart = cut;
    if (!opensField(s, q, delimiter, recordStart)) {
      i = q + 1;
      continue;
    }
    const close = closingQuote(s, q, final);
    if (close < 0) return { cut, openQuote: q };
    i = close + 1;
  }
}

/**
 * The error for an incomplete record (s starts at a record boundary on startLine) that grew past MAX_RECORD_CHARS:
 * a quote still open (named by the line it opens on), or a single line that long (no quote to blame).
 */
export function tooLarge(s: string, delimiter: string, startLine: number): CsvStructureError {
  const { openQuote } = recordEnds(s, delimiter.charCodeAt(0), true);
  if (openQuote === -1) return new CsvStructureError(startLine + countLineBreaks(s), 'lineTooLong');
  return new CsvStructureError(startLine + countLineBreaks(s, 0, openQuote), 'recordTooLarge');
}

/**
 * Reads the fields of one record that starts at pos and contains a quote. Returns where the next record starts, or
 * -1 when the record is not complete in s (more text decides); throws CsvStructureError when final and a quote never closes.
 */
export function readQuotedRecord(s: string, pos: number, delimiter: string, final: boolean, line: number, fields: string[]): { next: number; malformed: boolean } | -1 {
  const n = s.length;
  const d = delimiter.charCodeAt(0);
  let malformed = false;
  let i = pos;
  for (;;) {
    let value: string;
    if (i < n && s.charCodeAt(i) === QUOTE) {
      const close = closingQuote(s, i, final);
      if (close < 0) {
        if (final) throw new CsvStructureError(line + countLineBreaks(s, pos, i), 'unclosedQuote');
        return -1;
      }
      value = s.slice(i + 1, close).replaceAll('""', '"');
      i = close + 1;
      const ends = i >= n ? (final ? true : -1) : s.charCodeAt(i) === d ? true : lineEndAt(s, i, final);
      if (ends === -1) return -1;
      if (!ends) {
        // Text after the closing quote: keep it as written, up to the end of the field.
        malformed = true;
        const end = fieldEnd(s, i, delimiter, final);
        if (end === -1) return -1;
        value += s.slice(i, end);
        i = end;
      }
    } else {
      const end = fieldEnd(s, i, delimiter, final);
      if (end === -1) return -1;
      value = s.slice(i, end);
      i = end;
    }
    fields.push(value);
    // i is at the delimiter, a line end (LF, or a CR before LF or at the end of the input), or the end of the text.
    if (i < n && s.charCodeAt(i) === d) {
      i++;
      continue;
    }
    if (i < n && s.charCodeAt(i) === CR) i++;
    return { next: i < n ? i + 1 : n, malformed };
  }
}

/** The end of an unquoted field starting at i: a delimiter, a line end (an LF, or the CR before it or at the end of the input), or the end; -1 when more text decides. */
function fieldEnd(s: string, i: number, delimiter: string, final: boolean): number {
  const dEnd = s.indexOf(delimiter, i);
  const lf = s.indexOf('\n', i);
  if (dEnd !== -1 && (lf === -1 || dEnd < lf)) return dEnd;
  if (lf !== -1) return lf > i && s.charCodeAt(lf - 1) === CR ? lf - 1 : lf;
  if (!final) return -1;
  return s.length > i && s.charCodeAt(s.length - 1) === CR ? s.length - 1 : s.length;
}

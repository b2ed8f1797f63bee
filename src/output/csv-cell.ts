// Spreadsheet formula injection: a cell that starts with one of these runs as a formula in Excel.
const FORMULA_START = /^[=+\-@\t\r＝＋－＠]/u;
// After a leading + or -, a plain number or phone number (digits, spaces, ( ) . / -) is data, not a formula:
// `+49 30 5550 1200` and `-12.5` must reach a CRM as they are, not with an apostrophe in front.
const PLAIN_NUMBER = /^[+\-＋－][ \d()./-]*\d[ \d()./-]*$/u;

/** Whether a spreadsheet would run the cell as a formula: it starts with = @ tab CR, or with + - and is not a plain number or phone number. */
export function runsAsFormula(value: string): boolean {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value);
}

/** Neutralises a text cell that a spreadsheet would run as a formula, keeping its content (prefix '). */
export function neutraliseFormula(value: string): string {
  return runsAsFormula(value) ? `'${value}` : value;
}

/** One CSV field, quoted when needed (RFC 4180). Strings are formula-guarded; numbers are written as they are. */
export function csvField(value: unknown, delimiter = ','): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? String(value) : neutraliseFormula(String(value));
  return needsQuotes(text, delimiter) ? `"${text.replace(/"/g, '""')}"` : text;
}

function needsQuotes(text: string, delimiter: string): boolean {
  return text.includes(delimiter) || text.includes('"') || text.includes('\n') || text.includes('\r');
}

/** One CSV line (no line ending). */
export function csvLine(values: readonly unknown[], delimiter = ','): string {
  return values.map((v) => csvField(v, delimiter)).join(delimiter);
}

/** One TSV field: tabs and line breaks become spaces so every record stays on one line. */
export function tsvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value).replace(/[\t\r\n]+/g, ' ');
}

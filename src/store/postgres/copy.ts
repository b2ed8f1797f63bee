// COPY … FROM STDIN in PostgreSQL's text format: one line per row, tab between columns, \N for NULL, and
// backslash, tab, newline and carriage return escaped. PURE (the stream itself is in imports.ts).

/** A value COPY writes: text, a whole number, or NULL. */
export type CopyValue = string | number | null;

const SPECIAL = /[\\\t\n\r]/;
const SPECIALS = /[\\\t\n\r]/g;
const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One value in COPY text format. */
export function copyField(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  return SPECIAL.test(value) ? value.replace(SPECIALS, (c) => ESCAPES[c] ?? c) : value;
}

/** One row in COPY text format, newline included. */
export function copyLine(values: readonly CopyValue[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) line += (i === 0 ? '' : '\t') + copyField(values[i] ?? null);
  return `${line}\n`;
}

// Times in the data file (schema 6): integer milliseconds since 1970-01-01 UTC, six bytes where ISO 8601 text took
// 24, for four times a lead (created, updated, qualified, and its qualification's) and in two indexes — 85 bytes of
// each imported lead. leadq speaks ISO 8601 UTC text everywhere else (the store interface, PostgreSQL, every output),
// so the SQLite store turns times into milliseconds where it writes or compares them, and back where it reads them.
// Days (follow_up_on, a contact's follow-up before and after) stay YYYY-MM-DD text.

/** The columns (and the names queries give them) that hold times. */
const TIME_KEYS = new Set([
  'created_at',
  'updated_at',
  'qualified_at',
  'last_contact_at',
  'last_visit_at',
  'at',
  'asked_at',
  'imported_at',
  'last_contact',
  'qualifiedAt',
  'lastContactAt',
  'askedAt',
]);

/** A time as the data file keeps it: milliseconds since 1970 UTC, from ISO 8601 text as toISOString() writes it. */
export function msOf(iso: string): number {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) throw new RangeError(`not a time: ${JSON.stringify(iso)}`);
  return ms;
}

/** Before every time a data file can hold (contacts may be dated back to 1900): "since ever". */
export const EVER = Number.MIN_SAFE_INTEGER;

/** A cut-off as milliseconds: since this time, or since ever. */
export function sinceMs(iso: string | undefined): number {
  return iso === undefined ? EVER : msOf(iso);
}

/** msOf for a time that may be absent. */
export function msOrNull(iso: string | null | undefined): number | null {
  return iso === null || iso === undefined ? null : msOf(iso);
}

/** A kept time as ISO 8601 UTC text ("2026-05-01T08:00:00.000Z"). */
export function isoOf(ms: number): string {
  return new Date(ms).toISOString();
}

/** A row read from the data file with its times as ISO text (in place; its other values as they are). */
export function withIsoTimes<T>(row: T): T {
  if (row === undefined || row === null) return row;
  const values = row as Record<string, unknown>;
  for (const key in values) {
    const value = values[key];
    if (typeof value === 'number' && TIME_KEYS.has(key)) values[key] = isoOf(value);
  }
  return row;
}

/** A value of a column as the data file keeps it (a time given as ISO text becomes milliseconds). */
export function storedValue(column: string, value: string | number | null): string | number | null {
  return typeof value === 'string' && TIME_KEYS.has(column) ? msOf(value) : value;
}

/** Rows of an iteration with their times as ISO text. */
export function* isoTimesOf<T>(rows: Iterable<T>): IterableIterator<T> {
  for (const row of rows) yield withIsoTimes(row);
}

/**
 * The v6 migration's conversion, as a function registered on the connection: ISO 8601 text (as leadq always wrote it)
 * to milliseconds, exactly; NULL kept. Anything else stops the migration, and the file is left as it was.
 */
export function migratedMs(value: unknown): number | null {
  if (value === null) return null;
  if (typeof value === 'string' && ISO_DATE_START.test(value)) {
    const ms = Date.parse(value);
    if (Number.isFinite(ms)) return ms;
  }
  throw new RangeError(`a time that is not ISO 8601: ${JSON.stringify(value)}`);
}

const ISO_DATE_START = /^\d{4}-\d\d-\d\d/;

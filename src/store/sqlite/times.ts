// Times in the data file (schema 6): integer milliseconds since 1970-01-01 UTC, six bytes where ISO 8601 text took
// 24, for four times a lead (created, updated, qualified, and its qualification's) and in two indexes — 85 bytes of
// each imported lead. leadq speaks ISO 8601 UTC text everywhere else (the store interface, PostgreSQL, every output),
// so the SQLite store turns times into milliseconds where it writes or compares them, and back where it reads them.
// Days (follow_up_on, a contact's follow-up before and after) stay YYYY-MM-DD text.

/** The columns that hold times, table by table (schema 5's, which the v6 migration converts; db check tests them). */
export const TIME_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  leads: ['last_contact_at', 'created_at', 'updated_at', 'qualified_at', 'last_visit_at'],
  qualifications: ['created_at'],
  contacts: ['at', 'created_at'],
  referral_requests: ['asked_at'],
  referrals: ['created_at'],
  industry_rankings: ['imported_at'],
};

/** The names a row read may give a time: the columns, and what queries call them (lead list, today). */
const TIME_KEYS = new Set([...Object.values(TIME_COLUMNS).flat(), 'last_contact', 'qualifiedAt', 'lastContactAt', 'askedAt']);

/**
 * A time as the data file keeps it: milliseconds since 1970 UTC, from ISO 8601 text as toISOString() writes it (what
 * the store is given; Date.parse reads that exactly, four times faster than isoMs, which reads any ISO text the upgrade
 * may meet).
 */
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

/** A kept time as ISO 8601 UTC text ("2026-05-01T08:00:00.000Z"). */
function isoOf(ms: number): string {
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

/** A kept value that is no time: where (table.column #rowid) and what. */
export class NotATime extends RangeError {
  constructor(
    readonly where: string,
    readonly value: string,
  ) {
    super(`${where}: ${value}`);
    this.name = 'NotATime';
  }
}

/**
 * The v6 migration's conversion, as a function registered on the connection: ISO 8601 text (as leadq always wrote it)
 * to milliseconds, exactly; NULL kept. A time without an offset is UTC (as the text sorted before); an impossible date
 * or anything else stops the migration, and the file is left as it was.
 */
export function migratedMs(value: unknown, column: unknown, rowid: unknown): number | null {
  if (value === null) return null;
  const ms = typeof value === 'string' ? isoMs(value) : undefined;
  if (ms === undefined) throw new NotATime(`${String(column)} #${String(rowid)}`, JSON.stringify(value));
  return ms;
}

const ISO_TIME = /^(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d)(?:\.(\d+))?)?)?(Z|[+-]\d\d(?::?\d\d)?)?$/i;

/** Milliseconds of ISO 8601 text (UTC when it names no offset), or undefined when it is none or an impossible date. */
export function isoMs(text: string): number | undefined {
  const m = ISO_TIME.exec(text.trim());
  if (m === null) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  const milli = Number(`${m[7] ?? ''}000`.slice(0, 3));
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  date.setUTCHours(hour, minute, second, milli);
  const zone = m[8];
  if (zone === undefined || zone.toUpperCase() === 'Z') return date.getTime();
  const digits = zone.replace(':', '');
  const offset = (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5) || '0')) * 60_000;
  return date.getTime() - (zone.startsWith('-') ? -offset : offset);
}

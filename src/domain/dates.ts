// Dates and times a rep types on the command line (`contact --at`, `report --since`, a follow-up date), PURE: the
// clock is passed in, the time zone is the process's (the rep's). One parser with limits, so no command accepts a
// date the others refuse. A year is taken exactly as written: JavaScript's Date turns years 0–99 into 1900–1999, so
// dates are built with setFullYear, and 0050 is refused (before 1900), never read as 1950.

/** Which dates a value may take: things that happened (1900 … tomorrow), or a follow-up (today … five years ahead). */
export type DateWindow = 'happened' | 'followUp';

/** Why a date was refused: not a real ISO date (or time), or outside its window. */
export type DateProblem = 'format' | 'outOfRange';

/** A parsed date: the instant (UTC ISO 8601, so stored times order as strings) and its local calendar day. */
export type ParsedDate =
  | { readonly ok: true; readonly iso: string; readonly date: string }
  | { readonly ok: false; readonly problem: DateProblem; readonly from: string; readonly to: string };

// YYYY-MM-DD, optionally T or space and HH:MM[:SS[.fraction]], optionally Z or ±HH[:MM].
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

const EARLIEST_YEAR = 1900;
const FOLLOW_UP_YEARS = 5;

/** The first and last local calendar days a window allows on the day `now` falls on. */
export function windowDays(window: DateWindow, now: Date): { readonly from: Date; readonly to: Date } {
  const today = localDay(now.getFullYear(), now.getMonth() + 1, now.getDate());
  if (window === 'happened') return { from: localDay(EARLIEST_YEAR, 1, 1), to: addDays(today, 1) };
  const to = localDay(now.getFullYear() + FOLLOW_UP_YEARS, now.getMonth() + 1, now.getDate());
  // 29 February five years on is 1 March: stay on the last day of February.
  if (to.getMonth() !== now.getMonth()) to.setDate(0);
  return { from: today, to };
}

/**
 * Parses an ISO 8601 date or date-time; without a zone it is local time, a date alone is its local midnight. Refused:
 * anything else (2026-02-30, 25:00, 2026-5-1, "yesterday"), and a day outside the window.
 */
export function parseDateTime(text: string, window: DateWindow, now: Date): ParsedDate {
  const { from, to } = windowDays(window, now);
  const refuse = (problem: DateProblem): ParsedDate => ({ ok: false, problem, from: calendarDay(from), to: calendarDay(to) });
  const m = ISO_DATE_TIME.exec(text.normalize('NFKC').trim());
  if (m === null) return refuse('format');
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [number, number, number, number, number, number];
  const ms = Number((m[7] ?? '0').slice(0, 3).padEnd(3, '0'));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return refuse('format');
  const zone = m[8];
  let instant: Date;
  if (zone === undefined) {
    instant = localDay(year, month, day);
    instant.setHours(hour, minute, second, ms);
  } else {
    const offset = zone.toUpperCase() === 'Z' ? 0 : zoneMinutes(zone);
    if (offset === undefined) return refuse('format');
    instant = new Date(0);
    instant.setUTCFullYear(year, month - 1, day);
    instant.setUTCHours(hour, minute, second, ms);
    instant = new Date(instant.getTime() - offset * 60_000);
  }
  if (instant < from || instant >= addDays(to, 1)) return refuse('outOfRange');
  return { ok: true, iso: instant.toISOString(), date: calendarDay(instant) };
}

/** A local calendar day as YYYY-MM-DD (four-digit year, as written). */
export function calendarDay(d: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getFullYear(), 4)}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Local midnight of a calendar day, the year exactly as given (new Date(50, …) would be 1950). */
function localDay(year: number, month: number, day: number): Date {
  const d = new Date(0);
  d.setFullYear(year, month - 1, day);
  d.setHours(0, 0, 0, 0);
  return d;
}

function addDays(d: Date, days: number): Date {
  const next = new Date(d);
  next.setDate(next.getDate() + days);
  return next;
}

function daysInMonth(year: number, month: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month, 0);
  return d.getUTCDate();
}

function zoneMinutes(zone: string): number | undefined {
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || '0');
  if (hours > 14 || minutes > 59) return undefined;
  return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

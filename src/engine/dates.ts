// Calendar dates as people and spreadsheets write them. Pure: no clock, no time zone (dates are calendar days).

const WRITTEN_DATE = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/u;

/** Whether s is a real calendar date written exactly YYYY-MM-DD (2026-02-30 is not). */
export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/**
 * A date as written by a rep or by Excel — 2025-06-30, 2025/6/30, 2025.6.30, 2025年6月30日, full-width digits — as
 * YYYY-MM-DD; undefined when it is not a real calendar date.
 */
export function isoDateOf(text: string): string | undefined {
  const m = WRITTEN_DATE.exec(text.normalize('NFKC').trim());
  if (m === null) return undefined;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : undefined;
}

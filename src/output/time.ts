import { calendarDay } from '../domain/dates.js';

/** An ISO time as people read it in a human view: "YYYY-MM-DD HH:MM" in the local time zone (the rep's clock); data formats keep the ISO text. */
export function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${calendarDay(d)} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarDay, parseDateTime, windowDays } from '../../src/domain/dates.js';

// The process's time zone is the rep's; these tests pin one with a half-hour offset to catch local/UTC mix-ups.
process.env.TZ = 'Asia/Kolkata';

const NOW = new Date('2026-05-01T10:00:00+05:30');

describe('parseDateTime: one parser with limits', () => {
  it.each([
    ['2026-04-30', '2026-04-29T18:30:00.000Z', '2026-04-30'],
    ['2026-04-30T14:30', '2026-04-30T09:00:00.000Z', '2026-04-30'],
    ['2026-04-30 14:30:15.5', '2026-04-30T09:00:15.500Z', '2026-04-30'],
    ['2026-04-30T14:30Z', '2026-04-30T14:30:00.000Z', '2026-04-30'],
    ['2026-04-30T14:30+08:00', '2026-04-30T06:30:00.000Z', '2026-04-30'],
    ['２０２６-０４-３０', '2026-04-29T18:30:00.000Z', '2026-04-30'],
    ['2026-05-02T23:59', '2026-05-02T18:29:00.000Z', '2026-05-02'],
  ])('%s (happened) → %s', (text, iso, date) => {
    expect(parseDateTime(text, 'happened', NOW)).toEqual({ ok: true, iso, date });
  });

  it('1900-01-01 is the first day that can have happened (local midnight, with the zone’s offset of that year)', () => {
    expect(parseDateTime('1900-01-01', 'happened', NOW)).toMatchObject({ ok: true, date: '1900-01-01' });
  });

  it.each(['2026-02-30', '2026-13-01', '2026-5-1', '2026-05-01T25:00', '2026-05-01T10:60', 'yesterday', '', '26-05-01', '2026-05-01T10:00+15:00'])(
    '%j is not a date: format',
    (text) => expect(parseDateTime(text, 'happened', NOW)).toMatchObject({ ok: false, problem: 'format' }),
  );

  it.each(['0050-06-15', '1899-12-31', '0001-01-01', '2026-05-03', '2027-01-01', '9999-12-31'])('%s did not happen between 1900 and tomorrow', (text) => {
    expect(parseDateTime(text, 'happened', NOW)).toEqual({ ok: false, problem: 'outOfRange', from: '1900-01-01', to: '2026-05-02' });
  });

  it('a follow-up lies between today and five years ahead', () => {
    expect(windowDays('followUp', NOW).to.getFullYear()).toBe(2031);
    expect(parseDateTime('2026-05-01', 'followUp', NOW)).toMatchObject({ ok: true, date: '2026-05-01' });
    expect(parseDateTime('2031-05-01', 'followUp', NOW)).toMatchObject({ ok: true, date: '2031-05-01' });
    expect(parseDateTime('2026-04-30', 'followUp', NOW)).toMatchObject({ ok: false, problem: 'outOfRange', from: '2026-05-01', to: '2031-05-01' });
    expect(parseDateTime('2031-05-02', 'followUp', NOW)).toMatchObject({ ok: false, problem: 'outOfRange' });
    // From 29 February, five years on ends on the last day of February.
    expect(windowDays('followUp', new Date(2028, 1, 29, 12)).to).toEqual(new Date(2033, 1, 28));
  });

  it('never rewrites a year: every four-digit year is either refused or kept as typed (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), (year, month, day) => {
        const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
        const parsed = parseDateTime(text, 'happened', NOW);
        if (parsed.ok) {
          expect(parsed.date).toBe(text);
          expect(year).toBeGreaterThanOrEqual(1900);
        } else expect(parsed.problem).toBe('outOfRange');
      }),
    );
  });

  it('calendarDay pads the year to four digits, as written', () => {
    const d = new Date(0);
    d.setFullYear(50, 5, 15);
    expect(calendarDay(d)).toBe('0050-06-15');
  });
});

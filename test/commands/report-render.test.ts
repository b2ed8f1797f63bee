import { describe, expect, it } from 'vitest';
import { bar, buildReport, renderReport } from '../../src/commands/report/render.js';
import { sinceOption } from '../../src/commands/report/spec.js';
import { wonPerVisit } from '../../src/domain/lead-sources.js';
import { CliError } from '../../src/errors.js';
import { setLang } from '../../src/i18n/index.js';
import { makePaint } from '../../src/output/color.js';
// Measured with string-width itself, not the function under test, so a broken displayWidth misaligns and fails.
import displayWidth from 'string-width';
import { SOURCES } from '../../src/engine/enums.js';

const figures = SOURCES.map((source) => ({ source, leads: 0, precise: 0, disqualified: 0, visits: 0, won: 0 })).map((f) =>
  f.source === 'referral'
    ? { ...f, leads: 10, precise: 4, disqualified: 2, visits: 8, won: 2 }
    : f.source === 'cold'
      ? { ...f, leads: 100, precise: 1, disqualified: 60, visits: 66, won: 1 }
      : f,
);
const referrals = { requests: 4, asked: 10, received: 3, unrequested: 0 };

describe('report figures', () => {
  it('won per visit is null before the first visit', () => {
    expect(wonPerVisit(0, 0)).toBeNull();
    expect(wonPerVisit(1, 4)).toBe(0.25);
  });

  it('builds every source, the total, the two yardsticks and the referral totals', () => {
    const r = buildReport(figures, referrals, '2026-01-01');
    expect(r.since).toBe('2026-01-01');
    expect(r.sources).toHaveLength(7);
    expect(r.sources.find((s) => s.source === 'referral')?.won_per_visit).toBe(0.25);
    expect(r.sources.find((s) => s.source === 'channel')?.won_per_visit).toBeNull();
    expect(r.total).toEqual({ leads: 110, precise: 5, disqualified: 62, visits: 74, won: 3, won_per_visit: 3 / 74 });
    expect(r.baselines.cold_visit).toEqual({ won: 1, visits: 66, won_per_visit: 1 / 66 });
    expect(r.baselines.author_precise.won_per_visit).toBeCloseTo(0.19, 2);
    expect(r.referrals).toEqual(referrals);
  });

  it('takes --since as a real calendar date that happened (1900 … tomorrow) only', () => {
    const now = new Date('2026-05-01T12:00:00');
    expect(sinceOption(' 2026-02-28 ', now)).toMatchObject({ date: '2026-02-28', iso: new Date('2026-02-28T00:00:00').toISOString() });
    for (const bad of ['2026-02-30', '2026-2-1', 'yesterday', '2026-13-01', '', '0050-01-01', '2026-05-03']) {
      expect(() => sinceOption(bad, now)).toThrow(CliError);
    }
  });
});

describe('report bars', () => {
  it('draws value/max over 30 columns in eighths, at least a sliver for any positive value', () => {
    expect(bar(1, 1)).toBe('█'.repeat(30));
    expect(bar(0.5, 1)).toBe('█'.repeat(15));
    expect(bar(1 / 66, 0.25)).toBe('█▉'); // 14.5 eighths, rounded
    expect(bar(0.0001, 1)).toBe('▏');
    expect(bar(0, 1)).toBe('');
    expect(bar(2, 1)).toBe('█'.repeat(30));
  });

  for (const lang of ['en', 'zh'] as const) {
    it(`lines the bars up in one column (${lang}, CJK counted two columns wide)`, () => {
      setLang(lang);
      const text = renderReport(buildReport(figures, referrals, undefined), makePaint(0));
      setLang('en');
      const lines = text.split('\n').filter((l) => /[█▏▎▍▌▋▊▉]/.test(l));
      expect(lines).toHaveLength(5); // referral, cold, total, and the two yardsticks
      const starts = lines.map((l) => displayWidth(l.slice(0, l.search(/[█▏▎▍▌▋▊▉]/))));
      expect(new Set(starts).size).toBe(1);
      expect(text).not.toContain('\u001b[');
    });
  }

  it('colours bars only when asked: green at the precise rate, red at the cold baseline', () => {
    const text = renderReport(buildReport(figures, referrals, undefined), makePaint(1));
    expect(text).toContain('\u001b[32m'); // referral 0.25 ≥ 0.186
    expect(text).toContain('\u001b[31m'); // cold 1/66
  });
});

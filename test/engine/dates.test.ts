import { describe, expect, it } from 'vitest';
import { isIsoDate, isoDateOf } from '../../src/engine/dates.js';

describe('calendar dates', () => {
  it.each([
    ['2026-06-30', true],
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2026-02-30', false],
    ['2026-6-30', false],
    ['2026-13-01', false],
    ['26-06-30', false],
    ['', false],
  ])('isIsoDate(%j) is %s', (text, ok) => {
    expect(isIsoDate(text)).toBe(ok);
  });

  it.each([
    ['2026-06-30', '2026-06-30'],
    ['2026/6/30', '2026-06-30'],
    ['2026.6.3', '2026-06-03'],
    ['2026年6月30日', '2026-06-30'],
    ['２０２６／６／３０', '2026-06-30'],
    [' 2026-06-30 ', '2026-06-30'],
    ['2026/2/30', undefined],
    ['30/6/2026', undefined],
    ['next week', undefined],
  ])('isoDateOf(%j) is %j', (text, iso) => {
    expect(isoDateOf(text)).toBe(iso);
  });
});

import { describe, expect, it } from 'vitest';

import {
  addWorkingDays,
  chinaDateOf,
  isExistingDate,
  isIsoDate,
  isWorkingDay,
  workingDaysBetween,
} from '../../src-shared/domain/calendar';

// 2025-06-02 is a Monday.
describe('working days', () => {
  it.each([
    ['2025-06-02', true],
    ['2025-06-06', true],
    ['2025-06-07', false],
    ['2025-06-08', false],
  ])('%s is a working day: %s', (date, expected) => {
    expect(isWorkingDay(date)).toBe(expected);
  });

  it.each([
    ['2025-06-02', 0, '2025-06-02'],
    ['2025-06-07', 0, '2025-06-07'],
    ['2025-06-02', 1, '2025-06-03'],
    ['2025-06-02', 4, '2025-06-06'],
    ['2025-06-06', 1, '2025-06-09'],
    ['2025-06-07', 1, '2025-06-09'],
    ['2025-06-02', 5, '2025-06-09'],
    ['2025-06-09', -1, '2025-06-06'],
    ['2025-12-31', 1, '2026-01-01'],
    ['2024-02-28', 1, '2024-02-29'],
  ])('addWorkingDays(%s, %i) is %s', (date, n, expected) => {
    expect(addWorkingDays(date, n)).toBe(expected);
  });

  it.each([
    ['2025-06-02', '2025-06-06', 5],
    ['2025-06-02', '2025-06-09', 6],
    ['2025-06-02', '2025-06-02', 1],
    ['2025-06-07', '2025-06-08', 0],
    ['2025-06-07', '2025-06-13', 5],
    ['2025-06-06', '2025-06-02', 0],
  ])('workingDaysBetween(%s, %s) is %i, both days included', (start, end, expected) => {
    expect(workingDaysBetween(start, end)).toBe(expected);
  });

  it('counts long periods like day-by-day counting', () => {
    const start = '2024-12-25';
    let end = start;
    let count = isWorkingDay(start) ? 1 : 0;
    for (let day = 0; day < 60; day += 1) {
      end = new Date(Date.parse(`${end}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      if (isWorkingDay(end)) count += 1;
      expect(workingDaysBetween(start, end)).toBe(count);
    }
  });

  // A period of n working days that starts on a working day ends n - 1 working days later.
  it('is consistent with addWorkingDays', () => {
    for (const start of ['2025-06-02', '2025-06-04', '2025-06-06']) {
      for (let n = 1; n <= 12; n += 1)
        expect(workingDaysBetween(start, addWorkingDays(start, n - 1))).toBe(n);
    }
  });

  it('rejects dates that do not exist', () => {
    expect(() => addWorkingDays('2025-02-30', 1)).toThrow(RangeError);
    expect(() => workingDaysBetween('2025-06-02', '2025-13-01')).toThrow(RangeError);
    expect(() => addWorkingDays('2025-06-02', 1.5)).toThrow(RangeError);
  });
});

describe('dates', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['1900-02-29', false],
    ['2000-02-29', true],
    ['2025-04-31', false],
    ['2025-1-01', false],
    ['2025-01-01T00:00', false],
    ['', false],
  ])('isIsoDate(%j) is %s', (s, expected) => {
    expect(isIsoDate(s)).toBe(expected);
  });

  it('checks year, month and day as numbers', () => {
    expect(isExistingDate(1899, 12, 31)).toBe(true);
    expect(isExistingDate(2025, 0, 1)).toBe(false);
    expect(isExistingDate(2025, 1, 0)).toBe(false);
    expect(isExistingDate(2025, 1.5, 1)).toBe(false);
  });

  it('takes the date in China (UTC+8)', () => {
    expect(chinaDateOf(new Date('2025-06-01T15:59:59Z'))).toBe('2025-06-01');
    expect(chinaDateOf(new Date('2025-06-01T16:00:00Z'))).toBe('2025-06-02');
  });
});

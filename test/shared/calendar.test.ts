import { describe, expect, it } from 'vitest';

import {
  chinaDateOf,
  isExistingDate,
  isIsoDate,
  isWeekend,
  WorkingCalendar,
} from '../../src-shared/domain/calendar';
import { SHIPPED_CALENDAR, SHIPPED_HOLIDAY_YEARS } from '../../src-shared/domain/holiday-years';
import { earliestPublicityEnd, publicityEndOf } from '../../src-shared/domain/workflow';

/** A calendar without holiday years: weekends only, what a year without a notice is counted by. */
const WEEKENDS = new WorkingCalendar([]);
const addWorkingDays = (date: string, n: number) => WEEKENDS.addWorkingDays(date, n);
const isWorkingDay = (date: string) => WEEKENDS.isWorkingDay(date);
const workingDaysBetween = (start: string, end: string) => WEEKENDS.workingDaysBetween(start, end);

const nextDay = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

function daysOfYear(year: number): string[] {
  const days: string[] = [];
  for (let day = `${year}-01-01`; day.startsWith(String(year)); day = nextDay(day)) days.push(day);
  return days;
}

// 2025-06-02 is a Monday.
describe('working days without holiday years (weekends only)', () => {
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

describe('the statutory calendar of 2025 and 2026 (the State Council notices)', () => {
  const holidays = SHIPPED_HOLIDAY_YEARS.flatMap((year) => year.holidays);

  it('ships 2025 and 2026, each naming its notice', () => {
    expect(SHIPPED_HOLIDAY_YEARS.map((year) => year.year)).toEqual([2025, 2026]);
    for (const year of SHIPPED_HOLIDAY_YEARS) {
      expect(year.notice).toBe(`国务院办公厅关于${year.year}年部分节假日安排的通知`);
      expect(isIsoDate(year.published)).toBe(true);
    }
  });

  it.each(holidays.flatMap((h) => h.daysOff.map((day) => [day, h.name])))('%s (%s) is a day off', (day) => {
    expect(SHIPPED_CALENDAR.isWorkingDay(day)).toBe(false);
  });

  it.each(holidays.flatMap((h) => h.workdays.map((day) => [day, h.name])))(
    '%s (%s 调休) is a working day, though a weekend',
    (day) => {
      expect(isWeekend(day)).toBe(true);
      expect(SHIPPED_CALENDAR.isWorkingDay(day)).toBe(true);
    },
  );

  // The holidays law as revised in 2024 gives 13 days a year: 365 days less 104 weekend days and those
  // 13 leaves 248 working days in both years; 调休 moves days, it adds none.
  it.each([2025, 2026])('%i has 248 working days', (year) => {
    expect(daysOfYear(year).filter((day) => SHIPPED_CALENDAR.isWorkingDay(day))).toHaveLength(248);
  });

  it('names the holiday of a day off and of a 调休 day', () => {
    expect(SHIPPED_CALENDAR.holidayOf('2026-10-03')).toBe('国庆节');
    expect(SHIPPED_CALENDAR.holidayOf('2026-02-28')).toBe('春节');
    expect(SHIPPED_CALENDAR.holidayOf('2026-03-03')).toBeNull();
  });

  // The 公示期 of five working days: each end counted by hand from the notices.
  it.each([
    ['the day before 国庆 2026', '2026-09-30', '2026-10-12'],
    ['on 国庆 2026 itself', '2026-10-03', '2026-10-13'],
    ['on the 调休 Sunday before 中秋 2026', '2026-09-20', '2026-09-24'],
    ['the day before 春节 2026 (then a 调休 Saturday)', '2026-02-13', '2026-02-26'],
    ['on the 调休 Saturday before 春节 2026', '2026-02-14', '2026-02-27'],
    ['across the new year into 元旦 2026 and its 调休 Sunday', '2025-12-29', '2026-01-05'],
    ['before 劳动节 2026, ending on its 调休 Saturday', '2026-04-30', '2026-05-09'],
    ['before 国庆 2025, over its 调休 Sunday', '2025-09-26', '2025-10-09'],
    ['before 春节 2025, over its 调休 Sunday', '2025-01-24', '2025-02-06'],
    ['before 劳动节 2025', '2025-04-30', '2025-05-09'],
    ['before 端午 2025', '2025-05-30', '2025-06-06'],
    ['before 清明 2026', '2026-04-03', '2026-04-10'],
  ])('a publicity starting %s (%s) ends on %s at the earliest', (_case, start, end) => {
    expect(earliestPublicityEnd(start, SHIPPED_CALENDAR)).toBe(end);
    expect(SHIPPED_CALENDAR.workingDaysBetween(start, end)).toBe(5);
  });

  it('counts a period longer than a holiday without the holiday', () => {
    // 2026-09-28 to 2026-10-16: 15 weekdays and the 调休 Saturday 10-10, less 国庆's five weekdays.
    expect(SHIPPED_CALENDAR.workingDaysBetween('2026-09-28', '2026-10-16')).toBe(11);
    expect(WEEKENDS.workingDaysBetween('2026-09-28', '2026-10-16')).toBe(15);
    expect(SHIPPED_CALENDAR.workingDaysBetween('2026-09-30', '2026-10-06')).toBe(1);
  });

  it('is consistent with addWorkingDays over both years', () => {
    for (const start of daysOfYear(2025).filter((_, i) => i % 3 === 0)) {
      if (!SHIPPED_CALENDAR.isWorkingDay(start)) continue;
      for (const n of [1, 5, 9]) {
        expect(
          SHIPPED_CALENDAR.workingDaysBetween(start, SHIPPED_CALENDAR.addWorkingDays(start, n - 1)),
        ).toBe(n);
      }
    }
  });

  it('counts a year without a notice by weekends, and says so', () => {
    expect(earliestPublicityEnd('2026-12-28', SHIPPED_CALENDAR)).toBe('2027-01-01');
    expect(SHIPPED_CALENDAR.missingYears('2026-12-28', '2027-01-01')).toEqual([2027]);
    expect(SHIPPED_CALENDAR.missingYearsNotice('2026-12-28', '2027-01-01')).toBe(
      '2027年节假日安排尚未发布,暂按周末计算',
    );
    expect(SHIPPED_CALENDAR.missingYearsNotice('2026-12-01', '2026-12-07')).toBeNull();
  });

  it('moves the end of a publicity when a holiday is added inside it', () => {
    const period = { start: '2026-11-02', end: '2026-11-06' };
    expect(publicityEndOf(period, SHIPPED_CALENDAR)).toBe('2026-11-06');
    const withNewHoliday = new WorkingCalendar([
      ...SHIPPED_HOLIDAY_YEARS.filter((year) => year.year !== 2026),
      {
        ...SHIPPED_HOLIDAY_YEARS[1]!,
        holidays: [
          ...SHIPPED_HOLIDAY_YEARS[1]!.holidays,
          { name: '测试假日', daysOff: ['2026-11-04'], workdays: [] },
        ],
      },
    ]);
    expect(publicityEndOf(period, withNewHoliday)).toBe('2026-11-09');
    // A longer period chosen on approval is kept.
    expect(publicityEndOf({ start: '2026-11-02', end: '2026-11-13' }, withNewHoliday)).toBe('2026-11-13');
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

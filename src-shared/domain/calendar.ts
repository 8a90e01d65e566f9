/**
 * Calendar dates as the platform uses them: ISO strings 'YYYY-MM-DD' without a time or zone, so that a date
 * means the same day on the server, in the client and on the printed 公示表.
 *
 * Working days are those of the statutory calendar: Monday to Friday, except the public holidays, plus the
 * weekend days declared working days (调休), as the State Council's yearly notice sets them. The notices
 * are data (holiday-years.ts, kept on the server and synced), read through a WorkingCalendar; a year the
 * table does not have yet is counted by weekends alone, and says so (missingYears).
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 24 * 60 * 60 * 1000;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Whether year/month/day name a day of the Gregorian calendar (e.g. not 2023-02-29 or 2024-04-31). */
export function isExistingDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

/** Whether `s` is 'YYYY-MM-DD' and that day exists. */
export function isIsoDate(s: string): boolean {
  const match = ISO_DATE.exec(s);
  if (!match) return false;
  return isExistingDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** The calendar date in China (Beijing time) at an instant, as 'YYYY-MM-DD': the time policy's own function. */
export { beijingDateOf as chinaDateOf } from '../time/beijing-time';

function toUtcMs(date: string): number {
  if (!isIsoDate(date)) throw new RangeError(`Not an existing YYYY-MM-DD date: ${date}`);
  return Date.parse(`${date}T00:00:00Z`);
}

function fromUtcMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Whether the date is a Saturday or a Sunday. Throws RangeError for a string that is not an existing date. */
export function isWeekend(date: string): boolean {
  const weekday = new Date(toUtcMs(date)).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** The year of a 'YYYY-MM-DD' date. */
export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/** One year's holidays as the State Council's notice sets them (holiday-years.ts has the shipped ones). */
export interface HolidayYear {
  year: number;
  /** The notice's title, e.g. 国务院办公厅关于2026年部分节假日安排的通知. */
  notice: string;
  /** The notice's date, 'YYYY-MM-DD'. */
  published: string;
  holidays: readonly Holiday[];
}

export interface Holiday {
  /** 春节, 国庆节… */
  name: string;
  /** The days off, weekends within the holiday included. */
  daysOff: readonly string[];
  /** The weekend days that are working days for this holiday (调休). */
  workdays: readonly string[];
}

/**
 * Working days by the statutory calendar over the holiday years it was given. Every rule that counts
 * working days (the 公示期's minimum, its end, the 上报主管部门 gate) asks the same calendar, on the server
 * and in the client alike.
 */
export class WorkingCalendar {
  private readonly years: ReadonlySet<number>;
  private readonly daysOff = new Map<string, string>();
  private readonly workdays = new Map<string, string>();

  constructor(holidayYears: readonly HolidayYear[]) {
    this.years = new Set(holidayYears.map((entry) => entry.year));
    for (const entry of holidayYears) {
      for (const holiday of entry.holidays) {
        for (const day of holiday.daysOff) this.daysOff.set(day, holiday.name);
        for (const day of holiday.workdays) this.workdays.set(day, holiday.name);
      }
    }
  }

  /** Whether the year's holidays are known (else its days are counted by weekends alone). */
  hasYear(year: number): boolean {
    return this.years.has(year);
  }

  /** Whether `date` is a working day. Throws RangeError for a string that is not an existing date. */
  isWorkingDay(date: string): boolean {
    if (this.daysOff.has(date)) return false;
    if (this.workdays.has(date)) return true;
    return !isWeekend(date);
  }

  /** The holiday a day off or a 调休 working day belongs to, e.g. 国庆节; null for an ordinary day. */
  holidayOf(date: string): string | null {
    return this.daysOff.get(date) ?? this.workdays.get(date) ?? null;
  }

  /**
   * The date `n` working days after `date` (before it when `n` is negative); `date` itself is not counted,
   * so addWorkingDays(Friday, 1) is the next working Monday and addWorkingDays(d, 0) is d.
   */
  addWorkingDays(date: string, n: number): string {
    if (!Number.isInteger(n)) throw new RangeError(`Working days must be an integer: ${n}`);
    let ms = toUtcMs(date);
    const step = n < 0 ? -DAY_MS : DAY_MS;
    let remaining = Math.abs(n);
    while (remaining > 0) {
      ms += step;
      if (this.isWorkingDay(fromUtcMs(ms))) remaining -= 1;
    }
    return fromUtcMs(ms);
  }

  /**
   * How many working days lie in the period from `start` to `end`, both days included; 0 when `end` is
   * before `start`. Both ends count because a notice posted on the start day and taken down at the end of
   * the last day was visible on each of them.
   */
  workingDaysBetween(start: string, end: string): number {
    const endMs = toUtcMs(end);
    let count = 0;
    for (let ms = toUtcMs(start); ms <= endMs; ms += DAY_MS) {
      if (this.isWorkingDay(fromUtcMs(ms))) count += 1;
    }
    return count;
  }

  /** The years from `start` to `end` whose holidays the calendar does not have, in order. */
  missingYears(start: string, end: string): number[] {
    const missing: number[] = [];
    for (let year = yearOf(start); year <= yearOf(end); year += 1) {
      if (!this.hasYear(year)) missing.push(year);
    }
    return missing;
  }

  /**
   * What a period running into a year without a notice yet means, in Chinese, or null:
   * "2027年节假日安排尚未发布,暂按周末计算".
   */
  missingYearsNotice(start: string, end: string): string | null {
    if (!isIsoDate(start) || !isIsoDate(end)) return null;
    const missing = this.missingYears(start, end < start ? start : end);
    if (missing.length === 0) return null;
    return `${missing.map((year) => `${year}年`).join('、')}节假日安排尚未发布,暂按周末计算`;
  }
}

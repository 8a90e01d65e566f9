import { SHIPPED_HOLIDAY_YEARS } from '../../../src-shared/domain/holiday-years';
import { DAY_MS, instantOfBeijingDay } from '../../../src-shared/time/beijing-time';

/**
 * Date arithmetic for the generator on plain numbers: days since 1970-01-01 in Beijing time and months as
 * year × 12 + month − 1. Tens of dates per application times 50,000 applications is too many Date objects
 * and toISOString calls; these stay on integers and build the strings by hand.
 */

export { DAY_MS };
const MINUTE_MS = 60_000;

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The instant of a Beijing day at a minute and second of that day. */
export function instantOf(day: number, minuteOfDay: number, second = 0): number {
  return instantOfBeijingDay(day, minuteOfDay * MINUTE_MS + second * 1000);
}

/** Year, month (1-12) and day of a day number (Howard Hinnant's civil_from_days). */
export function civilOf(day: number): [number, number, number] {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

export function dayOf(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** 'YYYY-MM-DD' of a day number; years 1000-9999 only, which is all the demo needs. */
export function isoDay(day: number): string {
  const [y, m, d] = civilOf(day);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

export function dayOfIso(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
}

/**
 * The shipped notices' days off and 调休 working days by day number: the statutory calendar
 * (calendar.ts) on integers, so the demo's publicities last as long as the server will judge them to.
 */
const STATUTORY_EXCEPTIONS = new Map<number, boolean>(
  SHIPPED_HOLIDAY_YEARS.flatMap((year) =>
    year.holidays.flatMap((holiday) => [
      ...holiday.daysOff.map((day): [number, boolean] => [dayOfIso(day), false]),
      ...holiday.workdays.map((day): [number, boolean] => [dayOfIso(day), true]),
    ]),
  ),
);

/** A working day of the statutory calendar (weekends only in years without a notice). 1970-01-01 was a Thursday. */
export function isWorkday(day: number): boolean {
  const exception = STATUTORY_EXCEPTIONS.get(day);
  if (exception !== undefined) return exception;
  const weekday = (((day + 4) % 7) + 7) % 7;
  return weekday !== 0 && weekday !== 6;
}

/** `day` itself if it is a working day, else the next one. */
export function workdayFrom(day: number): number {
  let d = day;
  while (!isWorkday(d)) d += 1;
  return d;
}

/** `n` ≥ 0 working days after `day`, not counting `day` itself. */
export function addWorkdays(day: number, n: number): number {
  let d = day;
  for (let left = n; left > 0;) {
    d += 1;
    if (isWorkday(d)) left -= 1;
  }
  return d;
}

export function monthIndex(year: number, month: number): number {
  return year * 12 + month - 1;
}

export function monthOfDay(day: number): number {
  const [y, m] = civilOf(day);
  return monthIndex(y, m);
}

/** 'YYYY-MM' of a month index. */
export function isoMonth(month: number): string {
  return `${Math.floor(month / 12)}-${pad2((month % 12) + 1)}`;
}

/** 'YYYY-MM-DD' of a day `dayOfMonth` (clamped to the month's length) in a month index. */
export function isoDayInMonth(month: number, dayOfMonth: number): string {
  const year = Math.floor(month / 12);
  const m = (month % 12) + 1;
  return `${year}-${pad2(m)}-${pad2(Math.min(dayOfMonth, daysInMonth(year, m)))}`;
}

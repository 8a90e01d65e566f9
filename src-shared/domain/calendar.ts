/**
 * Calendar dates as the platform uses them: ISO strings 'YYYY-MM-DD' without a time or zone, so that a date
 * means the same day on the server, in the client and on the printed 公示表.
 *
 * Working days are Monday to Friday. There is no holiday calendar yet (春节, 国庆 and the weekend days
 * that the State Council declares working days are not modelled), so a period that spans a public holiday is
 * counted as longer than it really is; reviewers still see the dates and can choose a longer period.
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

function isWeekendMs(ms: number): boolean {
  const weekday = new Date(ms).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** Whether the date is Monday to Friday. Throws RangeError for a string that is not an existing date. */
export function isWorkingDay(date: string): boolean {
  return !isWeekendMs(toUtcMs(date));
}

/**
 * The date `n` working days after `date` (before it when `n` is negative); `date` itself is not counted, so
 * addWorkingDays(Friday, 1) is the next Monday and addWorkingDays(d, 0) is d. Throws RangeError for a string
 * that is not an existing date.
 */
export function addWorkingDays(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`Working days must be an integer: ${n}`);
  let ms = toUtcMs(date);
  const step = n < 0 ? -DAY_MS : DAY_MS;
  let remaining = Math.abs(n);
  while (remaining > 0) {
    ms += step;
    if (!isWeekendMs(ms)) remaining -= 1;
  }
  return fromUtcMs(ms);
}

/**
 * How many working days lie in the period from `start` to `end`, both days included (Monday to Friday of one
 * week is 5); 0 when `end` is before `start`. Both ends count because a notice posted on the start day and
 * taken down at the end of the last day was visible on each of them.
 */
export function workingDaysBetween(start: string, end: string): number {
  const startMs = toUtcMs(start);
  const endMs = toUtcMs(end);
  if (endMs < startMs) return 0;
  const days = Math.round((endMs - startMs) / DAY_MS) + 1;
  const fullWeeks = Math.floor(days / 7);
  let count = fullWeeks * 5;
  // The remaining 0-6 days after the full weeks are counted one by one.
  for (let ms = startMs + fullWeeks * 7 * DAY_MS; ms <= endMs; ms += DAY_MS) {
    if (!isWeekendMs(ms)) count += 1;
  }
  return count;
}

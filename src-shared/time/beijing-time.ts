/**
 * The platform's one time policy: its dates and times are Beijing's (UTC+8; Chongqing keeps no daylight
 * saving time), whatever time zone the computer that shows or computes them is set to. A unit PC set to
 * UTC must print and show the same day and minute as one in Chongqing, and the server's daily limits
 * roll over at Beijing's midnight. Everything that turns an instant into a day or a wall-clock time, or
 * back, goes through here; nothing else adds the offset by hand or reads the PC's own zone.
 */

export const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;

/** An instant: a Date, milliseconds since the epoch, or an ISO string with its zone (as the server sends). */
export type Instant = Date | number | string;

function msOf(at: Instant): number {
  if (at instanceof Date) return at.getTime();
  return typeof at === 'number' ? at : Date.parse(at);
}

/** 'YYYY-MM-DDTHH:mm:ss.sss' as a clock in Beijing reads at the instant, or null for no valid instant. */
function beijingWallClock(at: Instant): string | null {
  const ms = msOf(at);
  if (!Number.isFinite(ms)) return null;
  const shifted = new Date(ms + BEIJING_OFFSET_MS);
  return Number.isNaN(shifted.getTime()) ? null : shifted.toISOString();
}

function wallClockOrThrow(at: Instant): string {
  const text = beijingWallClock(at);
  if (text === null) throw new RangeError(`Not a valid instant: ${String(at)}`);
  return text;
}

/** The Beijing date at the instant, 'YYYY-MM-DD': "today" for the platform. */
export function beijingDateOf(at: Instant): string {
  return wallClockOrThrow(at).slice(0, 10);
}

/** The number of the Beijing day at the instant, counted from 1970-01-01 (day 0). */
export function beijingDayNumberOf(ms: number): number {
  return Math.floor((ms + BEIJING_OFFSET_MS) / DAY_MS);
}

/** The instant a Beijing day (by its number) reaches `msOfDay` past midnight. */
export function instantOfBeijingDay(day: number, msOfDay = 0): number {
  return day * DAY_MS + msOfDay - BEIJING_OFFSET_MS;
}

/** The instant a Beijing date 'YYYY-MM-DD' begins (its midnight in Beijing). */
export function startOfBeijingDay(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00+08:00`));
}

/** Milliseconds from the instant to the next midnight in Beijing, when a new day begins. */
export function msUntilBeijingMidnight(at: Instant): number {
  const ms = msOf(at);
  return instantOfBeijingDay(beijingDayNumberOf(ms) + 1) - ms;
}

/** '2026-03-02T14:10:00Z' → '2026-03-02 22:10'; null (never) → '—'; text that is no instant is shown as is. */
export function formatBeijingDateTime(at: Instant | null): string {
  if (at === null) return '—';
  const text = beijingWallClock(at);
  if (text === null) return String(at);
  return `${text.slice(0, 10)} ${text.slice(11, 16)}`;
}

/** '2026-03-02T01:30:05Z' → '09:30:05': a time of day to the second (when a draft was saved). */
export function formatBeijingClock(at: Instant): string {
  return beijingWallClock(at)?.slice(11, 19) ?? String(at);
}

/** '14:35': the minute of the day the instant falls in, or the next one when `roundUp` and it is past it. */
export function formatBeijingHourMinute(at: Instant, { roundUp = false } = {}): string {
  const ms = msOf(at);
  const minute = roundUp ? Math.ceil(ms / 60_000) * 60_000 : ms;
  return wallClockOrThrow(minute).slice(11, 16);
}

/**
 * A spreadsheet's date for the instant: a cell's date has no zone and Excel shows its UTC reading as
 * written, so this is the instant whose UTC reading is Beijing's wall clock then. Null for no valid instant.
 */
export function beijingSpreadsheetDate(at: Instant): Date | null {
  // The wall clock's ISO text ends in Z: read back, it is that reading as UTC.
  const text = beijingWallClock(at);
  return text === null ? null : new Date(text);
}

/** A Beijing date 'YYYY-MM-DD' as a spreadsheet's date (its midnight, as beijingSpreadsheetDate), or null. */
export function spreadsheetDateOfBeijingDate(date: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const day = new Date(`${date}T00:00:00.000Z`);
  // Date rolls 02-30 over into March: only a date that reads back the same exists.
  return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(date) ? day : null;
}

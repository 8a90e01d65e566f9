import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  beijingDateOf,
  beijingDayNumberOf,
  formatBeijingClock,
  formatBeijingDateTime,
  formatBeijingHourMinute,
  instantOfBeijingDay,
  msUntilBeijingMidnight,
  beijingSpreadsheetDate,
  spreadsheetDateOfBeijingDate,
  startOfBeijingDay,
} from '../../src-shared/time/beijing-time';

/**
 * The platform's time policy: Beijing's dates and wall-clock times, on a computer set to any zone. Each
 * case runs with the process in UTC and in New York, as a unit PC may be set, with fixed instants.
 */

const ZONES = ['UTC', 'America/New_York', 'Asia/Shanghai'];
const originalZone = process.env.TZ;

describe.each(ZONES)('on a computer set to %s', (zone) => {
  beforeAll(() => {
    process.env.TZ = zone;
  });
  afterAll(() => {
    if (originalZone === undefined) delete process.env.TZ;
    else process.env.TZ = originalZone;
  });

  it('reads the zone it claims to (the test would prove nothing otherwise)', () => {
    const offset = new Date('2026-01-15T00:00:00Z').getTimezoneOffset();
    expect(offset).toBe({ UTC: 0, 'America/New_York': 300, 'Asia/Shanghai': -480 }[zone]);
  });

  it('formats an instant as Beijing date and time: 14:10 UTC is 22:10 in Chongqing', () => {
    expect(formatBeijingDateTime('2026-03-02T14:10:00.000Z')).toBe('2026-03-02 22:10');
    expect(formatBeijingDateTime(new Date('2026-03-02T16:00:00Z'))).toBe('2026-03-03 00:00');
    expect(formatBeijingDateTime(Date.parse('2026-12-31T15:59:59Z'))).toBe('2026-12-31 23:59');
    expect(formatBeijingDateTime(null)).toBe('—');
    expect(formatBeijingDateTime('not a time')).toBe('not a time');
  });

  it('formats the time of day to the second, and to the minute rounded up', () => {
    expect(formatBeijingClock('2026-03-02T01:30:05.000Z')).toBe('09:30:05');
    expect(formatBeijingHourMinute(new Date('2026-03-02T06:34:01Z'), { roundUp: true })).toBe('14:35');
    expect(formatBeijingHourMinute(new Date('2026-03-02T06:35:00Z'), { roundUp: true })).toBe('14:35');
    expect(formatBeijingHourMinute(new Date('2026-03-02T06:35:59Z'))).toBe('14:35');
  });

  it("gives the Beijing date of an instant, the day turning at Beijing's midnight", () => {
    expect(beijingDateOf(new Date('2026-03-01T15:59:59.999Z'))).toBe('2026-03-01');
    expect(beijingDateOf(new Date('2026-03-01T16:00:00Z'))).toBe('2026-03-02');
    expect(beijingDateOf('2026-03-02T10:00:00+08:00')).toBe('2026-03-02');
    expect(() => beijingDateOf(new Date(Number.NaN))).toThrow(RangeError);
  });

  it("gives a spreadsheet's zoneless date: Beijing's wall clock read as UTC", () => {
    expect(beijingSpreadsheetDate('2026-03-01T16:30:00.000Z')?.toISOString()).toBe(
      '2026-03-02T00:30:00.000Z',
    );
    expect(beijingSpreadsheetDate('not a time')).toBeNull();
    expect(spreadsheetDateOfBeijingDate('2026-05-11')?.toISOString()).toBe('2026-05-11T00:00:00.000Z');
    expect(spreadsheetDateOfBeijingDate('2026-02-30')).toBeNull();
    expect(spreadsheetDateOfBeijingDate('11/05/2026')).toBeNull();
  });

  it('starts a Beijing day at its midnight, and counts to the next one', () => {
    expect(startOfBeijingDay('2026-03-02').toISOString()).toBe('2026-03-01T16:00:00.000Z');
    expect(msUntilBeijingMidnight(new Date('2026-03-01T15:00:00Z'))).toBe(60 * 60 * 1000);
    expect(msUntilBeijingMidnight(new Date('2026-03-01T16:00:00Z'))).toBe(24 * 60 * 60 * 1000);
  });

  it('numbers Beijing days and finds their instants', () => {
    const day = beijingDayNumberOf(Date.parse('2026-03-02T00:30:00+08:00'));
    expect(day).toBe(Date.UTC(2026, 2, 2) / 86_400_000);
    expect(new Date(instantOfBeijingDay(day, 9 * 3_600_000)).toISOString()).toBe('2026-03-02T01:00:00.000Z');
  });
});

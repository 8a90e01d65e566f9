import { z } from './zod-chinese';
import { isIsoDate, isWeekend, yearOf } from '../domain/calendar';

/**
 * The statutory calendar's table (calendar.ts, holiday-years.ts): one year per State Council notice, kept
 * on the server, edited by the title office (职改办), and synced into every client's cache.
 */

const isoDateField = z
  .string()
  .refine((value) => isIsoDate(value), { message: '日期应为有效日期(格式YYYY-MM-DD)' });

export const holidaySchema = z.strictObject({
  name: z.string().trim().min(1, '请填写节日名称').max(20, '节日名称不能超过20个字'),
  daysOff: z.array(isoDateField).min(1, '请至少填写一天放假日期').max(15, '放假日期不能超过15天'),
  workdays: z.array(isoDateField).max(5, '调休上班日期不能超过5天'),
});

const yearNumber = z
  .number()
  .int('年份应为整数')
  .min(2000, '年份应在2000至2100之间')
  .max(2100, '年份应在2000至2100之间');

/** A year as a path segment carries it ('/api/admin/holidays/2027'): text that must be such a number. */
const yearFromPath = z.coerce
  .number()
  .int('年份应为整数')
  .min(2000, '年份应在2000至2100之间')
  .max(2100, '年份应在2000至2100之间');

const holidayYearFields = {
  notice: z.string().trim().min(1, '请填写通知名称').max(100, '通知名称不能超过100个字'),
  published: isoDateField,
  holidays: z.array(holidaySchema).max(20, '节日不能超过20个'),
};

/**
 * The checks across a notice's days: each day within the year (元旦's 调休 may be in the year before), no
 * day twice, 调休 only on a weekend. The same whether the year comes as a number (a file, the cache) or
 * from a request's path.
 */
function checkHolidayDays(
  entry: {
    year: number;
    holidays: ReadonlyArray<{ daysOff: readonly string[]; workdays: readonly string[] }>;
  },
  ctx: z.RefinementCtx,
): void {
  const seen = new Set<string>();
  entry.holidays.forEach((holiday, index) => {
    for (const [key, days] of [
      ['daysOff', holiday.daysOff],
      ['workdays', holiday.workdays],
    ] as const) {
      for (const day of days) {
        const path = ['holidays', index, key];
        if (!isIsoDate(day)) continue;
        // 元旦's 调休 may fall in the year before (a 2026 notice may name a Sunday of 2025-12).
        if (Math.abs(yearOf(day) - entry.year) > 1 || (key === 'daysOff' && yearOf(day) !== entry.year)) {
          ctx.addIssue({ code: 'custom', path, message: `${day}不在${entry.year}年内` });
        }
        if (seen.has(day)) ctx.addIssue({ code: 'custom', path, message: `${day}重复出现` });
        seen.add(day);
        if (key === 'workdays' && !isWeekend(day)) {
          ctx.addIssue({ code: 'custom', path, message: `${day}不是周末,无需调休上班` });
        }
      }
    }
  });
}

export const holidayYearSchema = z
  .strictObject({ year: yearNumber, ...holidayYearFields })
  .superRefine(checkHolidayDays);
export type HolidayYearInput = z.infer<typeof holidayYearSchema>;

/** The whole table: every year the server has, with the time it last changed (a client's sync key). */
export const holidayTableSchema = z.object({
  years: z.array(holidayYearSchema),
  /** ISO instant of the last change on the server; null for a table never changed since it was seeded. */
  updatedAt: z.string().nullable(),
});
export type HolidayTable = z.infer<typeof holidayTableSchema>;

/** The client's copy: the server's table as last synced, or the shipped years before the first sync. */
export const cachedHolidayTableSchema = holidayTableSchema.extend({
  /** When the copy was taken from the server; null while it is the shipped table. */
  syncedAt: z.string().nullable(),
});
export type CachedHolidayTable = z.infer<typeof cachedHolidayTableSchema>;

export const holidayYearRequestSchema = z.strictObject({ year: yearFromPath });

/**
 * PUT /api/admin/holidays/:year: the year's notice, its year taken from the path (the client sends the
 * rest as the body). A body that names a year of its own must name the same one (the route checks).
 */
export const saveHolidayYearRequestSchema = z
  .strictObject({ year: yearFromPath, ...holidayYearFields })
  .superRefine(checkHolidayDays);

const HOLIDAY_FIELD_LABELS: Readonly<Record<string, string>> = {
  year: '年份',
  notice: '通知名称',
  published: '发布日期',
  holidays: '节日',
  name: '节日名称',
  daysOff: '放假日期',
  workdays: '调休上班日期',
};

/**
 * Where a problem of holidayYearSchema is, in Chinese: ['holidays', 1, 'daysOff', 0] is
 * 第2个节日的放假日期(第1项). For a list of problems (the admin command) that has no form to point at.
 */
export function holidayFieldLabel(path: ReadonlyArray<PropertyKey>): string {
  let label = '';
  for (let index = 0; index < path.length; index += 1) {
    const key = path[index];
    const next = path[index + 1];
    if (key === 'holidays' && typeof next === 'number') {
      label += `第${next + 1}个节日`;
      index += 1;
    } else if (typeof key === 'number') {
      label += `(第${key + 1}项)`;
    } else {
      label += (label === '' ? '' : '的') + (HOLIDAY_FIELD_LABELS[String(key)] ?? String(key));
    }
  }
  return label === '' ? '节假日安排' : label;
}

import type { HolidayYearInput } from '../../src-shared/contracts/calendar';
import { SHIPPED_HOLIDAY_YEARS } from '../../src-shared/domain/holiday-years';

/** A notice for a year the release does not ship, as the title office would enter or import it. */
export const NOTICE_2027: HolidayYearInput = {
  year: 2027,
  notice: '国务院办公厅关于2027年部分节假日安排的通知',
  published: '2026-11-10',
  holidays: [
    { name: '元旦', daysOff: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: [] },
    { name: '春节', daysOff: ['2027-02-06', '2027-02-07', '2027-02-08'], workdays: ['2027-01-30'] },
  ],
};

/** The shipped 2026 notice with one more day off (a holiday the title office adds). */
export function notice2026With(day: string): HolidayYearInput {
  const shipped = SHIPPED_HOLIDAY_YEARS.find((entry) => entry.year === 2026);
  if (shipped === undefined) throw new Error('2026 is not shipped');
  return {
    year: 2026,
    notice: shipped.notice,
    published: shipped.published,
    holidays: [
      ...shipped.holidays.map((holiday) => ({
        name: holiday.name,
        daysOff: [...holiday.daysOff],
        workdays: [...holiday.workdays],
      })),
      { name: '临时休假', daysOff: [day], workdays: [] },
    ],
  };
}

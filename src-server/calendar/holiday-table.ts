import type { Kysely } from 'kysely';
import type { HolidayTable, HolidayYearInput } from '../../src-shared/contracts/calendar';
import { WorkingCalendar, type Holiday, type HolidayYear } from '../../src-shared/domain/calendar';
import { SHIPPED_HOLIDAY_YEARS } from '../../src-shared/domain/holiday-years';
import type { Database } from '../db/schema';

/**
 * The server's copy of the statutory calendar (migration 0008): what every publicity decision is judged
 * by, and what every client syncs. It is read from the database for each decision, inside the
 * decision's transaction, never kept in memory: several instances share one database, and a year the
 * title office replaced on one must count on the others at once. The table is a few rows.
 */

/** Every year the table has, in order. */
export async function readHolidayYears(db: Kysely<Database>): Promise<HolidayYearInput[]> {
  const rows = await db
    .selectFrom('holiday_years')
    .select(['year', 'notice', 'published', 'holidays'])
    .orderBy('year')
    .execute();
  return rows.map((row) => ({
    // PostgreSQL's integer arrives as a number, but a bigint would not: Number() either way.
    year: Number(row.year),
    notice: row.notice,
    published: row.published,
    holidays: (JSON.parse(row.holidays) as Holiday[]).map(copyHoliday),
  }));
}

/** The table as the contract answers it: the years and when it last changed (null: never since seeded). */
export async function readHolidayTable(db: Kysely<Database>): Promise<HolidayTable> {
  const [years, changed] = await Promise.all([
    readHolidayYears(db),
    db
      .selectFrom('holiday_years')
      .select((eb) => eb.fn.max('updated_at').as('updated_at'))
      .executeTakeFirst(),
  ]);
  return {
    years,
    updatedAt: changed?.updated_at ?? null,
  };
}

/** The working calendar over the table as it is now (in `db`'s transaction, when it is one). */
export async function holidayCalendar(db: Kysely<Database>): Promise<WorkingCalendar> {
  return new WorkingCalendar(await readHolidayYears(db));
}

/**
 * Replaces one year (adds it when the table lacks it). The caller has validated the entry with the
 * contract's holidayYearSchema; `by` names who did it, for whoever asks later.
 */
export async function replaceHolidayYear(
  db: Kysely<Database>,
  entry: HolidayYear,
  by: string,
  now: Date,
): Promise<void> {
  const values = {
    notice: entry.notice,
    published: entry.published,
    holidays: JSON.stringify(entry.holidays.map(copyHoliday)),
    updated_at: now.toISOString(),
    updated_by: by,
  };
  await db
    .insertInto('holiday_years')
    .values({ year: entry.year, ...values })
    .onConflict((conflict) => conflict.column('year').doUpdateSet(values))
    .execute();
}

/**
 * Adds the years this release ships that the table does not have yet (a release that brings 2027.json
 * before the title office typed 2027 in), never touching a year the table has: the title office's
 * version wins over the shipped one. Runs at every start, after the migrations.
 */
export async function addShippedHolidayYears(db: Kysely<Database>): Promise<void> {
  await db
    .insertInto('holiday_years')
    .values(
      SHIPPED_HOLIDAY_YEARS.map((entry) => ({
        year: entry.year,
        notice: entry.notice,
        published: entry.published,
        holidays: JSON.stringify(entry.holidays.map(copyHoliday)),
        updated_at: null,
        updated_by: null,
      })),
    )
    .onConflict((conflict) => conflict.column('year').doNothing())
    .execute();
}

/** Only the fields a holiday has: an entry parsed elsewhere carries nothing else into the table. */
function copyHoliday(holiday: Holiday): HolidayYearInput['holidays'][number] {
  return { name: holiday.name, daysOff: [...holiday.daysOff], workdays: [...holiday.workdays] };
}

import type { Kysely, Migration } from 'kysely';
import holidays2025 from '../../../src-shared/domain/holidays/2025.json' with { type: 'json' };
import holidays2026 from '../../../src-shared/domain/holidays/2026.json' with { type: 'json' };

/**
 * The statutory calendar's table (src-shared/domain/calendar.ts): one row per State Council notice, its
 * holidays as JSON (a year is read and replaced whole, never queried by day). The title office replaces
 * a year through PUT /api/admin/holidays/:year or `npm run admin -- import-holidays`.
 *
 * Seeded with the notices this migration was written with, imported by file rather than through
 * SHIPPED_HOLIDAY_YEARS, so that it means the same forever; years a later release ships are added at
 * start (calendar/holiday-table.ts, addShippedHolidayYears). Seeded rows have no updated_at: the table's
 * updatedAt stays null until someone changes it.
 */
export const holidaysMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('holiday_years')
      .addColumn('year', 'integer', (col) => col.primaryKey())
      .addColumn('notice', 'text', (col) => col.notNull())
      .addColumn('published', 'text', (col) => col.notNull())
      .addColumn('holidays', 'text', (col) => col.notNull())
      .addColumn('updated_at', 'text')
      .addColumn('updated_by', 'text')
      .execute();
    await (db as Kysely<{ holiday_years: Record<string, unknown> }>)
      .insertInto('holiday_years')
      .values(
        [holidays2025, holidays2026].map((entry) => ({
          year: entry.year,
          notice: entry.notice,
          published: entry.published,
          holidays: JSON.stringify(entry.holidays),
          updated_at: null,
          updated_by: null,
        })),
      )
      .execute();
  },

  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('holiday_years').execute();
  },
};

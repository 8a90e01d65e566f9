import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

/**
 * The client's copy of the server's holiday table (DESIGN.md "公示表": a table the 职改办 maintains and
 * every client caches), so that the publicity's working days count the same offline. One row, written
 * whole at each sync that brings a different table; without it the core counts by the shipped notices.
 */
export const holidaysMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('holiday_table')
      .addColumn('id', 'integer', (col) => col.primaryKey().check(sql`id = 1`))
      .addColumn('years_json', 'text', (col) => col.notNull())
      .addColumn('updated_at', 'text')
      .addColumn('synced_at', 'text', (col) => col.notNull())
      .execute();
  },

  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('holiday_table').execute();
  },
};

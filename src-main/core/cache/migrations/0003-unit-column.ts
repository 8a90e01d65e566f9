import type { Kysely, Migration } from 'kysely';

const BEFORE = ['application_no', 'applicant_name', 'submit_count', 'search_text'] as const;
const AFTER = [...BEFORE, 'unit_id', 'unit_name'] as const;

/**
 * A department's list shows, sorts and filters by 所在单位 (the unit of each application). Its indexes
 * cover every column the list filters, sorts or searches on (see 0001-cache), so they gain the unit's
 * id and name; without them, that sort or filter read the table row behind every entry of the scope.
 * Only the indexes change: drafts, the outbox and the synced rows stay.
 */
export const unitColumnMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await recreate(db, AFTER);
  },
  async down(db: Kysely<unknown>) {
    await recreate(db, BEFORE);
  },
};

async function recreate(db: Kysely<unknown>, listed: readonly string[]) {
  await db.schema.dropIndex('applications_department_list').execute();
  await db.schema.dropIndex('applications_department_submitted').execute();
  await db.schema
    .createIndex('applications_department_list')
    .on('applications')
    .columns(['department_id', 'state', 'submitted_at', 'id', ...listed])
    .execute();
  await db.schema
    .createIndex('applications_department_submitted')
    .on('applications')
    .columns(['department_id', 'submitted_at', 'id', ...listed])
    .execute();
}

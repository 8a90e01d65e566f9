import type { Kysely, Migration } from 'kysely';

/**
 * Indexes for finding uploads nobody uses (src-server/files/unused.ts): the upload quota counts a
 * person's files that no registration and no application names, and the sweep looks for such files
 * older than a day. Without these, each "does anything name this file" is a scan of the whole table.
 */
export const unusedFilesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createIndex('application_files_file_id')
      .on('application_files')
      .column('file_id')
      .execute();
    await db.schema.createIndex('units_licence_file_id').on('units').column('licence_file_id').execute();
    await db.schema.createIndex('files_created_at').on('files').column('created_at').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('files_created_at').execute();
    await db.schema.dropIndex('units_licence_file_id').execute();
    await db.schema.dropIndex('application_files_file_id').execute();
  },
};

import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

/**
 * The review dialog's needs: every round's comments and the content as it was at the latest return
 * travel with each application (the dialog shows what was asked before and what changed since), and an
 * outbox operation keeps the server's Chinese message for a conflict or a rejection beside its result.
 *
 * Columns are added, never rewritten: a reviewer's cache holds drafts and an outbox nobody else has.
 * Applications cached before have no comments yet, so a cache that has synced before starts a fresh
 * snapshot (as after "resync": everything is fetched again, drafts and outbox stay).
 */
export const reviewMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('application_documents')
      .addColumn('comments_json', 'text', (col) => col.notNull().defaultTo('[]'))
      .execute();
    await db.schema.alterTable('application_documents').addColumn('previous_content_json', 'text').execute();
    await db.schema.alterTable('outbox').addColumn('message', 'text').execute();
    // Whether an application has a decision on its way, for each row of a list page.
    await db.schema
      .createIndex('outbox_application_seq')
      .on('outbox')
      .columns(['application_id', 'seq'])
      .execute();
    await sql`drop index if exists outbox_application_id`.execute(db);
    await sql`update sync_state
                 set snapshot_generation = snapshot_generation + 1, snapshot_in_progress = 1, cursor = null
               where id = 1 and cursor is not null`.execute(db);
  },

  async down(db: Kysely<unknown>) {
    await db.schema.createIndex('outbox_application_id').on('outbox').column('application_id').execute();
    await db.schema.dropIndex('outbox_application_seq').execute();
    await db.schema.alterTable('outbox').dropColumn('message').execute();
    await db.schema.alterTable('application_documents').dropColumn('previous_content_json').execute();
    await db.schema.alterTable('application_documents').dropColumn('comments_json').execute();
  },
};

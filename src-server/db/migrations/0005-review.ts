import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

/**
 * Review decisions (DESIGN.md "Sync", push).
 *
 * - `application_comments` keeps every reviewer comment of every round, with where it points (the whole
 *   application, a section, a row or a field) and the submission it was made on, so a later round still
 *   shows what was asked before. `seq` numbers them per application: the comments of one decision share
 *   their timestamp and keep the reviewer's order by it.
 * - `review_operations` is the stored result of each operation a client pushed, keyed by the client's
 *   UUID: a replay is answered from it instead of applying the step again. It is written in the
 *   transaction of the step, so a step never exists without its result or the other way round. The
 *   application id is not a foreign key: an operation on an application that does not exist (or that
 *   the caller may not see) is refused, and that refusal is stored like any other result.
 * - `applications.previous_content` is the content as it was at the latest return, so the reviewer of
 *   the resubmission sees what the applicant changed.
 */
/** Written out, not imported from the contract: a migration that has run must mean the same forever. */
const OUTCOMES = ['applied', 'conflict', 'rejected'] as const;

export const reviewMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('application_comments')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('application_id', 'text', (col) =>
        col.notNull().references('applications.id').onDelete('cascade'),
      )
      .addColumn('seq', 'integer', (col) => col.notNull())
      .addColumn('round', 'integer', (col) => col.notNull())
      .addColumn('section_key', 'text', (col) => col.notNull())
      .addColumn('row_index', 'integer')
      .addColumn('field_key', 'text')
      .addColumn('text', 'text', (col) => col.notNull())
      .addColumn('author_id', 'text', (col) => col.references('users.id').onDelete('set null'))
      .addColumn('author_name', 'text', (col) => col.notNull())
      .addColumn('action', 'text', (col) => col.notNull())
      .addColumn('at', 'text', (col) => col.notNull())
      .addUniqueConstraint('application_comments_application_seq', ['application_id', 'seq'])
      .execute();
    // The records of a page read the comments of their applications.
    await db.schema
      .createIndex('application_comments_application')
      .on('application_comments')
      .column('application_id')
      .execute();

    const outcomes = sql.join(OUTCOMES.map((outcome) => sql.lit(outcome)));
    await db.schema
      .createTable('review_operations')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
      .addColumn('application_id', 'text', (col) => col.notNull())
      .addColumn('outcome', 'text', (col) => col.notNull().check(sql`outcome in (${outcomes})`))
      .addColumn('message', 'text')
      .addColumn('created_at', 'text', (col) => col.notNull())
      .execute();

    await db.schema.alterTable('applications').addColumn('previous_content', 'text').execute();
  },

  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('applications').dropColumn('previous_content').execute();
    await db.schema.dropTable('review_operations').execute();
    await db.schema.dropTable('application_comments').execute();
  },
};

import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';
import { APPLICATION_STATES } from '../../../src-shared/domain/workflow';

/**
 * Applications (申报书) and the sync bookkeeping (DESIGN.md "Sync").
 *
 * - `applications` keeps the content as JSON text (validated against the catalog on every write) beside
 *   the columns the lists, the workflow and the sync need.
 * - `application_events` is the history of every step: who, when, from, to and the comment.
 * - `application_files` lists the scans an application's content refers to, so the attachment route can
 *   tell which files a reviewer of that application may fetch.
 * - `sync_scopes` holds one change counter per scope (a unit or a department). Every change bumps the
 *   counter of each scope it is visible in, inside the transaction of the change; on PostgreSQL the
 *   counter row's lock orders those transactions, so numbers commit in order and a reader never skips
 *   one (a sequence would hand out numbers that commit out of order).
 * - `sync_scope_entries` says, per scope and application, at which number it last changed there and
 *   whether it is still visible; a row that is no longer visible is the tombstone.
 * - `server_meta` holds this database's instance id, which cursors carry, so a cursor from another
 *   database (a reinstalled server) is recognised and answered "resync".
 */
export const applicationsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    const states = sql.join(APPLICATION_STATES.map((state) => sql.lit(state)));
    await db.schema
      .createTable('applications')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('application_no', 'text', (col) => col.notNull().unique())
      .addColumn('year', 'text', (col) => col.notNull())
      .addColumn('applicant_id', 'text', (col) => col.notNull().references('users.id'))
      .addColumn('unit_id', 'text', (col) => col.notNull().references('units.id'))
      .addColumn('department_id', 'text', (col) => col.references('units.id'))
      .addColumn('state', 'text', (col) => col.notNull().check(sql`state in (${states})`))
      .addColumn('version', 'integer', (col) => col.notNull())
      .addColumn('submit_count', 'integer', (col) => col.notNull())
      .addColumn('applicant_name', 'text', (col) => col.notNull())
      .addColumn('id_number', 'text', (col) => col.notNull())
      .addColumn('qualification', 'text', (col) => col.notNull())
      .addColumn('application_type', 'text', (col) => col.notNull())
      .addColumn('content', 'text', (col) => col.notNull())
      .addColumn('publicity_start', 'text')
      .addColumn('publicity_end', 'text')
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('updated_at', 'text', (col) => col.notNull())
      .addColumn('submitted_at', 'text')
      .execute();
    await db.schema.createIndex('applications_applicant').on('applications').column('applicant_id').execute();
    await db.schema.createIndex('applications_unit').on('applications').column('unit_id').execute();

    await db.schema
      .createTable('application_events')
      .addColumn('application_id', 'text', (col) =>
        col.notNull().references('applications.id').onDelete('cascade'),
      )
      .addColumn('seq', 'integer', (col) => col.notNull())
      .addColumn('at', 'text', (col) => col.notNull())
      .addColumn('action', 'text', (col) => col.notNull())
      .addColumn('from_state', 'text')
      .addColumn('to_state', 'text', (col) => col.notNull())
      .addColumn('actor_id', 'text', (col) => col.references('users.id').onDelete('set null'))
      .addColumn('actor_name', 'text', (col) => col.notNull())
      .addColumn('comment', 'text')
      .addPrimaryKeyConstraint('application_events_pk', ['application_id', 'seq'])
      .execute();

    await db.schema
      .createTable('application_files')
      .addColumn('application_id', 'text', (col) =>
        col.notNull().references('applications.id').onDelete('cascade'),
      )
      .addColumn('file_id', 'text', (col) => col.notNull().references('files.id'))
      .addColumn('section_key', 'text', (col) => col.notNull())
      .addColumn('field_key', 'text', (col) => col.notNull())
      .addColumn('row_index', 'integer')
      .addPrimaryKeyConstraint('application_files_pk', ['application_id', 'file_id'])
      .execute();

    await db.schema
      .createTable('sync_scopes')
      .addColumn('scope', 'text', (col) => col.primaryKey())
      .addColumn('seq', 'integer', (col) => col.notNull())
      .execute();

    await db.schema
      .createTable('sync_scope_entries')
      .addColumn('scope', 'text', (col) => col.notNull())
      .addColumn('application_id', 'text', (col) =>
        col.notNull().references('applications.id').onDelete('cascade'),
      )
      .addColumn('seq', 'integer', (col) => col.notNull())
      .addColumn('visible', 'integer', (col) => col.notNull())
      .addPrimaryKeyConstraint('sync_scope_entries_pk', ['scope', 'application_id'])
      .execute();
    // The pull reads one scope's entries after a number, in order.
    await db.schema
      .createIndex('sync_scope_entries_scope_seq')
      .on('sync_scope_entries')
      .columns(['scope', 'seq'])
      .execute();

    await db.schema
      .createTable('server_meta')
      .addColumn('key', 'text', (col) => col.primaryKey())
      .addColumn('value', 'text', (col) => col.notNull())
      .execute();
  },

  async down(db: Kysely<unknown>) {
    for (const table of [
      'server_meta',
      'sync_scope_entries',
      'sync_scopes',
      'application_files',
      'application_events',
      'applications',
    ]) {
      await db.schema.dropTable(table).execute();
    }
  },
};

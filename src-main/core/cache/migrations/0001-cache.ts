import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

/**
 * The whole cache: synced applications split into a narrow list table and their documents, attachment
 * references and deduplicated scans, the sync cursor, and the reviewer's own drafts and outbox.
 *
 * Each application gets a local integer key (`local_id`) beside the server's id, and its document and
 * attachment rows are keyed by that. A key that grows with each new application appends the rows of a
 * first sync at the end of their tables; keyed by the server's random UUIDs, each of the 500 new
 * applications of a page dirtied a page of its own in each of three tables, and a page of the sync
 * wrote 16 MB of WAL instead of 10 MB. Writing pages is most of what a commit costs.
 */
export const cacheMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('applications')
      .addColumn('local_id', 'integer', (col) => col.primaryKey())
      .addColumn('id', 'text', (col) => col.notNull().unique())
      .addColumn('application_no', 'text', (col) => col.notNull())
      .addColumn('applicant_name', 'text', (col) => col.notNull())
      .addColumn('id_number', 'text', (col) => col.notNull())
      .addColumn('qualification', 'text', (col) => col.notNull())
      .addColumn('application_type', 'text', (col) => col.notNull())
      .addColumn('state', 'text', (col) => col.notNull())
      .addColumn('version', 'integer', (col) => col.notNull())
      .addColumn('submit_count', 'integer', (col) => col.notNull())
      .addColumn('unit_id', 'text', (col) => col.notNull())
      .addColumn('unit_name', 'text', (col) => col.notNull())
      .addColumn('department_id', 'text')
      .addColumn('year', 'text', (col) => col.notNull())
      .addColumn('submitted_at', 'text')
      .addColumn('updated_at', 'text', (col) => col.notNull())
      .addColumn('publicity_start', 'text')
      .addColumn('publicity_end', 'text')
      .addColumn('search_text', 'text', (col) => col.notNull())
      .addColumn('generation', 'integer', (col) => col.notNull())
      .execute();
    // A cache holds one reviewer's scope: a unit administrator's unit (1-1,000 applications a year), or a
    // department administrator's department (up to 50,000, from many units). The unit's list therefore
    // has no index: scanning and sorting a few thousand narrow rows takes a millisecond or two, while an
    // index on (unit_id, state, ...) in a department's cache gets a group per unit and state, and a
    // first sync touched one of its pages for almost every new application: about a quarter of all the
    // pages a pull page wrote, and a third of its time.
    //
    // A department's indexes cover every column its list filters, sorts or searches on: counting,
    // searching and sorting then read only index entries, where fetching the table row behind each
    // entry costs several times more than the entry itself. The table is read for the one page of rows
    // shown. One starts with the state (the filter and its counts), one without, in submission order, for
    // the unfiltered list, which is too long to sort for every page.
    const listed = ['application_no', 'applicant_name', 'submit_count', 'search_text'] as const;
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

    await db.schema
      .createTable('application_documents')
      .addColumn('local_id', 'integer', (col) =>
        col.primaryKey().references('applications.local_id').onDelete('cascade'),
      )
      .addColumn('content_json', 'text', (col) => col.notNull())
      .addColumn('attachments_json', 'text', (col) => col.notNull())
      .addColumn('history_json', 'text', (col) => col.notNull())
      .execute();

    await db.schema
      .createTable('application_attachments')
      .addColumn('local_id', 'integer', (col) =>
        col.notNull().references('applications.local_id').onDelete('cascade'),
      )
      .addColumn('file_id', 'text', (col) => col.notNull())
      .addColumn('sha256', 'text', (col) => col.notNull())
      .addColumn('file_name', 'text', (col) => col.notNull())
      .addColumn('mime_type', 'text', (col) => col.notNull())
      .addColumn('size', 'integer', (col) => col.notNull())
      .addColumn('section_key', 'text', (col) => col.notNull())
      .addColumn('field_key', 'text', (col) => col.notNull())
      .addColumn('row_index', 'integer')
      .addPrimaryKeyConstraint('application_attachments_pk', ['local_id', 'file_id'])
      .modifyEnd(sql`without rowid`)
      .execute();
    // Whether a blob is still referenced (pruning) and which references lack one (prefetch).
    await db.schema
      .createIndex('application_attachments_sha256')
      .on('application_attachments')
      .column('sha256')
      .execute();

    await db.schema
      .createTable('attachment_blobs')
      .addColumn('sha256', 'text', (col) => col.primaryKey())
      .addColumn('mime_type', 'text', (col) => col.notNull())
      .addColumn('content', 'blob', (col) => col.notNull())
      .addColumn('cached_at', 'text', (col) => col.notNull())
      .execute();

    await db.schema
      .createTable('sync_state')
      .addColumn('id', 'integer', (col) => col.primaryKey().check(sql`id = 1`))
      .addColumn('cursor', 'text')
      .addColumn('last_synced_at', 'text')
      .addColumn('snapshot_generation', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('snapshot_in_progress', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('server_url', 'text')
      .addColumn('user_id', 'text')
      .execute();
    await sql`insert into sync_state (id) values (1)`.execute(db);

    await db.schema
      .createTable('comment_drafts')
      .addColumn('application_id', 'text', (col) => col.notNull())
      .addColumn('target', 'text', (col) => col.notNull())
      .addColumn('text', 'text', (col) => col.notNull())
      .addColumn('updated_at', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('comment_drafts_pk', ['application_id', 'target'])
      .execute();

    await db.schema
      .createTable('outbox')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('seq', 'integer', (col) => col.notNull().unique())
      .addColumn('application_id', 'text', (col) => col.notNull())
      .addColumn('operation', 'text', (col) => col.notNull())
      .addColumn('payload_json', 'text', (col) => col.notNull())
      .addColumn('base_version', 'integer', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('status', 'text', (col) => col.notNull().defaultTo('pending'))
      .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'text')
      .addColumn('last_error', 'text')
      .addColumn('result_json', 'text')
      .execute();
    // The sender takes the oldest unsettled operations; the review dialog asks what is queued for one
    // application.
    await db.schema.createIndex('outbox_status_seq').on('outbox').columns(['status', 'seq']).execute();
    await db.schema.createIndex('outbox_application_id').on('outbox').column('application_id').execute();
  },

  async down(db: Kysely<unknown>) {
    for (const table of [
      'outbox',
      'comment_drafts',
      'sync_state',
      'attachment_blobs',
      'application_attachments',
      'application_documents',
      'applications',
    ]) {
      await db.schema.dropTable(table).execute();
    }
  },
};

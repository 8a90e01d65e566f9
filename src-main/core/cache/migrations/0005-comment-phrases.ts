import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

/**
 * The reviewer's 常用意见 as this client has them (cache-comment-phrases.ts): the server's list as last
 * synced, or an edit made here that waits to be sent, with the server's list it was made from (for the
 * merge when the server moved on meanwhile). One row; none before the first sync or edit (the presets).
 * Like drafts, an edit waiting here exists nowhere else: nothing that syncs drops it unsent.
 */
export const commentPhrasesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('comment_phrases')
      .addColumn('id', 'integer', (col) => col.primaryKey().check(sql`id = 1`))
      .addColumn('phrases_json', 'text', (col) => col.notNull())
      .addColumn('base_json', 'text', (col) => col.notNull())
      .addColumn('base_version', 'integer', (col) => col.notNull())
      .addColumn('revision', 'integer', (col) => col.notNull())
      .addColumn('pending', 'integer', (col) => col.notNull())
      .addColumn('problem', 'text')
      .addColumn('synced_at', 'text')
      .execute();
  },

  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('comment_phrases').execute();
  },
};

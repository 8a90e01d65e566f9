import type { Kysely, Migration } from 'kysely';

/**
 * 常用意见: one list per account (src-shared/domain/comment-phrases.ts), kept whole as JSON, because it
 * is read and replaced whole, never queried by phrase. An account without a row has the presets at
 * version 0; its first save creates the row at version 1. The version counts saves, so a client that
 * edited offline from an older version is told (comment-phrases/routes.ts) instead of overwriting.
 */
export const commentPhrasesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('comment_phrases')
      .addColumn('user_id', 'text', (col) => col.primaryKey().references('users.id').onDelete('cascade'))
      .addColumn('phrases', 'text', (col) => col.notNull())
      .addColumn('version', 'integer', (col) => col.notNull())
      .addColumn('updated_at', 'text', (col) => col.notNull())
      .execute();
  },

  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('comment_phrases').execute();
  },
};

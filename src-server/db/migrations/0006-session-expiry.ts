import type { Kysely, Migration } from 'kysely';

/**
 * Logins delete the sessions that are past their lifetime or idle (identity/sessions.ts); these
 * indexes let that delete find them without reading the whole table.
 */
export const sessionExpiryMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex('sessions_expires_at').on('sessions').column('expires_at').execute();
    await db.schema.createIndex('sessions_last_seen_at').on('sessions').column('last_seen_at').execute();
  },

  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('sessions_last_seen_at').execute();
    await db.schema.dropIndex('sessions_expires_at').execute();
  },
};

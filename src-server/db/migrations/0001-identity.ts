import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

/**
 * Units, users, who administers which unit, and sessions. A migration sees an untyped database
 * (`Kysely<unknown>`): it describes the schema at its point in history, not today's interfaces.
 */
export const identityMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('units')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('kind', 'text', (col) =>
        col.notNull().check(sql`kind in ('unit', 'department', 'titleOffice')`),
      )
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('credit_code', 'text', (col) => col.unique())
      .addColumn('parent_id', 'text', (col) => col.references('units.id'))
      .addColumn('status', 'text', (col) =>
        col.notNull().check(sql`status in ('pending', 'approved', 'rejected')`),
      )
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('updated_at', 'text', (col) => col.notNull())
      .execute();
    await db.schema.createIndex('units_parent_id').on('units').column('parent_id').execute();

    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('account', 'text', (col) => col.notNull())
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('id_number', 'text', (col) => col.notNull().unique())
      .addColumn('mobile', 'text', (col) => col.notNull().unique())
      .addColumn('password_hash', 'text', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('updated_at', 'text', (col) => col.notNull())
      .execute();
    // Accounts are unique regardless of case ("LiMing" and "liming" are one person), and login looks
    // them up with lower(account), which this index serves on both databases.
    await db.schema
      .createIndex('users_account_lower')
      .on('users')
      .unique()
      .expression(sql`lower(account)`)
      .execute();

    await db.schema
      .createTable('unit_admins')
      .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
      .addColumn('unit_id', 'text', (col) => col.notNull().references('units.id').onDelete('cascade'))
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('unit_admins_pk', ['user_id', 'unit_id'])
      .execute();
    await db.schema.createIndex('unit_admins_unit_id').on('unit_admins').column('unit_id').execute();

    await db.schema
      .createTable('sessions')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('token_hash', 'text', (col) => col.notNull().unique())
      .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('last_seen_at', 'text', (col) => col.notNull())
      .addColumn('expires_at', 'text', (col) => col.notNull())
      .addColumn('revoked_at', 'text')
      .execute();
    await db.schema.createIndex('sessions_user_id').on('sessions').column('user_id').execute();
  },

  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('sessions').execute();
    await db.schema.dropTable('unit_admins').execute();
    await db.schema.dropTable('users').execute();
    await db.schema.dropTable('units').execute();
  },
};

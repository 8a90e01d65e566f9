import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

/**
 * Captchas, SMS codes and their outbox, step tickets, login failures, rate-limit windows and manual
 * reset requests. Portable types only (text ids and ISO timestamps, integer counters), so SQLite and
 * PostgreSQL run the same statements; every counter is updated in place with one statement, so
 * several server instances on one PostgreSQL never lose a count.
 */
export const accountsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('captchas')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('answer', 'text', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('expires_at', 'text', (col) => col.notNull())
      .addColumn('used_at', 'text')
      .execute();
    await db.schema.createIndex('captchas_expires_at').on('captchas').column('expires_at').execute();
    await db.schema.createIndex('captchas_created_at').on('captchas').column('created_at').execute();

    await db.schema
      .createTable('sms_codes')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('mobile', 'text', (col) => col.notNull())
      .addColumn('purpose', 'text', (col) => col.notNull().check(sql`purpose in ('register', 'reset')`))
      .addColumn('code_hash', 'text', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('expires_at', 'text', (col) => col.notNull())
      .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('consumed_at', 'text')
      .execute();
    await db.schema
      .createIndex('sms_codes_mobile_purpose')
      .on('sms_codes')
      .columns(['mobile', 'purpose', 'created_at'])
      .execute();
    await db.schema.createIndex('sms_codes_expires_at').on('sms_codes').column('expires_at').execute();

    await db.schema
      .createTable('sms_phone_quota')
      .addColumn('mobile', 'text', (col) => col.primaryKey())
      .addColumn('last_sent_at', 'text', (col) => col.notNull())
      .addColumn('day', 'text', (col) => col.notNull())
      .addColumn('day_count', 'integer', (col) => col.notNull())
      .execute();

    await db.schema
      .createTable('sms_outbox')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('mobile', 'text', (col) => col.notNull())
      .addColumn('purpose', 'text', (col) => col.notNull())
      .addColumn('text', 'text', (col) => col.notNull())
      .addColumn('code', 'text', (col) => col.notNull())
      .addColumn('sent_at', 'text', (col) => col.notNull())
      .execute();
    await db.schema.createIndex('sms_outbox_sent_at').on('sms_outbox').column('sent_at').execute();

    await db.schema
      .createTable('tickets')
      .addColumn('token_hash', 'text', (col) => col.primaryKey())
      .addColumn('step', 'text', (col) =>
        col
          .notNull()
          .check(sql`step in ('register.verify', 'reset.method', 'reset.verify', 'reset.password')`),
      )
      .addColumn('user_id', 'text', (col) => col.references('users.id').onDelete('cascade'))
      .addColumn('payload', 'text')
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('expires_at', 'text', (col) => col.notNull())
      .addColumn('used_at', 'text')
      .execute();
    await db.schema.createIndex('tickets_expires_at').on('tickets').column('expires_at').execute();
    await db.schema.createIndex('tickets_user_id').on('tickets').column('user_id').execute();

    await db.schema
      .createTable('login_failures')
      .addColumn('subject', 'text', (col) => col.primaryKey())
      .addColumn('failures', 'integer', (col) => col.notNull())
      .addColumn('locked_until', 'text')
      .addColumn('updated_at', 'text', (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex('login_failures_updated_at')
      .on('login_failures')
      .column('updated_at')
      .execute();

    await db.schema
      .createTable('rate_limits')
      .addColumn('key', 'text', (col) => col.primaryKey())
      .addColumn('count', 'integer', (col) => col.notNull())
      .addColumn('expires_at', 'text', (col) => col.notNull())
      .execute();
    await db.schema.createIndex('rate_limits_expires_at').on('rate_limits').column('expires_at').execute();

    await db.schema
      .createTable('manual_reset_requests')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('id_number', 'text', (col) => col.notNull())
      .addColumn('contact', 'text', (col) => col.notNull())
      .addColumn('reason', 'text', (col) => col.notNull())
      .addColumn('status', 'text', (col) =>
        col.notNull().check(sql`status in ('pending', 'resolved', 'rejected')`),
      )
      .addColumn('submitted_at', 'text', (col) => col.notNull())
      .addColumn('handled_at', 'text')
      .addColumn('handled_by', 'text', (col) => col.references('users.id').onDelete('set null'))
      .addColumn('note', 'text')
      .execute();
    await db.schema
      .createIndex('manual_reset_requests_status')
      .on('manual_reset_requests')
      .columns(['status', 'submitted_at'])
      .execute();
  },

  async down(db: Kysely<unknown>) {
    for (const table of [
      'manual_reset_requests',
      'rate_limits',
      'login_failures',
      'tickets',
      'sms_outbox',
      'sms_phone_quota',
      'sms_codes',
      'captchas',
    ]) {
      await db.schema.dropTable(table).execute();
    }
  },
};

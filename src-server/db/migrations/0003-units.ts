import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';
import type { DatabaseKind } from '../../config';

/**
 * Unit registration (manual 3.1): the form's fields become columns of `units`, so a registration is the
 * unit's own row in status pending; `unit_events` keeps its history and `files` the uploaded scans.
 *
 * The credit code was unique over all units (0001). A rejected registration must not block its code, so
 * that constraint becomes a partial unique index over pending and approved units: one live registration
 * per code, enforced by the database even when two people submit at the same moment. PostgreSQL drops
 * the constraint by name; SQLite cannot drop it at all and rebuilds the table (see rebuildSqliteUnits).
 */
export function unitsMigration(kind: DatabaseKind): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('files')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('owner_user_id', 'text', (col) => col.references('users.id').onDelete('set null'))
        .addColumn('file_name', 'text', (col) => col.notNull())
        .addColumn('mime_type', 'text', (col) => col.notNull())
        .addColumn('size', 'integer', (col) => col.notNull())
        .addColumn('sha256', 'text', (col) => col.notNull())
        .addColumn('created_at', 'text', (col) => col.notNull())
        .execute();
      await db.schema.createIndex('files_owner_user_id').on('files').column('owner_user_id').execute();

      if (kind === 'sqlite') {
        await rebuildSqliteUnits(db, `${UNITS_0001_COLUMNS},\n${REGISTRATION_COLUMNS_SQL}`, UNITS_0001_NAMES);
      } else {
        await sql`alter table units drop constraint units_credit_code_key`.execute(db);
        let alter = db.schema.alterTable('units').addColumn('nature', 'text');
        for (const [name, references] of REGISTRATION_COLUMNS.slice(1)) {
          alter = alter.addColumn(name, 'text', (col) => (references ? col.references(references) : col));
        }
        await alter.execute();
        await db.schema.dropIndex('units_parent_id').execute();
      }
      await createUnitIndexes(db);

      await db.schema
        .createTable('unit_events')
        .addColumn('unit_id', 'text', (col) => col.notNull().references('units.id').onDelete('cascade'))
        .addColumn('seq', 'integer', (col) => col.notNull())
        .addColumn('at', 'text', (col) => col.notNull())
        .addColumn('action', 'text', (col) =>
          col.notNull().check(sql`action in ('submitted', 'resubmitted', 'approved', 'rejected')`),
        )
        .addColumn('actor_id', 'text', (col) => col.references('users.id').onDelete('set null'))
        .addColumn('actor_name', 'text', (col) => col.notNull())
        .addColumn('reason', 'text')
        .addPrimaryKeyConstraint('unit_events_pk', ['unit_id', 'seq'])
        .execute();
    },

    /** Fails when two units share a credit code (a rejected one and its new registration), as it must. */
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('unit_events').execute();
      if (kind === 'sqlite') {
        const unique = UNITS_0001_COLUMNS.replace('credit_code text,', 'credit_code text unique,');
        await rebuildSqliteUnits(db, unique, UNITS_0001_NAMES);
        await db.schema.createIndex('units_parent_id').on('units').column('parent_id').execute();
      } else {
        for (const index of UNIT_INDEXES) await db.schema.dropIndex(index).execute();
        let alter = db.schema.alterTable('units').dropColumn('nature');
        for (const [name] of REGISTRATION_COLUMNS.slice(1)) alter = alter.dropColumn(name);
        await alter.execute();
        await sql`alter table units add constraint units_credit_code_key unique (credit_code)`.execute(db);
        await db.schema.createIndex('units_parent_id').on('units').column('parent_id').execute();
      }
      await db.schema.dropTable('files').execute();
    },
  };
}

/** The registration columns, all nullable text (the title office has none), with what they reference. */
const REGISTRATION_COLUMNS: ReadonlyArray<readonly [name: string, references: string | null]> = [
  ['nature', null],
  ['industry', null],
  ['district_code', null],
  ['address', null],
  ['leader_name', null],
  ['contact_name', null],
  ['contact_phone', null],
  ['licence_file_id', 'files.id'],
  ['registered_by', 'users.id'],
  ['submitted_at', null],
  ['reject_reason', null],
  ['reviewed_by', 'users.id'],
  ['reviewed_at', null],
];

const REGISTRATION_COLUMNS_SQL = REGISTRATION_COLUMNS.map(([name, references]) => {
  const target = references?.split('.');
  return target ? `  ${name} text references ${target[0]} (${target[1]})` : `  ${name} text`;
}).join(',\n');

/** `units` as 0001 created it, less the unique constraint on credit_code. */
const UNITS_0001_COLUMNS = `  id text primary key,
  kind text not null check (kind in ('unit', 'department', 'titleOffice')),
  name text not null,
  credit_code text,
  parent_id text references units (id),
  status text not null check (status in ('pending', 'approved', 'rejected')),
  created_at text not null,
  updated_at text not null`;

const UNITS_0001_NAMES = 'id, kind, name, credit_code, parent_id, status, created_at, updated_at';

const UNIT_INDEXES = [
  'units_live_credit_code',
  'units_single_title_office',
  'units_parent_id_status',
  'units_registered_by',
] as const;

async function createUnitIndexes(db: Kysely<unknown>) {
  // Partial indexes take a literal predicate (no bound parameters), written the same in both databases.
  await sql`create unique index units_live_credit_code on units (credit_code)
    where status in ('pending', 'approved')`.execute(db);
  // There is one 职改办, the root: the admin command refuses a second one, and so does the database.
  await sql`create unique index units_single_title_office on units (kind)
    where kind = 'titleOffice'`.execute(db);
  // The review list: registrations under the departments a person administers, by status.
  await db.schema
    .createIndex('units_parent_id_status')
    .on('units')
    .columns(['parent_id', 'status'])
    .execute();
  await db.schema.createIndex('units_registered_by').on('units').column('registered_by').execute();
}

/**
 * SQLite's way to change a constraint (https://sqlite.org/lang_altertable.html#otheralter): a new table
 * with the wanted definition, the rows copied, the old table dropped and the new one renamed.
 *
 * Foreign keys must be off meanwhile: dropping `units` with them on would delete every unit_admins row
 * (ON DELETE CASCADE). The pragma has no effect inside a transaction, which is fine here because Kysely
 * runs SQLite migrations outside one; the copy itself is one transaction, and the foreign keys are
 * checked before it commits.
 */
async function rebuildSqliteUnits(db: Kysely<unknown>, columns: string, copied: string) {
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await db.transaction().execute(async (trx) => {
      await sql.raw(`create table units_rebuilt (\n${columns}\n)`).execute(trx);
      await sql.raw(`insert into units_rebuilt (${copied}) select ${copied} from units`).execute(trx);
      await sql`drop table units`.execute(trx);
      // Other tables name `units` in their foreign keys; after the rename they point at the new table.
      await sql`alter table units_rebuilt rename to units`.execute(trx);
      const broken = await sql`pragma foreign_key_check`.execute(trx);
      if (broken.rows.length > 0) {
        throw new Error(`Rebuilding units broke ${broken.rows.length} foreign key(s)`);
      }
    });
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}

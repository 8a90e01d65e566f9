import { Migrator, sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DatabaseKind } from '../config';
import { migrationProvider } from './migrations';
import type { Database } from './schema';

/** Brings the schema up to date. Safe to run from several instances at once: Kysely takes a lock. */
export async function migrateToLatest(db: Kysely<Database>, kind: DatabaseKind) {
  const migrator = await createMigrator(db, kind);
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName;
    throw new Error(`Database migration ${failed ?? ''} failed: ${describe(error)}`, { cause: error });
  }
}

/** Kysely's migrator over MIGRATIONS, for this database; tests use it to stop at an older version. */
export async function createMigrator(db: Kysely<Database>, kind: DatabaseKind): Promise<Migrator> {
  return new Migrator({
    db,
    provider: migrationProvider(kind),
    // Kysely looks for its bookkeeping table in every schema unless told which one, so a second
    // schema in the same PostgreSQL database (a test run, another tenant) would fool it. Pin it to the
    // schema this connection works in.
    ...(kind === 'postgres' ? { migrationTableSchema: await currentSchema(db) } : {}),
  });
}

async function currentSchema(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  if (!schema) throw new Error('PostgreSQL has no current schema: check search_path');
  return schema;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

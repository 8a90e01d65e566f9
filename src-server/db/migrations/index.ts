import type { Migration, MigrationProvider } from 'kysely';
import { identityMigration } from './0001-identity';
import { accountsMigration } from './0002-accounts';

/**
 * Every migration, in order. Append only: a migration that has run anywhere is never edited or
 * renamed, because databases remember them by name. The names sort in the order they run.
 */
export const MIGRATIONS: ReadonlyArray<readonly [name: string, migration: Migration]> = [
  ['0001-identity', identityMigration],
  ['0002-accounts', accountsMigration],
];

/** Hands Kysely's Migrator the list above; no folder scanning, so it works inside a bundle too. */
export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return Object.fromEntries(MIGRATIONS);
  },
};

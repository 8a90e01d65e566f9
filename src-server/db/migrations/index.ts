import type { Migration, MigrationProvider } from 'kysely';
import type { DatabaseKind } from '../../config';
import { identityMigration } from './0001-identity';
import { accountsMigration } from './0002-accounts';
import { unitsMigration } from './0003-units';
import { applicationsMigration } from './0004-applications';
import { reviewMigration } from './0005-review';
import { sessionExpiryMigration } from './0006-session-expiry';
import { unusedFilesMigration } from './0007-unused-files';
import { districtZonesMigration } from './0008-district-zones';
import { holidaysMigration } from './0009-holidays';
import { commentPhrasesMigration } from './0010-comment-phrases';

/**
 * Every migration, in order. Append only: a migration that has run anywhere is never edited or
 * renamed, because databases remember them by name. The names sort in the order they run.
 */
export const MIGRATIONS: ReadonlyArray<
  readonly [name: string, migration: Migration | ((kind: DatabaseKind) => Migration)]
> = [
  ['0001-identity', identityMigration],
  ['0002-accounts', accountsMigration],
  // Changing a constraint takes different statements in each database (see the file).
  ['0003-units', unitsMigration],
  ['0004-applications', applicationsMigration],
  ['0005-review', reviewMigration],
  ['0006-session-expiry', sessionExpiryMigration],
  ['0007-unused-files', unusedFilesMigration],
  ['0008-district-zones', districtZonesMigration],
  ['0009-holidays', holidaysMigration],
  ['0010-comment-phrases', commentPhrasesMigration],
];

/**
 * Hands Kysely's Migrator the list above for one kind of database; no folder scanning, so it works
 * inside a bundle too.
 */
export function migrationProvider(kind: DatabaseKind): MigrationProvider {
  return {
    async getMigrations() {
      return Object.fromEntries(
        MIGRATIONS.map(([name, migration]) => [
          name,
          typeof migration === 'function' ? migration(kind) : migration,
        ]),
      );
    },
  };
}

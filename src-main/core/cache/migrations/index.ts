import type { Migration, MigrationProvider } from 'kysely';
import { cacheMigration } from './0001-cache';
import { reviewMigration } from './0002-review';
import { unitColumnMigration } from './0003-unit-column';
import { holidaysMigration } from './0004-holidays';
import { commentPhrasesMigration } from './0005-comment-phrases';
import { pinyinKeysMigration } from './0006-pinyin-keys';

/**
 * The cache's migrations, in order. Append only, as for the server: a cache on a reviewer's PC remembers
 * the names it ran. (A cache can always be rebuilt from the server, but drafts and the outbox cannot.)
 */
export const CACHE_MIGRATIONS: ReadonlyArray<readonly [name: string, migration: Migration]> = [
  ['0001-cache', cacheMigration],
  ['0002-review', reviewMigration],
  ['0003-unit-column', unitColumnMigration],
  ['0004-holidays', holidaysMigration],
  ['0005-comment-phrases', commentPhrasesMigration],
  ['0006-pinyin-keys', pinyinKeysMigration],
];

/** The list above for Kysely's Migrator; no folder scanning, so it works inside a bundle. */
export const cacheMigrationProvider: MigrationProvider = {
  async getMigrations() {
    return Object.fromEntries(CACHE_MIGRATIONS);
  },
};

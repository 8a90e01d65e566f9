import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { CacheCommentPhrases } from './cache-comment-phrases';
import { CacheHolidays } from './cache-holidays';
import { CacheQueries } from './cache-queries';
import { CacheScans } from './cache-scans';
import { CacheStore } from './cache-store';
import { CacheSync } from './cache-sync';
import type { CacheOwner } from './cache-sync';
import { cacheMigrationProvider } from './migrations';
import { ReviewerWork } from './reviewer-work';
import { WalCheckpointer } from './wal-checkpointer';
import type { CacheDatabase } from './schema';
import { UnitOverviewQueries } from './unit-overview-queries';

export type { ApplicationListQuery, ListScope, ReviewHistory } from './cache-queries';
export type { CachedAttachmentContent, MissingBlob } from './cache-scans';
export { StaleSnapshotPageError } from './cache-sync';
export type { ApplyPageOptions, CacheOwner, CacheSyncState, ChangesPage } from './cache-sync';
export type {
  CommentDraft,
  NewOutboxEntry,
  OutboxEntry,
  ReviewSnapshot,
  ReviewTarget,
} from './reviewer-work';

/**
 * A reviewer's local cache of the applications in their scope (DESIGN.md "Sync"): the list and the
 * details answer from here, instantly and offline, and the sync engine fills it page by page.
 *
 * One object in parts along the cache's seams, each reached by its caller directly: `sync` (pull pages,
 * snapshots, the sync state), `queries` (the list, the details, the review history), `scans` (the
 * attachment blobs), `work` (the reviewer's drafts and outbox), `holidays` (the statutory calendar's
 * table as last synced) and `phrases` (the reviewer's 常用意见). They share one CacheStore: one connection, the only writer, and one set of
 * prepared statements. The sync hot path, applyPage, is written as plain SQL.
 */

/** The cache file belongs to another user or server than the one opening it. */
export class CacheOwnerMismatchError extends Error {
  constructor(file: string) {
    super(`the cache ${file} belongs to another user or server`);
    this.name = 'CacheOwnerMismatchError';
  }
}

/**
 * Opens (creating folders and file as needed) and migrates a cache. With `owner`, the first open records
 * whose cache it is and later opens check it, so a file that was copied or misplaced is never shown to
 * the wrong person.
 */
export async function openApplicationCache(file: string, owner?: CacheOwner): Promise<ApplicationCache> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const database = new SqliteDatabase(file);
  try {
    // WAL: readers (the list) never wait for a page being applied, and a commit is one sequential write.
    // NORMAL is durable across a crash of the app (what matters for drafts and the outbox) and may lose
    // the last commits only on power loss, which a cache can re-fetch. Foreign keys keep documents and
    // attachment rows from outliving their application; SQLite checks them only when asked, per
    // connection. A short busy timeout: a second process on the same cache (the web host next to the
    // desktop app) waits a moment, but never blocks this thread for long.
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    database.pragma('foreign_keys = ON');
    database.pragma('busy_timeout = 1000');
    // 16 MB of page cache holds the list's table and indexes for a department's 50,000 applications.
    database.pragma('cache_size = -16000');
    // After a checkpoint the WAL is reused from its start; this trims a file that a first sync grew.
    database.pragma('journal_size_limit = 16777216');

    const kysely = new Kysely<CacheDatabase>({ dialect: new SqliteDialect({ database }) });
    const { error, results } = await new Migrator({
      db: kysely,
      provider: cacheMigrationProvider,
    }).migrateToLatest();
    if (error !== undefined) {
      const failed = results?.find((result) => result.status === 'Error')?.migrationName ?? '';
      throw new Error(`cache migration ${failed} failed: ${String(error)}`, { cause: error });
    }

    // Checkpoints run on a worker (see WalCheckpointer); should it fail, SQLite's own come back.
    database.pragma('wal_autocheckpoint = 0');
    const checkpointer = new WalCheckpointer(file, () => {
      if (database.open) database.pragma('wal_autocheckpoint = 1000');
    });
    const cache = new ApplicationCache(new CacheStore(database, kysely, checkpointer));
    try {
      if (owner) claimOwner(cache, file, owner);
    } catch (error) {
      cache.close();
      throw error;
    }
    return cache;
  } catch (error) {
    if (database.open) database.close();
    throw error;
  }
}

/** Records the owner on the first open that names one, refuses another one later. */
function claimOwner(cache: ApplicationCache, file: string, owner: CacheOwner): void {
  const { serverUrl, userId } = cache.sync.syncState();
  if (serverUrl === null && userId === null) cache.sync.setOwner(owner);
  else if (serverUrl !== owner.serverUrl || userId !== owner.userId) throw new CacheOwnerMismatchError(file);
}

export class ApplicationCache {
  readonly sync: CacheSync;
  readonly queries: CacheQueries;
  readonly scans: CacheScans;
  readonly work: ReviewerWork;
  readonly holidays: CacheHolidays;
  /** The 单位中心's start page and the list's focuses. */
  readonly overview: UnitOverviewQueries;
  readonly phrases: CacheCommentPhrases;

  /** Use openApplicationCache, which migrates first. */
  constructor(private readonly store: CacheStore) {
    this.sync = new CacheSync(store);
    this.queries = new CacheQueries(store);
    this.scans = new CacheScans(store);
    this.work = new ReviewerWork(store);
    this.holidays = new CacheHolidays(store);
    this.overview = new UnitOverviewQueries(store);
    this.phrases = new CacheCommentPhrases(store);
  }

  /**
   * SQLite's own checks of the file and of the foreign keys: a list of problems, empty when the cache is
   * sound. A cache that fails can be deleted and synced again (after saving drafts and outbox).
   */
  integrityCheck(): string[] {
    try {
      const problems = (this.store.database.pragma('integrity_check') as { integrity_check: string }[])
        .map((row) => row.integrity_check)
        .filter((message) => message !== 'ok');
      const orphans = this.store.database.pragma('foreign_key_check') as {
        table: string;
        rowid: number | null;
        parent: string;
      }[];
      for (const { table, rowid, parent } of orphans) {
        problems.push(
          `a row of ${table}${rowid === null ? '' : ` (rowid ${rowid})`} refers to a missing ${parent}`,
        );
      }
      return problems;
    } catch (error) {
      // A badly damaged file fails the check itself (SQLITE_CORRUPT, SQLITE_NOTADB).
      return [error instanceof Error ? error.message : String(error)];
    }
  }

  /** Closes the file; the cache cannot be used afterwards. Closing twice is harmless. */
  close(): void {
    this.store.close();
  }
}

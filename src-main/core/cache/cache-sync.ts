import type { PullResponse } from '../../../src-shared/contracts/applications';
import { deleteApplication, pruneReleasedBlobs, upsertRecord } from './cache-records';
import type { CacheStore } from './cache-store';
import { nextTurn } from '../next-turn';

export type ChangesPage = Extract<PullResponse, { kind: 'changes' }>;

export interface ApplyPageOptions {
  /**
   * The generation beginSnapshot returned, for a page of a snapshot: a page of a snapshot that has
   * since been restarted or finished is refused rather than mixed into the new one.
   */
  snapshotGeneration?: number;
  /**
   * Writes the page's rows but leaves the stored cursor as it was: for pages applied ahead of the
   * cursor they belong after (the next pull must still start where the stored cursor says).
   */
  keepCursor?: boolean;
}

export interface CacheSyncState {
  /** Where the next pull starts; null for a first sync and at the start of a snapshot. */
  cursor: string | null;
  lastSyncedAt: string | null;
  snapshotGeneration: number;
  /** A snapshot was begun and not finished, possibly before a restart: continue it from `cursor`. */
  snapshotInProgress: boolean;
  serverUrl: string | null;
  userId: string | null;
}

export interface CacheOwner {
  serverUrl: string;
  userId: string;
}

/** A page that belongs to a snapshot other than the one in progress. */
export class StaleSnapshotPageError extends Error {
  constructor(pageGeneration: number, state: { snapshotGeneration: number; snapshotInProgress: boolean }) {
    super(
      `snapshot page of generation ${pageGeneration} refused: the cache is at generation ` +
        `${state.snapshotGeneration}${state.snapshotInProgress ? '' : ' with no snapshot in progress'}`,
    );
    this.name = 'StaleSnapshotPageError';
  }
}

/** Deleted per transaction when a snapshot sweeps: each batch stays far below the 50 ms budget. */
const SWEEP_BATCH = 250;

/**
 * The sync engine's side of the cache: pull pages and their cursor, snapshots (a "resync") and the
 * sync state, including whose cache this is.
 */
export class CacheSync {
  private readonly applyPageTransaction: (page: ChangesPage, options: ApplyPageOptions) => void;

  constructor(private readonly store: CacheStore) {
    this.applyPageTransaction = store.database.transaction((page: ChangesPage, options: ApplyPageOptions) =>
      this.applyPageInTransaction(page, options),
    );
  }

  /**
   * Applies one pull page and its cursor in one transaction: either the whole page and the new cursor
   * are stored, or (on any error) neither, so the next pull asks for the same page again.
   *
   * An upsert replaces the application's narrow row, document and attachment references; a tombstone
   * deletes all three (comment drafts and outbox entries stay: they are the reviewer's work). Scans that
   * no cached application refers to any more are deleted in the same transaction. An id that is both
   * upserted and tombstoned in one page ends up deleted.
   */
  applyPage(page: ChangesPage, options: ApplyPageOptions = {}): void {
    try {
      this.applyPageTransaction(page, options);
    } finally {
      this.store.written();
    }
  }

  private applyPageInTransaction(page: ChangesPage, options: ApplyPageOptions): void {
    const { snapshotGeneration } = options;
    const state = this.store.readSyncState();
    if (
      snapshotGeneration !== undefined &&
      (state.snapshot_in_progress !== 1 || state.snapshot_generation !== snapshotGeneration)
    ) {
      throw new StaleSnapshotPageError(snapshotGeneration, {
        snapshotGeneration: state.snapshot_generation,
        snapshotInProgress: state.snapshot_in_progress === 1,
      });
    }
    // Every row a page writes is stamped with the current generation; outside a snapshot that only keeps
    // it from being swept by the next one's finish, during one it marks the row as seen.
    const generation = state.snapshot_generation;

    const released = new Set<string>();
    const referenced = new Set<string>();
    for (const record of page.applications)
      upsertRecord(this.store, record, generation, released, referenced);

    const findApplication = this.store.statement<[string], { local_id: number }>(
      'select local_id from applications where id = ?',
    );
    for (const id of page.removedIds) {
      const row = findApplication.get(id);
      if (row) deleteApplication(this.store, row.local_id, released);
    }

    pruneReleasedBlobs(this.store, released, referenced);
    if (options.keepCursor !== true) {
      this.store.statement('update sync_state set cursor = ? where id = 1').run(page.cursor);
    }
  }

  /**
   * Starts a snapshot after the server answered "resync": a new generation, no cursor. The cached
   * applications stay visible until finishSnapshot sweeps those the snapshot did not bring again;
   * drafts and the outbox are never touched. Calling it again restarts the snapshot. Returns the
   * generation to pass to applyPage.
   */
  beginSnapshot(): number {
    const row = this.store
      .statement<[], { snapshot_generation: number }>(
        `update sync_state
          set snapshot_generation = snapshot_generation + 1, snapshot_in_progress = 1, cursor = null
        where id = 1
        returning snapshot_generation`,
      )
      .get();
    this.store.written();
    if (!row) throw new Error('the cache has no sync state row');
    return row.snapshot_generation;
  }

  /**
   * Ends the snapshot in progress: deletes the applications it did not bring (written in an older
   * generation) with their documents, attachment references and the scans nothing refers to any more,
   * then clears the flag. Resolves to how many applications were deleted; 0 when no snapshot was in
   * progress.
   *
   * Asynchronous because a snapshot after a change of scope can leave tens of thousands of applications
   * to delete, which takes seconds: it deletes them in small transactions and lets the event loop run
   * between them. Every step leaves a consistent cache; after a crash the flag is still set, and calling
   * this again goes on where it stopped. A snapshot begun meanwhile is left in progress.
   */
  async finishSnapshot(): Promise<number> {
    const state = this.store.readSyncState();
    if (state.snapshot_in_progress !== 1) return 0;
    const generation = state.snapshot_generation;

    const stale = this.store.statement<[number, number, number], { local_id: number }>(
      `select local_id from applications
        where local_id > ? and generation < ?
        order by local_id
        limit ?`,
    );
    const sweepBatch = this.store.database.transaction((after: number): number[] => {
      const ids = stale.all(after, generation, SWEEP_BATCH).map((row) => row.local_id);
      const released = new Set<string>();
      for (const localId of ids) deleteApplication(this.store, localId, released);
      pruneReleasedBlobs(this.store, released);
      return ids;
    });

    let removed = 0;
    for (let after = 0; ;) {
      if (this.store.closed) return removed;
      const ids = sweepBatch(after);
      this.store.written();
      const last = ids.at(-1);
      if (last === undefined) break;
      removed += ids.length;
      after = last;
      await nextTurn();
    }
    this.store.write(
      'update sync_state set snapshot_in_progress = 0 where id = 1 and snapshot_generation = ?',
      generation,
    );
    return removed;
  }

  /** Records whose cache this is; claimOwner checks it. */
  setOwner(owner: CacheOwner): void {
    this.store.write(
      'update sync_state set server_url = ?, user_id = ? where id = 1',
      owner.serverUrl,
      owner.userId,
    );
  }

  syncState(): CacheSyncState {
    const row = this.store.readSyncState();
    return {
      cursor: row.cursor,
      lastSyncedAt: row.last_synced_at,
      snapshotGeneration: row.snapshot_generation,
      snapshotInProgress: row.snapshot_in_progress === 1,
      serverUrl: row.server_url,
      userId: row.user_id,
    };
  }

  /** Records a complete sync (the last page had nothing remaining) at the given ISO time. */
  markSynced(at: string): void {
    this.store.write('update sync_state set last_synced_at = ? where id = 1', at);
  }
}

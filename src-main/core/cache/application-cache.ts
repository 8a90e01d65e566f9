import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import type { Compilable } from 'kysely';
import { z } from 'zod';
import {
  applicationAttachmentSchema,
  applicationContentSchema,
  applicationHistoryEntrySchema,
  storedCommentSchema,
} from '../../../src-shared/contracts/applications';
import type {
  ApplicationRecord,
  PullResponse,
  StoredComment,
} from '../../../src-shared/contracts/applications';
import { reviewCommentSchema } from '../../../src-shared/contracts/review';
import type { OperationResult } from '../../../src-shared/contracts/review';
import type {
  ApplicationDetail,
  ApplicationListRow,
  ApplicationSortField,
  ListApplicationsResponse,
  listApplicationsRequestSchema,
} from '../../../src-shared/contracts/review-list';
import { maskIdNumber } from '../../../src-shared/domain/masking';
import { APPLICATION_STATES } from '../../../src-shared/domain/workflow';
import type { ApplicationState } from '../../../src-shared/domain/workflow';
import { commentTargetKey } from '../review/comment-targets';
import { cacheMigrationProvider } from './migrations';
import { WalCheckpointer } from './wal-checkpointer';
import type {
  ApplicationAttachmentsTable,
  ApplicationsTable,
  CacheDatabase,
  OutboxStatus,
  SyncStateTable,
} from './schema';

/**
 * A reviewer's local cache of the applications in their scope (DESIGN.md "Sync"): the list and the
 * details answer from here, instantly and offline, and the sync engine fills it page by page.
 *
 * The class is synchronous, like better-sqlite3 underneath it: a query that cannot interleave with
 * another needs no locking, and the whole object can move into a worker behind an async proxy if the
 * main process ever needs that. Kysely builds the typed queries (and runs the migrations); they are
 * executed as cached prepared statements. The sync hot path, applyPage, is written as plain SQL.
 *
 * Every write that spans statements is one better-sqlite3 transaction, and no Kysely transaction is
 * ever opened after the migrations: an async transaction left open across an await would silently
 * swallow a page applied meanwhile.
 */

export type ChangesPage = Extract<PullResponse, { kind: 'changes' }>;

export interface ApplyPageOptions {
  /**
   * The generation beginSnapshot returned, for a page of a snapshot: a page of a snapshot that has
   * since been restarted or finished is refused rather than mixed into the new one.
   */
  snapshotGeneration?: number;
  /**
   * Writes the rows but leaves the stored cursor as it was: the sync applies a large page in several
   * short transactions, and only its last one moves the cursor, so a stop in between pulls the page again.
   */
  keepCursor?: boolean;
}

/** Whose list: a unit's own applications, or a department's over all the units that report to it. */
export type ListScope = 'unit' | 'department';

export type ApplicationListQuery = z.output<typeof listApplicationsRequestSchema> & { scope: ListScope };

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

export interface CachedAttachmentContent {
  fileId: string;
  fileName: string;
  mimeType: string;
  size: number;
  content: Buffer;
}

export interface MissingBlob {
  applicationId: string;
  fileId: string;
  sha256: string;
}

export interface CommentDraft {
  applicationId: string;
  target: string;
  text: string;
  updatedAt: string;
}

export interface NewOutboxEntry {
  id: string;
  applicationId: string;
  operation: string;
  payloadJson: string;
  baseVersion: number;
  createdAt: string;
}

export interface OutboxEntry extends NewOutboxEntry {
  seq: number;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  resultJson: string | null;
  /** The server's reason for a conflict or a rejection. */
  message: string | null;
}

/** What a decision on an application is checked against in the cache. */
export interface ReviewTarget {
  state: ApplicationState;
  version: number;
  unitId: string;
  departmentId: string | null;
  /** The period recorded on approval (上报主管部门 waits for its end). */
  publicity: { start: string; end: string } | null;
}

/** What enqueueOperation's callback decides from. */
export interface ReviewSnapshot {
  drafts: CommentDraft[];
  /** The newest operation on the application that is not applied yet. */
  decision: OutboxEntry | null;
  application: ReviewTarget | null;
}

export interface ReviewHistory {
  comments: StoredComment[];
  previousContent: z.infer<typeof applicationContentSchema> | null;
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
    const cache = new ApplicationCache(database, kysely, checkpointer);
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
  const { serverUrl, userId } = cache.syncState();
  if (serverUrl === null && userId === null) cache.setOwner(owner);
  else if (serverUrl !== owner.serverUrl || userId !== owner.userId) throw new CacheOwnerMismatchError(file);
}

const SORT_COLUMNS = {
  submittedAt: 'submitted_at',
  applicationNo: 'application_no',
  applicantName: 'applicant_name',
  submitCount: 'submit_count',
} as const satisfies Record<ApplicationSortField, keyof ApplicationsTable>;

type SyncStateRow = Omit<SyncStateTable, 'id'>;

const attachmentsSchema = applicationAttachmentSchema.array();
const storedCommentsSchema = storedCommentSchema.array();
/** The part of a queued ReviewOperation that says which drafts went with it. */
const sentCommentsSchema = z.object({ comments: z.array(reviewCommentSchema) });
const historySchema = applicationHistoryEntrySchema.array();

export class ApplicationCache {
  private readonly statements = new Map<string, SqliteDatabase.Statement>();
  private readonly applyPageTransaction: (page: ChangesPage, options: ApplyPageOptions) => void;
  /**
   * The filter's badges per scope, kept until the next write: the list asks for them on every page,
   * filter and sort change, and counting a department's 50,000 applications each time would be most of
   * the list's cost.
   */
  private readonly countsByScope = new Map<string, Readonly<Record<ApplicationState, number>>>();
  private closed = false;

  /** Use openApplicationCache, which migrates first. */
  constructor(
    private readonly database: SqliteDatabase.Database,
    private readonly kysely: Kysely<CacheDatabase>,
    private readonly checkpointer: WalCheckpointer,
  ) {
    this.applyPageTransaction = this.database.transaction((page: ChangesPage, options: ApplyPageOptions) =>
      this.applyPageInTransaction(page, options),
    );
  }

  // --- sync -------------------------------------------------------------------------------------------

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
      this.written();
    }
  }

  private applyPageInTransaction(
    page: ChangesPage,
    { snapshotGeneration, keepCursor }: ApplyPageOptions,
  ): void {
    const state = this.readSyncState();
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
    for (const record of page.applications) this.upsertRecord(record, generation, released, referenced);

    const findApplication = this.statement<[string], { local_id: number }>(
      'select local_id from applications where id = ?',
    );
    for (const id of page.removedIds) {
      const row = findApplication.get(id);
      if (row) this.deleteApplication(row.local_id, released);
    }

    this.pruneReleasedBlobs(released, referenced);
    if (keepCursor !== true) this.statement('update sync_state set cursor = ? where id = 1').run(page.cursor);
  }

  /**
   * Writes one application as the server sent it (narrow row, document, attachment references), inside
   * the caller's transaction. The hashes of references it dropped go to `released`, those it has to
   * `referenced`, for the caller to prune scans once at the end.
   */
  private upsertRecord(
    record: ApplicationRecord,
    generation: number,
    released: Set<string>,
    referenced: Set<string>,
  ): void {
    const row = this.statement<unknown[], { local_id: number }>(UPSERT_APPLICATION_SQL).get(
      ...applicationValues(record, generation),
    );
    if (!row) throw new Error(`the cache did not store application ${record.id}`);
    const localId = row.local_id;
    this.statement(UPSERT_DOCUMENT_SQL).run(
      localId,
      record.contentJson,
      JSON.stringify(record.attachments),
      JSON.stringify(record.history),
      // Defaults again here: a record made in code (tests, the bench) may skip the parse that adds them.
      JSON.stringify(record.comments ?? []),
      record.previousContentJson ?? null,
    );
    const attachments = attachmentRows(record.attachments);
    for (const attachment of attachments) referenced.add(attachment.sha256);
    // Most changes are decisions, which leave the scans as they were: rewriting identical rows would
    // still dirty a page of the table and one of the hash index for each application.
    const stored = this.statement<[number], AttachmentRow>(SELECT_ATTACHMENTS_SQL).all(localId);
    if (sameAttachments(stored, attachments)) return;
    if (stored.length > 0) {
      this.statement('delete from application_attachments where local_id = ?').run(localId);
      for (const { sha256 } of stored) released.add(sha256);
    }
    const insertAttachment = this.statement(INSERT_ATTACHMENT_SQL);
    for (const a of attachments) {
      insertAttachment.run(
        localId,
        a.file_id,
        a.sha256,
        a.file_name,
        a.mime_type,
        a.size,
        a.section_key,
        a.field_key,
        a.row_index,
      );
    }
  }

  /**
   * Deletes an application; its document and attachment references go with it (on delete cascade), and
   * the hashes they held are noted in `released`. Comment drafts and the outbox have no foreign key to
   * it and stay.
   */
  private deleteApplication(localId: number, released: Set<string>): void {
    const hashes = this.statement<[number], { sha256: string }>(
      'select sha256 from application_attachments where local_id = ?',
    ).all(localId);
    for (const { sha256 } of hashes) released.add(sha256);
    this.statement('delete from applications where local_id = ?').run(localId);
  }

  /** Deletes the scans of `released` hashes that nothing refers to any more. */
  private pruneReleasedBlobs(released: Set<string>, stillReferenced: Set<string> = new Set()): void {
    const prune = this.statement(
      `delete from attachment_blobs
        where sha256 = ? and not exists (select 1 from application_attachments where sha256 = ?)`,
    );
    for (const sha256 of released) {
      if (!stillReferenced.has(sha256)) prune.run(sha256, sha256);
    }
  }

  /**
   * Starts a snapshot after the server answered "resync": a new generation, no cursor. The cached
   * applications stay visible until finishSnapshot sweeps those the snapshot did not bring again;
   * drafts and the outbox are never touched. Calling it again restarts the snapshot. Returns the
   * generation to pass to applyPage.
   */
  beginSnapshot(): number {
    const row = this.statement<[], { snapshot_generation: number }>(
      `update sync_state
          set snapshot_generation = snapshot_generation + 1, snapshot_in_progress = 1, cursor = null
        where id = 1
        returning snapshot_generation`,
    ).get();
    this.written();
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
    const state = this.readSyncState();
    if (state.snapshot_in_progress !== 1) return 0;
    const generation = state.snapshot_generation;

    const stale = this.statement<[number, number, number], { local_id: number }>(
      `select local_id from applications
        where local_id > ? and generation < ?
        order by local_id
        limit ?`,
    );
    const sweepBatch = this.database.transaction((after: number): number[] => {
      const ids = stale.all(after, generation, SWEEP_BATCH).map((row) => row.local_id);
      const released = new Set<string>();
      for (const localId of ids) this.deleteApplication(localId, released);
      this.pruneReleasedBlobs(released);
      return ids;
    });

    let removed = 0;
    for (let after = 0; ;) {
      if (this.closed) return removed;
      const ids = sweepBatch(after);
      this.written();
      const last = ids.at(-1);
      if (last === undefined) break;
      removed += ids.length;
      after = last;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    this.write(
      'update sync_state set snapshot_in_progress = 0 where id = 1 and snapshot_generation = ?',
      generation,
    );
    return removed;
  }

  /** Records whose cache this is; claimOwner checks it. */
  setOwner(owner: CacheOwner): void {
    this.write(
      'update sync_state set server_url = ?, user_id = ? where id = 1',
      owner.serverUrl,
      owner.userId,
    );
  }

  syncState(): CacheSyncState {
    const row = this.readSyncState();
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
    this.write('update sync_state set last_synced_at = ? where id = 1', at);
  }

  // --- the list and the details ------------------------------------------------------------------------

  /**
   * One page of the 职称申报审核 list. `counts` covers the whole scope and ignores both the state filter
   * and the search (they are the filter's badges); `total` is what matches state and search.
   *
   * A department's list reads covering indexes (see the migration): the default order, by submission
   * time, walks one; another order sorts the matching index entries, which SQLite does keeping only the
   * top rows; a search is a substring scan of their search_text. A unit's list, a few thousand rows at
   * most, is scanned and sorted from the table. Ties are broken by id, so pages never overlap or skip.
   */
  listApplications(query: ApplicationListQuery): ListApplicationsResponse {
    const scopeColumn = query.scope === 'unit' ? 'unit_id' : 'department_id';
    const counts = this.countByState(scopeColumn, query.unitId);

    const search = query.search.trim().toLowerCase();
    let filtered = this.kysely.selectFrom('applications').where(scopeColumn, '=', query.unitId);
    if (query.state !== 'all') filtered = filtered.where('state', '=', query.state);
    if (search !== '') {
      filtered = filtered.where(sql<boolean>`search_text like ${`%${escapeLike(search)}%`} escape '\\'`);
    }

    // The page in two steps: its ids from the covering index (walking, or sorting, only index entries,
    // however deep the page), then the shown columns for those ids alone.
    const column = SORT_COLUMNS[query.sortField];
    const direction = query.sortOrder === 'ascend' ? 'asc' : 'desc';
    const offset = (query.page - 1) * query.pageSize;
    const pageIds = filtered
      // Only submitted_at can be null, and SQLite already puts nulls last when descending.
      .orderBy(
        column,
        direction === 'asc' && column === 'submitted_at' ? (ob) => ob.asc().nullsLast() : direction,
      )
      .orderBy('id', direction)
      .limit(query.pageSize)
      .offset(offset);
    const countMatches = () => this.first(filtered.select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0;

    let total: number;
    let ids: string[];
    if (search === '') {
      total =
        query.state === 'all' ? Object.values(counts).reduce((sum, n) => sum + n, 0) : counts[query.state];
      ids = offset >= total ? [] : this.all(pageIds.select('id')).map((row) => row.id);
    } else if (column === 'submitted_at') {
      // Walking the index in order, the page's ids come after a few entries; counting the matches is the
      // scan, and when it finds none (or too few for this page) the ids need no second one.
      total = countMatches();
      ids = offset >= total ? [] : this.all(pageIds.select('id')).map((row) => row.id);
    } else {
      // Another order sorts every match anyway: count them in the same pass.
      const found = this.all(pageIds.select(['id', sql<number>`count(*) over ()`.as('total')]));
      total = found[0]?.total ?? (offset === 0 ? 0 : countMatches());
      ids = found.map((row) => row.id);
    }

    const rows =
      ids.length === 0
        ? []
        : this.all(
            this.kysely
              .selectFrom('applications')
              .where(sql<boolean>`id in (select value from json_each(${JSON.stringify(ids)}))`)
              .select([
                'id',
                'application_no',
                'applicant_name',
                'id_number',
                'qualification',
                'application_type',
                'state',
                'submitted_at',
                'submit_count',
                // A decision on its way (or refused) shows in the row; applied ones leave the outbox.
                sql<OutboxStatus | null>`(select o.status from outbox o
                   where o.application_id = applications.id and o.status <> 'applied'
                   order by o.seq desc limit 1)`.as('outbox_status'),
              ]),
          );
    const position = new Map(ids.map((id, index) => [id, index]));
    rows.sort((a, b) => (position.get(a.id) ?? 0) - (position.get(b.id) ?? 0));

    return {
      rows: rows.map((row): ApplicationListRow => ({
        id: row.id,
        applicationNo: row.application_no,
        applicantName: row.applicant_name,
        maskedIdNumber: maskIdNumber(row.id_number),
        qualification: row.qualification,
        applicationType: row.application_type,
        state: row.state,
        submittedAt: row.submitted_at,
        submitCount: row.submit_count,
        outboxStatus: row.outbox_status,
      })),
      total,
      counts: { ...counts },
    };
  }

  private countByState(
    scopeColumn: 'unit_id' | 'department_id',
    scopeId: string,
  ): Readonly<Record<ApplicationState, number>> {
    const key = `${scopeColumn}:${scopeId}`;
    const known = this.countsByScope.get(key);
    if (known) return known;
    const counts = Object.fromEntries(APPLICATION_STATES.map((state) => [state, 0])) as Record<
      ApplicationState,
      number
    >;
    const rows = this.all(
      this.kysely
        .selectFrom('applications')
        .where(scopeColumn, '=', scopeId)
        .groupBy('state')
        .select((eb) => ['state', eb.fn.countAll<number>().as('n')]),
    );
    for (const { state, n } of rows) {
      // A state this build does not know (a newer server) has no badge to count towards.
      if (Object.hasOwn(counts, state)) counts[state] = n;
    }
    this.countsByScope.set(key, counts);
    return counts;
  }

  /** The application as the details and the review dialog show it, or null when it is not cached. */
  getApplicationDetail(id: string): ApplicationDetail | null {
    const row = this.first(
      this.withDocument(id).select([
        'a.local_id',
        'a.id',
        'a.application_no',
        'a.year',
        'a.state',
        'a.version',
        'a.submit_count',
        'a.unit_name',
        'a.applicant_name',
        'a.submitted_at',
        'a.updated_at',
        'a.publicity_start',
        'a.publicity_end',
        'd.content_json',
        'd.attachments_json',
        'd.history_json',
        'd.comments_json',
        'd.previous_content_json',
      ]),
    );
    if (!row) return null;

    const cached = new Set(
      this.all(
        this.kysely
          .selectFrom('application_attachments as a')
          .innerJoin('attachment_blobs as b', 'b.sha256', 'a.sha256')
          .where('a.local_id', '=', row.local_id)
          .select('a.sha256'),
      ).map((r) => r.sha256),
    );
    return {
      id: row.id,
      applicationNo: row.application_no,
      year: row.year,
      state: row.state,
      version: row.version,
      submitCount: row.submit_count,
      unitName: row.unit_name,
      applicantName: row.applicant_name,
      submittedAt: row.submitted_at,
      updatedAt: row.updated_at,
      publicity: publicityOf(row),
      // Checked, not cast: this is the first time anyone parses the server's text.
      content: applicationContentSchema.parse(JSON.parse(row.content_json)),
      ...reviewHistoryOf(row),
      attachments: attachmentsSchema
        .parse(JSON.parse(row.attachments_json))
        .map((attachment) => ({ ...attachment, cached: cached.has(attachment.sha256) })),
      history: historySchema.parse(JSON.parse(row.history_json)),
    };
  }

  /** Applications in the cache, over all scopes. */
  count(): number {
    return this.first(
      this.kysely.selectFrom('applications').select((eb) => eb.fn.countAll<number>().as('n')),
    )!.n;
  }

  // --- scans ----------------------------------------------------------------------------------------------

  hasBlob(sha256: string): boolean {
    return this.first(
      this.kysely.selectFrom('attachment_blobs').where('sha256', '=', sha256).select('sha256'),
    )
      ? true
      : false;
  }

  /**
   * Stores a downloaded scan under its hash. The content must hash to `sha256`, so a truncated or wrong
   * download can never be served for every application that shares the hash. Only scans that a cached
   * application refers to are kept: a download that finishes after its application left the cache
   * would otherwise stay forever. Returns whether the scan was stored now (false when it already was,
   * or nothing refers to it).
   */
  putBlob(sha256: string, mimeType: string, content: Buffer): boolean {
    const actual = createHash('sha256').update(content).digest('hex');
    if (actual !== sha256.toLowerCase()) {
      throw new Error(`attachment content hashes to ${actual}, not ${sha256}`);
    }
    const { changes } = this.write(
      `insert into attachment_blobs (sha256, mime_type, content, cached_at)
       select ?, ?, ?, ?
        where exists (select 1 from application_attachments where sha256 = ?)
       on conflict (sha256) do nothing`,
      sha256,
      mimeType,
      content,
      new Date().toISOString(),
      sha256,
    );
    return changes > 0;
  }

  /**
   * A scan of a cached application, offline. Null when the application does not refer to that file or
   * the scan has not been downloaded yet. Name and type come from the application's reference: two
   * applications may share the content under different names.
   */
  getAttachment(applicationId: string, fileId: string): CachedAttachmentContent | null {
    const row = this.first(
      this.kysely
        .selectFrom('applications as app')
        .innerJoin('application_attachments as a', 'a.local_id', 'app.local_id')
        .innerJoin('attachment_blobs as b', 'b.sha256', 'a.sha256')
        .where('app.id', '=', applicationId)
        .where('a.file_id', '=', fileId)
        .select(['a.file_id', 'a.file_name', 'a.mime_type', 'a.size', 'b.content']),
    );
    if (!row) return null;
    return {
      fileId: row.file_id,
      fileName: row.file_name,
      mimeType: row.mime_type,
      size: row.size,
      content: row.content,
    };
  }

  /**
   * Scans that cached applications refer to but the cache lacks, one reference per distinct hash (one
   * download serves every application that shares it), for the prefetcher. With `among`, only the
   * scans of those applications (by id): after a delta the prefetcher asks about what the sync brought,
   * which costs what the delta does, where asking about every reference costs what the cache holds.
   */
  missingBlobs(limit: number, among?: readonly string[]): MissingBlob[] {
    const only =
      among === undefined
        ? ''
        : `and a.local_id in (select local_id from applications
                               where id in (select value from json_each(?)))`;
    // min() makes SQLite take file_id from the same row as the smallest local_id of each hash.
    return this.statement<unknown[], MissingBlob>(
      `select m.sha256 as sha256, app.id as applicationId, m.file_id as fileId
         from (select a.sha256, min(a.local_id) as local_id, a.file_id
                 from application_attachments a
                where not exists (select 1 from attachment_blobs b where b.sha256 = a.sha256)
                  ${only}
                group by a.sha256
                order by a.sha256
                limit ?) m
         join applications app on app.local_id = m.local_id
        order by m.sha256`,
    )
      .all(...(among === undefined ? [] : [JSON.stringify(among)]), limit)
      .map(({ applicationId, fileId, sha256 }) => ({ applicationId, fileId, sha256 }));
  }

  /** Deletes scans no cached application refers to; applyPage and finishSnapshot already do it for theirs. */
  pruneUnreferencedBlobs(): number {
    return this.write(
      `delete from attachment_blobs
        where not exists (select 1 from application_attachments a where a.sha256 = attachment_blobs.sha256)`,
    ).changes;
  }

  // --- the reviewer's own work: comment drafts and the outbox of decisions ------------------------------
  //
  // Nothing that syncs deletes these rows: drafts leave only with the decision they went with (applied)
  // or when the reviewer discards them; an operation leaves when the server applied it or the reviewer
  // resolves its conflict. Writes the reviewer makes are durable (see durably) before they return.

  /** Stores a draft as given (no checks, plain durability); for tests and imports. */
  putCommentDraft(draft: CommentDraft): void {
    this.write(UPSERT_DRAFT_SQL, draft.applicationId, draft.target, draft.text, draft.updatedAt);
  }

  /** The application's drafts, in target key order. */
  commentDrafts(applicationId: string): CommentDraft[] {
    return this.all(
      this.kysely
        .selectFrom('comment_drafts')
        .where('application_id', '=', applicationId)
        .orderBy('target')
        .select(['application_id as applicationId', 'target', 'text', 'updated_at as updatedAt']),
    );
  }

  /**
   * The reviewer typed a comment: stores it (a blank text deletes the draft) in a commit that is on
   * disk when this returns. Refused, writing nothing, while a decision on the application is pending
   * or being sent: its comments were taken from the drafts when it was made, so a later edit would
   * silently not travel with it. Returns whether it was stored.
   */
  saveCommentDraft(draft: CommentDraft): boolean {
    return this.durably(() => this.saveDraftTransaction(draft));
  }

  private readonly saveDraftTransaction = (draft: CommentDraft): boolean =>
    this.database.transaction(() => {
      const waiting = this.latestOperation(draft.applicationId);
      if (waiting !== null && (waiting.status === 'pending' || waiting.status === 'sending')) return false;
      if (draft.text.trim() === '') {
        this.statement('delete from comment_drafts where application_id = ? and target = ?').run(
          draft.applicationId,
          draft.target,
        );
      } else {
        this.statement(UPSERT_DRAFT_SQL).run(draft.applicationId, draft.target, draft.text, draft.updatedAt);
      }
      return true;
    })();

  /** Appends an operation to the outbox, last in the queue (no checks; decide uses enqueueOperation). */
  enqueueOutbox(entry: NewOutboxEntry): void {
    this.write(INSERT_OUTBOX_SQL, ...outboxValues(entry));
  }

  /**
   * Makes a decision durable: `decide` sees the application's drafts, its latest unsettled operation
   * and its cached state, and answers the operation to queue (and which refused one it replaces), or
   * throws to write nothing. Reading and writing in one transaction means the operation carries exactly
   * the drafts that are there when it is queued, and two decisions can never both pass the "nothing
   * waiting" check.
   */
  enqueueOperation(
    applicationId: string,
    decide: (current: ReviewSnapshot) => { entry: NewOutboxEntry; replaces: string | null },
  ): OutboxEntry {
    return this.durably(() =>
      this.database.transaction(() => {
        const { entry, replaces } = decide({
          drafts: this.commentDrafts(applicationId),
          decision: this.latestOperation(applicationId),
          application: this.reviewTarget(applicationId),
        });
        if (replaces !== null) this.statement('delete from outbox where id = ?').run(replaces);
        this.statement(INSERT_OUTBOX_SQL).run(...outboxValues(entry));
        const stored = this.latestOperation(applicationId);
        if (stored?.id !== entry.id) throw new Error(`the outbox did not store operation ${entry.id}`);
        return stored;
      })(),
    );
  }

  /**
   * Drops a refused (conflict or rejected) operation, and with `withDrafts` the application's drafts too,
   * in one durable transaction. Returns whether there was such an operation.
   */
  dropRefusedOperation(operationId: string, options: { withDrafts: boolean }): boolean {
    return this.durably(() =>
      this.database.transaction(() => {
        const row = this.statement<[string], { application_id: string }>(
          `delete from outbox where id = ? and status in ('conflict', 'rejected') returning application_id`,
        ).get(operationId);
        if (!row) return false;
        if (options.withDrafts) {
          this.statement('delete from comment_drafts where application_id = ?').run(row.application_id);
        }
        return true;
      })(),
    );
  }

  /** The application's newest operation that is not applied yet, or null. */
  latestOperation(applicationId: string): OutboxEntry | null {
    return (
      this.first(
        this.outboxQuery()
          .where('application_id', '=', applicationId)
          .where('status', '<>', 'applied')
          .orderBy('seq', 'desc')
          .limit(1),
      ) ?? null
    );
  }

  /** Decisions the server has not applied, and comment drafts: what exists on this computer only. */
  localOnlyCounts(): { unsentDecisions: number; commentDrafts: number } {
    const unsent = this.first(
      this.kysely
        .selectFrom('outbox')
        .where('status', '<>', 'applied')
        .select((eb) => eb.fn.countAll<number>().as('n')),
    );
    const drafts = this.first(
      this.kysely.selectFrom('comment_drafts').select((eb) => eb.fn.countAll<number>().as('n')),
    );
    return { unsentDecisions: unsent?.n ?? 0, commentDrafts: drafts?.n ?? 0 };
  }

  /** The whole outbox in queue order. */
  outboxEntries(): OutboxEntry[] {
    return this.all(this.outboxQuery().orderBy('seq'));
  }

  /**
   * The next operations to send, oldest first: pending ones, and those left 'sending' by a run that
   * never heard back (the server may have applied them; their id makes the retry safe).
   */
  operationsToSend(limit: number): OutboxEntry[] {
    return this.all(
      this.outboxQuery().where('status', 'in', ['pending', 'sending']).orderBy('seq').limit(limit),
    );
  }

  /**
   * 'sending' before a request (counting the attempt), so that after a crash the operation is known to
   * have possibly reached the server; back to 'pending' with the reason when the request failed.
   */
  markOperations(ids: readonly string[], status: 'sending' | 'pending', error: string | null = null): void {
    try {
      this.markOperationsTransaction(ids, status, error);
    } finally {
      this.written();
    }
  }

  private readonly markOperationsTransaction = (
    ids: readonly string[],
    status: 'sending' | 'pending',
    error: string | null,
  ): void =>
    this.database.transaction(() => {
      const mark =
        status === 'sending'
          ? this.statement(
              `update outbox set status = 'sending', attempts = attempts + 1
                where id = ? and status in ('pending', 'sending')`,
            )
          : this.statement(
              `update outbox set status = 'pending', last_error = ?
                where id = ? and status in ('pending', 'sending')`,
            );
      for (const id of ids) {
        if (status === 'sending') mark.run(id);
        else mark.run(error, id);
      }
    })();

  /**
   * Stores the server's answers to a push in one transaction. Each answer's record (the application as
   * the server has it now) is written like a pull page's, unless the cache already holds a newer
   * version. applied: the operation leaves the outbox, and the drafts that travelled with it (same
   * target, same text) are deleted; conflict and rejected: the operation stays, with the server's
   * message, for the reviewer to resolve, and the drafts stay with it. Answers to operations that are
   * not (or no longer) being sent are ignored.
   */
  applyOperationResults(results: readonly OperationResult[]): void {
    try {
      this.applyResultsTransaction(results);
    } finally {
      this.written();
    }
  }

  private readonly applyResultsTransaction = (results: readonly OperationResult[]): void =>
    this.database.transaction(() => {
      const generation = this.readSyncState().snapshot_generation;
      const released = new Set<string>();
      const referenced = new Set<string>();
      const findOperation = this.statement<
        [string],
        { application_id: string; payload_json: string; status: string }
      >('select application_id, payload_json, status from outbox where id = ?');
      const cachedVersion = this.statement<[string], { version: number }>(
        'select version from applications where id = ?',
      );
      for (const result of results) {
        const operation = findOperation.get(result.id);
        if (!operation || (operation.status !== 'sending' && operation.status !== 'pending')) continue;
        const record = result.application;
        if (record !== null && record.id === operation.application_id) {
          const cached = cachedVersion.get(record.id);
          if (cached === undefined || cached.version <= record.version) {
            this.upsertRecord(record, generation, released, referenced);
          }
        }
        if (result.outcome === 'applied') {
          this.statement('delete from outbox where id = ?').run(result.id);
          this.deleteSentDrafts(operation.application_id, operation.payload_json);
        } else {
          this.statement(
            'update outbox set status = ?, message = ?, result_json = ?, last_error = null where id = ?',
          ).run(
            result.outcome,
            result.message,
            JSON.stringify({ outcome: result.outcome, message: result.message }),
            result.id,
          );
        }
      }
      this.pruneReleasedBlobs(released, referenced);
    })();

  /** Deletes the application's drafts whose target and text went with the operation. */
  private deleteSentDrafts(applicationId: string, payloadJson: string): void {
    const parsed = sentCommentsSchema.safeParse(JSON.parse(payloadJson));
    if (!parsed.success) return;
    const sent = new Set(parsed.data.comments.map((c) => `${commentTargetKey(c.target)}\n${c.text.trim()}`));
    const remove = this.statement('delete from comment_drafts where application_id = ? and target = ?');
    for (const draft of this.commentDrafts(applicationId)) {
      if (sent.has(`${draft.target}\n${draft.text.trim()}`)) remove.run(applicationId, draft.target);
    }
  }

  /** What a decision on the application is checked against, from the cache; null when it is not cached. */
  reviewTarget(applicationId: string): ReviewTarget | null {
    const row = this.first(
      this.kysely
        .selectFrom('applications')
        .where('id', '=', applicationId)
        .select(['state', 'version', 'unit_id', 'department_id', 'publicity_start', 'publicity_end']),
    );
    if (!row) return null;
    return {
      state: row.state,
      version: row.version,
      unitId: row.unit_id,
      departmentId: row.department_id,
      publicity: publicityOf(row),
    };
  }

  /**
   * Every round's comments on the application and its content at the latest return (to show what the
   * applicant changed), or null when it is not cached.
   */
  reviewHistory(applicationId: string): ReviewHistory | null {
    const row = this.first(
      this.withDocument(applicationId).select(['d.comments_json', 'd.previous_content_json']),
    );
    return row ? reviewHistoryOf(row) : null;
  }

  /** The application (as `a`) with its document (as `d`), for the reads that need both. */
  private withDocument(applicationId: string) {
    return this.kysely
      .selectFrom('applications as a')
      .innerJoin('application_documents as d', 'd.local_id', 'a.local_id')
      .where('a.id', '=', applicationId);
  }

  private outboxQuery() {
    return this.kysely
      .selectFrom('outbox')
      .select([
        'id',
        'seq',
        'application_id as applicationId',
        'operation',
        'payload_json as payloadJson',
        'base_version as baseVersion',
        'created_at as createdAt',
        'status',
        'attempts',
        'next_attempt_at as nextAttemptAt',
        'last_error as lastError',
        'result_json as resultJson',
        'message',
      ]);
  }

  /**
   * Runs a write of the reviewer's own work with synchronous = FULL: the commit is flushed to disk
   * before it returns, so what the UI then calls saved survives a power cut, not only a crash of the
   * app (NORMAL's promise, enough for what the server can send again, not for drafts). Costs one fsync
   * of the WAL, a few milliseconds, per save.
   */
  private durably<T>(write: () => T): T {
    this.database.pragma('synchronous = FULL');
    try {
      return write();
    } finally {
      this.database.pragma('synchronous = NORMAL');
      this.written();
    }
  }

  // --- housekeeping ----------------------------------------------------------------------------------------

  /**
   * SQLite's own checks of the file and of the foreign keys: a list of problems, empty when the cache is
   * sound. A cache that fails can be deleted and synced again (after saving drafts and outbox).
   */
  integrityCheck(): string[] {
    try {
      const problems = (this.database.pragma('integrity_check') as { integrity_check: string }[])
        .map((row) => row.integrity_check)
        .filter((message) => message !== 'ok');
      const orphans = this.database.pragma('foreign_key_check') as {
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
    if (this.closed) return;
    this.closed = true;
    this.statements.clear();
    this.countsByScope.clear();
    // The worker's connection first: the last connection to close checkpoints and removes the WAL.
    this.checkpointer.stop();
    this.database.close();
  }

  // --- plumbing -----------------------------------------------------------------------------------------------

  /** After every write: the counts may have changed, and the WAL has grown. */
  private written(): void {
    this.countsByScope.clear();
    this.checkpointer.request();
  }

  /** One statement that writes, outside the sync transactions. */
  private write(text: string, ...parameters: unknown[]): SqliteDatabase.RunResult {
    try {
      return this.statement(text).run(...parameters);
    } finally {
      this.written();
    }
  }

  private readSyncState(): SyncStateRow {
    const row = this.statement<[], SyncStateRow>(
      `select cursor, last_synced_at, snapshot_generation, snapshot_in_progress, server_url, user_id
         from sync_state where id = 1`,
    ).get();
    if (!row) throw new Error('the cache has no sync state row');
    return row;
  }

  /**
   * Prepared once per SQL text. The list builds a few dozen distinct texts at most (scope × state filter
   * × search × sort), so the map stays small.
   */
  private statement<P extends unknown[] = unknown[], R = unknown>(
    text: string,
  ): SqliteDatabase.Statement<P, R> {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.database.prepare(text);
      this.statements.set(text, statement);
    }
    return statement as unknown as SqliteDatabase.Statement<P, R>;
  }

  private all<O>(query: Compilable<O>): O[] {
    const { sql: text, parameters } = query.compile();
    return this.statement<unknown[], O>(text).all(...parameters);
  }

  private first<O>(query: Compilable<O>): O | undefined {
    const { sql: text, parameters } = query.compile();
    return this.statement<unknown[], O>(text).get(...parameters);
  }
}

/** The narrow row's columns as applyPage writes them; the upsert's SQL and its values follow this order. */
const APPLICATION_COLUMNS = [
  'id',
  'application_no',
  'applicant_name',
  'id_number',
  'qualification',
  'application_type',
  'state',
  'version',
  'submit_count',
  'unit_id',
  'unit_name',
  'department_id',
  'year',
  'submitted_at',
  'updated_at',
  'publicity_start',
  'publicity_end',
  'search_text',
  'generation',
] as const satisfies ReadonlyArray<keyof ApplicationsTable>;

type ApplicationColumns = Pick<ApplicationsTable, (typeof APPLICATION_COLUMNS)[number]>;

// Positional parameters: binding 19 named ones costs twice as much, and this runs 500 times a page.
const UPSERT_APPLICATION_SQL = `
  insert into applications (${APPLICATION_COLUMNS.join(', ')})
  values (${APPLICATION_COLUMNS.map(() => '?').join(', ')})
  on conflict (id) do update set
    ${APPLICATION_COLUMNS.filter((column) => column !== 'id')
      .map((column) => `${column} = excluded.${column}`)
      .join(', ')}
  returning local_id`;

const UPSERT_DOCUMENT_SQL = `
  insert into application_documents (
    local_id, content_json, attachments_json, history_json, comments_json, previous_content_json
  ) values (?, ?, ?, ?, ?, ?)
  on conflict (local_id) do update set
    content_json = excluded.content_json, attachments_json = excluded.attachments_json,
    history_json = excluded.history_json, comments_json = excluded.comments_json,
    previous_content_json = excluded.previous_content_json`;

const SELECT_ATTACHMENTS_SQL = `
  select file_id, sha256, file_name, mime_type, size, section_key, field_key, row_index
    from application_attachments
   where local_id = ?
   order by file_id`;

const INSERT_ATTACHMENT_SQL = `
  insert into application_attachments (
    local_id, file_id, sha256, file_name, mime_type, size, section_key, field_key, row_index
  ) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`;

const UPSERT_DRAFT_SQL = `
  insert into comment_drafts (application_id, target, text, updated_at) values (?, ?, ?, ?)
  on conflict (application_id, target) do update set text = excluded.text, updated_at = excluded.updated_at`;

const INSERT_OUTBOX_SQL = `
  insert into outbox (id, seq, application_id, operation, payload_json, base_version, created_at)
  values (?, (select coalesce(max(seq), 0) + 1 from outbox), ?, ?, ?, ?, ?)`;

function outboxValues(entry: NewOutboxEntry): unknown[] {
  return [
    entry.id,
    entry.applicationId,
    entry.operation,
    entry.payloadJson,
    entry.baseVersion,
    entry.createdAt,
  ];
}

/** Deleted per transaction when a snapshot sweeps: each batch stays far below the 50 ms budget. */
const SWEEP_BATCH = 250;

type AttachmentRow = Omit<ApplicationAttachmentsTable, 'local_id'>;

/**
 * An application's attachment references as rows, one per file in file id order. The same file may
 * appear in two fields; the first reference serves lookups (the document keeps the full list), and a
 * duplicate key must not fail the page, which would stall the sync on it forever.
 */
function attachmentRows(attachments: ApplicationRecord['attachments']): AttachmentRow[] {
  const byFile = new Map<string, AttachmentRow>();
  for (const a of attachments) {
    if (byFile.has(a.fileId)) continue;
    byFile.set(a.fileId, {
      file_id: a.fileId,
      sha256: a.sha256,
      file_name: a.fileName,
      mime_type: a.mimeType,
      size: a.size,
      section_key: a.sectionKey,
      field_key: a.fieldKey,
      row_index: a.rowIndex,
    });
  }
  // Compared with SQLite's BINARY order of the stored rows: code units, not the locale.
  return [...byFile.values()].sort((a, b) => (a.file_id < b.file_id ? -1 : a.file_id > b.file_id ? 1 : 0));
}

function sameAttachments(stored: readonly AttachmentRow[], incoming: readonly AttachmentRow[]): boolean {
  return (
    stored.length === incoming.length &&
    stored.every((row, i) => {
      const other = incoming[i];
      return (
        other !== undefined &&
        row.file_id === other.file_id &&
        row.sha256 === other.sha256 &&
        row.file_name === other.file_name &&
        row.mime_type === other.mime_type &&
        row.size === other.size &&
        row.section_key === other.section_key &&
        row.field_key === other.field_key &&
        row.row_index === other.row_index
      );
    })
  );
}

function applicationValues(record: ApplicationRecord, generation: number): unknown[] {
  const row: ApplicationColumns = {
    id: record.id,
    application_no: record.applicationNo,
    applicant_name: record.applicantName,
    id_number: record.idNumber,
    qualification: record.qualification,
    application_type: record.applicationType,
    state: record.state,
    version: record.version,
    submit_count: record.submitCount,
    unit_id: record.unitId,
    unit_name: record.unitName,
    department_id: record.departmentId,
    year: record.year,
    submitted_at: record.submittedAt,
    updated_at: record.updatedAt,
    publicity_start: record.publicity?.start ?? null,
    publicity_end: record.publicity?.end ?? null,
    search_text: `${record.applicantName}|${record.applicationNo}|${record.idNumber}`.toLowerCase(),
    generation,
  };
  return APPLICATION_COLUMNS.map((column) => row[column]);
}

/** The period recorded on approval, from the narrow row's two columns. */
function publicityOf(row: {
  publicity_start: string | null;
  publicity_end: string | null;
}): ReviewTarget['publicity'] {
  return row.publicity_start !== null && row.publicity_end !== null
    ? { start: row.publicity_start, end: row.publicity_end }
    : null;
}

/** Every round's comments and the content at the latest return, from the document's columns. */
function reviewHistoryOf(row: {
  comments_json: string;
  previous_content_json: string | null;
}): ReviewHistory {
  return {
    comments: storedCommentsSchema.parse(JSON.parse(row.comments_json)),
    previousContent:
      row.previous_content_json === null
        ? null
        : applicationContentSchema.parse(JSON.parse(row.previous_content_json)),
  };
}

/** The search box's text as a literal inside LIKE: % and _ (and the escape itself) match only themselves. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

import { z } from '../../../src-shared/contracts/zod-chinese';
import type { OperationResult } from '../../../src-shared/contracts/review';
import { reviewCommentSchema } from '../../../src-shared/contracts/review';
import type { ApplicationState } from '../../../src-shared/domain/workflow';
import { commentTargetKey } from '../review/comment-targets';
import { pruneReleasedBlobs, upsertRecord } from './cache-records';
import { publicityOf } from './cache-queries';
import type { CacheStore } from './cache-store';
import type { OutboxStatus } from './schema';

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

/** The part of a queued ReviewOperation that says which drafts went with it. */
const sentCommentsSchema = z.object({ comments: z.array(reviewCommentSchema) });

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

/**
 * The reviewer's own work: comment drafts and the outbox of decisions, and what a decision is checked
 * against.
 *
 * Nothing that syncs deletes these rows: drafts leave only with the decision they went with (applied)
 * or when the reviewer discards them; an operation leaves when the server applied it or the reviewer
 * resolves its conflict. Writes the reviewer makes are durable (see CacheStore.durably) before they
 * return.
 */
export class ReviewerWork {
  constructor(private readonly store: CacheStore) {}

  /** Stores a draft as given (no checks, plain durability); for tests and imports. */
  putCommentDraft(draft: CommentDraft): void {
    this.store.write(UPSERT_DRAFT_SQL, draft.applicationId, draft.target, draft.text, draft.updatedAt);
  }

  /** The application's drafts, in target key order. */
  commentDrafts(applicationId: string): CommentDraft[] {
    return this.store.all(
      this.store.kysely
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
    return this.store.durably(() => this.saveDraftTransaction(draft));
  }

  private readonly saveDraftTransaction = (draft: CommentDraft): boolean =>
    this.store.database.transaction(() => {
      const waiting = this.latestOperation(draft.applicationId);
      if (waiting !== null && (waiting.status === 'pending' || waiting.status === 'sending')) return false;
      if (draft.text.trim() === '') {
        this.store
          .statement('delete from comment_drafts where application_id = ? and target = ?')
          .run(draft.applicationId, draft.target);
      } else {
        this.store
          .statement(UPSERT_DRAFT_SQL)
          .run(draft.applicationId, draft.target, draft.text, draft.updatedAt);
      }
      return true;
    })();

  /** Appends an operation to the outbox, last in the queue (no checks; decide uses enqueueOperation). */
  enqueueOutbox(entry: NewOutboxEntry): void {
    this.store.write(INSERT_OUTBOX_SQL, ...outboxValues(entry));
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
    return this.store.durably(() =>
      this.store.database.transaction(() => {
        const { entry, replaces } = decide({
          drafts: this.commentDrafts(applicationId),
          decision: this.latestOperation(applicationId),
          application: this.reviewTarget(applicationId),
        });
        if (replaces !== null) this.store.statement('delete from outbox where id = ?').run(replaces);
        this.store.statement(INSERT_OUTBOX_SQL).run(...outboxValues(entry));
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
    return this.store.durably(() =>
      this.store.database.transaction(() => {
        const row = this.store
          .statement<[string], { application_id: string }>(
            `delete from outbox where id = ? and status in ('conflict', 'rejected') returning application_id`,
          )
          .get(operationId);
        if (!row) return false;
        if (options.withDrafts) {
          this.store.statement('delete from comment_drafts where application_id = ?').run(row.application_id);
        }
        return true;
      })(),
    );
  }

  /** The application's newest operation that is not applied yet, or null. */
  latestOperation(applicationId: string): OutboxEntry | null {
    return (
      this.store.first(
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
    const unsent = this.store.first(
      this.store.kysely
        .selectFrom('outbox')
        .where('status', '<>', 'applied')
        .select((eb) => eb.fn.countAll<number>().as('n')),
    );
    const drafts = this.store.first(
      this.store.kysely.selectFrom('comment_drafts').select((eb) => eb.fn.countAll<number>().as('n')),
    );
    return { unsentDecisions: unsent?.n ?? 0, commentDrafts: drafts?.n ?? 0 };
  }

  /** The whole outbox in queue order. */
  outboxEntries(): OutboxEntry[] {
    return this.store.all(this.outboxQuery().orderBy('seq'));
  }

  /**
   * The next operations to send, oldest first: pending ones, and those left 'sending' by a run that
   * never heard back (the server may have applied them; their id makes the retry safe).
   */
  operationsToSend(limit: number): OutboxEntry[] {
    return this.store.all(
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
      this.store.written();
    }
  }

  private readonly markOperationsTransaction = (
    ids: readonly string[],
    status: 'sending' | 'pending',
    error: string | null,
  ): void =>
    this.store.database.transaction(() => {
      const mark =
        status === 'sending'
          ? this.store.statement(
              `update outbox set status = 'sending', attempts = attempts + 1
                where id = ? and status in ('pending', 'sending')`,
            )
          : this.store.statement(
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
      this.store.written();
    }
  }

  private readonly applyResultsTransaction = (results: readonly OperationResult[]): void =>
    this.store.database.transaction(() => {
      const generation = this.store.readSyncState().snapshot_generation;
      const released = new Set<string>();
      const referenced = new Set<string>();
      const findOperation = this.store.statement<
        [string],
        { application_id: string; payload_json: string; status: string }
      >('select application_id, payload_json, status from outbox where id = ?');
      const cachedVersion = this.store.statement<[string], { version: number }>(
        'select version from applications where id = ?',
      );
      for (const result of results) {
        const operation = findOperation.get(result.id);
        if (!operation || (operation.status !== 'sending' && operation.status !== 'pending')) continue;
        const record = result.application;
        if (record !== null && record.id === operation.application_id) {
          const cached = cachedVersion.get(record.id);
          if (cached === undefined || cached.version <= record.version) {
            upsertRecord(this.store, record, generation, released, referenced);
          }
        }
        if (result.outcome === 'applied') {
          this.store.statement('delete from outbox where id = ?').run(result.id);
          this.deleteSentDrafts(operation.application_id, operation.payload_json);
        } else {
          this.store
            .statement(
              'update outbox set status = ?, message = ?, result_json = ?, last_error = null where id = ?',
            )
            .run(
              result.outcome,
              result.message,
              JSON.stringify({ outcome: result.outcome, message: result.message }),
              result.id,
            );
        }
      }
      pruneReleasedBlobs(this.store, released, referenced);
    })();

  /** Deletes the application's drafts whose target and text went with the operation. */
  private deleteSentDrafts(applicationId: string, payloadJson: string): void {
    const parsed = sentCommentsSchema.safeParse(JSON.parse(payloadJson));
    if (!parsed.success) return;
    const sent = new Set(parsed.data.comments.map((c) => `${commentTargetKey(c.target)}\n${c.text.trim()}`));
    const remove = this.store.statement('delete from comment_drafts where application_id = ? and target = ?');
    for (const draft of this.commentDrafts(applicationId)) {
      if (sent.has(`${draft.target}\n${draft.text.trim()}`)) remove.run(applicationId, draft.target);
    }
  }

  /** What a decision on the application is checked against, from the cache; null when it is not cached. */
  reviewTarget(applicationId: string): ReviewTarget | null {
    const row = this.store.first(
      this.store.kysely
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

  private outboxQuery() {
    return this.store.kysely
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
}

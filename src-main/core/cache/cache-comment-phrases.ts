import type { CommentPhraseListState, CommentPhrases } from '../../../src-shared/contracts/comment-phrases';
import { mergeCommentPhrases, PRESET_COMMENT_PHRASES } from '../../../src-shared/domain/comment-phrases';
import type { CacheStore } from './cache-store';
import type { CommentPhrasesTable } from './schema';

/**
 * The reviewer's 常用意见 in the cache (migration 0005): what the review dialog's picker offers, online or
 * not. An edit made here is kept (durably, like a draft) with the server's list it was made from and
 * that list's version, and marked pending until the sync has sent it (sync/comment-phrases-sync.ts).
 *
 * The rule when the edit meets a server list that moved on meanwhile (another PC of the account saved):
 * the edit is merged into the server's list (mergeCommentPhrases: its additions and removals are kept,
 * the rest and the order are the server's) and the merge is sent, so neither side's work is lost and an
 * older offline list never overwrites a newer one. The server's list replaces the copy only when nothing
 * is pending.
 */

/** The part of the row a sync works from. */
export interface PhraseListSnapshot {
  phrases: string[];
  base: string[];
  baseVersion: number;
  revision: number;
  pending: boolean;
}

type Row = Omit<CommentPhrasesTable, 'id'>;

const UPSERT_SQL = `insert into comment_phrases
    (id, phrases_json, base_json, base_version, revision, pending, problem, synced_at)
    values (1, ?, ?, ?, ?, ?, ?, ?)
  on conflict (id) do update set phrases_json = excluded.phrases_json, base_json = excluded.base_json,
    base_version = excluded.base_version, revision = excluded.revision, pending = excluded.pending,
    problem = excluded.problem, synced_at = excluded.synced_at`;

export class CacheCommentPhrases {
  constructor(private readonly store: CacheStore) {}

  /** The list as the reviewer sees it (the presets before the first sync or edit). */
  current(): CommentPhrases {
    const row = this.row();
    return {
      phrases: JSON.parse(row.phrases_json) as string[],
      pending: row.pending === 1,
      syncedAt: row.synced_at,
      problem: row.problem,
    };
  }

  snapshot(): PhraseListSnapshot {
    const row = this.row();
    return {
      phrases: JSON.parse(row.phrases_json) as string[],
      base: JSON.parse(row.base_json) as string[],
      baseVersion: row.base_version,
      revision: row.revision,
      pending: row.pending === 1,
    };
  }

  /**
   * Keeps the reviewer's edit (a whole list, validated by the contract) on disk before it answers, pending
   * until a sync has sent it; the base it was made from stays as it was.
   */
  saveLocal(phrases: readonly string[]): CommentPhrases {
    this.store.durably(() =>
      this.store.database.transaction(() => {
        const row = this.row();
        this.put({
          ...row,
          phrases_json: JSON.stringify(phrases),
          revision: row.revision + 1,
          pending: 1,
          problem: null,
        });
      })(),
    );
    return this.current();
  }

  /**
   * The server's list as read at a sync: the copy, unless an edit made here is pending (then the edit
   * is sent first, and this list is not the one it was made from).
   */
  takeServerList(list: CommentPhraseListState, syncedAt: string): void {
    this.store.database.transaction(() => {
      const row = this.row();
      if (row.pending === 1) return;
      this.put({ ...row, ...this.serverColumns(list), synced_at: syncedAt });
    })();
    this.store.written();
  }

  /**
   * The server saved the list of `revision` as `list`. The copy is the server's now, unless the reviewer
   * edited again while it was on its way: that edit stays pending, made from the list just saved.
   */
  accepted(list: CommentPhraseListState, revision: number, syncedAt: string): void {
    this.store.durably(() =>
      this.store.database.transaction(() => {
        const row = this.row();
        if (row.revision === revision) {
          this.put({ ...row, ...this.serverColumns(list), synced_at: syncedAt });
        } else {
          this.put({
            ...row,
            base_json: JSON.stringify(list.phrases),
            base_version: list.version,
            synced_at: syncedAt,
          });
        }
      })(),
    );
  }

  /**
   * The server's list moved past the edit's base: the edit merged into it (see the class comment) is the
   * pending list now, made from the server's; answers whether anything is left to send.
   */
  rebase(list: CommentPhraseListState, syncedAt: string): boolean {
    return this.store.durably(() =>
      this.store.database.transaction(() => {
        const row = this.row();
        const merged = mergeCommentPhrases(
          JSON.parse(row.base_json) as string[],
          JSON.parse(row.phrases_json) as string[],
          list.phrases,
        );
        const same = JSON.stringify(merged) === JSON.stringify(list.phrases);
        this.put({
          ...row,
          phrases_json: JSON.stringify(merged),
          base_json: JSON.stringify(list.phrases),
          base_version: list.version,
          pending: same ? 0 : 1,
          problem: null,
          synced_at: syncedAt,
        });
        return !same;
      })(),
    );
  }

  /** The pending edit cannot be sent as it is (the merge made it too long, say): the reviewer is told. */
  setProblem(problem: string): void {
    this.store.durably(() =>
      this.store.statement('update comment_phrases set problem = ? where id = 1').run(problem),
    );
  }

  private serverColumns(list: CommentPhraseListState) {
    const json = JSON.stringify(list.phrases);
    return { phrases_json: json, base_json: json, base_version: list.version, pending: 0, problem: null };
  }

  private row(): Row {
    const row = this.store.first(
      this.store.kysely
        .selectFrom('comment_phrases')
        .select(['phrases_json', 'base_json', 'base_version', 'revision', 'pending', 'problem', 'synced_at'])
        .where('id', '=', 1),
    );
    if (row !== undefined) return row;
    const presets = JSON.stringify(PRESET_COMMENT_PHRASES);
    return {
      phrases_json: presets,
      base_json: presets,
      base_version: 0,
      revision: 0,
      pending: 0,
      problem: null,
      synced_at: null,
    };
  }

  private put(row: Row): void {
    this.store
      .statement(UPSERT_SQL)
      .run(
        row.phrases_json,
        row.base_json,
        row.base_version,
        row.revision,
        row.pending,
        row.problem,
        row.synced_at,
      );
  }
}

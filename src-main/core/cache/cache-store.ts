import type SqliteDatabase from 'better-sqlite3';
import type { Compilable, Kysely } from 'kysely';
import type { WalCheckpointer } from './wal-checkpointer';
import type { CacheDatabase, SyncStateTable } from './schema';

export type SyncStateRow = Omit<SyncStateTable, 'id'>;

/**
 * What the cache's parts share: the one connection (the cache's only writer), its prepared statements
 * and the bookkeeping after each write. Each part (sync writes, queries, scans, the reviewer's work)
 * holds this object rather than a connection of its own, so a statement prepared by one is reused by
 * every other and a write by any of them invalidates every part's derived state in one place.
 *
 * Synchronous, like better-sqlite3 underneath it: a query that cannot interleave with another needs no
 * locking. Kysely builds the typed queries (and runs the migrations); they are executed as cached
 * prepared statements. Every write that spans statements is one better-sqlite3 transaction, and no
 * Kysely transaction is ever opened after the migrations: an async transaction left open across an
 * await would silently swallow a page applied meanwhile.
 */
export class CacheStore {
  private readonly statements = new Map<string, SqliteDatabase.Statement>();
  /** Parts' caches of derived data (the list's counts and match sets), dropped after every write. */
  private readonly writeListeners: Array<() => void> = [];
  private isClosed = false;

  constructor(
    readonly database: SqliteDatabase.Database,
    readonly kysely: Kysely<CacheDatabase>,
    private readonly checkpointer: WalCheckpointer,
  ) {}

  get closed(): boolean {
    return this.isClosed;
  }

  /** `listener` runs after every write, for a part that keeps what it derived from the tables. */
  onWrite(listener: () => void): void {
    this.writeListeners.push(listener);
  }

  /** After every write: derived data may be stale, and the WAL has grown. */
  written(): void {
    for (const listener of this.writeListeners) listener();
    this.checkpointer.request();
  }

  /** One statement that writes, outside the sync transactions. */
  write(text: string, ...parameters: unknown[]): SqliteDatabase.RunResult {
    try {
      return this.statement(text).run(...parameters);
    } finally {
      this.written();
    }
  }

  /**
   * Runs a write of the reviewer's own work with synchronous = FULL: the commit is flushed to disk
   * before it returns, so what the UI then calls saved survives a power cut, not only a crash of the
   * app (NORMAL's promise, enough for what the server can send again, not for drafts). Costs one fsync
   * of the WAL, a few milliseconds, per save.
   */
  durably<T>(write: () => T): T {
    this.database.pragma('synchronous = FULL');
    try {
      return write();
    } finally {
      this.database.pragma('synchronous = NORMAL');
      this.written();
    }
  }

  readSyncState(): SyncStateRow {
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
  statement<P extends unknown[] = unknown[], R = unknown>(text: string): SqliteDatabase.Statement<P, R> {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.database.prepare(text);
      this.statements.set(text, statement);
    }
    return statement as unknown as SqliteDatabase.Statement<P, R>;
  }

  all<O>(query: Compilable<O>): O[] {
    const { sql: text, parameters } = query.compile();
    return this.statement<unknown[], O>(text).all(...parameters);
  }

  first<O>(query: Compilable<O>): O | undefined {
    const { sql: text, parameters } = query.compile();
    return this.statement<unknown[], O>(text).get(...parameters);
  }

  /** Closes the file; the cache cannot be used afterwards. Closing twice is harmless. */
  close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.statements.clear();
    for (const listener of this.writeListeners) listener();
    // The worker's connection first: the last connection to close checkpoints and removes the WAL.
    this.checkpointer.stop();
    this.database.close();
  }
}

import type SqliteDatabase from 'better-sqlite3';
import type { SqliteDatabase as KyselySqliteDatabase, SqliteStatement } from 'kysely';

/**
 * The SQLite connection as Kysely's dialect sees it, with its prepared statements kept and reused by
 * SQL text. Kysely prepares every query it runs afresh; for the sync's page queries (a JSON record built
 * from four joined tables) preparing cost about a seventh of the server's time per page (issue 14).
 *
 * Reuse is safe because the dialect runs one query at a time on its connection. A statement still
 * iterating (a streamed query) is busy and cannot run again before it ends: such a query gets a statement
 * of its own. The least recently used statements are dropped beyond CAPACITY, since texts with `in`
 * lists of every length are distinct statements.
 */
export function withStatementCache(database: SqliteDatabase.Database): KyselySqliteDatabase {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => database.close(),
    prepare(sql: string): SqliteStatement {
      const kept = statements.get(sql);
      if (kept !== undefined && !kept.busy) {
        // Moved to the end: the map's order is the order of last use.
        statements.delete(sql);
        statements.set(sql, kept);
        return kept;
      }
      const statement = database.prepare(sql);
      if (kept === undefined) {
        statements.set(sql, statement);
        if (statements.size > CAPACITY) {
          const oldest = statements.keys().next();
          if (oldest.done !== true) statements.delete(oldest.value);
        }
      }
      return statement;
    },
  };
}

const CAPACITY = 500;

import SqliteDatabase from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withStatementCache } from '../../src-server/db/statement-cache';

/**
 * The server's SQLite statements are prepared once per SQL text and reused; a statement still
 * iterating is never handed out again (it would throw "busy"), and the kept statements stay bounded.
 */
describe('the statement cache of the server SQLite connection', () => {
  let database: SqliteDatabase.Database;

  beforeEach(() => {
    database = new SqliteDatabase(':memory:');
    database.exec('create table t (n integer)');
    database.exec('insert into t values (1), (2), (3)');
  });
  afterEach(() => {
    if (database.open) database.close();
  });

  it('hands out the same prepared statement for the same text, with the same results', () => {
    const cached = withStatementCache(database);
    const first = cached.prepare('select n from t where n > ? order by n');
    const second = cached.prepare('select n from t where n > ? order by n');
    expect(second).toBe(first);
    expect(second.all([1])).toEqual([{ n: 2 }, { n: 3 }]);
    expect(cached.prepare('select n from t where n < ?')).not.toBe(first);
  });

  it('prepares afresh while the kept statement is still iterating', () => {
    const cached = withStatementCache(database);
    const text = 'select n from t order by n';
    const iterating = cached.prepare(text).iterate([]);
    expect(iterating.next().value).toEqual({ n: 1 });
    const other = cached.prepare(text);
    expect(other.all([])).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect([...iterating]).toEqual([{ n: 2 }, { n: 3 }]);
  });

  it('keeps a bounded number of statements, dropping the least recently used', () => {
    const cached = withStatementCache(database);
    const kept = cached.prepare('select 0');
    const unused = cached.prepare('select 1');
    for (let i = 2; i <= 1_000; i += 1) {
      cached.prepare(`select ${i}`);
      // Used again and again, so it is never the least recently used.
      expect(cached.prepare('select 0')).toBe(kept);
    }
    expect(cached.prepare('select 1000')).toBe(cached.prepare('select 1000'));
    expect(cached.prepare('select 1')).not.toBe(unused);
  });

  it('closes the connection', () => {
    withStatementCache(database).close();
    expect(database.open).toBe(false);
  });
});

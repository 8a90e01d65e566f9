import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { ServerConfig } from '../config';
import type { Database } from './schema';
import { withStatementCache } from './statement-cache';

/** Opens the platform database; the caller owns it and must `destroy()` it. Runs no migrations. */
export function openDatabase(config: ServerConfig['database']): Kysely<Database> {
  return config.kind === 'sqlite' ? openSqlite(config.file) : openPostgres(config.url);
}

function openSqlite(file: string): Kysely<Database> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const database = new SqliteDatabase(file);
  // WAL lets readers go on while one writer commits; busy_timeout makes a second process (a CLI next to
  // the running app) wait for the lock instead of failing at once; SQLite enforces foreign keys only
  // when asked, per connection.
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  // FULL: the WAL is flushed at every commit, so an answered decision, upload or sign-up survives a power
  // cut of the PC it runs on. The embedded server shares that PC with the client, which drops a decision
  // from its outbox once the server has answered: under NORMAL a power cut could lose the server's last
  // commits after that, and the decision with them. About 0.2 ms more a commit on these machines' disks.
  database.pragma('synchronous = FULL');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
}

function openPostgres(url: string): Kysely<Database> {
  // pg is loaded when the first query needs the pool: the embedded default (SQLite) never evaluates it.
  const pool = async () => {
    const { default: pg } = await import('pg');
    const created = new pg.Pool({ connectionString: url, max: 10 });
    // An idle client that loses its connection emits on the pool; without a listener that crashes the
    // process. The next query gets a fresh connection, so logging is enough.
    created.on('error', (error) => console.error('[server] PostgreSQL connection error:', error.message));
    return created;
  };
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

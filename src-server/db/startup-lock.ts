import path from 'node:path';
import { SqliteAdapter, sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { ServerConfig } from '../config';
import type { Database } from './schema';

/**
 * Startup (migrations, then the demo seed) one instance at a time, so that several instances started at
 * once on an empty database do not each decide it is empty and seed it.
 *
 * PostgreSQL: a session advisory lock on a connection of its own, keyed by the schema (several schemas,
 * such as test runs, share one database without waiting for each other); a crashed holder's lock goes
 * with its connection. SQLite has one writer anyway, and the seed claims it first (claimSeedWriter); the
 * queue here is for instances in one process, whose connections would otherwise wait for each other
 * inside better-sqlite3's synchronous busy handler, which blocks the very event loop the holder needs.
 */
export async function withStartupLock<T>(
  db: Kysely<Database>,
  database: ServerConfig['database'],
  body: () => Promise<T>,
): Promise<T> {
  if (database.kind === 'postgres') {
    return db.connection().execute(async (connection) => {
      await sql`select pg_advisory_lock(${STARTUP_LOCK}, hashtext(current_schema()))`.execute(connection);
      try {
        return await body();
      } finally {
        await sql`select pg_advisory_unlock(${STARTUP_LOCK}, hashtext(current_schema()))`.execute(connection);
      }
    });
  }
  const key = path.resolve(database.file);
  const run = (sqliteStartups.get(key) ?? Promise.resolve()).then(body);
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  sqliteStartups.set(key, settled);
  try {
    return await run;
  } finally {
    if (sqliteStartups.get(key) === settled) sqliteStartups.delete(key);
  }
}

/**
 * Makes the seed's transaction the only writer before it reads anything, so that a second seed (another
 * process, or a caller that skipped the startup lock) waits and then finds the data instead of failing
 * on a unique key. PostgreSQL: a transaction advisory lock (another key than the startup lock, which
 * this process may hold on another connection). SQLite: a write that changes nothing takes the write
 * lock at once; a deferred transaction that read first could not wait for it (SQLITE_BUSY_SNAPSHOT).
 */
export async function claimSeedWriter(trx: Kysely<Database>): Promise<void> {
  if (trx.getExecutor().adapter instanceof SqliteAdapter) {
    await sql`delete from users where 0 = 1`.execute(trx);
  } else {
    await sql`select pg_advisory_xact_lock(${SEED_LOCK}, hashtext(current_schema()))`.execute(trx);
  }
}

/** The first keys of the advisory locks: arbitrary, fixed, and this application's own. */
const STARTUP_LOCK = 0x7a6801;
const SEED_LOCK = 0x7a6802;

/** The last startup queued per SQLite file in this process. */
const sqliteStartups = new Map<string, Promise<void>>();

import type { Kysely } from 'kysely';
import { AppFailure } from '../../src-shared/contracts/errors';
import type { RateLimit } from '../config';
import type { Database } from '../db/schema';

/**
 * Fixed-window request counters per bucket and client IP, kept in the database so that every server
 * instance on one PostgreSQL counts into the same window. One upsert adds the request and returns the
 * window's count, which both databases do atomically.
 */
export async function hitRateLimit(
  db: Kysely<Database>,
  bucket: string,
  client: string,
  limit: RateLimit,
  now: Date,
): Promise<void> {
  const windowMs = limit.windowSeconds * 1000;
  const start = Math.floor(now.getTime() / windowMs) * windowMs;
  const end = start + windowMs;
  const { count } = await db
    .insertInto('rate_limits')
    .values({ key: `${bucket}|${client}|${start}`, count: 1, expires_at: new Date(end).toISOString() })
    .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ count: eb('rate_limits.count', '+', 1) })))
    .returning('count')
    .executeTakeFirstOrThrow();
  if (Number(count) === 1) {
    // The first request of a window clears the windows that have ended, so the table stays small
    // without a timer (the server keeps no state between requests).
    await db.deleteFrom('rate_limits').where('expires_at', '<=', now.toISOString()).execute();
  }
  if (Number(count) > limit.max) {
    const seconds = Math.max(1, Math.ceil((end - now.getTime()) / 1000));
    throw new AppFailure('RATE_LIMITED', `操作过于频繁,请${seconds}秒后再试`, undefined, {
      retryAfterSeconds: seconds,
    });
  }
}

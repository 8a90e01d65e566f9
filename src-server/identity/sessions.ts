import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/**
 * Sessions live in the database, so any server instance can resolve any token. The table keeps only
 * a SHA-256 of each token: reading the database does not let anyone act as a user.
 */

/** A session ends a day after login however active it is, so a stolen token does not live forever. */
export const SESSION_MAX_AGE_MS = 24 * 60 * 60 * 1000;

const TOKEN_BYTES = 32;
/** base64url of 32 bytes, no padding. Anything else cannot be ours and skips the database. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export interface ResolvedSession {
  sessionId: string;
  userId: string;
}

/** Starts a session with a fresh token; every login gets its own, never a reused one. */
export async function createSession(
  db: Kysely<Database>,
  userId: string,
  now: Date = new Date(),
): Promise<{ sessionId: string; token: string }> {
  const token = randomBytes(TOKEN_BYTES).toString('base64url');
  const sessionId = randomUUID();
  const at = now.toISOString();
  await db
    .insertInto('sessions')
    .values({
      id: sessionId,
      token_hash: hashToken(token),
      user_id: userId,
      created_at: at,
      last_seen_at: at,
      expires_at: new Date(now.getTime() + SESSION_MAX_AGE_MS).toISOString(),
      revoked_at: null,
    })
    .execute();
  return { sessionId, token };
}

/**
 * How often a session's activity is written: once a minute is precise enough for an idle limit of
 * hours and spares a write on nearly every request. An idle limit under two minutes (tests, kiosks)
 * would lose too much of its precision, so there every use is written, as before.
 */
const ACTIVITY_WRITE_INTERVAL_MS = 60_000;

function activityWriteIntervalMs(idleMinutes: number): number {
  return idleMinutes * 60_000 < 2 * ACTIVITY_WRITE_INTERVAL_MS ? 0 : ACTIVITY_WRITE_INTERVAL_MS;
}

/**
 * The session a token belongs to, or null when it is unknown, revoked, past its lifetime, or idle for
 * longer than `idleMinutes`. A live session counts this use as activity (written at most once per
 * activity interval, see above).
 */
export async function resolveSession(
  db: Kysely<Database>,
  token: string,
  idleMinutes: number,
  now: Date = new Date(),
): Promise<ResolvedSession | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const row = await db
    .selectFrom('sessions')
    .select(['id', 'user_id', 'last_seen_at', 'expires_at'])
    .where('token_hash', '=', hashToken(token))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (row === undefined) return null;
  const idleUntil = Date.parse(row.last_seen_at) + idleMinutes * 60_000;
  if (now.getTime() >= Date.parse(row.expires_at) || now.getTime() >= idleUntil) return null;
  if (now.getTime() - Date.parse(row.last_seen_at) >= activityWriteIntervalMs(idleMinutes)) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: now.toISOString() })
      .where('id', '=', row.id)
      .execute();
  }
  return { sessionId: row.id, userId: row.user_id };
}

export async function revokeSession(db: Kysely<Database>, sessionId: string, now: Date = new Date()) {
  await db
    .updateTable('sessions')
    .set({ revoked_at: now.toISOString() })
    .where('id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .execute();
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Ends every live session of a user, on every device: after a password reset, old tokens must not work. */
export async function revokeUserSessions(db: Kysely<Database>, userId: string, now: Date = new Date()) {
  await db
    .updateTable('sessions')
    .set({ revoked_at: now.toISOString() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}

/** How often one instance deletes the sessions that can no longer be used. */
export const SESSION_SWEEP_INTERVAL_MS = 60_000;

/**
 * Deletes the sessions no token can use any more: past their lifetime (revoked ones included, they
 * end at the same time) or idle for longer than `idleMinutes`.
 */
export async function deleteDeadSessions(db: Kysely<Database>, now: Date, idleMinutes: number) {
  const idleSince = new Date(now.getTime() - idleMinutes * 60_000).toISOString();
  await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', now.toISOString()), eb('last_seen_at', '<=', idleSince)]))
    .execute();
}

/**
 * Runs deleteDeadSessions at most once per SESSION_SWEEP_INTERVAL_MS on the server's clock. Each
 * instance keeps its own last time: with several instances the table is swept more often, never
 * less, and nothing depends on the time being shared.
 */
export function sessionSweeper() {
  let lastSweep = Number.NEGATIVE_INFINITY;
  return {
    async sweepIfDue(db: Kysely<Database>, now: Date, idleMinutes: number) {
      if (now.getTime() - lastSweep < SESSION_SWEEP_INTERVAL_MS) return;
      lastSweep = now.getTime();
      await deleteDeadSessions(db, now, idleMinutes);
    },
  };
}

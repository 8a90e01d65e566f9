import type { Kysely } from 'kysely';
import { AppFailure } from '../../src-shared/contracts/errors';
import {
  classifyLoginIdentifier,
  normalizeIdNumber,
  normalizeMobile,
} from '../../src-shared/domain/validation';
import { formatBeijingHourMinute } from '../../src-shared/time/beijing-time';
import type { Database, UserRow } from '../db/schema';

/**
 * Defences against password guessing: failed logins are counted per subject; from the third failure
 * on, each attempt needs an image captcha; the fifth locks the subject for fifteen minutes.
 *
 * The subject is the account when the identifier names one (so its ID number, mobile and account name
 * share one count), and otherwise the normalised identifier, counted in exactly the same way: an
 * unknown account answers like a known one and reveals nothing.
 */

export const CAPTCHA_AFTER_FAILURES = 3;
export const LOCK_AFTER_FAILURES = 5;
export const LOCK_MINUTES = 15;

/** A row of an unknown identifier, idle this long, is of no use any more. */
const FORGET_AFTER_MS = 24 * 60 * 60 * 1000;

/** The subject of an account's failures, whichever identifier was typed. */
export function userSubject(userId: string): string {
  return `user:${userId}`;
}

export function loginSubject(identifier: string, user: UserRow | undefined): string {
  if (user !== undefined) return userSubject(user.id);
  const typed = identifier.trim();
  const kind = classifyLoginIdentifier(typed);
  const normalized =
    kind === 'idNumber'
      ? normalizeIdNumber(typed)
      : kind === 'mobile'
        ? normalizeMobile(typed)
        : typed.toLowerCase();
  return `${kind}:${normalized}`;
}

export interface LoginGuardState {
  failures: number;
  lockedUntil: Date | null;
}

/** The subject's count and lock; a lock that has run out is cleared, and counting starts again. */
export async function loginGuardState(
  db: Kysely<Database>,
  subject: string,
  now: Date,
): Promise<LoginGuardState> {
  const row = await db
    .selectFrom('login_failures')
    .select(['failures', 'locked_until'])
    .where('subject', '=', subject)
    .executeTakeFirst();
  if (row === undefined) return { failures: 0, lockedUntil: null };
  if (row.locked_until !== null) {
    if (row.locked_until > now.toISOString()) {
      return { failures: Number(row.failures), lockedUntil: new Date(row.locked_until) };
    }
    await db
      .deleteFrom('login_failures')
      .where('subject', '=', subject)
      .where('locked_until', '<=', now.toISOString())
      .execute();
    return { failures: 0, lockedUntil: null };
  }
  return { failures: Number(row.failures), lockedUntil: null };
}

/**
 * Counts an attempt before its password is checked, in one conditional upsert, so that parallel
 * attempts (on any instance) each get their own number and none can slip past the limits while
 * another is still hashing: an attempt is charged as a failure up front, and a success clears the
 * count. A locked subject is not counted and gets `lockedUntil` back instead; a lock that has run out
 * starts the count again at 1.
 */
export async function reserveLoginAttempt(
  db: Kysely<Database>,
  subject: string,
  now: Date,
): Promise<{ attempt: number } | { lockedUntil: Date }> {
  const at = now.toISOString();
  const reserved = await db
    .insertInto('login_failures')
    .values({ subject, failures: 1, locked_until: null, updated_at: at })
    .onConflict((oc) =>
      oc
        .column('subject')
        .doUpdateSet((eb) => ({
          failures: eb
            .case()
            .when('login_failures.locked_until', 'is not', null)
            .then(eb.lit(1))
            .else(eb('login_failures.failures', '+', eb.lit(1)))
            .end(),
          locked_until: null,
          updated_at: at,
        }))
        .where((eb) =>
          eb.or([eb('login_failures.locked_until', 'is', null), eb('login_failures.locked_until', '<=', at)]),
        ),
    )
    .returning('failures')
    .executeTakeFirst();
  if (reserved === undefined) {
    const row = await db
      .selectFrom('login_failures')
      .select('locked_until')
      .where('subject', '=', subject)
      .executeTakeFirst();
    // Unlocked in the meantime only if the lock ran out between the two statements: a rare race,
    // answered as locked for the lock's last moment.
    return { lockedUntil: new Date(row?.locked_until ?? at) };
  }
  const attempt = Number(reserved.failures);
  if (attempt === 1) {
    // A new subject: forget the unlocked ones nobody has tried for a day, so guessing at random
    // identifiers does not grow the table for ever.
    await db
      .deleteFrom('login_failures')
      .where('updated_at', '<', new Date(now.getTime() - FORGET_AFTER_MS).toISOString())
      .where('locked_until', 'is', null)
      .execute();
  }
  return { attempt };
}

/** Takes back an attempt that was refused before its password was checked (no captcha, server busy). */
export async function releaseLoginAttempt(db: Kysely<Database>, subject: string): Promise<void> {
  await db
    .updateTable('login_failures')
    .set((eb) => ({ failures: eb('failures', '-', eb.lit(1)) }))
    .where('subject', '=', subject)
    .where('failures', '>', 0)
    .execute();
}

/** Locks the subject for LOCK_MINUTES from now and returns when the lock ends. */
export async function lockLoginSubject(db: Kysely<Database>, subject: string, now: Date): Promise<Date> {
  const lockedUntil = new Date(now.getTime() + LOCK_MINUTES * 60_000);
  await db
    .updateTable('login_failures')
    .set({ locked_until: lockedUntil.toISOString() })
    .where('subject', '=', subject)
    .execute();
  return lockedUntil;
}

export async function clearLoginFailures(db: Kysely<Database>, subject: string): Promise<void> {
  await db.deleteFrom('login_failures').where('subject', '=', subject).execute();
}

export function accountLocked(lockedUntil: Date, now: Date): AppFailure {
  return new AppFailure(
    'ACCOUNT_LOCKED',
    `密码错误次数过多,账号已锁定至 ${formatBeijingHourMinute(lockedUntil, { roundUp: true })},请届时再试,或通过“忘记密码?”重置密码`,
    undefined,
    { retryAfterSeconds: Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000)) },
  );
}

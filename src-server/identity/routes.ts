import { AppFailure, ERROR_MESSAGES } from '../../src-shared/contracts/errors';
import { consumeCaptcha, CAPTCHA_INVALID_MESSAGE } from '../accounts/captcha';
import type { DeclareRoute } from '../http/route';
import {
  accountLocked,
  CAPTCHA_AFTER_FAILURES,
  clearLoginFailures,
  LOCK_AFTER_FAILURES,
  LOCK_MINUTES,
  lockLoginSubject,
  loginGuardState,
  loginSubject,
  releaseLoginAttempt,
  reserveLoginAttempt,
} from './login-guard';
import { UNMATCHABLE_PASSWORD_HASH } from './passwords';
import { createSession, revokeSession, sessionSweeper } from './sessions';
import { findUserById, findUserByLoginIdentifier, sessionUserFor } from './users';

function captchaRequired(): AppFailure {
  const message = ERROR_MESSAGES.CAPTCHA_REQUIRED;
  return new AppFailure('CAPTCHA_REQUIRED', message, { captchaAnswer: message }, { captchaRequired: true });
}

function captchaInvalid(): AppFailure {
  const message = CAPTCHA_INVALID_MESSAGE;
  return new AppFailure('CAPTCHA_INVALID', message, { captchaAnswer: message }, { captchaRequired: true });
}

/** Login, logout and "who am I". */
export function identityRoutes(route: DeclareRoute) {
  // Expired sessions are deleted by logins, at most once a minute per instance: a login is when the
  // table grows, and no timer has to be started and stopped with the server.
  const sweeper = sessionSweeper();

  route(
    'login',
    async ({ identifier, password, captchaId, captchaAnswer }, ctx) => {
      const { db, config, loginHashing, clientGone } = ctx;
      const now = ctx.now();
      const user = await findUserByLoginIdentifier(db, identifier);
      const subject = loginSubject(identifier, user);

      // A locked subject is refused before anything else, even with the right password.
      const guard = await loginGuardState(db, subject, now);
      if (guard.lockedUntil !== null) throw accountLocked(guard.lockedUntil, now);
      const captchaGiven = captchaId !== undefined && captchaAnswer !== undefined;
      if (guard.failures >= CAPTCHA_AFTER_FAILURES && !captchaGiven) throw captchaRequired();

      // The attempt is counted and the password checked in one turn of the hash queue: a login that
      // waited and was dropped (busy, client gone) has spent neither a captcha nor an attempt.
      const { attempt, passwordMatches } = await loginHashing.queue.run(clientGone, async () => {
        // After repeated failures the captcha comes first: without a solved one the password is not
        // even looked at, so a script cannot keep guessing, and these refusals do not count.
        const solve = () => consumeCaptcha(db, captchaId ?? '', captchaAnswer ?? '', now);
        let captchaSolved = false;
        if (guard.failures >= CAPTCHA_AFTER_FAILURES) {
          if (!(await solve())) throw captchaInvalid();
          captchaSolved = true;
        }
        const reserved = await reserveLoginAttempt(db, subject, now);
        if ('lockedUntil' in reserved) throw accountLocked(reserved.lockedUntil, now);
        // Attempts still in flight when the state was read count too, so a parallel burst gets as
        // many attempts without a captcha, and in all, as a sequence of attempts does.
        const before = reserved.attempt - 1;
        if (before >= CAPTCHA_AFTER_FAILURES && !captchaSolved) {
          const solved = captchaGiven && (await solve());
          if (!solved) {
            await releaseLoginAttempt(db, subject);
            throw captchaGiven ? captchaInvalid() : captchaRequired();
          }
        }
        if (before >= LOCK_AFTER_FAILURES) {
          throw accountLocked(await lockLoginSubject(db, subject, now), now);
        }
        // An unknown account is verified against a hash that matches nothing, so it fails in the
        // same time and with the same answer as a wrong password: neither reveals whether it exists.
        const matches = await loginHashing.verifyPassword(
          password,
          user?.password_hash ?? UNMATCHABLE_PASSWORD_HASH,
        );
        return { attempt: reserved.attempt, passwordMatches: matches };
      });

      if (user === undefined || !passwordMatches) {
        if (attempt >= LOCK_AFTER_FAILURES) {
          throw accountLocked(await lockLoginSubject(db, subject, now), now);
        }
        if (attempt < CAPTCHA_AFTER_FAILURES) throw new AppFailure('INVALID_CREDENTIALS');
        const left = LOCK_AFTER_FAILURES - attempt;
        throw new AppFailure(
          'INVALID_CREDENTIALS',
          `用户名/手机号码/身份证号或密码错误,再错${left}次账号将锁定${LOCK_MINUTES}分钟`,
          undefined,
          { captchaRequired: true },
        );
      }

      await clearLoginFailures(db, subject);
      const { token } = await createSession(db, user.id, now);
      await sweeper.sweepIfDue(db, now, config.sessionIdleMinutes);
      return { token, user: await sessionUserFor(db, user) };
    },
    { rateLimit: 'login' },
  );

  route('logout', async (_input, { db, session, now }) => {
    await revokeSession(db, session.sessionId, now());
    return { ok: true } as const;
  });

  route('me', async (_input, { db, session }) => {
    const user = await findUserById(db, session.userId);
    if (user === undefined) throw new AppFailure('UNAUTHENTICATED');
    return { user: await sessionUserFor(db, user) };
  });
}

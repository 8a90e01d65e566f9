import { AppFailure, ERROR_MESSAGES } from '../../src-shared/contracts/errors';
import { consumeCaptcha, CAPTCHA_INVALID_MESSAGE } from '../accounts/captcha';
import type { DeclareRoute } from '../http/route';
import {
  accountLocked,
  CAPTCHA_AFTER_FAILURES,
  clearLoginFailures,
  LOCK_AFTER_FAILURES,
  LOCK_MINUTES,
  loginGuardState,
  loginSubject,
  recordLoginFailure,
} from './login-guard';
import { UNMATCHABLE_PASSWORD_HASH, verifyPassword } from './passwords';
import { createSession, revokeSession } from './sessions';
import { findUserById, findUserByLoginIdentifier, sessionUserFor } from './users';

/** Login, logout and "who am I". */
export function identityRoutes(route: DeclareRoute) {
  route(
    'login',
    async ({ identifier, password, captchaId, captchaAnswer }, { db, now: clock }) => {
      const now = clock();
      const user = await findUserByLoginIdentifier(db, identifier);
      const subject = loginSubject(identifier, user);

      // A locked subject is refused before anything else, even with the right password.
      const guard = await loginGuardState(db, subject, now);
      if (guard.lockedUntil !== null) throw accountLocked(guard.lockedUntil, now);

      // After repeated failures the captcha comes first: without a solved one the password is not even
      // looked at, so a script cannot keep guessing, and these refusals do not count as failures.
      if (guard.failures >= CAPTCHA_AFTER_FAILURES) {
        const required = { captchaRequired: true } as const;
        if (captchaId === undefined || captchaAnswer === undefined) {
          const message = ERROR_MESSAGES.CAPTCHA_REQUIRED;
          throw new AppFailure('CAPTCHA_REQUIRED', message, { captchaAnswer: message }, required);
        }
        if (!(await consumeCaptcha(db, captchaId, captchaAnswer, now))) {
          const message = CAPTCHA_INVALID_MESSAGE;
          throw new AppFailure('CAPTCHA_INVALID', message, { captchaAnswer: message }, required);
        }
      }

      // An unknown account is verified against a hash that matches nothing, so it fails in the same time
      // and with the same answer as a wrong password: neither reveals whether the account exists.
      const passwordMatches = await verifyPassword(
        password,
        user?.password_hash ?? UNMATCHABLE_PASSWORD_HASH,
      );
      if (user === undefined || !passwordMatches) {
        const failed = await recordLoginFailure(db, subject, now);
        if (failed.lockedUntil !== null) throw accountLocked(failed.lockedUntil, now);
        if (failed.failures < CAPTCHA_AFTER_FAILURES) throw new AppFailure('INVALID_CREDENTIALS');
        const left = LOCK_AFTER_FAILURES - failed.failures;
        throw new AppFailure(
          'INVALID_CREDENTIALS',
          `用户名/手机号码/身份证号或密码错误,再错${left}次账号将锁定${LOCK_MINUTES}分钟`,
          undefined,
          { captchaRequired: true },
        );
      }

      await clearLoginFailures(db, subject);
      const { token } = await createSession(db, user.id, now);
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
